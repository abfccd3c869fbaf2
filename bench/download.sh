#!/usr/bin/env bash
# Full-download throughput of one big file: PRINTS figures, asserts nothing.
#   bench/download.sh            (FILE_MB=2048 ROUNDS=3; no database needed: the embedded one)
# Three ways to read the same FILE_MB file, rounds alternating, all from a warm page cache:
#  - `cat file > /dev/null`: the baseline the issue names (a read loop, no network, no HTTP);
#  - nginx with sendfile, over loopback HTTP to curl: what a zero-copy server reaches on this machine;
#  - the explorer's GET /api/v1/datasets/{id}/download?type=full (-Xmx256m), over loopback HTTP to curl;
#  - the same download through nginx in front of a second explorer with HEADROOM_DOWNLOAD_ACCEL_PREFIX: the
#    explorer checks and logs, nginx sends the file (X-Accel-Redirect, sendfile).
# The servers run on core 0 and every client (curl, cat) on core 1, so the two HTTP servers compete
# for the same resources. "CPU/GB" is the server's user+system CPU from /proc/<pid>/stat per GB sent.
# The explorer's heap is sampled with jstat every 200 ms during its downloads.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bin/lib/java.sh"
source "$root/bench/lib/explorer.sh"
file_mb=${FILE_MB:-2048}
rounds=${ROUNDS:-3}
jar=${JAR:-"$root/headroom-cli/target/headroom.jar"}
command -v nginx > /dev/null || { echo "nginx is missing (apt-get install nginx)" >&2; exit 2; }
work=$(mktemp -d)
chmod 755 "$work" # the nginx worker (not root) reads the lake
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; wait "$p" 2> /dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package -pl headroom-cli -am)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (figures are ratios within this run)"

lake="$work/lake"
mkdir -p "$lake/files"
file="$lake/files/big.avro" # avro: catalogued, not analysed, so the start-up reads nothing of it
head -c "$((file_mb * 1024 * 1024))" /dev/urandom > "$file"
bytes=$((file_mb * 1048576))

