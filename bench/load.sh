#!/usr/bin/env bash
# API under load on the medium generated agency, from wrk on loopback; start-up time and memory; CSV import vs COPY.
#
#   bench/load.sh                  # everything (build, generate, server, wrk, import)
#   SKIP_BUILD=1 SKIP_GENERATE=1 bench/load.sh    # reuse the jar and the data directory
#
# Environment: JAR (default followup-web/target/followup.jar), WORK (default /tmp/followup-bench), DURATION (seconds
# per wrk run, default 10), CONCURRENCIES (default "1 8 32 64"), ENDPOINTS (default "ping dashboard plan list list-admin touch note"),
# SIZE (default medium), SEED (default 1), WARMUP (seconds of unrecorded load on each read endpoint first, default 5), MIXED (default "dashboard plan": each read at 32 connections while
# WRITERS (default 4) connections log touches as fast as they can, as the admin or, with WRITER=recruiter, as the
# reading recruiter; MIXED= skips it), CDS (default on: the server starts with the class data sharing archive beside
# the jar when there is one; off: without), SETTLE (seconds of unrecorded plan requests after each run's touches are
# deleted, default 5; 0: none). Needs wrk (apt-get install wrk), curl, python3, and psql for the import part.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=${JAR:-$ROOT/followup-web/target/followup.jar}
WORK=${WORK:-/tmp/followup-bench}
DURATION=${DURATION:-10}
CONCURRENCIES=${CONCURRENCIES-"1 8 32 64"}
ENDPOINTS=${ENDPOINTS-"ping dashboard plan list list-admin touch note"}
SIZE=${SIZE:-medium}
SEED=${SEED:-1}
PORT=18080
ADMIN_PORT=18081
DB_PORT=55432
CONFIG=$ROOT/bench/followup-bench.yml
PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | head -1 || true)}
export FOLLOWUP_DATA_DIR=$WORK/data FOLLOWUP_PORT=$PORT FOLLOWUP_ADMIN_PORT=$ADMIN_PORT FOLLOWUP_DATABASE_PORT=$DB_PORT
mkdir -p "$WORK"
RESULTS=$WORK/results.txt
: > "$RESULTS"
note() { echo "$*" | tee -a "$RESULTS"; }
SERVER_PID=

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT

start_server() { # sets SERVER_PID and STARTUP (seconds to healthy); runs in this shell, not in $(...)
  if curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" > /dev/null 2>&1; then
    echo "Something already answers on port $ADMIN_PORT: stop it first." >&2
    return 1
  fi
  local started=$(date +%s.%N)
  java ${JAVA_OPTS:--Xmx1g} "${SHARING_OPTS[@]}" -jar "$JAR" server "$CONFIG" > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  # A first start after generating evaluates every plan summary before it reports healthy (minutes for a million).
  for _ in $(seq 1 $(( ${STARTUP_TIMEOUT:-1200} * 10 ))); do
    if curl -sf "http://127.0.0.1:$ADMIN_PORT/healthcheck" > /dev/null 2>&1; then
      STARTUP=$(python3 -c "print(f'{$(date +%s.%N) - $started:.2f}')")
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; return 1; }
    sleep 0.1
  done
  return 1
}

rss_mb() { ps -o rss= -p "$SERVER_PID" | awk '{printf "%.0f", $1 / 1024}'; }

# CPU time (clock ticks) of the server JVM and of the embedded PostgreSQL (the postmaster on $DB_PORT and its
# backends) so far: divided by the requests of a run it is the CPU a request costs, which neighbours' load on a shared
# machine changes far less than throughput.
cpu_ticks() {
  local postmaster pids
  postmaster=$(pgrep -f "postgres.*-p $DB_PORT" | head -1 || true)
  pids="$SERVER_PID $postmaster $( [ -n "$postmaster" ] && pgrep -P "$postmaster" | tr '\n' ' ')"
  for pid in $pids; do
    [ -r "/proc/$pid/stat" ] && awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true
  done | awk '{total += $1} END {print total + 0}'
}

