#!/usr/bin/env bash
# The deployment proved for real (issue 14, SCALE-2): Debian's nginx with deploy/nginx's config
# (rendered for loopback ports by deploy/nginx/render.sh, nothing else changed) in front of three
# `headroom serve` instances sharing one PostgreSQL database and one Redis, all started here. Under
# steady open-model load from `headroom load` through nginx, it checks and prints:
#   1. kill -9 of one instance: 0 failed requests (proxy_next_upstream for GET, passive health);
#   2. a rolling restart (SIGTERM, wait for /api/health/ready, next): 0 failed requests;
#   3. nginx's cache: MISS, HIT, REVALIDATED with the origin's 304 (nginx's upstream_status and the
#      origins' own http_server_requests count for status 304);
#   4. rate limits across the three instances: one client address (127.0.0.2, the address nginx
#      forwards) gets exactly the configured quota of 2xx, then 429s, wherever nginx sends it; a
#      second address is untouched; a forged X-Forwarded-For / Forwarded does not escape;
#   5. stale serving with every origin down (STALE), while an uncached URL fails (502).
# Exit 0 when every check passed, 1 otherwise (each failure is printed with its figures).
#   bench/nginx-cluster.sh
# Environment: RATE (requests/s of the steady load, default 40: a rate a loaded 2-core machine carries), CONFIG (balancing config of
# deploy/nginx, default least-conn), QUOTA (the heavy-route quota checked in 4, default 300),
# DATABASE_URL (an EMPTY database; default: a private PostgreSQL started here in a temp dir),
# REDIS_URL (default: a private redis-server; with a shared one, keys get a per-run prefix),
# JAR (default headroom-cli/target/headroom.jar, built when missing), KEEP=1 keeps the work dir.
# Needs nginx, curl, python3 (and, without DATABASE_URL / REDIS_URL, PostgreSQL and redis-server).
# Takes about 4-5 minutes (JVM starts dominate), so .ci/run does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib/java.sh
JAR=${JAR:-headroom-cli/target/headroom.jar}
[ -f "$JAR" ] || ./mvnw -B -q -o package -pl headroom-cli -am -DskipTests
RATE=${RATE:-40}
CONFIG=${CONFIG:-least-conn}
QUOTA=${QUOTA:-300}
PATH="$PATH:/usr/sbin:/sbin"   # Debian installs nginx in /usr/sbin
for program in nginx curl python3; do
  command -v "$program" >/dev/null || { echo "$program is not installed" >&2; exit 2; }
