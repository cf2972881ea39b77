#!/usr/bin/env bash
# Report benchmark: a generated 500-measure plan with three years of entries (bench/Ayumi.Benchmarks,
# ReportPlan.cs), its progress sheet as the page, workbook and PDF, each against reading the same
# rows from the database alone, in one run. Usage, from anywhere:
#
#   bash bench/report.sh
#
# 1. builds bench/Ayumi.Benchmarks (and with it src/Ayumi) in Release;
# 2. writes the plan to a migrated SQLite file in a temporary folder (`report generate`);
# 3. starts the Ayumi server on that file (Release, Production, 127.0.0.1) and times the page
#    /plans/{id}/report/R6 with wrk on one connection for each layout (Miyagi, Ena), then the
#    workbook and the PDF downloads with curl, and reads the server's peak working set (VmHWM);
# 4. stops the server and runs `report measure` in its own process: the DB read alone, the
#    sheet, the workbook and the PDF in process, with that process's peak working set.
#
# Settings (environment variables, all optional):
#   PORT=5057  DURATION=10 (wrk seconds per layout, at most 60)  WARMUP=5 (seconds per layout, twice)
#   RUNS=7  PDF_RUNS=3  DOWNLOADS=3  SKIP_BUILD=0
set -euo pipefail

PORT="${PORT:-5057}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
RUNS="${RUNS:-7}"
PDF_RUNS="${PDF_RUNS:-3}"
DOWNLOADS="${DOWNLOADS:-3}"
SKIP_BUILD="${SKIP_BUILD:-0}"
HOST=127.0.0.1
BASE="http://$HOST:$PORT"

for value in "$PORT" "$DURATION" "$WARMUP" "$RUNS" "$PDF_RUNS" "$DOWNLOADS"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "error: PORT, DURATION, WARMUP, RUNS, PDF_RUNS and DOWNLOADS must be whole numbers" >&2; exit 2; }
done
if (( DURATION < 1 || DURATION > 60 )); then echo "error: DURATION must be between 1 and 60 seconds" >&2; exit 2; fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_AT_START="$(load)"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_DIR="$REPO/src/Ayumi"
DLL="$APP_DIR/bin/Release/net10.0/Ayumi.dll"
BENCH="$REPO/bench/Ayumi.Benchmarks/bin/Release/net10.0/Ayumi.Benchmarks.dll"

