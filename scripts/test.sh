#!/usr/bin/env bash
# Runs Ayumi's whole test suite: unit, golden, integration (SQLite and PostgreSQL) and
# browser tests. Installs what the tests need on a fresh Debian machine (PostgreSQL,
# Chromium, Noto CJK and BIZ UD fonts, LibreOffice Calc, poppler-utils), starts a throwaway PostgreSQL server on
# 127.0.0.1 for the duration of the run, and prints "N passed, N failed" at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# fc-list -q rather than a pipe into grep -q: under pipefail, grep leaving early fails the pipe when fc-list gets SIGPIPE.
fc-list -q "Noto Sans CJK JP" 2>/dev/null || need+=(fonts-noto-cjk)
fc-list -q "BIZ UDPGothic" 2>/dev/null || need+=(fonts-morisawa-bizud-gothic)  # the PDFs' font
command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)  # converts test workbooks to .xls, opens exported ones
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)  # checks exported PDFs: page images and text layer
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} (Debian packages)…"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# A throwaway PostgreSQL cluster, owned by the postgres user when we are root (initdb refuses root).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_dir=$(mktemp -d /tmp/ayumi-pg.XXXXXX)
pg_port=${AYUMI_TEST_PG_PORT:-55432}
run_as=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; run_as=(runuser -u postgres --); fi
"${run_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U ayumi --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -l "$pg_dir/log" -w start >/dev/null
cleanup() { "${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap cleanup EXIT

export AYUMI_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=ayumi;Database=postgres"
export AYUMI_CHROMIUM=${AYUMI_CHROMIUM:-$(command -v chromium)}

results=$(mktemp -d /tmp/ayumi-results.XXXXXX)
status=0
dotnet test Ayumi.sln --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(f).getroot().find(".//{*}Counters")
    if counters is None: continue
    passed += int(counters.get("passed", 0)); failed += int(counters.get("failed", 0)) + int(counters.get("error", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
