#!/usr/bin/env bash
# Macro A/B of the read/write split (RES-4): one uncached catalog page (CACHE_ENABLED=false) from two
# services on the same private PostgreSQL primary, one with its catalog reads on a streaming replica
# (DATABASE_REPLICA_URL) and one without, in short alternating wrk runs (replica/primary, then
# primary/replica, ...). Next to req/s it prints CPU per request (from /proc) of each service's JVM and of
# each PostgreSQL cluster (the postmaster and its children), so a shift of the database work from the
# primary to the replica shows. On one machine both clusters share its cores: this measures the routing's
# cost and where the work goes, not the capacity a replica on its own host adds. PRINTS figures; asserts
# nothing. Must run as root (initdb runs as the postgres user).
#
#   bench/read-replica-ab.sh [path] [rounds] [seconds] [connections]
#   bench/read-replica-ab.sh '/api/v1/datasets?limit=20' 6 5 8
#
# Loopback only. Needs wrk and PostgreSQL's server binaries (initdb, pg_ctl, pg_basebackup).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source bin/lib/java.sh
path=${1:-/api/v1/datasets?limit=20}
rounds=${2:-6}
seconds=${3:-5}
connections=${4:-8}
datasets=${DATASETS:-2000}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
pgbin=$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")")
[ -x "$pgbin/pg_basebackup" ] || { echo "PostgreSQL's server binaries are not installed" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root: the clusters run as the postgres user" >&2; exit 2; }
bin/headroom --version >/dev/null  # builds the jar, or rebuilds it when sources are newer

work=$(mktemp -d)
chown postgres "$work"
pids=()
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  for d in "$work/replica" "$work/primary"; do
    [ -f "$d/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_start() { # $1 = data dir, $2 = port
  as_pg "$pgbin/pg_ctl" -D "$1" -w -t 60 -l "$1.log" \
    -o "-p $2 -k $work -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
}

primary_port=$(free_port); replica_port=$(free_port)
as_pg "$pgbin/initdb" -D "$work/primary" -U postgres -A trust --no-sync >/dev/null
pg_start "$work/primary" "$primary_port"
as_pg "$pgbin/pg_basebackup" -D "$work/replica" -h 127.0.0.1 -p "$primary_port" -U postgres -R -X stream \
  --checkpoint=fast --no-sync
pg_start "$work/replica" "$replica_port"
primary_url="jdbc:postgresql://127.0.0.1:$primary_port/postgres?user=postgres"
replica_url="jdbc:postgresql://127.0.0.1:$replica_port/postgres?user=postgres"

start() { # $1 = name, $2 = port, then extra VAR=value settings; appends the pid to pids
  local name=$1 port=$2; shift 2
  env HEADROOM_RATE_LIMITS=off CACHE_ENABLED=false HEADROOM_PORT="$port" HEADROOM_HOST=127.0.0.1 \
    HEADROOM_DATA_DIR="$work/data" HEADROOM_SAMPLE_DATASETS=$datasets HEADROOM_REFRESH_INTERVAL=off \
    DATABASE_URL="$primary_url" "$@" \
    "$JAVA_HOME/bin/java" -Xmx512m -jar headroom-cli/target/headroom.jar serve >"$work/server-$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 1500); do
    curl -fs "http://127.0.0.1:$port/api/v1/datasets?limit=1" 2>/dev/null | grep -q "\"total\":$datasets[,}]" && return 0
    sleep 0.2
  done
  echo "service ($name) did not come up; log:" >&2; tail -20 "$work/server-$name.log" >&2; exit 1
}

# The first service generates the lake and catalogues it into the primary; the second finds it filled.
primary_only=$(free_port); start primary-only "$primary_only"
split=$(free_port); start split "$split" DATABASE_REPLICA_URL="$replica_url" HEADROOM_MONITORING_PUBLIC=true
jvm_primary_only=${pids[0]}; jvm_split=${pids[1]}
for port in "$primary_only" "$split"; do  # warm-up: JIT, pools
  wrk -t2 -c"$connections" -d"${WARMUP:-15}s" "http://127.0.0.1:$port$path" >/dev/null
done

ticks() { # CPU ticks of the processes $@ and their children
  local total=0 p
  for p in "$@" $(for q in "$@"; do ps -o pid= --ppid "$q"; done); do
    [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}
postmaster() { head -1 "$1/postmaster.pid"; }
pm_primary=$(postmaster "$work/primary"); pm_replica=$(postmaster "$work/replica")
hz=$(getconf CLK_TCK)

measure() { # $1 = port, $2 = jvm pid; prints "req/s jvm-us/req primary-us/req replica-us/req"
  local j0 p0 r0 j1 p1 r1 rps n
  j0=$(ticks "$2"); p0=$(ticks "$pm_primary"); r0=$(ticks "$pm_replica")
  wrk -t2 -c"$connections" -d"${seconds}s" "http://127.0.0.1:$1$path" >"$work/wrk.txt"
  j1=$(ticks "$2"); p1=$(ticks "$pm_primary"); r1=$(ticks "$pm_replica")
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  n=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  python3 -c "n=$n; f=1e6/$hz/n; print(f'$rps {($j1-$j0)*f:.0f} {($p1-$p0)*f:.0f} {($r1-$r0)*f:.0f}')"
}

echo "read/write split A/B; endpoint $path (uncached), $datasets datasets, $rounds rounds of ${seconds}s per side," \
  "$connections connections, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %10s %8s %8s %8s   %10s %8s %8s %8s   %8s\n' round split-rps jvm-us pg1-us pg2-us \
  only-rps jvm-us pg1-us pg2-us split/only
ratios=()
for i in $(seq 1 "$rounds"); do
  if (( i % 2 )); then read -r a b c d < <(measure "$split" "$jvm_split"); read -r e f g h < <(measure "$primary_only" "$jvm_primary_only")
  else read -r e f g h < <(measure "$primary_only" "$jvm_primary_only"); read -r a b c d < <(measure "$split" "$jvm_split"); fi
  ratio=$(python3 -c "print(f'{$a/$e:.3f}')"); ratios+=("$ratio")
  printf '%-6s %10s %8s %8s %8s   %10s %8s %8s %8s   %8s\n' "$i" "$a" "$b" "$c" "$d" "$e" "$f" "$g" "$h" "$ratio"
done
python3 - "${ratios[@]}" <<'PY'
import sys, statistics
r = sorted(float(x) for x in sys.argv[1:])
print(f"median split/primary-only throughput ratio {statistics.median(r):.3f}, range {r[0]:.3f}..{r[-1]:.3f}"
      " (CPU in µs per request: jvm = the service, pg1 = the primary cluster, pg2 = the replica cluster)")
PY
curl -fs "http://127.0.0.1:$split/api/performance/stats" | python3 -c '
import json, sys
s = json.load(sys.stdin)["replica"]["split"]
print("split service: reads served by the replica", s["readsFromReplica"], "by the primary", s["readsFromPrimary"],
      "fallbacks", s["fallbacks"], "; replica", s["replica"]["state"], s["replica"]["lagMillis"], "ms behind")'
