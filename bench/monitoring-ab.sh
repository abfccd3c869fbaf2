#!/usr/bin/env bash
# Macro A/B of the monitoring overhead (issue 3): the same endpoint of the real service with
# monitoring on (request filter + statement-timing proxy) and off (HEADROOM_MONITORING=off).
# Both services run side by side on copies of one data directory, warmed up, then wrk measures
# them in short alternating runs (on/off, then off/on, ...) so drift on a shared machine hits
# both sides alike. PRINTS figures; asserts nothing.
#
#   bench/monitoring-ab.sh [path] [rounds] [seconds] [connections]
#   bench/monitoring-ab.sh '/api/v1/datasets?limit=20' 10 5 16
#   WARMUP=30 bench/monitoring-ab.sh /api/health 20 3 16      (warm-up seconds per side, default 20)
#   AB_VARIABLE=HEADROOM_ALLOCATION_SAMPLING bench/monitoring-ab.sh    (toggle only that setting, on/off;
#                                                default HEADROOM_MONITORING, the whole monitoring)
#
# Loopback only. Needs wrk (apt-get install -y wrk).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bin/lib/java.sh
path=${1:-/api/v1/datasets?limit=20}
rounds=${2:-10}
seconds=${3:-5}
connections=${4:-16}
datasets=100
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
bin/headroom --version >/dev/null  # builds the jar, or rebuilds it when sources are newer

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

variable=${AB_VARIABLE:-HEADROOM_MONITORING}
start() { # $1 = on|off, $2 = port, $3 = data dir; appends the pid to pids
  env HEADROOM_RATE_LIMITS=off "$variable=$1" HEADROOM_PORT=$2 HEADROOM_HOST=127.0.0.1 HEADROOM_DATA_DIR="$3" \
    HEADROOM_SAMPLE_DATASETS=$datasets HEADROOM_REFRESH_INTERVAL=off \
    "$JAVA_HOME/bin/java" -Xmx512m -jar headroom-cli/target/headroom.jar serve >"$work/server-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$2/api/v1/datasets?limit=1" 2>/dev/null | grep -q "\"total\":$datasets[,}]" && return 0
    sleep 0.2
  done
  echo "service ($1) did not come up; log:" >&2; tail -20 "$work/server-$1.log" >&2; exit 1
}

# Preparation, not measured: generate the sample lake and catalogue once, then give each side its
# own copy (the embedded H2 database is single-process).
prep_port=$(free_port)
start on "$prep_port" "$work/data"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()
cp -r "$work/data" "$work/data-on"; cp -r "$work/data" "$work/data-off"

on_port=$(free_port); start on "$on_port" "$work/data-on"
off_port=$(free_port); start off "$off_port" "$work/data-off"
for port in "$on_port" "$off_port"; do  # warm-up: JIT, pool, the start-up refresh
  wrk -t2 -c"$connections" -d"${WARMUP:-20}s" "http://127.0.0.1:$port$path" >/dev/null
done

measure() { # $1 = port; prints "req/s p50 p99"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$1$path" >"$work/wrk.txt"
  echo "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") $(awk '$1=="50%" {print $2}' "$work/wrk.txt") $(awk '$1=="99%" {print $2}' "$work/wrk.txt")"
}

echo "$variable on/off; endpoint $path, $rounds rounds of ${seconds}s per side, $connections connections, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %12s %10s %10s   %12s %10s %10s   %8s\n' round on-req/s p50 p99 off-req/s p50 p99 on/off
ratios=(); on_sum=0; off_sum=0
for i in $(seq 1 "$rounds"); do
  if (( i % 2 )); then read -r a b c < <(measure "$on_port"); read -r d e f < <(measure "$off_port")
  else read -r d e f < <(measure "$off_port"); read -r a b c < <(measure "$on_port"); fi
  ratio=$(python3 -c "print(f'{$a/$d:.4f}')")
  ratios+=("$ratio"); on_sum=$(python3 -c "print($on_sum+$a)"); off_sum=$(python3 -c "print($off_sum+$d)")
  printf '%-6s %12s %10s %10s   %12s %10s %10s   %8s\n' "$i" "$a" "$b" "$c" "$d" "$e" "$f" "$ratio"
done
python3 - "$on_sum" "$off_sum" "${ratios[@]}" <<'PY'
import sys, statistics
on, off, ratios = float(sys.argv[1]), float(sys.argv[2]), sorted(float(r) for r in sys.argv[3:])
m = statistics.median(ratios)
print(f"median on/off throughput ratio {m:.4f} ({100 * (m - 1):+.2f} %), total on/off {on / off:.4f} "
      f"({100 * (on / off - 1):+.2f} %), ratio range {ratios[0]:.3f}..{ratios[-1]:.3f}")
PY
