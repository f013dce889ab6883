#!/usr/bin/env bash
# Records the classes Followup loads as it starts, and as the demo admin logs in and opens the dashboard and the
# portal's home page: the list the build archives for class data sharing (followup-web/src/main/cds/classes.lst,
# decision 0050). Run it from the repository root after changing a dependency or adding many classes, with the jar
# built (./mvnw -pl followup-web -am package -DskipTests), then commit the list. A class the list names and the jar
# no longer has is skipped when the archive is made; a class the list lacks is loaded as usual: a stale list only
# makes the start slower, never wrong.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-followup-web/target/followup.jar}
PORT=${PORT:-18480}
work="$(mktemp -d)"
server=
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server"
    wait "$server" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export FOLLOWUP_DATA_DIR="$work/data" FOLLOWUP_PORT="$PORT" FOLLOWUP_ADMIN_PORT="$((PORT + 1))"
java -XX:DumpLoadedClassList="$work/classes.lst" -jar "$JAR" demo config/followup.yml > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$((PORT + 1))/healthcheck" > /dev/null 2>&1 && break
  sleep 0.2
done
api="http://127.0.0.1:$PORT"
curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"email":"alex.morgan@agency.example","password":"demo-admin-2026"}' "$api/api/session" > /dev/null
curl -sf -b "$work/cookies" "$api/api/dashboard" > /dev/null
curl -sf -b "$work/cookies" "$api/" > /dev/null
kill "$server"
wait "$server" || true
server=
# Lambda forms and proxies left out: half the file, and no measurable difference to a start (decision 0050).
grep -v '^@' "$work/classes.lst" | LC_ALL=C sort > followup-web/src/main/cds/classes.lst
echo "$(wc -l < followup-web/src/main/cds/classes.lst) classes in followup-web/src/main/cds/classes.lst"
