#!/usr/bin/env bash
# Bulk statements beside readers (issue 18, decisions 0044 and 0045): on a data directory bench/load.sh generated,
# starts the server, then for DURATION seconds an operator's UPDATE of all of recruiter 2's touches every 0.2 s (each
# makes some 1,900 summaries stale and is told in about ten row notifications) while 32 connections read recruiter 2's
# dashboard, which refreshes them, and a probe times one dashboard every 50 ms. Prints how many updates deadlocked,
# the readers' throughput and p99, and the probes over 100 ms; stops the server.
#
#   SKIP_BUILD=1 SKIP_GENERATE=1 bench/load.sh ...   # first, once: the medium agency in WORK
#   bench/bulk-writes.sh                              # JAR, WORK (default /tmp/followup-bench), DURATION (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=${JAR:-$ROOT/followup-web/target/followup.jar}
WORK=${WORK:-/tmp/followup-bench}
DURATION=${DURATION:-30}
API=http://127.0.0.1:18080
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | head -1 || true)}
export FOLLOWUP_DATA_DIR=$WORK/data FOLLOWUP_PORT=18080 FOLLOWUP_ADMIN_PORT=18081 FOLLOWUP_DATABASE_PORT=55432
[ -f "$WORK/data/followup-password" ] || { echo "no generated agency in $WORK: run bench/load.sh first" >&2; exit 1; }

java -Xmx1g -jar "$JAR" server "$ROOT/bench/followup-bench.yml" > "$WORK/bulk-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do curl -sf -o /dev/null http://127.0.0.1:18081/healthcheck && break; sleep 0.5; done
csrf=$(curl -sf -c "$WORK/bulk-cookies" -H 'Content-Type: application/json' \
  -d '{"email":"admin.1@agency.example","password":"generated-agency"}' "$API/api/session" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')
TOKEN=$(curl -sf -b "$WORK/bulk-cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"name":"bulk-writes benchmark"}' "$API/api/users/2/tokens" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
export PGPASSWORD=$(cat "$WORK/data/followup-password")
sql() { "$PSQL" -qAt -h 127.0.0.1 -p 55432 -U postgres -d followup -c "$1" 2>&1; }

# Warm-up, unrecorded.
BENCH_TOKEN=$TOKEN BENCH_PATH=/api/dashboard wrk -t2 -c16 -d10s -s "$ROOT/bench/get.lua" "$API" > /dev/null 2>&1 || true

BENCH_TOKEN=$TOKEN BENCH_PATH=/api/dashboard \
  wrk -t2 -c32 -d${DURATION}s --timeout 10s --latency -s "$ROOT/bench/get.lua" "$API" > "$WORK/bulk-wrk.txt" 2>&1 &
readers=$!
(
  end=$((SECONDS + DURATION)); start=$(date +%s.%N)
  while [ $SECONDS -lt $end ]; do
    took=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$API/api/dashboard")
    python3 -c "import sys; t=float('$took'); print(f'@{float(\"$(date +%s.%N)\") - $start:.1f}s {t:.2f}s') if t > 0.1 else None"
    sleep 0.05
  done
) > "$WORK/bulk-probes.txt" &
probe=$!
ok=0; deadlocked=0; failed=0; end=$((SECONDS + DURATION))
while [ $SECONDS -lt $end ]; do
  out=$(sql "UPDATE touches SET subject = subject WHERE interview_id IN (SELECT i.id FROM interviews i
               JOIN recruiter_assignments a ON a.candidate_id = i.candidate_id WHERE a.recruiter_id = 2)")
  case $out in
    *deadlock*) deadlocked=$((deadlocked + 1)) ;;
    *ERROR*) failed=$((failed + 1)); echo "$out" >&2 ;;
    *) ok=$((ok + 1)) ;;
  esac
  sleep 0.2
done
wait $readers $probe
echo "bulk updates: $ok done, $deadlocked deadlocked, $failed failed otherwise"
echo "dashboard readers: $(grep Requests/sec "$WORK/bulk-wrk.txt" | awk '{print $2}') a second, p99 $(grep ' 99%' "$WORK/bulk-wrk.txt" | awk '{print $2}'), $(grep -c . "$WORK/bulk-probes.txt" || true) probes over 100 ms: $(tr '\n' ' ' < "$WORK/bulk-probes.txt")"
