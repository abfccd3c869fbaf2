#!/usr/bin/env bash
# Injected faults against the real Explorer (a separate JVM per case, as a user runs it): each case starts the
# service with one fault, runs a monitored open-model load, and checks that the diagnosis names the fault FIRST.
#   bench/diagnose-faults.sh [CASE...]      cases: pool heap cpu generator cache index (default: all)
# pool       DB_POOL_MAX=2, cache off, name searches over ROWS datasets on PostgreSQL at POOL_RATE (4 x RATE): the
#            pool's two connections cannot keep up, so requests queue for one: database pool saturation
# heap       HEAP_MAX (-Xmx40m: just above the service's live set) and large pages (100-row lists, the most the API
#            gives) at HEAP_RATE (5 x RATE), the service on core 0 and the generator on core 1, so neither's CPU is
#            taken for the other's: GC. (With -Xmx64m, or 48m, GC takes under 1 % of the time at 300/s: no fault.)
# cpu        two busy loops burn both cores beside the service: CPU (saturated by other processes)
# generator  the load generator pinned to one core with two busy loops on it, at 50 x RATE: load generator limit
# cache      cache off over ROWS metadata-only datasets on PostgreSQL, name searches: database, statement named
# index      the folder indexes dropped on that catalogue: advise-queries names the column folder
# Prints one line per case and a table; exits 1 when a case's first finding is not the expected one.
# Env: ROWS (default 200000), RATE (default 40), POOL_RATE, HEAP_RATE, HEAP_MAX, SECONDS_PER_CASE (default 15), HEADROOM_TEST_DATABASE_URL
# (PostgreSQL), JAR (default headroom-cli/target/headroom.jar), KEEP=1 (keep each case's outputs and logs).
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib/java.sh
JAR=${JAR:-headroom-cli/target/headroom.jar}
[ -f "$JAR" ] || ./mvnw -B -q -o package -pl headroom-cli -am -DskipTests
CASES=${*:-pool heap cpu generator cache index}
ROWS=${ROWS:-200000}; RATE=${RATE:-40}; SECS=${SECONDS_PER_CASE:-15}
POOL_RATE=${POOL_RATE:-$((RATE * 4))}; HEAP_RATE=${HEAP_RATE:-$((RATE * 5))}
DB=${HEADROOM_TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
TOKEN=bench-metrics-token
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ]; then echo "outputs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
RESULTS=()

# start_explorer NAME JAVA_OPTS [VAR=VALUE...]: starts the service (under $PIN, e.g. "taskset -c 0", when set),
# waits until its catalogue is in, sets PORT and SERVER
start_explorer() {
  local name=$1 opts=$2; shift 2
  PORT=$(free_port)
  # Rate limits off: one client at RATE/s is over a client's quota, and its 429s would hide the fault.
  env HEADROOM_HOST=127.0.0.1 HEADROOM_PORT="$PORT" HEADROOM_DATA_DIR="$WORK/$name" HEADROOM_METRICS_TOKEN=$TOKEN \
      HEADROOM_RATE_LIMITS=off \
      HEADROOM_RESOURCE_SAMPLE_INTERVAL=1s HEADROOM_SAMPLE_DATASETS=${SAMPLE:-300} "$@" \
      ${PIN:-} "$JAVA_HOME/bin/java" $opts -jar "$JAR" serve > "$WORK/$name.log" 2>&1 &
  SERVER=$!; PIDS+=("$SERVER")
  for _ in $(seq 1 600); do
    n=$(curl -s "http://127.0.0.1:$PORT/api/v1/stats/quick" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("totalCount",0))' 2>/dev/null || echo 0)
    [ "$n" -gt 0 ] && return 0
    sleep 0.5
  done
  echo "explorer $name did not start:"; tail -20 "$WORK/$name.log"; exit 2
}

# check NAME EXPECTED_CATEGORY TITLE_REGEX: the first finding of the run's summary.json
check() {
  python3 - "$WORK/$1/summary.json" "$1" "$2" "$3" <<'PY'
import json, re, sys
path, name, category, title = sys.argv[1:]
d = json.load(open(path))["diagnosis"]
f = d["findings"][0] if d["findings"] else {"category": "none", "title": "no finding", "impact": 0}
ok = f["category"] == category and re.search(title, f["title"]) is not None
print("%-9s %-4s first: [%s, impact %s] %s" % (name, "PASS" if ok else "FAIL", f["category"], f["impact"], f["title"]))
for g in d["findings"][1:3]:
    print("          then: [%s, impact %s] %s" % (g["category"], g["impact"], g["title"]))
sys.exit(0 if ok else 1)
PY
}

load() {  # load NAME PATH [extra load args...]: the generator runs under $GEN_PIN (e.g. "taskset -c 1") when set
  local name=$1 path=$2; shift 2
  ${GEN_PIN:-} "$JAVA_HOME/bin/java" -jar "$JAR" load --url "http://127.0.0.1:$PORT$path" --rate "$RATE/s" --duration "${SECS}s" \
      --monitor "http://127.0.0.1:$PORT" --monitor-token $TOKEN --out "$WORK/$name" "$@" > "$WORK/$name.out" 2>&1 || true
}

stop_explorer() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
record() { local name=$1; shift; if check "$name" "$@"; then RESULTS+=("$name PASS"); else RESULTS+=("$name FAIL"); fi; }

