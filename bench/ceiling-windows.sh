#!/usr/bin/env bash
# Slow windows on a cached route (issue 16, part 3), not a test: prints figures, asserts nothing.
#
# Starts the explorer as bench/ceiling.sh does (pinned to SERVER_CPU, wrk pinned to CLIENT_CPU, rate limits
# raised so none refuses, everything else default), fills the cache, then runs WINDOWS consecutive wrk runs of
# WINDOW each on GET /api/v1/datasets?limit=50 and prints per window: req/s, p99, max, server CPU per request,
# the collector's pauses in it (count and longest, from -Xlog:gc) and any explorer log line written during it
# (the cache warmer, a refresh). Then the median p99 and the worst window's ratio to it (the issue asks <= 2x).
#
# Settings (environment): DATABASE_URL, REUSE_SCHEMA, DATASETS (100000), KEEP_SCHEMA as in bench/ceiling.sh;
# WINDOWS (10), WINDOW (15s), WARMUP (30s of unmeasured load after the start-up cache warming),
# CONNECTIONS (16), SERVER_CPU (0), CLIENT_CPU (1), ACCEPT_ENCODING (gzip),
# SERVER_JAVA_OPTS (e.g. -XX:+UseParallelGC; none by default), EXPLORER_ENV (more settings, e.g.
# "HEADROOM_ALLOCATION_SAMPLING=off CACHE_WARM_INTERVAL=1m").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bin/lib/java.sh"

database_url=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}
datasets=${DATASETS:-100000}
windows=${WINDOWS:-10}
window=${WINDOW:-15s}
connections=${CONNECTIONS:-16}
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
encoding=${ACCEPT_ENCODING:-gzip}
schema=${REUSE_SCHEMA:-"ceiling_windows_$(date +%s)"}
[ -n "${REUSE_SCHEMA:-}" ] && KEEP_SCHEMA=1
jar=${JAR:-"$root/headroom-cli/target/headroom.jar"}
work=$(mktemp -d)
server_pid=""

for tool in wrk taskset psql curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "${KEEP_SCHEMA:-0}" != "1" ]; then psql -q "$database_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -o -DskipTests package -pl headroom-cli -am)

separator='?'; [[ "$database_url" == *\?* ]] && separator='&'
schema_url="${database_url}${separator}currentSchema=${schema},public"
if [ -z "${REUSE_SCHEMA:-}" ]; then
  psql -q "$database_url" -c "CREATE SCHEMA $schema" >/dev/null
  "$JAVA_HOME/bin/java" -jar "$jar" generate --metadata-only --datasets "$datasets" --database "$schema_url" \
    2>"$work/load.log" | sed 's/^/   /'
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
unlimited=1000000000/1m
mkdir -p "$work/lake"
# shellcheck disable=SC2086 # EXPLORER_ENV and SERVER_JAVA_OPTS are lists of words
env HEADROOM_RATE_LIMIT_IP=$unlimited HEADROOM_RATE_LIMIT_USER=$unlimited HEADROOM_RATE_LIMIT_API=$unlimited \
    ${EXPLORER_ENV:-} DATABASE_URL="$schema_url" HEADROOM_PORT="$port" HEADROOM_HOST=127.0.0.1 \
    HEADROOM_DATA_DIR="$work" HEADROOM_LAKE_DIR="$work/lake" HEADROOM_SAMPLE_DATASETS=0 HEADROOM_REFRESH_INTERVAL=off \
    taskset -c "$server_cpu" "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} "-Xlog:gc:file=$work/gc.log:time" \
    -jar "$jar" serve >"$work/serve.log" 2>&1 &
server_pid=$!
url="http://127.0.0.1:$port/api/v1/datasets?limit=50"
for _ in $(seq 1 1200); do
  curl -fs -o /dev/null "$url" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the explorer died:"; cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
gc=$(grep -o 'Using [A-Za-z0-9 ]*' "$work/gc.log" | head -1 || true)
echo "== $windows windows of $window, GET $url (Accept-Encoding: $encoding), wrk -t1 -c$connections"
echo "   server core $server_cpu ($gc; ${SERVER_JAVA_OPTS:-no JVM options}; ${EXPLORER_ENV:-default settings}),"\
  "wrk core $client_cpu; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Steady state, not start-up: the cache warmer's first pass (folder statistics over the whole catalog, 16 s at a
# million rows on a slow machine) is over, then WARMUP of unmeasured load for the JIT.
for _ in $(seq 1 1200); do
  grep -q 'Cache warmed' "$work/serve.log" && break
  sleep 0.1
done
taskset -c "$client_cpu" wrk -t1 -c"$connections" -d"${WARMUP:-30s}" -H "Accept-Encoding: $encoding" "$url" >/dev/null
hz=$(getconf CLK_TCK)
printf '%6s %9s %9s %9s %10s %7s %12s  %s\n' window req/s p99_ms max_ms cpu_us/req gcs longest_gc_ms "log lines in the window"
: >"$work/windows.txt"
for w in $(seq 1 "$windows"); do
  ticks_before=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
  log_before=$(wc -l <"$work/serve.log")
  started=$(date +%s.%N)
  out=$(taskset -c "$client_cpu" wrk -t1 -c"$connections" -d"$window" --latency -H "Accept-Encoding: $encoding" "$url")
  ended=$(date +%s.%N)
  ticks_after=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
  python3 - "$work/gc.log" "$started" "$ended" "$out" "$((ticks_after - ticks_before))" "$hz" "$w" \
      "$(tail -n +"$((log_before + 1))" "$work/serve.log" | cut -c1-100 | paste -sd'|' -)" >>"$work/windows.txt" <<'PY'
import datetime, re, sys
gc_log, started, ended, out, ticks, hz, window, lines = sys.argv[1:9]
started, ended = float(started), float(ended)
def ms(v):
    n = float(re.sub(r'[a-z]+$', '', v))
    return n / 1000 if v.endswith('us') else n * 1000 if v.endswith('s') and not v.endswith('ms') else n
requests = int(re.search(r'(\d+) requests in', out).group(1))
rps = float(re.search(r'Requests/sec:\s+([\d.]+)', out).group(1))
p99 = ms(re.search(r'^\s+99%\s+(\S+)', out, re.M).group(1))
latency_max = ms(re.search(r'^\s+Latency\s+\S+\s+\S+\s+(\S+)', out, re.M).group(1))
pauses = []
for line in open(gc_log):
    m = re.match(r'\[(\S+)\].*Pause.* (\d+\.\d+)ms', line)
    if m:
        at = datetime.datetime.fromisoformat(m.group(1))  # -Xlog's time decorator: ISO 8601 with offset
        if started <= at.timestamp() <= ended:
            pauses.append(float(m.group(2)))
cpu = int(ticks) * 1e6 / int(hz) / requests
print(f"{window:>6} {rps:9.0f} {p99:9.2f} {latency_max:9.2f} {cpu:10.1f} {len(pauses):7d} {max(pauses, default=0):12.2f}  {lines}")
PY
  tail -1 "$work/windows.txt"
done
python3 - "$work/windows.txt" <<'PY'
import statistics, sys
p99 = [float(line.split()[2]) for line in open(sys.argv[1])]
median = statistics.median(p99)
worst = max(p99)
print(f"== p99 median {median:.2f} ms, worst {worst:.2f} ms = {worst / median:.2f}x the median "
      f"({'within' if worst <= 2 * median else 'NOT within'} 2x); best {min(p99):.2f} ms")
PY
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
