#!/usr/bin/env bash
# Load test of saving entries against PostgreSQL (bench/README.md, section 3).
#
# Starts a throwaway PostgreSQL server on 127.0.0.1 (as scripts/test.sh does), builds the load
# tool and Ayumi in Release, prepares the database through Ayumi's own code (migrations, demo
# data, FY2025 opened, 200 department editors), starts the Ayumi server on 127.0.0.1 against it,
# runs 200 closed-loop virtual users saving their own part, then the same number against a
# minimal endpoint doing the same single-row UPDATE, and prints a Markdown summary.
# Everything it started is stopped on exit. Usage, from anywhere:
#
#   bash bench/load-saves.sh
#
# Settings (environment variables, all optional):
#   USERS=200  WARMUP=15  MAX_WARMUP=90  BASELINE_WARMUP=10  DURATION=30  THINK_MS=0
#   SERVER_POOL=200  BASELINE_POOL=200
#   PORT=5445 (Ayumi)  BASELINE_PORT=5446  PG_PORT=55444  PG_FSYNC=off  PG_STATS=1  SKIP_BUILD=0
#   SERVER_CS_EXTRA=''  more Npgsql settings for the server's connection string, for experiments,
#                       e.g. 'Max Auto Prepare=50;No Reset On Close=true'
# The Ayumi phase warms up for at least WARMUP seconds and then until the server's tiered-JIT
# thread is quiet, at most MAX_WARMUP seconds. DURATION is capped at 120 s, MAX_WARMUP at 180 s;
# each step is bounded by `timeout`.
set -euo pipefail

USERS="${USERS:-200}"
WARMUP="${WARMUP:-15}"
MAX_WARMUP="${MAX_WARMUP:-90}"
BASELINE_WARMUP="${BASELINE_WARMUP:-10}"
DURATION="${DURATION:-30}"
THINK_MS="${THINK_MS:-0}"
SERVER_POOL="${SERVER_POOL:-200}"
BASELINE_POOL="${BASELINE_POOL:-200}"
PORT="${PORT:-5445}"
BASELINE_PORT="${BASELINE_PORT:-5446}"
PG_PORT="${PG_PORT:-55444}"
PG_FSYNC="${PG_FSYNC:-off}"
PG_STATS="${PG_STATS:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
SERVER_CS_EXTRA="${SERVER_CS_EXTRA:-}"
HOST=127.0.0.1
BASE="http://$HOST:$PORT"

for value in "$USERS" "$WARMUP" "$MAX_WARMUP" "$BASELINE_WARMUP" "$DURATION" "$THINK_MS" "$SERVER_POOL" "$BASELINE_POOL" "$PORT" "$BASELINE_PORT" "$PG_PORT"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "error: the numeric settings must be whole numbers (got '$value')" >&2; exit 2; }
done
(( DURATION >= 1 && DURATION <= 120 )) || { echo "error: DURATION must be between 1 and 120 seconds" >&2; exit 2; }
(( WARMUP <= MAX_WARMUP && MAX_WARMUP <= 180 && BASELINE_WARMUP <= 60 )) || { echo "error: WARMUP must be at most MAX_WARMUP (at most 180 s), BASELINE_WARMUP at most 60 s" >&2; exit 2; }
(( USERS >= 1 && USERS <= 1000 )) || { echo "error: USERS must be between 1 and 1000" >&2; exit 2; }
[[ "$PG_FSYNC" == on || "$PG_FSYNC" == off ]] || { echo "error: PG_FSYNC must be on or off" >&2; exit 2; }

LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_DIR="$REPO/src/Ayumi"
DLL="$APP_DIR/bin/Release/net10.0/Ayumi.dll"
TOOL="$REPO/bench/Ayumi.LoadTest/bin/Release/net10.0/Ayumi.LoadTest.dll"

