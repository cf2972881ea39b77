#!/usr/bin/env bash
# Deadline week (bench/README.md, section 7): 500 department users each sign in, load their
# to-do list, open their entry, save it twice and submit it, while 50 anonymous readers open
# published pages; against PostgreSQL (a cluster of its own, fsync=on) and against SQLite.
#
# For each provider it prepares a database through Ayumi's own code (migrations, demo data,
# years opened, department editors created with ASP.NET Core Identity), starts the Ayumi server
# (Release, Production) on 127.0.0.1, runs `Ayumi.LoadTest deadline` and stops the server.
# Everything it started is stopped on exit. Usage, from anywhere:
#
#   bash bench/deadline.sh
#
# Settings (environment variables, all optional):
#   PROVIDERS="postgres sqlite"  USERS=500  WARMUP_USERS=40  READERS=50  RAMP=30  THINK_MS=1000
#   MAX_SECONDS=300 (per provider's run)  PORT=5447 (Ayumi)  PG_PORT=55610  SKIP_BUILD=0
#   LOG_DIR (default: a new /tmp/ayumi-deadline-logs.* folder) keeps the servers' logs
set -euo pipefail

PROVIDERS="${PROVIDERS:-postgres sqlite}"
USERS="${USERS:-500}"
WARMUP_USERS="${WARMUP_USERS:-40}"
READERS="${READERS:-50}"
RAMP="${RAMP:-30}"
THINK_MS="${THINK_MS:-1000}"
MAX_SECONDS="${MAX_SECONDS:-300}"
PORT="${PORT:-5447}"
PG_PORT="${PG_PORT:-55610}"
SKIP_BUILD="${SKIP_BUILD:-0}"
HOST=127.0.0.1
BASE="http://$HOST:$PORT"

for value in "$USERS" "$WARMUP_USERS" "$READERS" "$RAMP" "$THINK_MS" "$MAX_SECONDS" "$PORT" "$PG_PORT"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "error: the numeric settings must be whole numbers (got '$value')" >&2; exit 2; }
done
(( USERS >= 1 && USERS <= 1000 && MAX_SECONDS <= 600 && RAMP <= 300 )) || { echo "error: USERS must be 1-1000, MAX_SECONDS at most 600, RAMP at most 300" >&2; exit 2; }
(( PG_PORT >= 55600 && PG_PORT <= 55699 )) || { echo "error: PG_PORT must be in 55600-55699" >&2; exit 2; }
for provider in $PROVIDERS; do
  [[ "$provider" == postgres || "$provider" == sqlite ]] || { echo "error: PROVIDERS lists postgres and/or sqlite, not '$provider'" >&2; exit 2; }
done

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP_DIR="$REPO/src/Ayumi"
DLL="$APP_DIR/bin/Release/net10.0/Ayumi.dll"
TOOL="$REPO/bench/Ayumi.LoadTest/bin/Release/net10.0/Ayumi.LoadTest.dll"
command -v curl >/dev/null || { echo "error: curl is missing" >&2; exit 2; }
for port in "$PORT" "$PG_PORT"; do
  if (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
    echo "error: something already listens on $HOST:$port; stop it or choose another port" >&2
    exit 2
  fi
done

WORK="$(mktemp -d /tmp/ayumi-deadline.XXXXXX)"
# The servers' logs are kept after the run, for the errors the summary counts.
LOG_DIR="${LOG_DIR:-$(mktemp -d /tmp/ayumi-deadline-logs.XXXXXX)}"
mkdir -p "$LOG_DIR"
SERVER_PID=""
PG_STARTED=0
pg_bin=""
run_as=()
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  if (( PG_STARTED )); then "${run_as[@]}" "$pg_bin/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if [[ "$SKIP_BUILD" != 1 ]]; then
  echo "== dotnet build bench/Ayumi.LoadTest -c Release (builds src/Ayumi too)"
  (cd "$REPO" && timeout 600 dotnet build bench/Ayumi.LoadTest -c Release -nologo -v quiet)
fi
[[ -f "$DLL" && -f "$TOOL" ]] || { echo "error: $DLL or $TOOL is missing; build first" >&2; exit 2; }

start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "== installing postgresql (Debian package)"
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$WORK"; run_as=(runuser -u postgres --); fi
  echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on $HOST:$PG_PORT (a cluster of its own, fsync=on)"
  "${run_as[@]}" "$pg_bin/initdb" -D "$WORK/data" -U ayumi --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$WORK/data" -o "-p $PG_PORT -k $WORK -c listen_addresses=$HOST -c fsync=on -c max_connections=250" \
    -l "$WORK/pg.log" -w start >/dev/null
  PG_STARTED=1
  "$pg_bin/createdb" -h "$HOST" -p "$PG_PORT" -U ayumi ayumi_deadline
}

