#!/usr/bin/env bash
# What one `headroom load --monitor` poll costs the service: the Explorer's CPU time (utime+stime from
# /proc/<pid>/stat) per request of the stats document as the poller asks for it
# (/api/performance/stats?recent=1000&history=0, the most it asks for, and recent=100, what it asks at
# ~50 req/s), against /api/health in the same run, alternating per round so drift hits all; the service's
# idle background CPU, measured in each round, is taken out. Requests are counted by the service itself (the route's count
# in the stats document, before and after), so the load tool's warm-up burst is priced too. PRINTS figures.
#
#   bench/monitor-poll-cost.sh [rounds] [rate/s] [seconds]
#   bench/monitor-poll-cost.sh 3 50 20
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bin/lib/java.sh
rounds=${1:-3}
rate=${2:-50}
seconds=${3:-20}
bin/headroom --version >/dev/null  # builds the jar, or rebuilds it when sources are newer

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
HEADROOM_RATE_LIMITS=off HEADROOM_PORT=$port HEADROOM_HOST=127.0.0.1 HEADROOM_DATA_DIR="$work/data" HEADROOM_SAMPLE_DATASETS=100 \
  "$JAVA_HOME/bin/java" -Xmx512m -jar headroom-cli/target/headroom.jar serve >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/api/v1/datasets?limit=1" 2>/dev/null | grep -q '"total":100[,}]' && break
  sleep 0.2
done
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
count() { # $1 = route template: its request count since start, from the service's own stats document
  curl -fs "http://127.0.0.1:$port/api/performance/stats?recent=0&history=0" | python3 -c "
import json, sys
print(sum(r['count'] for r in json.load(sys.stdin)['requests']['routes'] if r['route'] == sys.argv[1]))" "$1"
}
measure() { # $1 = path, $2 = route template; prints "requests cpu-ms wall-ms"
  local n0 t0 t1 n1 w0 w1
  n0=$(count "$2"); t0=$(ticks); w0=$(date +%s%N)
  "$JAVA_HOME/bin/java" -jar headroom-cli/target/headroom.jar load --url "http://127.0.0.1:$port$1" \
    --rate "$rate/s" --duration "${seconds}s" >"$work/load.log" 2>&1
  t1=$(ticks); w1=$(date +%s%N); n1=$(count "$2")
  # the counting requests are stats requests too: they add two to the stats side's count
  echo "$((n1 - n0)) $(( (t1 - t0) * 1000 / hz )) $(( (w1 - w0) / 1000000 ))"
}
idle() { # the service's own background CPU (resource sampler, JFR sampler, ...) in ms per second of wall time
  local t0 t1
  t0=$(ticks); sleep "$seconds"; t1=$(ticks)
  python3 -c "print(($t1 - $t0) * 1000 / $hz / $seconds)"
}
per_request() { # $1 = requests, $2 = cpu-ms, $3 = wall-ms, $4 = idle ms/s: CPU ms per request beyond the background
  python3 -c "print(f'{max(0.0, $2 - $4 * $3 / 1000) / $1:.4f}')"
}

echo "Service CPU per request beyond its idle background, $rounds rounds, $rate/s for ${seconds}s per side," \
  "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %9s   %8s %10s   %8s %10s   %8s %10s   %9s %9s\n' round idle-ms/s health-n ms/req \
  stats-n ms/req stats100-n ms/req ratio ratio100
for i in $(seq 1 "$rounds"); do
  b=$(idle)
  read -r hn hc hw < <(measure /api/health /api/health)
  read -r sn sc sw < <(measure '/api/performance/stats?recent=1000&history=0' /api/performance/stats)
  read -r tn tc tw < <(measure '/api/performance/stats?recent=100&history=0' /api/performance/stats)
  h=$(per_request "$hn" "$hc" "$hw" "$b"); s=$(per_request "$sn" "$sc" "$sw" "$b"); t=$(per_request "$tn" "$tc" "$tw" "$b")
  printf '%-6s %9.1f   %8s %10s   %8s %10s   %8s %10s   %9s %9s\n' "$i" "$b" "$hn" "$h" "$sn" "$s" "$tn" "$t" \
    "$(python3 -c "print(f'{$s / max($h, 1e-4):.1f}')")" "$(python3 -c "print(f'{$t / max($h, 1e-4):.1f}')")"
done
