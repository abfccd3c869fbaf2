#!/usr/bin/env bash
# The Spring example's cached route served by the Headroom starter's response cache against the same
# route cached the usual Spring way (@Cacheable over Caffeine, Jackson serialising and Tomcat's
# server.compression gzipping on every request). One JVM serves both routes, so the runs alternate
# (starter, baseline, starter, ...) on the same warmed process, each with and without
# `Accept-Encoding: gzip`. PRINTS figures; asserts nothing.
#   bench/spring-cache.sh [ROUNDS=3] [SECONDS=10] [CONNECTIONS=32] [RATE=500]
# Two phases: wrk, closed model (CONNECTIONS busy connections: the most each side can serve), then
# `headroom load`, open model at a fixed RATE req/s that both sides can serve, for latency at the same
# offered load (under wrk the faster side also queues more requests in the client, which shows in its p99).
# The client is pinned to CPU 0, the service to CPU 1 (taskset). Server CPU per request is the service's
# utime+stime from /proc/<pid>/stat over each run, divided by the requests the client completed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; SECONDS_PER_RUN=${2:-10}; CONNECTIONS=${3:-32}; RATE=${4:-500}
source bin/lib/java.sh
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
LOAD_JAR=headroom-cli/target/headroom.jar
bin/headroom --version >/dev/null  # rebuilds the CLI when its sources are newer
WORK=$(mktemp -d)
./mvnw -B -q -o test-compile dependency:build-classpath -pl examples/spring-boot-service -am \
    -Dmdep.outputFile="$WORK/cp" -DincludeScope=runtime > "$WORK/build.log" 2>&1 \
    || { tail -20 "$WORK/build.log" >&2; exit 1; }
CP="examples/spring-boot-service/target/classes:$(cat "$WORK/cp")"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c 1 "$JAVA_HOME/bin/java" -Xms512m -Xmx512m -cp "$CP" io.headroom.examples.spring.ExampleApplication \
    --server.port="$PORT" --example.bench.cacheable=true --server.compression.enabled=true \
    --logging.level.root=WARN > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 0.5; done
BASE="http://127.0.0.1:$PORT"
STARTER="$BASE/api/categories/books/items"
BASELINE="$BASE/bench/cacheable/categories/books/items"
# What each side sends: the starter a precompressed hit, the baseline Tomcat's gzip of a fresh serialisation.
for url in "$STARTER" "$BASELINE"; do
  curl -s -o /dev/null -H 'Accept-Encoding: gzip' -D - "$url" | grep -iE '^(x-cache|content-encoding|etag)' | tr -d '\r' \
    | sed "s#^#  ${url#$BASE}: #"
done
ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
run() { # run NAME URL SECONDS [wrk header args...] -> "req/s p99_ms cpu_us"
  local url=$2 secs=$3; shift 3
  local c1 c2
  c1=$(ticks)
  taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"${secs}s" --latency "$@" "$url" > "$WORK/wrk"
  c2=$(ticks)
  python3 - "$WORK/wrk" "$c1" "$c2" "$(getconf CLK_TCK)" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
c1, c2, tck = (float(x) for x in sys.argv[2:5])
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
n = int(re.search(r"(\d+) requests in", text).group(1))
m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if bad:
    sys.exit("non-2xx answers: " + bad.group(1))
print("%.0f %.2f %.1f" % (rps, p99, 1e6 * (c2 - c1) / tck / n))
PY
}
echo "warming up (JIT) ..."
for url in "$STARTER" "$BASELINE"; do
  run warm "$url" 8 > /dev/null; run warm "$url" 8 -H 'Accept-Encoding: gzip' > /dev/null
done
RESULTS="$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  for enc in identity gzip; do
    args=(); [ "$enc" = gzip ] && args=(-H 'Accept-Encoding: gzip')
    for side in starter baseline; do
      url=$STARTER; [ "$side" = baseline ] && url=$BASELINE
      read -r rps p99 cpu < <(run "$side" "$url" "$SECONDS_PER_RUN" "${args[@]}")
      echo "$round $enc $side $rps $p99 $cpu" >> "$RESULTS"
      printf "round %s  %-8s  %-8s  %8s req/s  p99 %7s ms  server CPU %7s us/request\n" "$round" "$enc" "$side" "$rps" "$p99" "$cpu"
    done
  done