note "# Followup API benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
note "machine: $(nproc) cores, $(uname -r); $(java -version 2>&1 | head -1)"
note "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# A durable commit waits for the disk's flush: its latency on this machine, before anything runs, and again beside
# every run that logs touches (bench/fsync-probe.py; an 8 kB write and fdatasync every 20 ms in $WORK).
note "disk flush, nothing running (10 s): $(python3 "$ROOT/bench/fsync-probe.py" "$WORK" 10)"

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl followup-web -am package -DskipTests -Dspotless.check.skip=true
fi

# The class data sharing archive the build made beside the jar, as the README's commands use it (decision 0050); CDS=off
# measures the starts without it. Only an archive the JVM can map with this jar (made for it, at this path, by this
# JDK): otherwise the server would start without it (warning in its log), and the figures would be mislabelled.
SHARING_OPTS=()
SHARING="off"
if [ "${CDS:-on}" = on ] && [ -f "${JAR%.jar}.jsa" ] \
  && java -Xshare:on -XX:SharedArchiveFile="${JAR%.jar}.jsa" -cp "$JAR" -version > /dev/null 2>&1; then
  SHARING_OPTS=(-XX:SharedArchiveFile="${JAR%.jar}.jsa")
  SHARING="on"
fi

if [ -z "${SKIP_GENERATE:-}" ]; then
  rm -rf "$WORK/data"
  started=$(date +%s.%N)
  java -jar "$JAR" generate "$CONFIG" --size "$SIZE" --seed "$SEED" 2>&1 | grep -E "^Generated|^Logins" | tee -a "$RESULTS"
  note "generate $SIZE (including starting the embedded database and the migrations): $(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')") s"
fi

# Start-up to healthy: the first start on the data directory, then again with it warm (PostgreSQL's files cached).
start_server
note "start-up to healthy: $STARTUP s (first start after generating; class data sharing $SHARING)"
stop_server
start_server
note "start-up to healthy: $STARTUP s (warm data directory; class data sharing $SHARING)"
note "RSS of the server JVM at rest after start-up: $(rss_mb) MB"

API=http://127.0.0.1:$PORT
login=$(curl -sf -c "$WORK/cookies" -H 'Content-Type: application/json' \
  -d '{"email":"admin.1@agency.example","password":"generated-agency"}' "$API/api/session")
