#!/usr/bin/env bash
# A/B of two builds of `headroom load` on CPU per request: same trivial server (CPU 1), client on CPU 0,
# builds alternating round by round. PRINTS figures; asserts nothing.
#   bench/load-ab.sh OLD.jar NEW.jar [ROUNDS=6] [CONNECTIONS=50]
# Each run is 16 s (9 s JIT warm-up, 6 s measured window). Per run it prints the CPU time per request
# (from /proc over the window), the share of the core the JVM got (neighbours on a shared machine push it
# down, and a starved process pays more per request: compare rounds with similar shares), and, when
# `perf` works, the kernel's share of the JVM's CPU samples and the user-space (the engine's own Java)
# microseconds per request. The kernel part (socket syscalls, loopback TCP) is about the same for both
# builds, so the user-space figure is the one that shows what a change to the engine saved.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?old jar}; NEW=${2:?new jar}; ROUNDS=${3:-6}; CONNECTIONS=${4:-50}
source bin/lib/java.sh
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c 1 "$JAVA_HOME/bin/java" -cp "$NEW" bench/TrivialHttpServer.java "$PORT" > /tmp/headroom-ab-server.log 2>&1 &
SERVER=$!
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do grep -q "trivial server" /tmp/headroom-ab-server.log 2>/dev/null && break; sleep 0.2; done
PERF=no
perf record -e cpu-clock -o "$WORK/probe.data" -- true > /dev/null 2>&1 && PERF=yes
for round in $(seq 1 "$ROUNDS"); do
  for build in old new; do
    jar=$OLD; [ "$build" = new ] && jar=$NEW
    rm -rf "$WORK/out"
    taskset -c 0 "$JAVA_HOME/bin/java" -jar "$jar" load --url "http://127.0.0.1:$PORT/" --vus "$CONNECTIONS" \
        --duration 16s --out "$WORK/out" > /dev/null 2>&1 &
    pid=$!
    sleep 9
    c1=$(awk '{print $14 + $15}' /proc/$pid/stat); t1=$(date +%s.%N)
    if [ "$PERF" = yes ]; then
      perf record -F 499 -e cpu-clock -p "$pid" -o "$WORK/perf.data" -- sleep 6 > /dev/null 2>&1
    else
      sleep 6
    fi
    c2=$(awk '{print $14 + $15}' /proc/$pid/stat); t2=$(date +%s.%N)
    wait $pid || true
    kernel=nan
    if [ "$PERF" = yes ]; then
      kernel=$(perf report -i "$WORK/perf.data" --sort dso --stdio 2>/dev/null \
          | awk '/\[kernel.kallsyms\]/ {gsub("%","",$1); print $1; exit}')
      kernel=${kernel:-nan}
    fi
    python3 - "$WORK/out/summary.json" "$c1" "$c2" "$t1" "$t2" "$(getconf CLK_TCK)" "$build" "$kernel" \
        >> "$WORK/rows" <<'PY'
import json, sys
sys.path.insert(0, "bench/lib")
from load_summary import requests_at
s = json.load(open(sys.argv[1]))
c1, c2, t1, t2, tck = (float(x) for x in sys.argv[2:7])
build, kernel = sys.argv[7], float(sys.argv[8])
n = requests_at(s, t2) - requests_at(s, t1)
cpu = (c2 - c1) / tck
us = 1e6 * cpu / n
print(build, "%.2f" % us, "%.0f" % (100 * cpu / (t2 - t1)), "%.0f" % (n / (t2 - t1)), kernel,
      "%.2f" % (us * (100 - kernel) / 100))
PY
    tail -1 "$WORK/rows" | awk -v r="$round" '{printf "round %s %-3s  CPU %5s us/req  core share %3s%%  %7s req/s  kernel %5s%%  user %5s us/req\n", r, $1, $2, $3, $4, $5, $6}'
  done
done
python3 - "$WORK/rows" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
for build in ("old", "new"):
    r = [x for x in rows if x[0] == build]
    us = [float(x[1]) for x in r]; user = [float(x[5]) for x in r if x[5] != "nan"]
    print("%s: median CPU %.2f us/req, median user-space %s us/req over %d runs"
          % (build, statistics.median(us), "%.2f" % statistics.median(user) if user else "n/a", len(r)))
old = statistics.median(float(x[1]) for x in rows if x[0] == "old")
new = statistics.median(float(x[1]) for x in rows if x[0] == "new")
print("new/old CPU per request: %.3f" % (new / old))
PY