run_provider() {
  local provider="$1" connection
  if [[ "$provider" == postgres ]]; then
    (( PG_STARTED )) || start_postgres
    connection="Host=$HOST;Port=$PG_PORT;Username=ayumi;Database=ayumi_deadline"
  else
    mkdir -p "$WORK/sqlite"
    connection="Data Source=$WORK/sqlite/ayumi.db"
  fi
  echo "== $provider: preparing the database ($(( USERS + WARMUP_USERS )) department editors, public pages)"
  timeout 600 dotnet "$TOOL" prepare --provider "$provider" --connection "$connection" --users $(( USERS + WARMUP_USERS )) \
    --year FY2025 --out "$WORK/$provider-users.tsv" --readers-out "$WORK/$provider-readers.tsv" | grep -v -e '^prepare:   ' -e '^{'

  echo "== $provider: starting Ayumi on $BASE (Release, Production)"
  # Every simulated user signs in from 127.0.0.1, so the per-address sign-in limits would refuse all but the first 30.
  (
    cd "$APP_DIR"
    ASPNETCORE_ENVIRONMENT=Production exec dotnet "$DLL" \
      --urls="$BASE" \
      --Ayumi:Database:Provider="$provider" \
      --ConnectionStrings:Ayumi="$connection" \
      --Ayumi:DemoData=false \
      --Ayumi:SignIn:PerClientAttempts=100000 \
      --Ayumi:SignIn:PerAddressAttempts=100000 \
      --Logging:LogLevel:Default=Warning
  ) >"$WORK/$provider-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null --max-time 2 "$BASE/"; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "error: the server exited; its log:" >&2; cat "$WORK/$provider-server.log" >&2; exit 1; fi
    sleep 0.5
  done
  curl -s -o /dev/null --max-time 2 "$BASE/" || { echo "error: the server did not answer within 60 s" >&2; cat "$WORK/$provider-server.log" >&2; exit 1; }

  timeout $(( MAX_SECONDS + 240 )) dotnet "$TOOL" deadline --provider "$provider" --connection "$connection" --target "$BASE" \
    --users-file "$WORK/$provider-users.tsv" --readers-file "$WORK/$provider-readers.tsv" \
    --users "$USERS" --warmup-users "$WARMUP_USERS" --readers "$READERS" --ramp "$RAMP" --think-ms "$THINK_MS" --max-seconds "$MAX_SECONDS"
  stop_server
  cp "$WORK/$provider-server.log" "$LOG_DIR/"
  if grep -qE '"LogLevel":"(Error|Critical)"|fail:' "$WORK/$provider-server.log"; then
    echo "warning: the server logged $(grep -cE '"LogLevel":"(Error|Critical)"|fail:' "$WORK/$provider-server.log") errors; the first 5 (all in $LOG_DIR/$provider-server.log):" >&2
    grep -m5 -E '"LogLevel":"(Error|Critical)"|fail:' "$WORK/$provider-server.log" | cut -c1-600 >&2 || true
  fi
}

REV="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "== commit $REV; $(nproc) cores; $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for provider in $PROVIDERS; do run_provider "$provider"; done
