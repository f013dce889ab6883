#!/usr/bin/env bash
# The pool's check on borrow, before and after (docs/benchmarks.md, "Checking connections on borrow"): the same jar
# with Dropwizard's pool behaviour (no check on borrow) and with Followup's defaults, alternating, the server
# restarted for each; wrk on the dashboard and the plan as recruiter 2, with the CPU per request of the server and
# of PostgreSQL.
#
#   bench/pool-check.sh            # on the data directory bench/load.sh generated (generates it when missing)
#
# Environment: JAR, WORK (default /tmp/followup-bench), PORT, ADMIN_PORT, DB_PORT (default 18080, 18081, 55432),
# DURATION (seconds per run, default 10), ROUNDS (default 3), CONNECTIONS (default 8), ENDPOINTS (default
# "dashboard plan"). Needs wrk, curl, python3 and psql.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=${JAR:-$ROOT/followup-web/target/followup.jar}
W=${WORK:-/tmp/followup-bench}
PORT=${PORT:-18080}
ADMIN_PORT=${ADMIN_PORT:-18081}
DB_PORT=${DB_PORT:-55432}
CONFIG=$ROOT/bench/followup-bench.yml
export FOLLOWUP_DATA_DIR=$W/data FOLLOWUP_PORT=$PORT FOLLOWUP_ADMIN_PORT=$ADMIN_PORT FOLLOWUP_DATABASE_PORT=$DB_PORT
API=http://127.0.0.1:$PORT
DURATION=${DURATION:-10}
mkdir -p "$W"
if [ ! -f "$W/data/PG_VERSION" ]; then
  java -jar "$JAR" generate "$CONFIG" --size medium --seed 1 2>&1 | grep -E "^Generated"
fi
start() {
  java -Xmx1g "$@" -jar $JAR server $CONFIG > $W/server.log 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do curl -sf http://127.0.0.1:$ADMIN_PORT/healthcheck >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}
stop() { kill $PID; wait $PID 2>/dev/null; }
tokens() {
  login=$(curl -sf -c $W/cookies -H 'Content-Type: application/json' -d '{"email":"admin.1@agency.example","password":"generated-agency"}' $API/api/session)
  csrf=$(echo "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')
  for user in 1 2; do
    curl -sf -b $W/cookies -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d '{"name":"pool-check"}' $API/api/users/$user/tokens \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' > $W/token-$user
  done
}
ticks() { # utime+stime, in clock ticks, of the processes given
  local total=0
  for p in "$@"; do
    [ -r /proc/$p/stat ] || continue
    total=$(( total + $(awk '{print $14 + $15}' /proc/$p/stat) ))
  done
  echo $total
}
pg_pids() { local pm=$(head -1 $W/data/postmaster.pid); echo $pm $(pgrep -P $pm); }
run() { # variant endpoint path connections
  local pgs=$(pg_pids)
  local jvm0=$(ticks $PID) pg0=$(ticks $pgs)
  BENCH_TOKEN=$(cat $W/token-2) BENCH_PATH=$3 BENCH_PAIRS=$W/pairs.txt \
    wrk -t2 -c$4 -d${DURATION}s --timeout 10s --latency -s $ROOT/bench/get.lua $API > $W/wrk.txt 2>&1
  local jvm1=$(ticks $PID) pg1=$(ticks $pgs)
  python3 - $W/wrk.txt "$1" "$2" "$4" "$(cut -d' ' -f1 /proc/loadavg)" $(( jvm1 - jvm0 )) $(( pg1 - pg0 )) $(getconf CLK_TCK) $DURATION <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
requests = rate * int(sys.argv[9])
hz = int(sys.argv[8])
jvm = int(sys.argv[6]) * 1000 / hz / requests
pg = int(sys.argv[7]) * 1000 / hz / requests
print(f"| {sys.argv[2]:<7} | {sys.argv[3]:<9} | {sys.argv[4]:>3} | {rate:>7.0f} | {ms('50'):>6.2f} | {ms('99'):>6.2f} | {jvm:.3f} | {pg:.3f} | {errors.group(1) if errors else 0} | {sys.argv[5]} |")
PY
}
variant() { # name, then the JVM's arguments
  local label=$1; shift
  start "$@" || { echo "server did not start"; cat $W/server.log; exit 1; }
  tokens
  # Warm-up: the admin's first dashboard stores every summary; then the recruiter's reads.
  curl -s -o /dev/null -H "Authorization: Bearer $(cat $W/token-1)" $API/api/dashboard
  BENCH_TOKEN=$(cat $W/token-2) BENCH_PATH=/api/dashboard wrk -t2 -c8 -d5s -s $ROOT/bench/get.lua $API >/dev/null 2>&1
  BENCH_TOKEN=$(cat $W/token-2) BENCH_PATH='/api/interviews/{id}/plan' BENCH_PAIRS=$W/pairs.txt wrk -t2 -c8 -d5s -s $ROOT/bench/get.lua $API >/dev/null 2>&1
  for c in ${CONNECTIONS:-8}; do
    for endpoint in ${ENDPOINTS:-dashboard plan}; do
      case $endpoint in
        dashboard) run $label dashboard /api/dashboard $c ;;
        plan) run $label plan '/api/interviews/{id}/plan' $c ;;
      esac
    done
  done
  stop
}
start || exit 1
# The embedded PostgreSQL asks for the password it keeps in its data directory (docs/operations.md).
export PGPASSWORD=$(cat "$FOLLOWUP_DATA_DIR/followup-password")
psql -qAtF ' ' -h 127.0.0.1 -p $DB_PORT -U postgres -d followup -c \
  "SELECT i.id, min(ii.contact_id) FROM interviews i JOIN interview_interviewers ii ON ii.interview_id = i.id
    WHERE i.candidate_id IN (SELECT candidate_id FROM recruiter_assignments WHERE recruiter_id = 2)
      AND i.ends_at < now() - interval '1 hour'
    GROUP BY i.id ORDER BY i.id" > $W/pairs.txt
stop
echo "pairs: $(wc -l < $W/pairs.txt); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
BEFORE=(-Ddw.database.checkConnectionOnBorrow=false -Ddw.database.validationInterval=30s "-Ddw.database.validationQuery=/* Followup health check */ SELECT 1")
echo "| variant | endpoint | c | req/s | p50 ms | p99 ms | server CPU ms/req | PostgreSQL CPU ms/req | non-2xx | load |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for round in $(seq 1 ${ROUNDS:-3}); do
  variant before "${BEFORE[@]}"
  variant after
done