done
paced() { # paced URL [Accept-Encoding] -> "p50_ms p99_ms cpu_us" at RATE req/s, open model
  local url=$1 enc=${2:-} dir c1 c2
  dir=$(mktemp -d -p "$WORK")
  { echo "baseUrl: $BASE"
    [ -n "$enc" ] && echo "headers: {Accept-Encoding: $enc}"
    echo "requests:"
    echo "  - path: ${url#$BASE}"
    echo "    checks: [{status: 200}]"
    echo "executor: {type: constant-arrival-rate, rate: $RATE, timeUnit: 1s, duration: ${SECONDS_PER_RUN}s, maxVUs: 500}"
  } > "$dir/scenario.yaml"
  c1=$(ticks)
  taskset -c 0 "$JAVA_HOME/bin/java" -jar "$LOAD_JAR" load "$dir/scenario.yaml" --warmup 3s --out "$dir/out" \
      > "$dir/log" 2>&1 || { tail -5 "$dir/log" >&2; }
  c2=$(ticks)
  python3 - "$dir/out/summary.json" "$c1" "$c2" "$(getconf CLK_TCK)" "$SECONDS_PER_RUN" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
t = s["total"]; w = s.get("warmup", {}).get("total", {})
c1, c2, tck = (float(x) for x in sys.argv[2:5])
n = t["count"] + w.get("count", 0)  # the CPU window spans the warm-up too
if t.get("errors", 0):
    sys.exit("errors: %s" % t["errors"])
print("%.2f %.2f %.1f" % (t["med"], t["p99"], 1e6 * (c2 - c1) / tck / n))
PY
}
PACED="$WORK/paced"
for round in $(seq 1 "$ROUNDS"); do
  for enc in identity gzip; do
    e=""; [ "$enc" = gzip ] && e=gzip
    for side in starter baseline; do
      url=$STARTER; [ "$side" = baseline ] && url=$BASELINE
      read -r p50 p99 cpu < <(paced "$url" "$e")
      echo "$round $enc $side $p50 $p99 $cpu" >> "$PACED"
      printf "round %s  %-8s  %-8s  at %s req/s: p50 %6s ms  p99 %7s ms  server CPU %7s us/request\n" \
          "$round" "$enc" "$side" "$RATE" "$p50" "$p99" "$cpu"
    done
  done
done
python3 - "$PACED" "$RATE" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
print("\nopen model at %s req/s (headroom load), medians of the rounds" % sys.argv[2])
print("| Accept-Encoding | side | p50 ms | p99 ms | server CPU us/request |")
print("|---|---|---:|---:|---:|")
med = {}
for enc in ("identity", "gzip"):
    for side in ("starter", "baseline"):
        # A round in which no request succeeded (the machine could not keep the rate) has no latency.
        sel = [r for r in rows if r[1] == enc and r[2] == side and float(r[4]) > 0]
        if not sel:
            print("| %s | %s | no round completed | | |" % ("none" if enc == "identity" else "gzip", side))
            continue
        med[(enc, side)] = [statistics.median(float(r[i]) for r in sel) for i in (3, 4, 5)]
        print("| %s | %s | %.2f | %.2f | %.1f |" % ("none" if enc == "identity" else "gzip", side, *med[(enc, side)]))
for enc in ("identity", "gzip"):
    if (enc, "starter") in med and (enc, "baseline") in med:
        s, b = med[(enc, "starter")], med[(enc, "baseline")]
        print("%s: p99 starter/baseline %.2fx, CPU per request %.2fx" % (enc, s[1] / b[1], s[2] / b[2]))
PY
python3 - "$RESULTS" "$CONNECTIONS" "$SECONDS_PER_RUN" "$ROUNDS" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
print("\nmedians of %s rounds, %s connections, %s s per run (starter = Headroom response cache; "
      "baseline = @Cacheable + Caffeine, Jackson per request, Tomcat gzip)" % (sys.argv[4], sys.argv[2], sys.argv[3]))
print("| Accept-Encoding | side | req/s | p99 ms | server CPU us/request |")
print("|---|---|---:|---:|---:|")
med = {}
for enc in ("identity", "gzip"):
    for side in ("starter", "baseline"):
        sel = [r for r in rows if r[1] == enc and r[2] == side]
        m = [statistics.median(float(r[i]) for r in sel) for i in (3, 4, 5)]
        med[(enc, side)] = m
        print("| %s | %s | %.0f | %.2f | %.1f |" % ("none" if enc == "identity" else "gzip", side, *m))
print("\n| Accept-Encoding | req/s starter/baseline | p99 starter/baseline | CPU per request starter/baseline |")
print("|---|---:|---:|---:|")
for enc in ("identity", "gzip"):
    s, b = med[(enc, "starter")], med[(enc, "baseline")]
    print("| %s | %.2fx | %.2fx | %.2fx |" % ("none" if enc == "identity" else "gzip", s[0] / b[0], s[1] / b[1], s[2] / b[2]))
PY