done
started=$(date +%s)
work=$(mktemp -d)
chmod 755 "$work"   # nginx workers run as an unprivileged user and must reach the cache directory
declare -a pids=() ports=()
others=()
failures=0
cleanup() {
  for p in "${pids[@]}" "${others[@]}"; do [ -z "$p" ] || kill -9 "$p" 2>/dev/null || true; done
  [ -z "${pg_stop:-}" ] || $pg_stop
  wait 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
say() { printf '%s %s\n' "$(date -u +%T)" "$*"; }
check() { # verdict message: prints one check line, counts failures
  if [ "$1" = ok ]; then echo "ok    $2"; else echo "FAIL  $2"; failures=$((failures + 1)); fi
}
die() { echo "FAIL  $*" >&2; for i in 1 2 3; do [ ! -f "$work/app$i.log" ] || { echo "--- app$i"; tail -5 "$work/app$i.log"; } >&2; done; exit 1; }

# ---- PostgreSQL and Redis ----------------------------------------------------------------------------
if [ -z "${DATABASE_URL:-}" ]; then
  pg_bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
  as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  mkdir -p "$work/pg"; [ "$(id -u)" != 0 ] || chown postgres "$work/pg"
  as_postgres "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres >"$work/initdb.log" 2>&1 || die "initdb: $(tail -3 "$work/initdb.log")"
  pg_port=$(free_port)
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null \
    || die "PostgreSQL did not start: $(tail -3 "$work/pg/server.log")"
  pg_stop="as_postgres $pg_bin/pg_ctl -D $work/pg/data -m immediate -w stop"
  export DATABASE_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres"
fi
if [ -z "${REDIS_URL:-}" ]; then
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
  others+=($!)
  export REDIS_URL="redis://127.0.0.1:$redis_port"
fi

# ---- three instances ---------------------------------------------------------------------------------
# One lake for all (the catalog in PostgreSQL names its files); each instance its own data dir.
# Short shared-cache freshness so expiry and revalidation happen within the run; no
# stale-while-revalidate, so an expired entry is revalidated before answering (REVALIDATED).
# Limits: the address and API quotas far above the load (it comes from one address); the heavy
# quota is the one checked in 4, with no slow-down so a refusal is immediate. REDIS_TIMEOUT above
# its 250 ms default: on a saturated machine Redis answers late, and each instance then falls back to
# its own buckets (limit / 3), which check 4 would count as the limit not held.
export HEADROOM_LAKE_DIR="$work/lake" HEADROOM_SAMPLE_DATASETS=30 HEADROOM_REFRESH_INTERVAL=off \
  HEADROOM_TRUSTED_PROXIES=127.0.0.1 HEADROOM_METRICS_TOKEN="bench-$RANDOM$RANDOM" \
  HEADROOM_ADMIN_PASSWORD="bench-$RANDOM$RANDOM" CACHE_KEY_PREFIX="headroom:nginx-cluster-$$-$RANDOM:" \
  HTTP_SHARED_MAX_AGE=3s HTTP_STALE_WHILE_REVALIDATE=0s \
  HEADROOM_RATE_LIMIT_IP=1000000/1h HEADROOM_RATE_LIMIT_USER=1000000/1h HEADROOM_RATE_LIMIT_API=1000000/1h \
  HEADROOM_RATE_LIMIT_HEAVY="$QUOTA/1h" HEADROOM_RATE_LIMIT_MAX_DELAY=0s HEADROOM_RATE_LIMIT_INSTANCES=3 \
  REDIS_TIMEOUT=2s HEADROOM_SHUTDOWN_DELAY=2s HEADROOM_SHUTDOWN_GRACE=10s DB_POOL_MAX=8
for i in 1 2 3; do ports[i]=$(free_port); done
# C1 only by default: a shorter, cheaper warm-up after each restart on a small shared machine.
SERVE_JAVA_OPTS=${SERVE_JAVA_OPTS:--Xmx320m -XX:TieredStopAtLevel=1}
start_instance() { # i
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $SERVE_JAVA_OPTS -jar "$JAR" serve --host 127.0.0.1 --port "${ports[$1]}" \
    --data-dir "$work/app$1" >>"$work/app$1.log" 2>&1 &
  pids[$1]=$!
}
wait_ready() { # i: until /api/health/ready answers 200 (at most 180 s), else the run fails
  for _ in $(seq 1 900); do
    curl -fs -o /dev/null "http://127.0.0.1:${ports[$1]}/api/health/ready" && return 0
    kill -0 "${pids[$1]}" 2>/dev/null || die "instance $1 exited: $(tail -3 "$work/app$1.log")"
    sleep 0.2
  done
  die "instance $1 not ready after 180 s"
}
say "starting instance 1 (sample lake, migrations, first catalogue), then 2 and 3"
start_instance 1; wait_ready 1
start_instance 2; start_instance 3; wait_ready 2; wait_ready 3
say "instances ready on ports ${ports[1]} ${ports[2]} ${ports[3]} ($(( $(date +%s) - started )) s)"

# ---- nginx -------------------------------------------------------------------------------------------
listen=$(free_port)
deploy/nginx/render.sh "$work/nginx" "127.0.0.1:$listen" "$work/cache" \
  "127.0.0.1:${ports[1]}" "127.0.0.1:${ports[2]}" "127.0.0.1:${ports[3]}"
nginx -p "$work/nginx" -c "$work/nginx/$CONFIG.conf" \
  -g "pid $work/nginx.pid; error_log $work/nginx-error.log warn; daemon off;" >"$work/access.log" 2>&1 &
others+=($!)
base="http://127.0.0.1:$listen"
for _ in $(seq 1 100); do curl -fs -o /dev/null "$base/api/health" && break; sleep 0.1; done
curl -fs -o /dev/null "$base/api/health" || die "nginx does not answer: $(tail -3 "$work/nginx-error.log")"
dataset_ids() { curl -fs "$base/api/v1/datasets?limit=100$1" | python3 -c 'import json,sys; print(" ".join(str(d["id"]) for d in json.load(sys.stdin)["items"]))'; }
ids=$(dataset_ids ""); csv_ids=$(dataset_ids "&format=csv")   # samples of every CSV file answer 200
[ -n "$ids" ] && [ -n "$csv_ids" ] || die "the catalog is empty"
say "nginx ($CONFIG.conf) on $base; $(wc -w <<<"$ids") datasets"

# ---- the steady load ---------------------------------------------------------------------------------
# Every URL unique (an ignored ?n=), so each request goes through nginx to an instance (a cache
# HIT would not test the fail-over); all GET: the idempotent requests nginx may send twice.
python3 - "$work/load.csv" $ids <<'PY'
import sys
ids = sys.argv[2:]
with open(sys.argv[1], "w") as f:
    f.write("id,n\n")
    for n in range(100000):
        f.write(f"{ids[n % len(ids)]},{n}\n")
PY
cat >"$work/load.yaml" <<EOF
name: nginx-cluster
baseUrl: $base
timeout: 15s
feeders:
  rows: {file: load.csv, mode: sequential}
requests:
  - {label: dataset, weight: 6, path: '/api/v1/datasets/\${id}?n=\${n}', feeder: rows, checks: [{status: 200}]}
  - {label: list, weight: 2, path: '/api/v1/datasets?limit=10&n=\${n}', feeder: rows, checks: [{status: 200}]}
  - {label: page, weight: 1, path: '/?n=\${n}', feeder: rows, checks: [{status: 200}]}
  - {label: quick stats, weight: 1, path: '/api/v1/stats/quick?n=\${n}', feeder: rows, checks: [{status: 200}]}
executor: {type: constant-arrival-rate, rate: $RATE, timeUnit: 1s, duration: 30s, preAllocatedVUs: 20, maxVUs: $((RATE * 2))}
EOF
load_start() { # name seconds: the load in the background, results in $work/<name>
  "$JAVA_HOME/bin/java" -Xmx256m -jar "$JAR" load "$work/load.yaml" --duration "$2s" \
    --out "$work/$1" >"$work/$1.log" 2>&1 &
  load_pid=$!
}
load_running() { kill -0 "$load_pid" 2>/dev/null; }
load_sending() { # mark: until the load's first request reached nginx (its JVM may take 20 s to start here)
  for _ in $(seq 1 600); do [ "$(lines)" -le "$1" ] || return 0; sleep 0.2; done
  die "the load sent nothing within 120 s"
}
load_end() { wait "$load_pid" || true; }
load_figures() { # name: "requests failed codes" from the load's own results
  python3 - "$work/$1" <<'PY'
import collections, csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1] + "/results.jtl")))
codes = collections.Counter(r["responseCode"] for r in rows)
failed = sum(1 for r in rows if r["success"] != "true")
total = json.load(open(sys.argv[1] + "/summary.json"))["total"]
print(len(rows), failed, ",".join(f"{c}:{n}" for c, n in sorted(codes.items())),
      f"p99={total['p99']:.0f}ms", f"max={total['max']:.0f}ms")
