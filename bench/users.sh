#!/usr/bin/env bash
# Users, access and downloads, measured on the real service: PRINTS figures, asserts nothing.
#   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<db> bench/users.sh
# Every figure comes with a baseline measured in the same run, rounds alternating:
#  1. the list page at DATASETS (1,000,000) catalogue rows (PostgreSQL, metadata-only rows in a fresh schema),
#     HEADROOM_ACCESS=authenticated: a user with one grant (access-filtered SQL) against an admin (every folder,
#     no filter), each on an instance with the response cache and on one without (CACHE_ENABLED=false);
#     plus the EXPLAIN (ANALYZE, BUFFERS) of both statements;
#  2. login at the default bcrypt cost (12) against GET /api/health;
#  3. the download log's cost: metadata downloads (each one logged) against the same dataset's JSON;
#  4. bench/download.sh: the full download of a FILE_MB (2048) MB file through the service (-Xmx256m) against
#     `cat file > /dev/null` and against nginx's sendfile, with the heap sampled during the downloads.
# Latencies come from sequential curl requests (one client); "CPU/req" is the service's user+system CPU
# from /proc/<pid>/stat over the batch, divided by its requests.
# Settings (environment): DATABASE_URL (required: a PostgreSQL database this script may create a schema in),
# DATASETS (1000000), REQUESTS (300 per batch), LOGINS (60), ROUNDS (2), FILE_MB (2048), GRANT (economy),
# REUSE_SCHEMA=<name> (skip the load; the schema is kept), KEEP_SCHEMA=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bin/lib/java.sh"
database_url=${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database this script may create a schema in}
datasets=${DATASETS:-1000000}
requests=${REQUESTS:-300}
logins=${LOGINS:-60}
rounds=${ROUNDS:-2}
file_mb=${FILE_MB:-2048}
grant=${GRANT:-economy}
schema=${REUSE_SCHEMA:-"users_bench_$(date +%s)"}
[ -n "${REUSE_SCHEMA:-}" ] && KEEP_SCHEMA=1
jar="$root/headroom-cli/target/headroom.jar"
password=bench-admin-password
secret=bench-jwt-secret-of-at-least-thirty-two-bytes
work=$(mktemp -d)
pids=()
command -v psql >/dev/null || { echo "psql is missing" >&2; exit 2; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ "${KEEP_SCHEMA:-0}" != "1" ]; then psql -q "$database_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package -pl headroom-cli -am)
separator='?'; [[ "$database_url" == *\?* ]] && separator='&'
schema_url="${database_url}${separator}currentSchema=${schema},public"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (shared: figures are ratios within this run)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# start NAME [ENV=VALUE...]: starts `headroom serve`, sets $port and $pid once it answers
start() {
  local name=$1; shift
  port=$(free_port)
  mkdir -p "$work/$name/lake"
  env HEADROOM_PORT="$port" HEADROOM_HOST=127.0.0.1 HEADROOM_DATA_DIR="$work/$name" HEADROOM_LAKE_DIR="$work/$name/lake" \
    HEADROOM_SAMPLE_DATASETS=0 HEADROOM_REFRESH_INTERVAL=off HEADROOM_RATE_LIMITS=off \
    HEADROOM_ADMIN_PASSWORD="$password" HEADROOM_JWT_SECRET="$secret" "$@" \
    "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -jar "$jar" serve > "$work/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 1200); do
    curl -sf "localhost:$port/api/health/ready" > /dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$name died:"; tail -20 "$work/$name.log"; exit 1; }
    sleep 0.1
  done
  echo "$name did not get ready"; tail -20 "$work/$name.log"; exit 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# measure PID N [curl args...]: "p50 .. p99 .. CPU/req .." over N sequential requests
