#!/usr/bin/env bash
# Maximum throughput of `headroom load` against wrk: same trivial local server, same client core,
# same connection count, runs alternating (wrk, headroom, wrk, headroom, ...). PRINTS figures; asserts nothing.
#   bench/load-vs-wrk.sh [ROUNDS=2] [SECONDS=10] [CONNECTIONS=50] [WARMUP=10]
# Client (wrk or headroom) is pinned to CPU 0, the server to CPU 1 (taskset), so both clients get one core.
# headroom runs WARMUP+SECONDS; its steady rate is the mean req/s of the last SECONDS (from summary.json's
# per-second series), because a JVM needs its JIT warm-up and wrk (C) does not. The whole-run rate,
# warm-up included, is printed too.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}; SECONDS_PER_RUN=${2:-10}; CONNECTIONS=${3:-50}; WARMUP=${4:-10}
source bin/lib/java.sh
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
JAR=${JAR:-headroom-cli/target/headroom.jar}  # JAR=other.jar compares another build
[ "$JAR" != headroom-cli/target/headroom.jar ] || bin/headroom --version >/dev/null  # rebuilds when sources are newer
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c 1 "$JAVA_HOME/bin/java" -cp "$JAR" bench/TrivialHttpServer.java "$PORT" > /tmp/headroom-trivial-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "trivial server" /tmp/headroom-trivial-server.log 2>/dev/null && break; sleep 0.2; done
URL="http://127.0.0.1:$PORT/"
# Warm the server's JIT so the first measured run is not penalised.
taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d3s "$URL" > /dev/null
declare -a WRK HR HRALL WCPU HCPU
TMPDIR_BENCH=$(mktemp -d)
for round in $(seq 1 "$ROUNDS"); do
  /usr/bin/time -f "%U %S" -o "$TMPDIR_BENCH/wrk-cpu" taskset -c 0 wrk -t1 -c"$CONNECTIONS" \
      -d"${SECONDS_PER_RUN}s" "$URL" > "$TMPDIR_BENCH/wrk-out"
  w=$(awk '/Requests\/sec/ {print $2}' "$TMPDIR_BENCH/wrk-out")
  wcpu=$(python3 -c "
u, s = open('$TMPDIR_BENCH/wrk-cpu').read().split()[:2]
n = int(open('$TMPDIR_BENCH/wrk-out').read().split(' requests in')[0].split()[-1])
print('%.1f' % (1e6 * (float(u) + float(s)) / n))")
  out=$(mktemp -d)
  # --out writes the JTL too (one row per request): a cost wrk does not pay, kept to stay honest.
  taskset -c 0 "$JAVA_HOME/bin/java" -jar "$JAR" load --url "$URL" --vus "$CONNECTIONS" \
      --duration "$((WARMUP + SECONDS_PER_RUN))s" --out "$out" > /dev/null &
  pid=$!
  # CPU time of the JVM over the steady window (from /proc, clock ticks), to price one request in CPU.
  sleep "$WARMUP"; c1=$(awk '{print $14 + $15}' /proc/$pid/stat); t1=$(date +%s.%N)
  sleep "$((SECONDS_PER_RUN - 1))"; c2=$(awk '{print $14 + $15}' /proc/$pid/stat); t2=$(date +%s.%N)
  wait $pid || true
  read -r h hall hcpu < <(python3 - "$out/summary.json" "$WARMUP" "$c1" "$c2" "$t1" "$t2" "$(getconf CLK_TCK)" <<'PY'
import json, sys
sys.path.insert(0, "bench/lib")
from load_summary import requests_at
s = json.load(open(sys.argv[1])); warm = float(sys.argv[2])
c1, c2, t1, t2, tck = (float(x) for x in sys.argv[3:8])
steady = [p["rps"] for p in s["series"] if p["elapsedSeconds"] > warm + 0.5 and p["vus"] > 0]
n = requests_at(s, t2) - requests_at(s, t1)
cpu_us = 1e6 * (c2 - c1) / tck / n if n > 0 else float("nan")
print("%.0f %.0f %.1f" % (sum(steady) / max(1, len(steady)), s["total"]["rps"], cpu_us))
PY
)
  rm -rf "$out"
  WRK+=("$w"); HR+=("$h"); HRALL+=("$hall"); WCPU+=("$wcpu"); HCPU+=("$hcpu")
  echo "round $round: wrk ${w} req/s   headroom load ${h} req/s after warm-up (${hall} over the whole run)   ratio $(python3 -c "print('%.1f%%' % (100*$h/$w))")   CPU per request: wrk ${wcpu} us, headroom ${hcpu} us (steady)"
done
python3 - "${WRK[*]}" "${HR[*]}" "${HRALL[*]}" "${WCPU[*]}" "${HCPU[*]}" <<'PY'
import sys, statistics
w = [float(x) for x in sys.argv[1].split()]; h = [float(x) for x in sys.argv[2].split()]
a = [float(x) for x in sys.argv[3].split()]
print("mean: wrk %.0f req/s, headroom load %.0f req/s after warm-up, headroom/wrk = %.1f%% (target >= 80%%); "
      "whole run incl. JIT warm-up %.0f req/s = %.1f%%"
      % (statistics.mean(w), statistics.mean(h), 100 * statistics.mean(h) / statistics.mean(w),
         statistics.mean(a), 100 * statistics.mean(a) / statistics.mean(w)))
wc = [float(x) for x in sys.argv[4].split()]; hc = [float(x) for x in sys.argv[5].split()]
# On a shared, CPU-starved machine req/s swings with the neighbours; CPU time per request does not.
print("CPU per request (median): wrk %.1f us, headroom load %.1f us -> CPU-bound throughput ratio %.1f%%"
      % (statistics.median(wc), statistics.median(hc), 100 * statistics.median(wc) / statistics.median(hc)))
PY
rm -rf "$TMPDIR_BENCH"