# explorer NAME [VAR=VALUE...]: an explorer on core 0 over the lake; sets $port, $explorer_pid and $id
explorer() {
  local name=$1; shift
  port=$(free_port)
  env HEADROOM_PORT="$port" HEADROOM_HOST=127.0.0.1 HEADROOM_DATA_DIR="$work/$name" HEADROOM_LAKE_DIR="$lake" \
    HEADROOM_SAMPLE_DATASETS=0 HEADROOM_REFRESH_INTERVAL=off HEADROOM_RATE_LIMITS=off "$@" \
    taskset -c 0 "$JAVA_HOME/bin/java" -Xmx256m ${JAVA_OPTS:-} -jar "$jar" serve > "$work/$name.log" 2>&1 &
  explorer_pid=$!
  pids+=("$explorer_pid")
  id=""
  for _ in $(seq 1 1200); do
    id=$(curl -s "localhost:$port/api/v1/datasets?limit=1" | sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p' || true)
    [ -n "$id" ] && break
    kill -0 "$explorer_pid" 2> /dev/null || { echo "explorer $name died:"; tail -20 "$work/$name.log"; exit 1; }
    sleep 0.2
  done
  [ -n "$id" ] || { echo "explorer $name listed no dataset"; tail -20 "$work/$name.log"; exit 1; }
}
explorer accel HEADROOM_DOWNLOAD_ACCEL_PREFIX=/_lake/
accel_port=$port; accel_pid=$explorer_pid
explorer direct

# nginx with sendfile over the same directory, on core 0
nginx_port=$(free_port)
front_port=$(free_port)
cat > "$work/nginx.conf" << EOF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$nginx_port; root $lake; }
  server {
    listen 127.0.0.1:$front_port;
    location /_lake/ { internal; alias $lake/; }
    location / { proxy_pass http://127.0.0.1:$accel_port; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
EOF
mkdir -p "$work/tmp"
taskset -c 0 nginx -p "$work" -c "$work/nginx.conf" &
nginx_master=$!
pids+=("$nginx_master")
for _ in $(seq 1 100); do curl -sf -o /dev/null -r 0-0 "localhost:$nginx_port/files/big.avro" && break; sleep 0.1; done
nginx_worker=$(pgrep -P "$nginx_master" | head -1)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# fetch URL PID: "MB/s CPU-seconds-per-GB" of one download by curl on core 1
fetch() {
  local before after speed
  before=$(cpu_ticks "$2")
  speed=$(taskset -c 1 curl -s -o /dev/null -w '%{speed_download}' "$1")
  after=$(cpu_ticks "$2")
  awk -v s="$speed" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v gb="$(awk -v b=$bytes 'BEGIN{print b/1073741824}')" \
    'BEGIN { printf "%.0f %.2f", s / 1048576, t / hz / gb }'
}
cat "$file" > /dev/null # the page cache holds the file for every reader
fetch "localhost:$port/api/v1/datasets/$id/download?type=full" "$explorer_pid" > /dev/null # warm-up: JIT
fetch "localhost:$nginx_port/files/big.avro" "$nginx_worker" > /dev/null
fetch "localhost:$front_port/api/v1/datasets/$id/download?type=full" "$nginx_worker" > /dev/null
"$JAVA_HOME/bin/jstat" -gc "$explorer_pid" 200 > "$work/jstat" 2> /dev/null &
jstat_pid=$!
pids+=("$jstat_pid")
echo "== full download of a $file_mb MB file (server on core 0, client on core 1)"
for r in $(seq 1 "$rounds"); do
  s=$(date +%s%N); taskset -c 1 cat "$file" > /dev/null; e=$(date +%s%N)
  cat_mbs=$(awk -v b=$bytes -v ns=$((e - s)) 'BEGIN { printf "%.0f", b / 1048576 / (ns / 1e9) }')
  read -r nginx_mbs nginx_cpu <<< "$(fetch "localhost:$nginx_port/files/big.avro" "$nginx_worker")"
  read -r service_mbs service_cpu <<< "$(fetch "localhost:$port/api/v1/datasets/$id/download?type=full" "$explorer_pid")"
  accel_before=$(cpu_ticks "$accel_pid")
  read -r front_mbs front_cpu <<< "$(fetch "localhost:$front_port/api/v1/datasets/$id/download?type=full" "$nginx_worker")"
  accel_ticks=$(( $(cpu_ticks "$accel_pid") - accel_before ))
  awk -v r="$r" -v c="$cat_mbs" -v n="$nginx_mbs" -v nc="$nginx_cpu" -v s="$service_mbs" -v sc="$service_cpu" 'BEGIN {
    printf "   round %s  cat %6d MB/s (baseline)   nginx sendfile %6d MB/s (%.2fx, CPU %.2f s/GB)   service %6d MB/s (%.2fx of cat, %.2fx of nginx, CPU %.2f s/GB)\n",
      r, c, n, n / c, nc, s, s / c, s / n, sc }'
  awk -v c="$cat_mbs" -v n="$nginx_mbs" -v f="$front_mbs" -v fc="$front_cpu" -v et="$accel_ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    printf "            service behind nginx (X-Accel-Redirect) %6d MB/s (%.2fx of cat, %.2fx of nginx alone; nginx CPU %.2f s/GB, explorer CPU %.3f s)\n",
      f, f / c, f / n, fc, et / hz }'
done
kill "$jstat_pid" 2> /dev/null || true
# jstat -gc: S0U S1U EU OU are columns 3 4 6 8 (KB)
awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = ($3 + $4 + $6 + $8) / 1024; if (used > max) max = used; if (min == "" || used < min) min = used; n++ }
  END { printf "   explorer heap used during the downloads (jstat every 200 ms, %d samples): min %.0f MB, max %.0f MB of -Xmx256m\n", n, min, max }' "$work/jstat"