PY
}
nginx_retries() { # from-line: requests nginx sent to more than one instance, since that line of its log
  tail -n +"$1" "$work/access.log" | grep -c 'upstream_status=[0-9-]*, ' || true
}
lines() { wc -l <"$work/access.log"; }

say "warm-up: ${RATE}/s for 20 s (not checked: the instances' first requests are slow)"
load_start warmup 20; load_end
read -r total failed codes p99 max <<<"$(load_figures warmup)"
say "   warm-up: $total requests, $failed failed (codes $codes, $p99, $max)"

# ---- 1. kill -9 under load ---------------------------------------------------------------------------
say "1. kill -9: ${RATE}/s for 60 s; instance 2 killed at 10 s, started again at 20 s"
mark=$(lines); load_start kill 60
load_sending "$mark"; sleep 10; kill -9 "${pids[2]}"; wait "${pids[2]}" 2>/dev/null || true
killed_at=$(date -u +%T)
sleep 10; t0=$(date +%s); start_instance 2; wait_ready 2
restart_seconds=$(( $(date +%s) - t0 ))
say "   instance 2 ready again $restart_seconds s after its start$(load_running || echo ' (after the load ended)')"
load_end
read -r total failed codes p99 max <<<"$(load_figures kill)"
retried=$(nginx_retries "$mark")
verdict=fail; [ "$failed" = 0 ] && [ "$total" -gt 0 ] && verdict=ok
check $verdict "kill -9 under load: $total requests at ${RATE}/s, $failed failed (codes $codes, $p99, $max); killed at $killed_at; nginx retried $retried on another instance"

