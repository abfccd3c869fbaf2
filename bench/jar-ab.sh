#!/usr/bin/env bash
# Macro A/B of two builds of the service (e.g. main against a branch): the same endpoint, the same
# data, each build's headroom.jar serving on its own copy of one data directory, warmed up, then wrk
# in short alternating runs (A/B, then B/A, ...) so drift on a shared machine hits both alike.
# Prints req/s, p99 and the server's CPU time per request (user + system, from /proc/<pid>/stat over
# each run) with B/A ratios. PRINTS figures; asserts nothing.
#
#   bench/jar-ab.sh A.jar B.jar [path] [rounds] [seconds] [connections]
#   bench/jar-ab.sh /tmp/main/headroom-cli/target/headroom.jar headroom-cli/target/headroom.jar \
#       '/api/v1/datasets?limit=50' 8 5 16
#   ACCEPT_ENCODING=br bench/jar-ab.sh ...   (ask for a compressed body, as browsers do)
#
# Loopback only. Needs wrk (apt-get install -y wrk).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bin/lib/java.sh
jar_a=$(realpath "$1"); jar_b=$(realpath "$2")
path=${3:-/api/v1/datasets?limit=50}
rounds=${4:-8}
seconds=${5:-5}
connections=${6:-16}
datasets=300
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
clk_tck=$(getconf CLK_TCK)

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start() { # $1 = jar, $2 = port, $3 = data dir, $4 = label; appends the pid to pids
  HEADROOM_PORT=$2 HEADROOM_HOST=127.0.0.1 HEADROOM_DATA_DIR="$3" HEADROOM_SAMPLE_DATASETS=$datasets \
    HEADROOM_REFRESH_INTERVAL=off CACHE_WARM_INTERVAL=0 HEADROOM_MONITORING_PUBLIC=true \
    "$JAVA_HOME/bin/java" -Xmx512m -jar "$1" serve >"$work/server-$4.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 900); do
    curl -fs "http://127.0.0.1:$2/api/v1/datasets?limit=1" 2>/dev/null | grep -q "\"total\":$datasets[,}]" && return 0
    sleep 0.2
  done
  echo "service ($4) did not come up; log:" >&2; tail -20 "$work/server-$4.log" >&2; exit 1
}

# Preparation, not measured: the sample lake and catalogue once, then a copy per side (H2 is single-process).
prep_port=$(free_port)
start "$jar_a" "$prep_port" "$work/data" prep
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()
cp -r "$work/data" "$work/data-a"; cp -r "$work/data" "$work/data-b"
port_a=$(free_port); start "$jar_a" "$port_a" "$work/data-a" a; pid_a=${pids[-1]}
port_b=$(free_port); start "$jar_b" "$port_b" "$work/data-b" b; pid_b=${pids[-1]}
header=(); [ -n "${ACCEPT_ENCODING:-}" ] && header=(-H "Accept-Encoding: $ACCEPT_ENCODING")
for port in "$port_a" "$port_b"; do  # warm-up: JIT, pool, the response cache
  wrk -t2 -c"$connections" -d"${WARMUP:-15}s" "${header[@]}" "http://127.0.0.1:$port$path" >/dev/null
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # $1 = port, $2 = pid; prints "req/s p99(ms) cpu-us/request"
  local before after
  before=$(cpu_ticks "$2")
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "${header[@]}" "http://127.0.0.1:$1$path" >"$work/wrk.txt"
  after=$(cpu_ticks "$2")
  python3 - "$work/wrk.txt" "$before" "$after" "$clk_tck" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
value, unit = re.search(r"\n\s+99%\s+([\d.]+)(us|ms|s)", text).groups()
p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
cpu_us = (int(sys.argv[3]) - int(sys.argv[2])) * 1e6 / int(sys.argv[4]) / max(requests, 1)
print(f"{rps:.0f} {p99:.2f} {cpu_us:.1f}")
PY
}

echo "A=$jar_a"; echo "B=$jar_b"
echo "endpoint $path (Accept-Encoding: ${ACCEPT_ENCODING:-none}), $rounds rounds of ${seconds}s per side, $connections connections, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %10s %9s %9s   %10s %9s %9s\n' round A-req/s A-p99ms A-cpu-us B-req/s B-p99ms B-cpu-us
results=()
for i in $(seq 1 "$rounds"); do
  if (( i % 2 )); then read -r a1 a2 a3 < <(measure "$port_a" "$pid_a"); read -r b1 b2 b3 < <(measure "$port_b" "$pid_b")
  else read -r b1 b2 b3 < <(measure "$port_b" "$pid_b"); read -r a1 a2 a3 < <(measure "$port_a" "$pid_a"); fi
  printf '%-6s %10s %9s %9s   %10s %9s %9s\n' "$i" "$a1" "$a2" "$a3" "$b1" "$b2" "$b3"
  results+=("$a1,$a2,$a3,$b1,$b2,$b3")
done
python3 - "${results[@]}" <<'PY'
import sys, statistics
rows = [[float(x) for x in r.split(",")] for r in sys.argv[1:]]
def med(i): return statistics.median(r[i] for r in rows)
for name, a, b in (("req/s", 0, 3), ("p99 ms", 1, 4), ("cpu us/req", 2, 5)):
    ratios = sorted(r[b] / r[a] for r in rows)
    print(f"{name:11s} median A {med(a):10.2f}  B {med(b):10.2f}  B/A median of per-round ratios "
          f"{statistics.median(ratios):.3f} (range {ratios[0]:.3f}..{ratios[-1]:.3f})")
PY
