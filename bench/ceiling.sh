#!/usr/bin/env bash
# The cache hit against the framework's floor (issue 16), not a test: prints figures, asserts nothing.
#
# Starts, each pinned to SERVER_CPU with taskset, while wrk runs pinned to CLIENT_CPU:
#   bare      a bare Helidon SE route sending the explorer's page bytes from a byte[] (bench/BareHelidon.java,
#             TCP_NODELAY, one prepared Content-Type header);
#   explorer  the explorer serving GET /api/v1/datasets?limit=50 from its response cache, in its default
#             configuration (monitoring, JFR allocation sampling, security headers, deadlines, caller filter,
#             rate limits) except that the rate limits are raised so no request is refused: every request
#             still goes through the limiter (the defaults, 60/min per client, would answer 429 after 60);
#   norl      the same explorer with HEADROOM_RATE_LIMITS=off: the difference is the rate limiter's cost per hit;
#   bareh     the bare server sending the explorer hit's own response headers (its head as curl prints it, all
#             but Date, Connection and Content-Length, as prepared header objects): the same response bytes with
#             none of Headroom's work, so explorer - bareh is Headroom's logic and bareh - bare is Helidon writing
#             the headers a hit must carry;
#   noval     the explorer as `explorer`, with HTTP_VALIDATE_RESPONSE_HEADERS=false: Helidon's check of each
#             response header's characters as it writes them (the bare server checks its one header);
#   before, before-norl  with BEFORE_JAR=<an older headroom.jar>: the same two from that jar, for a before/after
#             comparison in one run (copy the jar aside before rebuilding).
# Each at the identity size and the gzip size, ROUNDS rounds alternating bare / explorer / norl, and prints
# per run req/s, p99, server CPU microseconds per request (utime+stime of the server's /proc/<pid>/stat over
# the run, divided by the requests wrk counted), the ratio to the bare server of the same round, and the bytes
# the server's JVM allocated per request (heap used at the end - at the start + what its collections freed in
# between, from jcmd GC.heap_info and -Xlog:gc, read outside the CPU interval; about 1 MB of rounding per run).
#
# The catalog: DATASETS (1000000) metadata-only rows bulk-loaded into a fresh schema of DATABASE_URL, as
# bench/catalog.sh does (REUSE_SCHEMA=<name> skips the load; KEEP_SCHEMA=1 keeps the schema). Only the page's
# bytes matter to a hit: a smaller catalog gives the same page shape.
#
# Settings (environment): JAR (headroom-cli/target/headroom.jar), DATABASE_URL (postgresql://user@host:port/db,
# default the local test server),
# DATASETS, SEED (42), ROUNDS (2), DURATION (10s per run), WARMUP (5s per server and coding, unmeasured),
# CONNECTIONS (16), SERVER_CPU (0), CLIENT_CPU (1), SERVER_JAVA_OPTS (given to all three JVMs; none by default,
# so a JVM pinned to one core runs the Serial collector by ergonomics), VARIANTS ("bare explorer norl"),
# PROFILE=1 records a JFR file (settings=profile: execution samples every 10 ms) of the explorer, or of
# PROFILE_VARIANT; its path is printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bin/lib/java.sh"

database_url=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}
datasets=${DATASETS:-1000000}
seed=${SEED:-42}
rounds=${ROUNDS:-2}
duration=${DURATION:-10s}
warmup=${WARMUP:-5s}
connections=${CONNECTIONS:-16}
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
variants=${VARIANTS:-bare explorer norl}
schema=${REUSE_SCHEMA:-"ceiling_bench_$(date +%s)"}
[ -n "${REUSE_SCHEMA:-}" ] && KEEP_SCHEMA=1
jar=${JAR:-"$root/headroom-cli/target/headroom.jar"}
work=$(mktemp -d)
pids=()

for tool in wrk taskset psql curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ "${KEEP_SCHEMA:-0}" != "1" ]; then psql -q "$database_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; fi
  [ "${PROFILE:-0}" = "1" ] || rm -rf "$work"
}
trap cleanup EXIT
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -o -DskipTests package -pl headroom-cli -am)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
separator='?'; [[ "$database_url" == *\?* ]] && separator='&'
schema_url="${database_url}${separator}currentSchema=${schema},public"
if [ -z "${REUSE_SCHEMA:-}" ]; then
  psql -q "$database_url" -c "CREATE SCHEMA $schema" >/dev/null
  echo "== bulk load: $datasets metadata-only datasets into schema $schema"
  "$JAVA_HOME/bin/java" -jar "$jar" generate --metadata-only --datasets "$datasets" --seed "$seed" \
    --database "$schema_url" 2>"$work/load.log" | sed 's/^/   /'
fi

