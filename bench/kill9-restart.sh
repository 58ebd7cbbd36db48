#!/usr/bin/env bash
# Restart after a crash on the embedded database: starts the server with `npm start` on a fresh data
# folder, then three times kills it with `kill -9` and times `npm start` until /api/health answers.
# Issue 12's target: serving again in under 10 s. Run: bash bench/kill9-restart.sh [PORT]
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-3917}"
WORK="$(mktemp -d)"
export DATA_DIR="$WORK/data" SURVEY_SECRET_FILE="$WORK/secret.key" PORT HOST=127.0.0.1 LOG_LEVEL=warn
unset DATABASE_URL
# Each `npm start` runs in its own process group (setsid), so only the servers this script started
# are killed — never another ParIndex server on the machine.
PGID=""
trap '[ -n "$PGID" ] && kill -9 -- "-$PGID" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
wait_up() { until curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null; do sleep 0.1; done; }
setsid npm start >"$WORK/first.log" 2>&1 & PGID=$!
wait_up
echo "first start (seeds the demo): up"
for i in 1 2 3; do
  kill -9 -- "-$PGID"; sleep 0.5
  t0=$(date +%s.%N)
  setsid npm start >"$WORK/restart$i.log" 2>&1 & PGID=$!
  wait_up
  t1=$(date +%s.%N)
  echo "restart $i after kill -9: $(echo "$t1 - $t0" | bc) s"
done