burn() {  # burn N [taskset CPU]: N busy loops, their pids added to PIDS and BURNERS
  BURNERS=()
  for _ in $(seq 1 "$1"); do
    if [ -n "${2:-}" ]; then taskset -c "$2" bash -c 'while :; do :; done' & else bash -c 'while :; do :; done' & fi
    BURNERS+=($!); PIDS+=($!)
  done
}
unburn() { for b in "${BURNERS[@]}"; do kill "$b" 2>/dev/null || true; done; }

catalogue() {  # a metadata-only catalogue of ROWS datasets in a private schema; sets PGURL
  SCHEMA=diag_$(date +%s)
  psql "${DB#jdbc:}" -qc "CREATE SCHEMA $SCHEMA" >/dev/null
  PGURL="$DB&currentSchema=$SCHEMA,public"
  "$JAVA_HOME/bin/java" -jar "$JAR" generate --metadata-only --datasets "$ROWS" --database "$PGURL" > "$WORK/generate.log" 2>&1
}

for c in $CASES; do
  case $c in
    pool)
      # On the 300-row embedded lake a query takes 14 us and two connections never run out. A two-letter name that
      # matches nothing is one the trigram index cannot serve (it needs three), so PostgreSQL reads all ROWS names
      # and each request holds its connection for tens of ms (a longer name that matches nothing takes 2 ms).
      [ -n "${PGURL:-}" ] || catalogue
      start_explorer pool "" DB_POOL_MAX=2 DB_POOL_MIN_IDLE=1 CACHE_ENABLED=false DATABASE_URL="$PGURL" \
          HEADROOM_REFRESH_INTERVAL=off
      RATE=$POOL_RATE load pool "/api/v1/datasets?q=qz&sort=size&limit=50"; stop_explorer
      record pool database "^Database connection pool saturated" ;;
    heap)
      # Pinned apart: unpinned, the generator's own CPU on the service's cores reads as "other processes" first.
      PIN="taskset -c 0" start_explorer heap "-Xmx${HEAP_MAX:-40m}" CACHE_ENABLED=false
      GEN_PIN="taskset -c 1" RATE=$HEAP_RATE load heap "/api/v1/datasets?limit=100"; stop_explorer
      record heap system "^Garbage collection" ;;
    cpu)
      start_explorer cpu "" CACHE_ENABLED=false
      burn 2; load cpu "/api/v1/datasets?limit=20"; unburn; stop_explorer
      record cpu system "^CPU saturated" ;;
    generator)
      start_explorer generator "" 
      # Two busy loops share the generator's core with it (a third of it left), at a rate far above what that
      # third can send. (Three loops and nice 19 left it so little that its JVM could not even open a
      # connection within 10 s on a quiet machine: no run, so no diagnosis.)
      burn 2 0
      GEN="taskset -c 0"
      $GEN "$JAVA_HOME/bin/java" -jar "$JAR" load --url "http://127.0.0.1:$PORT/api/health" --rate "$((RATE * 50))/s" \
          --duration "${SECS}s" --monitor "http://127.0.0.1:$PORT" --monitor-token $TOKEN --out "$WORK/generator" \
          > "$WORK/generator.out" 2>&1 || true
      unburn; stop_explorer
      record generator load_generator "^The load generator is the limit" ;;
    cache)
      [ -n "${PGURL:-}" ] || catalogue
      start_explorer cache "" CACHE_ENABLED=false DATABASE_URL="$PGURL" HEADROOM_REFRESH_INTERVAL=off
      load cache "/api/v1/datasets?q=lake&sort=size&limit=50"; stop_explorer
      record cache database "^Database time.*SELECT" ;;
    index)
      [ -n "${PGURL:-}" ] || catalogue
      for i in datasets_folder_name_idx datasets_folder_lm_idx datasets_folder_format_idx; do
        psql "${DB#jdbc:}" -qc "DROP INDEX $SCHEMA.$i" >/dev/null
      done
      FOLDER=$(psql "${DB#jdbc:}" -Atc "SELECT folder FROM $SCHEMA.datasets LIMIT 1")
      start_explorer index "" CACHE_ENABLED=false DATABASE_URL="$PGURL" HEADROOM_REFRESH_INTERVAL=off
      load index "/api/v1/datasets?folder=$FOLDER&limit=50"
      # the service's own query monitor too (--stats), while it runs: the run's summary has statements only when
      # its polls were answered, which a saturated service on a loaded machine may not do
      "$JAVA_HOME/bin/java" -jar "$JAR" advise-queries --database "$PGURL" --summary "$WORK/index/summary.json" \
          --stats "http://127.0.0.1:$PORT" --monitor-token $TOKEN > "$WORK/index.advice" 2>&1 || true
      stop_explorer
      if grep -q "suggest: CREATE INDEX ON $SCHEMA.datasets (folder" "$WORK/index.advice"; then
        echo "index     PASS $(grep -m1 'suggest: CREATE INDEX' "$WORK/index.advice")"; RESULTS+=("index PASS")
      else
        echo "index     FAIL"; cat "$WORK/index.advice"; RESULTS+=("index FAIL")
      fi ;;
    *) echo "unknown case $c"; exit 2 ;;
  esac
done
[ -n "${SCHEMA:-}" ] && psql "${DB#jdbc:}" -qc "DROP SCHEMA $SCHEMA CASCADE" >/dev/null 2>&1 || true
echo; echo "| case | result |"; echo "|---|---|"
for r in "${RESULTS[@]}"; do echo "| ${r% *} | ${r##* } |"; done
[[ " ${RESULTS[*]} " != *FAIL* ]]