command -v curl >/dev/null || { echo "error: curl is missing" >&2; exit 2; }
for port in "$PORT" "$BASELINE_PORT" "$PG_PORT"; do
  if (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
    echo "error: something already listens on $HOST:$port; stop it or choose another port" >&2
    exit 2
  fi
done

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing postgresql (Debian package)"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

WORK="$(mktemp -d /tmp/ayumi-load-saves.XXXXXX)"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
run_as=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$WORK"; run_as=(runuser -u postgres --); fi
SERVER_PID=""
PG_STARTED=0
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if (( PG_STARTED )); then "${run_as[@]}" "$pg_bin/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# A throwaway PostgreSQL cluster, as scripts/test.sh starts it, with room for the server's and
# the baseline's connection pools (plus a few for the tool itself).
max_connections=$(( SERVER_POOL + BASELINE_POOL + 20 ))
pg_options="-p $PG_PORT -k $WORK -c listen_addresses=$HOST -c fsync=$PG_FSYNC -c max_connections=$max_connections"
if [[ "$PG_STATS" == 1 ]] && ls "$pg_bin"/../lib/pg_stat_statements.so >/dev/null 2>&1; then
  pg_options="$pg_options -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on"
fi
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on $HOST:$PG_PORT (fsync=$PG_FSYNC, max_connections=$max_connections)"
"${run_as[@]}" "$pg_bin/initdb" -D "$WORK/data" -U ayumi --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$WORK/data" -o "$pg_options" -l "$WORK/pg.log" -w start >/dev/null
PG_STARTED=1
PG_PID="$(head -1 "$WORK/data/postmaster.pid")"
"$pg_bin/createdb" -h "$HOST" -p "$PG_PORT" -U ayumi ayumi_load
CONNECTION="Host=$HOST;Port=$PG_PORT;Username=ayumi;Database=ayumi_load"

if [[ "$SKIP_BUILD" != 1 ]]; then
  echo "== dotnet build bench/Ayumi.LoadTest -c Release (builds src/Ayumi too)"
  (cd "$REPO" && timeout 600 dotnet build bench/Ayumi.LoadTest -c Release -nologo -v quiet)
fi
[[ -f "$DLL" && -f "$TOOL" ]] || { echo "error: $DLL or $TOOL is missing; build first" >&2; exit 2; }

echo "== preparing the database (migrations, demo data, FY2025 opened, $USERS department editors)"
timeout 300 dotnet "$TOOL" prepare --connection "$CONNECTION" --users "$USERS" --year FY2025 --out "$WORK/users.tsv"

# The content root is the current folder, so start from src/Ayumi for wwwroot to be found.
SERVER_CONNECTION="$CONNECTION;Maximum Pool Size=$SERVER_POOL${SERVER_CS_EXTRA:+;$SERVER_CS_EXTRA}"
echo "== starting Ayumi on $BASE (Release, PostgreSQL, ${SERVER_CONNECTION#"$CONNECTION;"})"
(
  cd "$APP_DIR"
  ASPNETCORE_ENVIRONMENT=Production exec dotnet "$DLL" \
    --Urls="$BASE" \
    --Ayumi:Database:Provider=postgres \
    --ConnectionStrings:Ayumi="$SERVER_CONNECTION" \
    --Ayumi:DemoData=false \
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

LOAD_MEASURING="$(cut -d' ' -f1-3 /proc/loadavg)"
status=0
timeout $(( MAX_WARMUP + BASELINE_WARMUP + 2 * DURATION + 300 )) dotnet "$TOOL" run \
  --connection "$CONNECTION" \
  --users-file "$WORK/users.tsv" \
  --users "$USERS" \
  --target "$BASE" \
  --baseline-port "$BASELINE_PORT" \
  --baseline-pool "$BASELINE_POOL" \
  --warmup "$WARMUP" \
  --max-warmup "$MAX_WARMUP" \
  --baseline-warmup "$BASELINE_WARMUP" \
  --duration "$DURATION" \
  --think-ms "$THINK_MS" \
  --server-pid "$SERVER_PID" \
  --postgres-pid "$PG_PID" || status=$?

if REV="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null)"; then
  [[ -z "$(git -C "$REPO" status --porcelain -- src demo 2>/dev/null)" ]] || REV="$REV + uncommitted changes in src/ or demo/"
else
  REV="unknown (not a git checkout)"
fi
echo
echo "commit $REV; load average (1/5/15 min) at the start: $LOAD_AT_START; after build and preparation: $LOAD_MEASURING; now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: Release, Production, PostgreSQL fsync=$PG_FSYNC, ${SERVER_CONNECTION#"$CONNECTION;"}; baseline pool $BASELINE_POOL"

if grep -qiE 'fail|exception' "$WORK/server.log"; then
  echo
  echo "warning: the server logged errors during the run (first 20 lines):" >&2
  grep -iE 'fail|exception' "$WORK/server.log" | head -20 >&2
fi
exit $status