# ---- 2. rolling restart under load -------------------------------------------------------------------
# Long enough for three restarts at the start time just measured (a loaded machine's JVM starts vary).
roll_seconds=${ROLL_SECONDS:-$(( 3 * (2 * restart_seconds + 30) + 30 ))}
say "2. rolling restart: ${RATE}/s for $roll_seconds s; each instance SIGTERM, wait for exit, start, wait ready, wait for nginx to send it requests"
mark=$(lines); load_start roll "$roll_seconds"
load_sending "$mark"; sleep 5
for i in 1 2 3; do
  t0=$(date +%s.%N)
  kill -TERM "${pids[$i]}"; wait "${pids[$i]}" 2>/dev/null || true
  t1=$(date +%s.%N)
  start_instance "$i"; wait_ready "$i"
  t2=$(date +%s.%N)
  # nginx's passive health check keeps the instance out for fail_timeout after its failures, ready or not:
  # stopping the next one before nginx sends this one traffic again leaves nginx counting two of three down,
  # and at the third it has none ("no live upstreams", 502). A rolling restart waits for the balancer.
  back=$(lines)
  for _ in $(seq 1 150); do
    tail -n +"$back" "$work/access.log" | grep -q "upstream=127.0.0.1:${ports[$i]} upstream_status=200" && break
    sleep 0.2
  done
  t3=$(date +%s.%N)
  say "   instance $i: drained and stopped in $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s, ready again $(awk "BEGIN{printf \"%.1f\", $t2 - $t1}") s later, back in nginx's rotation $(awk "BEGIN{printf \"%.1f\", $t3 - $t2}") s after that"
  load_running || die "the load ended before the restart of instance $i was over: set ROLL_SECONDS higher"
done
load_end
read -r total failed codes p99 max <<<"$(load_figures roll)"
retried=$(nginx_retries "$mark")
verdict=fail; [ "$failed" = 0 ] && [ "$total" -gt 0 ] && verdict=ok
check $verdict "rolling restart under load: $total requests at ${RATE}/s, $failed failed (codes $codes, $p99, $max); nginx retried $retried on another instance"

# ---- 3. cache: MISS, HIT, REVALIDATED with the origin's 304 ------------------------------------------
get() { curl -s -D "$work/headers" -o /dev/null -w '%{http_code}' "$@"; }
header() { tr -d '\r' <"$work/headers" | sed -n "s/^$1: //Ip" | head -1; }
origin_304s() { # the origins' own count of 3xx answers on the route (its only 3xx is 304), all three summed
  for i in 1 2 3; do
    curl -fs -H "Authorization: Bearer $HEADROOM_METRICS_TOKEN" "http://127.0.0.1:${ports[$i]}/metrics" || true
  done | awk 'index($0, "http_server_responses_total{") == 1 && index($0, "uri=\"/api/v1/datasets/{id}\"") \
                && index($0, "status=\"3xx\"") {n += $NF} END {printf "%d\n", n}'
}
first_id=${ids%% *}
cached="$base/api/v1/datasets/$first_id?cache=$$"
statuses=()
code=$(get "$cached"); statuses+=("$code $(header X-Cache-Status)")
code=$(get "$cached"); statuses+=("$code $(header X-Cache-Status)")
control=$(header Cache-Control); etag=$(header ETag)
before=$(origin_304s)
mark=$(lines)
after_expiry() { # url: "code X-Cache-Status" of the first answer that is not a HIT (s-maxage is 3 s)
  local code status=HIT
  for _ in $(seq 1 100); do
    code=$(get "$1"); status=$(header X-Cache-Status)
    [ "$status" = HIT ] || break
    sleep 0.1
  done
  echo "$code $status"
}
statuses+=("$(after_expiry "$cached")")
for _ in $(seq 1 50); do # a request is counted just after its response went out
  after=$(origin_304s); [ "$after" -le "$before" ] || break; sleep 0.1
done
revalidation=$(tail -n +"$((mark + 1))" "$work/access.log" | grep "cache=REVALIDATED" | tail -1 || true)
verdict=fail
[ "${statuses[0]}" = "200 MISS" ] && [ "${statuses[1]}" = "200 HIT" ] && [ "${statuses[2]}" = "200 REVALIDATED" ] \
  && grep -q 'upstream_status=304' <<<"$revalidation" && [ "$after" -gt "$before" ] && verdict=ok
check $verdict "cache: ${statuses[*]} (Cache-Control: $control; ETag $etag); nginx log: ${revalidation:-none}; origins' 304 count $before -> $after"