command -v wrk >/dev/null || { echo "error: wrk is missing; install it with: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "error: curl is missing" >&2; exit 2; }
fc-list -q "BIZ UDPGothic" 2>/dev/null || echo "warning: the PDFs' font BIZ UDPGothic is missing (apt-get install -y fonts-morisawa-bizud-gothic); Chromium falls back to Noto Sans CJK JP, which makes the PDFs larger and slower" >&2
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "error: something already answers on $BASE; stop it or choose another PORT" >&2
  exit 2
fi

WORK="$(mktemp -d /tmp/ayumi-report.XXXXXX)"
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

if [[ "$SKIP_BUILD" != 1 ]]; then
  echo "== dotnet build bench/Ayumi.Benchmarks -c Release (builds src/Ayumi too)"
  (cd "$REPO" && dotnet build bench/Ayumi.Benchmarks -c Release -nologo -v quiet)
fi
[[ -f "$DLL" && -f "$BENCH" ]] || { echo "error: $DLL or $BENCH is missing; build first" >&2; exit 2; }

DB="$WORK/report.db"
echo "== generating the plan into $DB"
GEN="$(dotnet "$BENCH" report generate --db "$DB")"
echo "$GEN"
PLAN_ID="$(awk '/^plan / {sub(":", "", $2); print $2}' <<<"$GEN")"
mapfile -t LAYOUTS < <(awk '/^template / {print $2}' <<<"$GEN")
mapfile -t QUERIES < <(awk '/^template / {print $3}' <<<"$GEN")
[[ -n "$PLAN_ID" && ${#LAYOUTS[@]} -gt 0 ]] || { echo "error: report generate printed no plan id or layouts" >&2; exit 1; }

echo "== starting Ayumi on $BASE"
(
  cd "$APP_DIR"
  ASPNETCORE_ENVIRONMENT=Production exec dotnet "$DLL" \
    --Urls="$BASE" \
    --ConnectionStrings:Ayumi="Data Source=$DB" \
    --Ayumi:DemoData=false \
    --Logging:LogLevel:Default=Warning
) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  if curl -s -o /dev/null --max-time 2 "$BASE/"; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "error: the server exited; its log:" >&2; cat "$WORK/server.log" >&2; exit 1; fi
  sleep 0.5
done
curl -s -o /dev/null --max-time 2 "$BASE/" || { echo "error: the server did not answer within 60 s" >&2; cat "$WORK/server.log" >&2; exit 1; }
peak_mb() { awk '/^VmHWM:/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
PEAK_STARTED="$(peak_mb "$SERVER_PID")"

PAGE="/plans/$PLAN_ID/report/R6"
# The first request: page compilation, JIT and EF Core's model and query compilation included.
read -r code first size < <(curl -s -o "$WORK/page.html" --max-time 60 -w '%{http_code} %{time_total} %{size_download}\n' "$BASE$PAGE")
[[ "$code" == 200 ]] || { echo "error: $PAGE answered $code" >&2; cat "$WORK/server.log" >&2; exit 1; }
grep -q 'progress-sheet' "$WORK/page.html" || { echo "error: $PAGE has no progress sheet" >&2; exit 1; }
echo "   $PAGE -> 200, $size bytes, first request ${first}s"

# Warm-up: the tiered JIT keeps recompiling for a while; a first round measured right after 2 s of
# warm-up came out 2-3 times slower than the next.
for _ in 1 2; do
  for i in "${!LAYOUTS[@]}"; do
    url="$BASE$PAGE?${QUERIES[$i]}"
    read -r code size < <(curl -s -o /dev/null --max-time 60 -w '%{http_code} %{size_download}\n' "$url")
    [[ "$code" == 200 ]] || { echo "error: $url answered $code" >&2; exit 1; }
    wrk -t1 -c1 -d"${WARMUP}s" --timeout 10s "$url" >/dev/null
  done
done

LOAD_PAGE="$(load)"
PAGE_ROWS=()
for i in "${!LAYOUTS[@]}"; do
  url="$BASE$PAGE?${QUERIES[$i]}"
  read -r code size < <(curl -s -o /dev/null --max-time 60 -w '%{http_code} %{size_download}\n' "$url")
  echo
  echo "== ${LAYOUTS[$i]}: wrk -t1 -c1 -d${DURATION}s --latency $PAGE?template=…"
  out="$(wrk -t1 -c1 -d"${DURATION}s" --latency --timeout 10s "$url")"
  echo "$out"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p90="$(awk '$1 == "90%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"
  PAGE_ROWS+=("$(printf '| %s | %s | %s | %s | %s | %s | %s KB | %s |' "${LAYOUTS[$i]}" "$requests" "$rps" "$p50" "$p90" "$p99" "$((size / 1024))" "${non2xx:-0}")")
done
PEAK_PAGE="$(peak_mb "$SERVER_PID")"

# Downloads: DOWNLOADS timed requests of each, after one untimed (or, for the PDF, separately reported) first one.
LOAD_DOWNLOADS="$(load)"
DOWNLOAD_ROWS=()
for handler in xlsx pdf; do
  for i in "${!LAYOUTS[@]}"; do
    url="$BASE$PAGE?handler=$handler&${QUERIES[$i]}"
    read -r code firstdl size < <(curl -s -o /dev/null --max-time 120 -w '%{http_code} %{time_total} %{size_download}\n' "$url")
    [[ "$code" == 200 ]] || { echo "error: $url answered $code" >&2; cat "$WORK/server.log" >&2; exit 1; }
    times=()
    for _ in $(seq 1 "$DOWNLOADS"); do times+=("$(curl -s -o /dev/null --max-time 120 -w '%{time_total}' "$url")"); done
    sorted="$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')"
    median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
    DOWNLOAD_ROWS+=("$(printf '| %s | %s | %.0f ms | %.0f ms | %s | %s KB |' "$handler" "${LAYOUTS[$i]}" "$(awk "BEGIN {print $median * 1000}")" "$(awk "BEGIN {print $firstdl * 1000}")" "$sorted" "$((size / 1024))")")
    echo "   $handler ${LAYOUTS[$i]}: first ${firstdl}s, then $sorted(s)"
  done
done
PEAK_END="$(peak_mb "$SERVER_PID")"
# Playwright's driver and Chromium run as descendants of the server.
descendants() { ps -e -o pid=,ppid= | awk -v root="$1" '{parent[$1] = $2} END {n = 1; set[root] = 1; do {added = 0; for (p in parent) if (!(p in set) && (parent[p] in set)) {set[p] = 1; added = 1}} while (added); for (p in set) if (p != root) print p}'; }
CHROMIUM_PEAK="$(for pid in $(descendants "$SERVER_PID"); do awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true; done | awk '{s += $1} END {printf "%d", s / 1024}')"
stop_server
if grep -qiE 'fail|exception' "$WORK/server.log"; then
  echo "warning: the server logged errors during the run:" >&2
  grep -iE 'fail|exception' "$WORK/server.log" | head -20 >&2
fi

echo
echo "== report measure (in process, after the server has stopped)"
LOAD_MEASURE="$(load)"
MEASURE="$(dotnet "$BENCH" report measure --db "$DB" --runs "$RUNS" --pdf-runs "$PDF_RUNS")"

if REV="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null)"; then
  [[ -z "$(git -C "$REPO" status --porcelain -- src bench 2>/dev/null)" ]] || REV="$REV + uncommitted changes"
else
  REV="unknown"
fi
echo
echo "== summary ($(date -u '+%Y-%m-%d %H:%M') UTC, commit $REV, $(nproc) cores)"
echo "load average (1/5/15 min): start $LOAD_AT_START; page $LOAD_PAGE; downloads $LOAD_DOWNLOADS; in-process measure $LOAD_MEASURE; end $(load)"
echo
echo "Page $PAGE on the running server (Release, Production, server GC), wrk -t1 -c1 -d${DURATION}s, one request at a time; first request after start-up: $(awk "BEGIN {printf \"%.0f\", $first * 1000}") ms"
echo
echo "| layout | requests | requests/s | p50 | p90 | p99 | size | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${PAGE_ROWS[@]}"
echo
echo "Downloads from the running server (curl, whole response), median of $DOWNLOADS after a first request; the first PDF includes Chromium's start-up"
echo
echo "| handler | layout | median | first | all (s) | size |"
echo "|---|---|---:|---:|---|---:|"
printf '%s\n' "${DOWNLOAD_ROWS[@]}"
echo
echo "Server peak working set (VmHWM): ${PEAK_STARTED} MB after start-up, ${PEAK_PAGE} MB after the pages, **${PEAK_END} MB after the downloads**; Chromium's processes (peak, summed): ${CHROMIUM_PEAK} MB"
echo
echo "$MEASURE"