csrf=$(echo "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')
token() {
  curl -sf -b "$WORK/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"name":"benchmark"}' "$API/api/users/$1/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
ADMIN_TOKEN=$(token 1)
RECRUITER_TOKEN=$(token 2) # recruiter.2@agency.example: 400 candidates, about 2,000 interviews

# The embedded PostgreSQL asks for the password it keeps in its data directory (docs/operations.md).
export PGPASSWORD=$(cat "$FOLLOWUP_DATA_DIR/followup-password")
# The recruiter's interviews with one of their interviewers: what plan, touch and note requests pick from.
"$PSQL" -qAtF ' ' -h 127.0.0.1 -p $DB_PORT -U postgres -d followup -c \
  "SELECT i.id, min(ii.contact_id) FROM interviews i JOIN interview_interviewers ii ON ii.interview_id = i.id
    WHERE i.candidate_id IN (SELECT candidate_id FROM recruiter_assignments WHERE recruiter_id = 2)
      AND i.ends_at < now() - interval '1 hour'
    GROUP BY i.id ORDER BY i.id" > "$WORK/pairs.txt"
note "interviews of recruiter 2 that have ended (plan, touch and note requests pick one at random): $(wc -l < "$WORK/pairs.txt")"

time_get() { curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $1" "$API$2"; }
# The touches this script logs are deleted after each run that logs them, so the recruiter's interviews keep the
# generated agency's few touches each: a data directory used for many runs would otherwise give them hundreds, and the
# plans, records and touches measured would grow with every run. Touches an interrupted run left (by the admin or
# recruiter 2, who log none in the generated agency) go first.
psql_bench() { "$PSQL" -qAt -h 127.0.0.1 -p $DB_PORT -U postgres -d followup -c "$1"; }
# The first dashboards after the start, before anything below changes the data (deleting leftovers would leave their
# summaries stale, and the first dashboard would then measure refreshing them).
note "first dashboard as the admin (evaluates and stores all summaries): $(time_get "$ADMIN_TOKEN" /api/dashboard) s"
note "second dashboard as the admin: $(time_get "$ADMIN_TOKEN" /api/dashboard) s"
note "first dashboard as recruiter 2: $(time_get "$RECRUITER_TOKEN" /api/dashboard) s"
left=$(psql_bench "WITH gone AS (DELETE FROM touches WHERE created_by IN (1, 2) RETURNING 1) SELECT count(*) FROM gone")
if [ "$left" != 0 ]; then
  note "deleted $left touches an earlier run of this script left; dashboard as the admin refreshing their summaries: $(time_get "$ADMIN_TOKEN" /api/dashboard) s"
fi
TOUCHES_BEFORE=$(psql_bench "SELECT coalesce(max(id), 0) FROM touches")
# The touches a run logged deleted, so each run starts from the same data: the summaries they changed evaluated again,
# as a dashboard does, and the interviews' records the delete dropped from the cache read again by SETTLE seconds
# (default 5) of unrecorded plan requests. Without that, the next run to ask for plans reloaded all of them (1,889
# records), and was charged for the benchmark's own clean-up (plan p99 29 to 30 ms in the 10 s after the delete,
# against 15 to 17 ms in the 10 s after those: docs/benchmarks.md, seventeenth session).
forget_touches() {
  psql_bench "DELETE FROM touches WHERE id > $TOUCHES_BEFORE" > /dev/null
  time_get "$RECRUITER_TOKEN" /api/dashboard > /dev/null
  if [ "${SETTLE:-5}" -gt 0 ]; then
    BENCH_TOKEN=$RECRUITER_TOKEN BENCH_PATH='/api/interviews/{id}/plan' BENCH_PAIRS=$WORK/pairs.txt \
      wrk -t1 -c8 -d${SETTLE:-5}s -s "$ROOT/bench/get.lua" "$API" > /dev/null 2>&1 || true
  fi
}

note "RSS of the server JVM after the warm-up: $(rss_mb) MB"

run_wrk() { # endpoint concurrency
  local endpoint=$1 connections=$2 threads=$(( $2 < 2 ? 1 : 2 ))
  local script path token=$RECRUITER_TOKEN kind=
  case $endpoint in
    ping) script=get.lua; path=/api/ping; token= ;; # no credentials: no authentication, no database
    dashboard) script=get.lua; path=/api/dashboard ;;
    plan) script=get.lua; path='/api/interviews/{id}/plan' ;;
    list) script=get.lua; path='/api/interviews?limit=50' ;; # the first page of the recruiter's interviews
    list-admin) script=get.lua; path='/api/interviews?limit=50'; token=$ADMIN_TOKEN ;; # what integrations poll
    touch) script=post.lua; kind=touch; path=/ ;;
    note) script=post.lua; kind=note; path=/ ;;
  esac
  BENCH_TOKEN=$token BENCH_PATH=$path BENCH_KIND=$kind BENCH_PAIRS=$WORK/pairs.txt \
    wrk -t$threads -c$connections -d${DURATION}s --timeout 10s --latency -s "$ROOT/bench/$script" "$API" \
    > "$WORK/wrk-$endpoint-$connections.txt" 2> "$WORK/wrk-$endpoint-$connections.err" &
  local wrk_pid=$! ticks_before=$(cpu_ticks)
  [ "$endpoint" != touch ] || start_fsync_probe
  sleep $(( DURATION / 2 ))
  local rss=$(rss_mb)
  wait $wrk_pid
  CPU_TICKS=$(( $(cpu_ticks) - ticks_before ))
  report_wrk "$WORK/wrk-$endpoint-$connections.txt" "$endpoint" "$connections" "$rss" "$CPU_TICKS"
  [ "$endpoint" != touch ] || report_fsync_probe
}

start_fsync_probe() { # beside a run that logs touches, for its DURATION
  python3 "$ROOT/bench/fsync-probe.py" "$WORK" "$DURATION" > "$WORK/fsync-probe.txt" &
  FSYNC_PROBE_PID=$!
}
report_fsync_probe() { # one line under the run's table row
  wait "$FSYNC_PROBE_PID"
  note "|   disk flush beside it: $(cat "$WORK/fsync-probe.txt") |"
}