declare -A port pid
explorer() { # name, jar, extra env...: starts the explorer pinned to the server core
  local name=$1 jar=$2; shift 2
  port[$name]=$(free_port)
  mkdir -p "$work/$name/lake"
  local jfr=()
  [ "${PROFILE:-0}" = "1" ] && [ "$name" = "${PROFILE_VARIANT:-explorer}" ] \
    && jfr=("-XX:StartFlightRecording=filename=$work/explorer.jfr,settings=profile")
  env "$@" DATABASE_URL="$schema_url" HEADROOM_PORT="${port[$name]}" HEADROOM_HOST=127.0.0.1 \
      HEADROOM_DATA_DIR="$work/$name" HEADROOM_LAKE_DIR="$work/$name/lake" HEADROOM_SAMPLE_DATASETS=0 \
      HEADROOM_REFRESH_INTERVAL=off \
      taskset -c "$server_cpu" "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} "-Xlog:gc:file=$work/$name.gc.log" \
      "${jfr[@]}" -jar "$jar" serve \
      >"$work/$name.log" 2>&1 &
  pid[$name]=$!; pids+=($!)
}
wait_for() { # name url
  for _ in $(seq 1 1200); do
    curl -fs -o /dev/null "$2" 2>/dev/null && return 0
    kill -0 "${pid[$1]}" 2>/dev/null || { echo "$1 died:"; cat "$work/$1.log"; exit 1; }
    sleep 0.1
  done
  echo "$1 did not answer $2" >&2; exit 1
}

jar_of() { case $1 in before*) echo "${BEFORE_JAR:?BEFORE_JAR names the older jar}" ;; *) echo "$jar" ;; esac; }
page=/api/v1/datasets?limit=50
unlimited=1000000000/1m # the limiter runs on every request and never refuses one
for v in $variants; do
  case $v in
    explorer|before)
      explorer "$v" "$(jar_of "$v")" HEADROOM_RATE_LIMIT_IP=$unlimited HEADROOM_RATE_LIMIT_USER=$unlimited \
        HEADROOM_RATE_LIMIT_API=$unlimited ;;
    norl|before-norl) explorer "$v" "$(jar_of "$v")" HEADROOM_RATE_LIMITS=off ;;
    noval)
      explorer "$v" "$jar" HEADROOM_RATE_LIMIT_IP=$unlimited HEADROOM_RATE_LIMIT_USER=$unlimited \
        HEADROOM_RATE_LIMIT_API=$unlimited HTTP_VALIDATE_RESPONSE_HEADERS=false ;;
  esac
done
first_explorer=$(for v in $variants; do [[ "$v" != bare* ]] && echo "$v" && break; done)
[ -n "$first_explorer" ] || first_explorer=explorer
[ -n "${pid[$first_explorer]:-}" ] || explorer "$first_explorer" "$jar" HEADROOM_RATE_LIMITS=off # the page's source
for v in $variants; do [[ "$v" != bare* ]] && wait_for "$v" "http://127.0.0.1:${port[$v]}$page"; done
wait_for "$first_explorer" "http://127.0.0.1:${port[$first_explorer]}$page"
curl -fs -o "$work/identity.body" "http://127.0.0.1:${port[$first_explorer]}$page"
curl -fs -H 'Accept-Encoding: gzip' -o "$work/gzip.body" "http://127.0.0.1:${port[$first_explorer]}$page"
curl -fsD "$work/gzip.head" -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:${port[$first_explorer]}$page"
curl -fsD "$work/identity.head" -o /dev/null "http://127.0.0.1:${port[$first_explorer]}$page"
bare() { # name, extra arguments: a bare Helidon server pinned to the server core
  local name=$1; shift
  port[$name]=$(free_port)
  taskset -c "$server_cpu" "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} "-Xlog:gc:file=$work/$name.gc.log" \
    -cp "$jar" "$root/bench/BareHelidon.java" \
    "${port[$name]}" "$work/identity.body" "$work/gzip.body" "$@" >"$work/$name.log" 2>&1 &
  pid[$name]=$!; pids+=($!)
  wait_for "$name" "http://127.0.0.1:${port[$name]}/identity"
}
[[ " $variants " == *" bare "* ]] && bare bare
[[ " $variants " == *" bareh "* ]] && bare bareh "$work/identity.head" "$work/gzip.head"
total=$(curl -fs "http://127.0.0.1:${port[$first_explorer]}/api/v1/stats/quick" | sed -n 's/.*"totalCount":\([0-9]*\).*/\1/p')
identity_bytes=$(stat -c %s "$work/identity.body"); gzip_bytes=$(stat -c %s "$work/gzip.body")
echo "== catalog $total datasets; page $page: identity $identity_bytes B, gzip $gzip_bytes B"
echo "   server core $server_cpu, wrk core $client_cpu (-t1 -c$connections), $duration per run, $rounds rounds;" \
  "machine $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