measure() {
  local target=$1 n=$2; shift 2
  local before after
  before=$(cpu_ticks "$target")
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done | sort -n > "$work/times"
  after=$(cpu_ticks "$target")
  awk -v n="$n" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '{v[NR]=$1*1000} END {
    i99 = int(NR*0.99); if (i99 < 1) i99 = 1
    printf "p50 %7.2f ms  p99 %7.2f ms  CPU/req %6.3f ms  (n=%d)", v[int(NR*0.5)], v[i99], ticks*1000/hz/n, NR }' "$work/times"
}
p50() { awk '{print $2}' <<<"$1"; }
login() { curl -s -XPOST -H 'Content-Type: application/json' "localhost:$1/api/v1/auth/login" \
  -d "{\"username\":\"$2\",\"password\":\"$3\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'; }

# ---------------------------------------------------------------- 1. the list page at 1M rows
if [ -z "${REUSE_SCHEMA:-}" ]; then
  psql -q "$database_url" -c "CREATE SCHEMA $schema" > /dev/null
  echo "== loading $datasets metadata-only datasets into schema $schema"
  "$JAVA_HOME/bin/java" -jar "$jar" generate --metadata-only --datasets "$datasets" --database "$schema_url" 2>&1 | tail -1
fi
start cached DATABASE_URL="$schema_url" HEADROOM_ACCESS=authenticated CACHE_ENABLED=true
cached_port=$port; cached_pid=$pid
start uncached DATABASE_URL="$schema_url" HEADROOM_ACCESS=authenticated CACHE_ENABLED=false
uncached_port=$port; uncached_pid=$pid
admin=$(login "$cached_port" admin "$password")
[ -n "$admin" ] || { echo "admin login failed"; exit 1; }
curl -s -o /dev/null -XPOST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  "localhost:$cached_port/api/v1/admin/users" -d "{\"username\":\"reader\",\"password\":\"reader-password\",\"folders\":[\"$grant\"]}"
user=$(login "$cached_port" reader reader-password)
[ -n "$user" ] || { echo "user login failed (does folder '$grant' exist? GRANT=...)"; exit 1; }
total_all=$(curl -s -H "Authorization: Bearer $admin" "localhost:$cached_port/api/v1/datasets?limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
total_user=$(curl -s -H "Authorization: Bearer $user" "localhost:$cached_port/api/v1/datasets?limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
echo "   admin sees $total_all datasets; 'reader' (grant '$grant') sees $total_user"
page="/api/v1/datasets?limit=20"
for label in uncached cached; do
  p=$([ $label = cached ] && echo "$cached_port" || echo "$uncached_port")
  target=$([ $label = cached ] && echo "$cached_pid" || echo "$uncached_pid")
  for t in "$admin" "$user"; do measure "$target" 50 -H "Authorization: Bearer $t" "localhost:$p$page" > /dev/null; done # warm-up
  echo "== list page ($page), $label"
  for r in $(seq 1 "$rounds"); do
    base=$(measure "$target" "$requests" -H "Authorization: Bearer $admin" "localhost:$p$page")
    cand=$(measure "$target" "$requests" -H "Authorization: Bearer $user" "localhost:$p$page")
    echo "   round $r  admin, unfiltered (baseline)  $base"
    echo "   round $r  user, one grant (filtered)    $cand"
    awk -v a="$(p50 "$cand")" -v b="$(p50 "$base")" 'BEGIN { printf "   round %s  filtered / unfiltered p50: %.2fx\n", '"$r"', a / b }'
  done
done
echo "== EXPLAIN (ANALYZE, BUFFERS) of the list statements (as DatasetRepository sends them; page of 20 + 1)"
visible=$(PGOPTIONS="-c search_path=$schema,public" psql -qAt "$database_url" -c "SELECT string_agg(quote_literal(folder), ',') FROM (SELECT DISTINCT folder FROM datasets WHERE folder = '$grant' OR folder LIKE '$grant/%') f")
cols="d.id, d.path, d.name, d.folder, d.format, d.size_bytes, d.last_modified, d.record_count"
echo "-- unfiltered"
PGOPTIONS="-c search_path=$schema,public" psql -qAt "$database_url" -c "EXPLAIN (ANALYZE, BUFFERS) SELECT $cols FROM datasets d ORDER BY d.name, d.id LIMIT 21 OFFSET 0"
echo "-- filtered: d.folder IN ($visible)"
PGOPTIONS="-c search_path=$schema,public" psql -qAt "$database_url" -c "EXPLAIN (ANALYZE, BUFFERS) SELECT $cols FROM datasets d WHERE d.folder IN ($visible) ORDER BY d.name, d.id LIMIT 21 OFFSET 0"

# ---------------------------------------------------------------- 2. login at the default bcrypt cost
echo "== login at the default bcrypt cost (12), cached instance"
for r in $(seq 1 "$rounds"); do
  echo "   round $r  GET /api/health (baseline)   $(measure "$cached_pid" "$logins" "localhost:$cached_port/api/health")"
  echo "   round $r  POST /api/v1/auth/login      $(measure "$cached_pid" "$logins" -XPOST -H 'Content-Type: application/json' \
    "localhost:$cached_port/api/v1/auth/login" -d '{"username":"reader","password":"reader-password"}')"
done

# ---------------------------------------------------------------- 3. the download log
id=$(curl -s -H "Authorization: Bearer $admin" "localhost:$uncached_port/api/v1/datasets?limit=1" | sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
before=$(PGOPTIONS="-c search_path=$schema,public" psql -qAt "$database_url" -c "SELECT count(*) FROM download_log")
echo "== the download log: metadata download (generated YAML, logged) vs the dataset's JSON (not logged), uncached instance"
for r in $(seq 1 "$rounds"); do
  echo "   round $r  GET /api/v1/datasets/$id (baseline)      $(measure "$uncached_pid" "$requests" -H "Authorization: Bearer $admin" "localhost:$uncached_port/api/v1/datasets/$id")"
  echo "   round $r  GET .../download?type=metadata (logged) $(measure "$uncached_pid" "$requests" -H "Authorization: Bearer $admin" "localhost:$uncached_port/api/v1/datasets/$id/download?type=metadata")"
done
expected=$((requests * rounds))
for _ in $(seq 1 100); do
  logged=$(( $(PGOPTIONS="-c search_path=$schema,public" psql -qAt "$database_url" -c "SELECT count(*) FROM download_log") - before ))
  [ "$logged" -ge "$expected" ] && break
  sleep 0.1
done
echo "   download_log rows written: $logged of $expected downloads"
kill "$cached_pid" "$uncached_pid" 2>/dev/null || true

# ---------------------------------------------------------------- 4. a 2 GB full download, heap during it
# its own script, with nginx's sendfile as a second baseline: needs no catalogue
FILE_MB="$file_mb" ROUNDS="$rounds" "$root/bench/download.sh"