report_wrk() { # wrk output, endpoint label, connections, RSS, CPU ticks of server and database ("-": not measured)
  python3 - "$1" "$2" "$3" "$4" "$(cut -d' ' -f1 /proc/loadavg)" "${5:--}" "$(getconf CLK_TCK)" <<'PY' | tee -a "$RESULTS"
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m:
        return float("nan")
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket = re.search(r"Socket errors: (.*)", text)
requests = int(re.search(r"(\d+) requests in", text).group(1))
cpu = "-" if sys.argv[6] == "-" or requests == 0 else f"{int(sys.argv[6]) * 1000 / int(sys.argv[7]) / requests:.2f}"
print(f"| {sys.argv[2]:<9} | {sys.argv[3]:>3} | {rate:>9.0f} | {ms('50'):>8.2f} | {ms('99'):>8.2f} | {errors.group(1) if errors else 0:>5} | {sys.argv[4]:>6} | {sys.argv[5]:>5} | {cpu:>6} |" + (f" socket errors: {socket.group(1)}" if socket else ""))
PY
}

# The JIT compiles the hot paths during the first seconds of load: each read endpoint, then logging touches (as the
# admin, so the recruiter's reads stay cached), runs WARMUP seconds (default 5) first, unrecorded, so the first table's
# rows are not measured on a cold server.
for endpoint in ping dashboard plan list; do
  [ "${WARMUP:-5}" -gt 0 ] || break
  BENCH_TOKEN=$([ $endpoint = ping ] || echo "$RECRUITER_TOKEN") BENCH_PAIRS=$WORK/pairs.txt \
    BENCH_PATH=$(case $endpoint in ping) echo /api/ping ;; dashboard) echo /api/dashboard ;;
                 plan) echo '/api/interviews/{id}/plan' ;; list) echo '/api/interviews?limit=50' ;; esac) \
    wrk -t2 -c16 -d${WARMUP:-5}s -s "$ROOT/bench/get.lua" "$API" > /dev/null 2>&1 || true
done
if [ "${WARMUP:-5}" -gt 0 ]; then
  BENCH_TOKEN=$ADMIN_TOKEN BENCH_PATH=/ BENCH_KIND=touch BENCH_PAIRS=$WORK/pairs.txt \
    wrk -t1 -c16 -d${WARMUP:-5}s -s "$ROOT/bench/post.lua" "$API" > /dev/null 2>&1 || true
  forget_touches
fi

note ""
note "| endpoint  |   c |     req/s | p50 (ms) | p99 (ms) | non-2xx | RSS MB | load | CPU ms/req |"
note "|---|---|---|---|---|---|---|---|---|"
for connections in $CONCURRENCIES; do
  for endpoint in $ENDPOINTS; do
    run_wrk "$endpoint" "$connections"
    [ "$endpoint" != touch ] || forget_touches
  done
done
# Mixed load (issue 18): each read endpoint at 32 connections while WRITERS connections log touches as fast as they
# can, both wrk runs at once over the same DURATION; ping alone just before, so the ratio is from the same minute.
MIXED=${MIXED-"dashboard plan"}
WRITERS=${WRITERS:-4}
if [ -n "$MIXED" ]; then
  note ""
  note "Mixed: 32 reading connections while $WRITERS connections log touches (both lines are one run)"
  note ""
  note "| endpoint  |   c |     req/s | p50 (ms) | p99 (ms) | non-2xx | RSS MB | load | CPU ms/req |"
  note "|---|---|---|---|---|---|---|---|---|"
  run_wrk ping 32
  for endpoint in $MIXED; do
    # The touches are logged as the admin, on recruiter 2's candidates' interviews (in the product their candidates
    # log them): the reading recruiter's dashboard changes with every one, but they are not the writer, whose own
    # next read always skips the cache (WRITER=recruiter measures that case).
    writer_token=$ADMIN_TOKEN
    [ "${WRITER:-admin}" = recruiter ] && writer_token=$RECRUITER_TOKEN
    BENCH_TOKEN=$writer_token BENCH_PATH=/ BENCH_KIND=touch BENCH_PAIRS=$WORK/pairs.txt \
      wrk -t1 -c$WRITERS -d${DURATION}s --timeout 10s --latency -s "$ROOT/bench/post.lua" "$API" \
      > "$WORK/wrk-touch-$WRITERS.txt" 2> "$WORK/wrk-touch-$WRITERS.err" &
    writer_pid=$!
    start_fsync_probe
    run_wrk "$endpoint" 32
    wait $writer_pid
    report_wrk "$WORK/wrk-touch-$WRITERS.txt" "touch (with $endpoint)" "$WRITERS" "-"
    report_fsync_probe
    forget_touches
  done
