#!/usr/bin/env bash
# Overload goodput (RATE-5): the same uncached, database-bound route (a name search over the catalogue on
# PostgreSQL, CACHE_ENABLED=false) on two explorers, one with the concurrency limits (per route class and the
# pool's) and one without. First the capacity (closed model, VUS connections, 2xx/s on the unlimited
# server) and the unloaded p99 (open model at a quarter of capacity), then an open-model load at 1x, 2x and
# 4x capacity, limiter off and on alternating. PRINTS a table; asserts nothing.
#   bench/overload-goodput.sh [STEP_SECONDS=15]
# Env: HEADROOM_TEST_DATABASE_URL (a PostgreSQL database; two private schemas are made and dropped),
#      REUSE_SCHEMA (an existing catalogue schema both servers read, instead of a sample lake each),
#      VUS (capacity run, default 16), ROUTE (default a search), SERVER_CPU / CLIENT_CPU (0 / 1), LIMIT_ENV (extra settings for the limited
#      server, e.g. "HEADROOM_CONCURRENCY_QUEUE=20 HEADROOM_CONCURRENCY_ALGORITHM=vegas").
# Per step: goodput (2xx/s), % of capacity, p99 of the admitted (2xx) requests from their intended send
# time, the shed (503) and other failures, and the server's CPU per 2xx request (from /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib/java.sh
source bench/lib/explorer.sh
JAR=${JAR:-headroom-cli/target/headroom.jar}
[ -f "$JAR" ] || ./mvnw -B -q -o package -pl headroom-cli -am -DskipTests
STEP=${1:-15}; VUS=${VUS:-16}
# The servers on one core, the load generator on the other: at 4x capacity an unpinned generator takes the
# server's CPU and the "capacity" it is measured against moves with it.
SERVER_CPU=${SERVER_CPU:-0}; CLIENT_CPU=${CLIENT_CPU:-1}
ROUTE=${ROUTE:-/api/v1/datasets?q=data&limit=50}
DB=${HEADROOM_TEST_DATABASE_URL:?a PostgreSQL JDBC URL}
PSQL_URL=${DB#jdbc:}
WORK=$(mktemp -d)
TAG=ovl_$$_$(date +%s)
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for m in on off; do psql "$PSQL_URL" -qc "DROP SCHEMA IF EXISTS ${TAG}_$m CASCADE" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
sep() { case "$DB" in *\?*) echo "&";; *) echo "?";; esac; }

start_explorer() {  # start_explorer MODE [VAR=VALUE...]: sets PORT_<MODE> and PID_<MODE>
  local mode=$1; shift
  local port; port=$(free_port)
  local catalog=()
  if [ -n "${REUSE_SCHEMA:-}" ]; then # an existing catalogue (e.g. bench/catalog.sh's million rows), read only
    mkdir -p "$WORK/$mode/lake"
    catalog=(DATABASE_URL="$DB$(sep)currentSchema=$REUSE_SCHEMA,public" HEADROOM_SAMPLE_DATASETS=0
      HEADROOM_LAKE_DIR="$WORK/$mode/lake" HEADROOM_REFRESH_INTERVAL=off)
  else
    psql "$PSQL_URL" -qc "CREATE SCHEMA ${TAG}_$mode" >/dev/null
    catalog=(DATABASE_URL="$DB$(sep)currentSchema=${TAG}_$mode" HEADROOM_SAMPLE_DATASETS=${SAMPLE:-150}
      HEADROOM_REFRESH_INTERVAL=24h)
  fi
  env HEADROOM_HOST=127.0.0.1 HEADROOM_PORT="$port" HEADROOM_DATA_DIR="$WORK/$mode" \
      CACHE_ENABLED=false HEADROOM_RATE_LIMITS=off "${catalog[@]}" "$@" \
      taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" -Xmx512m -jar "$JAR" serve > "$WORK/$mode.log" 2>&1 &
  PIDS+=($!)
  eval "PORT_$mode=$port PID_$mode=$!"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run NAME PORT PID LOAD-ARGS...: one load run; prints its figures and the server's CPU ms per 2xx request
run() {
  local name=$1 port=$2 pid=$3; shift 3
  local c1 c2
  c1=$(cpu_ticks "$pid")
  taskset -c "$CLIENT_CPU" "$JAVA_HOME/bin/java" -jar "$JAR" load --url "http://127.0.0.1:$port$ROUTE" --duration "${STEP}s" \
      --no-warmup-burst --out "$WORK/$name" "$@" > "$WORK/$name.out" 2>&1 || true
  c2=$(cpu_ticks "$pid")
  if [ ! -f "$WORK/$name/results.jtl" ]; then  # the run failed (e.g. no connection in time): say so, go on
    echo "run $name failed: $(tail -1 "$WORK/$name.out")" >&2
    echo "0 nan 0 0 nan 0 nan"
    return 0
  fi
  read -r okps p99 shed other p50 total < <(python3 bench/lib/jtl_stats.py "$WORK/$name/results.jtl" "$STEP")
  local cpu_ms
  cpu_ms=$(python3 -c "t=$okps*$STEP; print('%.2f' % (1000*($c2-$c1)/$(getconf CLK_TCK)/t) if t else 'nan')")
  echo "$okps $p99 $shed $other $p50 $total $cpu_ms"
}

start_explorer off HEADROOM_CONCURRENCY_LIMITS=off DB_ADMISSION=false
start_explorer on ${LIMIT_ENV:-}
await_explorer "$PORT_off" "$WORK/off.log"
await_explorer "$PORT_on" "$WORK/on.log"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (a shared, loaded machine)"
# warm both JITs on the route
for m in off on; do eval "p=\$PORT_$m; q=\$PID_$m"; run "warm_$m" "$p" "$q" --vus 8 > /dev/null; done

read -r cap _ _ _ _ _ cap_cpu < <(run capacity "$PORT_off" "$PID_off" --vus "$VUS")
CAP=${cap%.*}
[ "$CAP" -gt 0 ] || { echo "no capacity measured"; tail "$WORK/capacity.out"; exit 2; }
quarter=$(( CAP / 4 > 0 ? CAP / 4 : 1 ))
read -r _ unloaded_off _ _ _ _ _ < <(run unloaded_off "$PORT_off" "$PID_off" --rate "$quarter/s")
read -r _ unloaded_on _ _ _ _ _ < <(run unloaded_on "$PORT_on" "$PID_on" --rate "$quarter/s")
echo "capacity: $cap 2xx/s (closed model, $VUS connections, limiter off), server CPU $cap_cpu ms per request"
echo "unloaded p99 (at $quarter/s): limiter off $unloaded_off ms, on $unloaded_on ms"
echo
printf "%-7s %-8s %9s %9s %10s %12s %8s %7s %12s\n" limiter offered "rate/s" "2xx/s" "% of cap" "p99 2xx ms" "x unl." shed "CPU ms/2xx"
for mult in 1 2 4; do
  rate=$(( CAP * mult ))
  for m in off on; do
    eval "p=\$PORT_$m; q=\$PID_$m; unl=\$unloaded_$m"
    read -r okps p99 shed other _ _ cpu < <(run "x${mult}_$m" "$p" "$q" --rate "$rate/s")
    printf "%-7s %-8s %9s %9s %9.0f%% %12s %8.1f %7s %12s%s\n" "$m" "${mult}x" "$rate" "$okps" \
        "$(python3 -c "nan=float('nan'); print(100*$okps/$cap)")" "$p99" "$(python3 -c "nan=float('nan'); print($p99/$unl)")" "$shed" "$cpu" \
        "$([ "$other" -gt 0 ] && echo "  ($other other failures)")"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
