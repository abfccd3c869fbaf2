#!/usr/bin/env bash
# Catalog macro benchmark (not a test): prints figures, asserts nothing.
#
#  1. bulk-loads N (default 1,000,000) metadata-only datasets into a fresh PostgreSQL schema and
#     prints rows/s;
#  2. starts `headroom serve` on it (no schedule, empty lake, so nothing refreshes the rows away);
#  3. runs wrk (64 connections, ~10 s each) on the catalog's main queries and prints req/s and p99,
#     plus the ratio cursor-at-depth / first page.
#
# Settings (environment): DATABASE_URL (postgresql://user[:pass]@host:port/db; default the local test
# server), DATASETS (1000000), SEED (42), CONNECTIONS (64), DURATION (10s), WARMUP (3s, unmeasured, before
# each endpoint), THREADS (2), PORT (18080),
# KEEP_SCHEMA=1 to leave the schema for EXPLAIN (its name is printed), REUSE_SCHEMA=<name> to skip the load
# and measure a schema a previous KEEP_SCHEMA=1 run left (it is kept).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bin/lib/java.sh"

database_url=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}
datasets=${DATASETS:-1000000}
seed=${SEED:-42}
connections=${CONNECTIONS:-64}
duration=${DURATION:-10s}
warmup=${WARMUP:-3s}
threads=${THREADS:-2}
port=${PORT:-18080}
schema=${REUSE_SCHEMA:-"catalog_bench_$(date +%s)"}
[ -n "${REUSE_SCHEMA:-}" ] && KEEP_SCHEMA=1
jar="$root/headroom-cli/target/headroom.jar"
work=$(mktemp -d)
server_pid=""

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v psql >/dev/null || { echo "psql is missing (needed to create the schema)" >&2; exit 2; }

cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "${KEEP_SCHEMA:-0}" != "1" ]; then psql -q "$database_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "$jar" ]; then
  echo "building $jar ..."
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl headroom-cli -am)
fi

separator='?'; [[ "$database_url" == *\?* ]] && separator='&'
schema_url="${database_url}${separator}currentSchema=${schema},public"
if [ -z "${REUSE_SCHEMA:-}" ]; then
  psql -q "$database_url" -c "CREATE SCHEMA $schema" >/dev/null
  echo "== bulk load: $datasets datasets (seed $seed) into schema $schema"
  echo "   machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA_HOME/bin/java" -jar "$jar" generate --metadata-only --datasets "$datasets" --seed "$seed" --database "$schema_url" \
    2>"$work/load.log" | tee "$work/load.out"
  grep -o 'Bulk load: .*' "$work/load.log" | sed 's/^/   /' || true
else
  echo "== reusing schema $schema (no load)"
fi

echo "== starting headroom serve on :$port"
mkdir -p "$work/lake"
started=$(date +%s%N)
env HEADROOM_RATE_LIMITS=off DATABASE_URL="$schema_url" HEADROOM_PORT="$port" HEADROOM_HOST=127.0.0.1 HEADROOM_DATA_DIR="$work" \
    HEADROOM_LAKE_DIR="$work/lake" HEADROOM_SAMPLE_DATASETS=0 HEADROOM_REFRESH_INTERVAL=off \
    "$JAVA_HOME/bin/java" ${HEADROOM_JAVA_OPTS:-} -jar "$jar" serve >"$work/serve.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
  curl -fs "$base/api/v1/datasets?limit=1" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the service died:"; cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
echo "   answering /api/v1/datasets after $(( ($(date +%s%N) - started) / 1000000 )) ms"
total=$(curl -fs "$base/api/v1/stats/quick" | sed -n 's/.*"totalCount":\([0-9]*\).*/\1/p')
echo "   catalog holds $total datasets"

depth=$(( datasets / 2 ))
cursor=$(curl -fs "$base/api/v1/datasets?offset=$(( depth - 20 ))&limit=20" | sed -n 's/.*"nextCursor":"\([^"]*\)".*/\1/p')
some_id=$(( datasets / 2 + 1 ))

# The filtered page over every folder x format (sorted by -lastModified), one picked at random per request
# (wrk Lua): the response cache sees 270 distinct URLs instead of one, the database different index ranges.
folders=$(curl -fs "$base/api/v1/folders" | grep -o '"name":"[^"]*"' | sed 's/"name":"\(.*\)"/"\1"/; s|/|%2F|g' | paste -sd, -)
cat > "$work/filtered-mix.lua" <<LUA
local folders = { $folders }
local formats = { "csv", "parquet", "json", "jsonl", "tsv", "excel", "avro", "orc", "other" }
local counter = 0
function setup(thread) counter = counter + 1; thread:set("id", counter) end
function init(args) math.randomseed(os.time() * 100 + id) end
function request()
  return wrk.format("GET", "/api/v1/datasets?folder=" .. folders[math.random(#folders)] .. "&format="
    .. formats[math.random(#formats)] .. "&sort=-lastModified")
end
LUA

declare -A rps p99
run() { # name path [wrk script]
  local name=$1 path=$2 script=() out
  [ -n "${3:-}" ] && script=(-s "$3")
  curl -fs -o /dev/null "$base$path" || { echo "   $name: $path does not answer 200" >&2; return 1; }
  wrk -t"$threads" -c"$connections" -d"$warmup" --timeout 30s "${script[@]}" "$base$path" >/dev/null # JIT, pool, page cache
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout 30s --latency "${script[@]}" "$base$path")
  rps[$name]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99[$name]=$(awk '$1 == "99%" {print $2}' <<<"$out")
  local errors; errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ' ' || true)
  printf '   %-28s %10s req/s   p99 %9s   %s\n' "$name" "${rps[$name]}" "${p99[$name]}" "$errors"
}
to_ms() { # wrk latency (850.00us, 12.34ms, 1.20s) -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

echo "== wrk: $connections connections, $duration each after a $warmup warm-up, $threads threads, 30 s timeout (load average $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t"$threads" -c"$connections" -d10s --timeout 30s "$base/api/v1/datasets?limit=7" >/dev/null # JVM warm-up, unmeasured
run first-page "/api/v1/datasets"
run folder+format-by-date "/api/v1/datasets?folder=environment&format=csv&sort=-lastModified"
run folder+format-mix "/api/v1/datasets?folder=environment" "$work/filtered-mix.lua"
run name-search "/api/v1/datasets?q=quality_readings"
run name-search-common "/api/v1/datasets?q=quality"
run offset-$depth "/api/v1/datasets?offset=$depth"
run cursor-at-$depth "/api/v1/datasets?cursor=$cursor"
run by-id "/api/v1/datasets/$some_id"

first=$(to_ms "${p99[first-page]}")
deep=$(to_ms "${p99[cursor-at-$depth]}")
offset=$(to_ms "${p99[offset-$depth]}")
echo "== ratios (p99)"
awk -v a="$deep" -v b="$first" 'BEGIN { printf "   cursor at depth / first page: %.2fx (budget <= 1.5x)\n", a / b }'
awk -v a="$offset" -v b="$deep" 'BEGIN { printf "   offset at depth / cursor at depth: %.1fx\n", a / b }'
awk -v a="${rps[cursor-at-$depth]}" -v b="${rps[first-page]}" 'BEGIN { printf "   throughput cursor at depth / first page: %.2fx\n", a / b }'
[ "${KEEP_SCHEMA:-0}" = "1" ] && echo "== schema kept: $schema (drop it with: psql \"$database_url\" -c 'DROP SCHEMA $schema CASCADE')"
exit 0