url() { # variant coding
  if [[ "$1" == bare* ]]; then echo "http://127.0.0.1:${port[$1]}/$2"; else echo "http://127.0.0.1:${port[$1]}$page"; fi
}
header() { [ "$1" = gzip ] && echo "Accept-Encoding: gzip" || echo "Accept-Encoding: identity"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
heap_used_k() { # pid: the heap's used KB, all generations (Serial, Parallel and G1 print "total NK, used NK")
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | awk '{s += $1} END {print s + 0}'
}
freed_k() { # gc log, lines already read: KB freed by the collections logged after them
  tail -n +"$(($2 + 1))" "$1" | sed -n 's/.* \([0-9]*\)M->\([0-9]*\)M(.*/\1 \2/p' | awk '{s += ($1 - $2) * 1024} END {print s + 0}'
}
hz=$(getconf CLK_TCK)

for coding in identity gzip; do
  for v in $variants; do # JIT and caches, unmeasured
    taskset -c "$client_cpu" wrk -t1 -c"$connections" -d"$warmup" -H "$(header $coding)" "$(url "$v" "$coding")" >/dev/null
  done
done
declare -A sum_cpu sum_rps sum_alloc runs line_notes
printf '%-9s %-11s %8s %10s %9s %11s %9s %9s  %s\n' round server coding req/s p99_ms cpu_us/req ratio_cpu alloc_B/req notes
for r in $(seq 1 "$rounds"); do
  for coding in identity gzip; do
    declare -A cpu=() line=() allocs=()
    order=$variants
    [ $((r % 2)) = 0 ] && order=$(echo "$variants" | tr ' ' '\n' | tac | tr '\n' ' ') # alternate who goes first
    for v in $order; do
      gc_lines=$(wc -l < "$work/$v.gc.log"); used_before=$(heap_used_k "${pid[$v]}")
      before=$(ticks "${pid[$v]}")
      out=$(taskset -c "$client_cpu" wrk -t1 -c"$connections" -d"$duration" --latency -H "$(header $coding)" "$(url "$v" "$coding")")
      after=$(ticks "${pid[$v]}")
      used_after=$(heap_used_k "${pid[$v]}")
      requests=$(awk '/requests in/ {print $1}' <<<"$out")
      alloc=$(awk -v a="$used_after" -v b="$used_before" -v f="$(freed_k "$work/$v.gc.log" "$gc_lines")" -v n="$requests" \
        'BEGIN {printf "%.0f", (a - b + f) * 1024 / n}')
      sum_alloc[$v,$coding]=$(awk -v a="${sum_alloc[$v,$coding]:-0}" -v b="$alloc" 'BEGIN {print a + b}')
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      p99=$(awk '$1 == "99%" {v=$2; n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n}' <<<"$out")
      cpu[$v]=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
      notes=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ' ' || true)
      sum_cpu[$v,$coding]=$(awk -v a="${sum_cpu[$v,$coding]:-0}" -v b="${cpu[$v]}" 'BEGIN {print a + b}')
      sum_rps[$v,$coding]=$(awk -v a="${sum_rps[$v,$coding]:-0}" -v b="$rps" 'BEGIN {print a + b}')
      runs[$v,$coding]=$(( ${runs[$v,$coding]:-0} + 1 ))
      line[$v]=$(printf '%-9s %-11s %8s %10.0f %9s %11s' "$r" "$v" "$coding" "$rps" "$p99" "${cpu[$v]}")
      allocs[$v]=$alloc
      line_notes[$v]=$notes
    done
    for v in $order; do # the ratio to the bare server of this round, whoever went first
      ratio=-; [ -n "${cpu[bare]:-}" ] && ratio=$(awk -v a="${cpu[$v]}" -v b="${cpu[bare]}" 'BEGIN {printf "%.2fx", a / b}')
      printf '%s %9s %9s  %s\n' "${line[$v]}" "$ratio" "${allocs[$v]}" "${line_notes[$v]}"
    done
    unset cpu line allocs
  done
done
echo "== mean over $rounds rounds (the ratio of the bare server's bare CPU per request is the issue's figure)"
for coding in identity gzip; do
  for v in $variants; do
    mean_cpu=$(awk -v s="${sum_cpu[$v,$coding]}" -v n="${runs[$v,$coding]}" 'BEGIN {printf "%.1f", s / n}')
    mean_rps=$(awk -v s="${sum_rps[$v,$coding]}" -v n="${runs[$v,$coding]}" 'BEGIN {printf "%.0f", s / n}')
    mean_alloc=$(awk -v s="${sum_alloc[$v,$coding]}" -v n="${runs[$v,$coding]}" 'BEGIN {printf "%.0f", s / n}')
    ratio=-
    [[ " $variants " == *" bare "* ]] && ratio=$(awk -v a="${sum_cpu[$v,$coding]}" -v b="${sum_cpu[bare,$coding]}" 'BEGIN {printf "%.2fx", a / b}')
    printf '   %-8s %-11s %10s req/s %8s us/req   %s the bare CPU %8s B/req allocated\n' "$coding" "$v" "$mean_rps" \
      "$mean_cpu" "$ratio" "$mean_alloc"
  done
done
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${PROFILE:-0}" = "1" ]; then
  "$JAVA_HOME/bin/jcmd" "${pid[${PROFILE_VARIANT:-explorer}]}" JFR.dump name=1 filename="$work/explorer.jfr" >/dev/null 2>&1 || true
  echo "   JFR recording of the explorer: $work/explorer.jfr (kept)"
fi