fi
note "RSS of the server JVM after the runs: $(rss_mb) MB"
note "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -z "${SKIP_IMPORT:-}" ]; then
  # CSV import vs COPY: the medium agency's interviews again, a year later (new natural keys), as a CSV file.
  "$PSQL" -qAt -h 127.0.0.1 -p $DB_PORT -U postgres -d followup -c "\\copy (
      SELECT ca.email AS candidate_email, co.name AS company, i.role,
             to_char((i.starts_at + interval '1 year') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS start,
             to_char((i.ends_at + interval '1 year') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS \"end\",
             i.format,
             (SELECT string_agg(c.business_email, ';' ORDER BY ii.position) FROM interview_interviewers ii
                JOIN contacts c ON c.id = ii.contact_id WHERE ii.interview_id = i.id) AS interviewers,
             i.round
        FROM interviews i JOIN candidates ca ON ca.id = i.candidate_id JOIN companies co ON co.id = i.company_id
       ORDER BY i.id) TO '$WORK/interviews.csv' WITH (FORMAT csv, HEADER)"
  rows=$(( $(wc -l < "$WORK/interviews.csv") - 1 ))
  note ""
  note "CSV import vs COPY, $rows interview rows ($(du -h "$WORK/interviews.csv" | cut -f1)), load average $(cut -d' ' -f1 /proc/loadavg)"
  # COPY of the same rows, ids already resolved, into interviews and interview_interviewers; rolled back. Each copied
  # row carries the id of the interview it copies (a column added inside the transaction), so its interviewers are
  # matched exactly. A baseline that fails stops the script: a figure is printed only for a COPY that ran.
  "$PSQL" -qAt -h 127.0.0.1 -p $DB_PORT -U postgres -d followup -c "\\copy (
      SELECT i.id, i.candidate_id, i.company_id, i.role, i.starts_at + interval '1 year', i.ends_at + interval '1 year',
             i.format, i.round FROM interviews i ORDER BY i.id) TO '$WORK/interviews.copy'"
  copy_started=$(date +%s.%N)
  if ! "$PSQL" -qAt -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $DB_PORT -U postgres -d followup <<SQL
BEGIN;
ALTER TABLE interviews ADD COLUMN bench_copied_from bigint;
\\copy interviews (bench_copied_from, candidate_id, company_id, role, starts_at, ends_at, format, round) FROM '$WORK/interviews.copy'
INSERT INTO interview_interviewers (interview_id, contact_id, position)
SELECT n.id, ii.contact_id, ii.position FROM interviews n
  JOIN interview_interviewers ii ON ii.interview_id = n.bench_copied_from
 WHERE n.bench_copied_from IS NOT NULL;
ROLLBACK;
SQL
  then
    note "COPY baseline FAILED (see the error above): no import-vs-COPY figure for this run"
    exit 1
  fi
  copy_seconds=$(python3 -c "print(f'{$(date +%s.%N) - $copy_started:.2f}')")
  note "COPY (interviews, then their interviewers by INSERT ... SELECT; rolled back): $copy_seconds s, $(python3 -c "print(f'{$rows / $copy_seconds:,.0f}')") rows/s"
  for mode in dry-run valid-rows valid-rows; do
    import_started=$(date +%s.%N)
    report=$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: text/csv' --data-binary "@$WORK/interviews.csv" \
      "$API/api/admin/import/interviews?mode=$mode")
    import_seconds=$(python3 -c "print(f'{$(date +%s.%N) - $import_started:.2f}')")
    summary=$(echo "$report" | python3 -c 'import json,sys; r=json.load(sys.stdin)["report"]; print("read %(rowsRead)s, invalid %(invalid)s, inserted %(inserted)s, skipped %(skipped)s, written %(written)s, %(millis)s ms in the server" % r)')
    note "import $mode: $import_seconds s over HTTP, $(python3 -c "print(f'{$rows / $import_seconds:,.0f}')") rows/s ($summary)"
  done
fi
note "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Results: $RESULTS"