# ---- 4. rate limits across the instances -------------------------------------------------------------
# QUOTA + 100 sample requests (a heavy route) from 127.0.0.2, 8 at a time, each URL unique so every
# one reaches an instance; then 20 from 127.0.0.3 (its own bucket), then 127.0.0.2 forging its
# address. Bucket4j refills greedily (one token per hour/QUOTA), so the exact expectation is QUOTA
# plus the tokens refilled while the burst ran.
mark=$(lines)
fallbacks_before=$(cat "$work"/app?.log | grep -c 'buckets are per instance' || true)
python3 - "$base" "$QUOTA" $csv_ids >"$work/limits.json" <<'PY'
import concurrent.futures, http.client, json, sys, time, urllib.parse
base, quota, ids = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
host = urllib.parse.urlsplit(base)
def get(source, n, headers={}):
    c = http.client.HTTPConnection(host.hostname, host.port, timeout=30, source_address=(source, 0))
    c.request("GET", f"/api/v1/datasets/{ids[n % len(ids)]}/sample?rows=5&n={n}", headers=headers)
    r = c.getresponse(); r.read(); c.close()
    return r.status, r.getheader("RateLimit", "")
start = time.time()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    burst = list(pool.map(lambda n: get("127.0.0.2", n), range(quota + 100)))
elapsed = time.time() - start
other = [get("127.0.0.3", 100000 + n) for n in range(20)]
forged = [get("127.0.0.2", 200000 + n, {"X-Forwarded-For": f"203.0.113.{n}", "Forwarded": f"for=203.0.113.{n}"})
          for n in range(10)]
count = lambda results, status: sum(1 for s, _ in results if s == status)
print(json.dumps({"elapsed": elapsed, "ok": len(burst) - count(burst, 429), "limited": count(burst, 429),
                  "otherStatuses": sorted({s for s, _ in burst} - {200, 429}),
                  "otherOk": count(other, 200), "otherRateLimit": other[-1][1],
                  "forgedLimited": count(forged, 429), "forgedTotal": len(forged)}))
PY
per_instance=$(tail -n +"$((mark + 1))" "$work/access.log" | awk '$1 == "127.0.0.2" && / 200 / {print}' \
  | sed -n 's/.*upstream=\([^ ]*\) .*/\1/p' | sort | uniq -c | awk '{printf "%s%s=%s", sep, $2, $1; sep=", "}')
fallbacks=$(( $(cat "$work"/app?.log | grep -c 'buckets are per instance' || true) - fallbacks_before ))
read -r verdict line <<<"$(python3 - "$work/limits.json" "$QUOTA" "$per_instance" "$fallbacks" <<'PY'
import json, math, sys
r, quota, spread, fallbacks = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
refill = math.floor(r["elapsed"] / (3600 / quota))   # tokens back during the burst
share = (r["ok"] - quota) / quota * 100
good = (quota <= r["ok"] <= quota + refill and abs(share) <= 5 and r["ok"] + r["limited"] == quota + 100
        and not r["otherStatuses"] and r["otherOk"] == 20 and r["forgedLimited"] == r["forgedTotal"]
        and spread.count("=") == 3 and fallbacks == 0)
print("ok" if good else "fail",
      f"rate limit across 3 instances: quota {quota}/1h for 127.0.0.2; of {quota + 100} requests in "
      f"{r['elapsed']:.1f} s, {r['ok']} answered 200 ({share:+.1f} % of the quota; up to {refill} refilled "
      f"meanwhile) and {r['limited']} 429; 200s per instance: {spread or 'none'}; 127.0.0.3: "
      f"{r['otherOk']}/20 answered 200 ({r['otherRateLimit']}); 127.0.0.2 forging X-Forwarded-For/Forwarded: "
      f"{r['forgedLimited']}/{r['forgedTotal']} still 429; Redis fallbacks to per-instance buckets meanwhile: {fallbacks}")
PY
)"
check "$verdict" "$line"

# ---- 5. stale while every origin is down -------------------------------------------------------------
for i in 1 2 3; do kill -9 "${pids[$i]}"; wait "${pids[$i]}" 2>/dev/null || true; pids[i]=""; done
stale="$(after_expiry "$cached") Age=$(header Age)"
uncached=$(get "$base/api/v1/datasets/$first_id?never-cached=$$")
verdict=fail; [[ "$stale" == "200 STALE"* ]] && [ "$uncached" = 502 ] && verdict=ok
check $verdict "all 3 origins down (kill -9): the cached URL answers $stale; an uncached one $uncached"

say "done in $(( $(date +%s) - started )) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$failures" = 0 ] || { echo "$failures check(s) failed"; exit 1; }
