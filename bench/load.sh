#!/usr/bin/env bash
# Load benchmark of the running server with wrk (Debian package `wrk`).
#
# Builds Ayumi in Release, starts it on 127.0.0.1 with the demo data on a temporary SQLite
# file, runs wrk against four URLs (home, Miyagi plan page, measures API, a static file)
# and stops the server on exit. Usage, from anywhere:
#
#   bash bench/load.sh
#
# Settings (environment variables, all optional):
#   PORT=5055  DURATION=10  CONNECTIONS=32  THREADS=2  SKIP_BUILD=0
# DURATION is capped at 60 s per URL so that a run stays short on a shared machine.
set -euo pipefail

PORT="${PORT:-5055}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SKIP_BUILD="${SKIP_BUILD:-0}"
HOST=127.0.0.1
BASE="http://$HOST:$PORT"

for value in "$PORT" "$DURATION" "$CONNECTIONS" "$THREADS"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "error: PORT, DURATION, CONNECTIONS and THREADS must be whole numbers" >&2; exit 2; }
done
if (( DURATION < 1 || DURATION > 60 )); then
  echo "error: DURATION must be between 1 and 60 seconds (got $DURATION)" >&2
  exit 2
fi

LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_DIR="$REPO/src/Ayumi"
DLL="$APP_DIR/bin/Release/net10.0/Ayumi.dll"

command -v wrk >/dev/null || { echo "error: wrk is missing; install it with: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "error: curl is missing" >&2; exit 2; }

if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  echo "error: something already answers on $BASE; stop it or choose another PORT" >&2
  exit 2
fi

WORK="$(mktemp -d /tmp/ayumi-load.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if [[ "$SKIP_BUILD" != 1 ]]; then
  echo "== dotnet build src/Ayumi -c Release"
  (cd "$REPO" && dotnet build src/Ayumi -c Release -nologo -v quiet)
fi
[[ -f "$DLL" ]] || { echo "error: $DLL is missing; build first" >&2; exit 2; }

# The demo documents are read from demo/ beside the built assembly; outside Development they load only with --demo.
echo "== starting Ayumi on $BASE (database $WORK/ayumi-bench.db)"
(
  cd "$APP_DIR"
  ASPNETCORE_ENVIRONMENT=Production exec dotnet "$DLL" \
    --demo --urls="$BASE" \
    --ConnectionStrings:Ayumi="Data Source=$WORK/ayumi-bench.db" \
    --Logging:LogLevel:Default=Warning
) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 120); do
  if curl -s -o /dev/null --max-time 2 "$BASE/"; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "error: the server exited; its log:" >&2; cat "$WORK/server.log" >&2; exit 1
  fi
  sleep 0.5
done
curl -s -o /dev/null --max-time 2 "$BASE/" || { echo "error: the server did not answer within 60 s; its log:" >&2; cat "$WORK/server.log" >&2; exit 1; }

URLS=(
  "/"
  "/plans/3"
  "/api/v1/plans/3/measures?fiscalYear=2024"
  "/css/site.css"
)

# Every URL must answer 200 before it is measured, and plan 3 must be Miyagi's.
for url in "${URLS[@]}"; do
  read -r code size < <(curl -s -o /dev/null --max-time 10 -w '%{http_code} %{size_download}\n' "$BASE$url")
  [[ "$code" == 200 ]] || { echo "error: $url answered $code" >&2; cat "$WORK/server.log" >&2; exit 1; }
  echo "   $url -> 200, $size bytes"
done
# Read whole, not piped into grep -q: under pipefail, grep leaving early can fail the pipe with curl's write error.
plan_json="$(curl -s --max-time 10 "$BASE/api/v1/plans/3")"
[[ "$plan_json" == *宮城県再犯防止推進計画* ]] \
  || { echo "error: plan 3 is not Miyagi's plan; the demo data changed" >&2; exit 1; }

# Warm up (JIT, EF Core query compilation, page compilation) without measuring.
for url in "${URLS[@]}"; do
  wrk -t1 -c4 -d2s "$BASE$url" >/dev/null
done

LOAD_MEASURING="$(cut -d' ' -f1-3 /proc/loadavg)"
SUMMARY=()
for url in "${URLS[@]}"; do
  echo
  echo "== wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency $BASE$url"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s "$BASE$url")"
  echo "$out"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"
  SUMMARY+=("$(printf '| `%s` | %s | %s | %s | %s |' "$url" "$rps" "$p50" "$p99" "${non2xx:-0}")")
done

echo
if REV="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null)"; then
  [[ -z "$(git -C "$REPO" status --porcelain -- src demo 2>/dev/null)" ]] || REV="$REV + uncommitted changes in src/ or demo/"
else
  REV="unknown (not a git checkout)"
fi
echo "== summary ($(date -u +%Y-%m-%d), commit $REV, $(nproc) cores)"
echo "   load average (1/5/15 min) at the start: $LOAD_AT_START; after build and warm-up: $LOAD_MEASURING"
echo "   wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency; wrk and the server share the machine's cores"
echo "| URL | requests/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|"
printf '%s\n' "${SUMMARY[@]}"

if grep -qiE 'fail|exception' "$WORK/server.log"; then
  echo
  echo "warning: the server logged errors during the run:" >&2
  grep -iE 'fail|exception' "$WORK/server.log" | head -20 >&2
fi
