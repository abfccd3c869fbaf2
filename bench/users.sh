#!/usr/bin/env bash
# Users and access, measured on the real service (embedded H2, sample lake): PRINTS figures, asserts nothing.
#   bench/users.sh [REQUESTS=200] [LOGINS=60]
# - login latency at the default bcrypt cost (12), p50/p99, against GET /api/health in the same run;
# - a list page as an anonymous caller (unfiltered, public mode) vs a user with one grant (access-filtered),
#   each uncached (CACHE_ENABLED=false instance) and cached, as latency per request from curl;
# - the download log's cost: metadata downloads (logged) vs the same bytes from /api/v1/datasets/{id}.
# Sequential curl requests: the figures are latencies of one client, not throughput.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-200}; LOGINS=${2:-60}
source bin/lib/java.sh
bin/headroom --help > /dev/null # builds the jar if needed
WORK=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
start() { # name cache_enabled -> port
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  HEADROOM_DATA_DIR="$WORK/$1" HEADROOM_PORT=$port HEADROOM_HOST=127.0.0.1 HEADROOM_ADMIN_PASSWORD=bench-password \
    HEADROOM_JWT_SECRET=bench-secret-of-at-least-thirty-two-bytes CACHE_ENABLED=$2 \
    "$JAVA_HOME/bin/java" -jar headroom-cli/target/headroom.jar serve > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do curl -sf "localhost:$port/api/v1/stats/quick" > /dev/null 2>&1 && break; sleep 0.2; done
  echo "$port"
}
# p50 and p99 (ms) of N timed requests: times [curl args...]
times() {
  local n=$1; shift
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done | sort -n |
    awk '{v[NR]=$1*1000} END {printf "p50 %.2f ms  p99 %.2f ms  (n=%d)", v[int(NR*0.5)], v[int(NR*0.99)>0?int(NR*0.99):1], NR}'
}
CACHED=$(start cached true); UNCACHED=$(start uncached false)
login() { curl -s -XPOST -H 'Content-Type: application/json' "localhost:$1/api/v1/auth/login" \
  -d "{\"username\":\"$2\",\"password\":\"$3\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
for port in $CACHED $UNCACHED; do
  admin=$(login "$port" admin bench-password)
  folder=$(curl -s "localhost:$port/api/v1/folders" | sed 's/.*"name":"\([^"]*\)".*/\1/')
  curl -s -XPOST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "localhost:$port/api/v1/admin/users" \
    -d "{\"username\":\"reader\",\"password\":\"reader-password\",\"folders\":[\"$folder\"]}" > /dev/null
done
echo "== login at bcrypt cost 12 (HEADROOM_BCRYPT_COST default)"
times 20 -o /dev/null "localhost:$CACHED/api/health" > /dev/null # warm-up
echo "GET /api/health            $(times "$LOGINS" "localhost:$CACHED/api/health")"
echo "POST /api/v1/auth/login    $(times "$LOGINS" -XPOST -H 'Content-Type: application/json' "localhost:$CACHED/api/v1/auth/login" \
  -d '{"username":"reader","password":"reader-password"}')"
for port in $CACHED $UNCACHED; do
  label=$([ "$port" = "$CACHED" ] && echo cached || echo uncached)
  user=$(login "$port" reader reader-password)
  times 20 "localhost:$port/api/v1/datasets?sort=-size" > /dev/null # warm-up
  echo "== list page, $label"
  echo "anonymous, unfiltered      $(times "$REQUESTS" "localhost:$port/api/v1/datasets?sort=-size")"
  echo "user, one grant (filtered) $(times "$REQUESTS" -H "Authorization: Bearer $user" "localhost:$port/api/v1/datasets?sort=-size")"
done
id=$(curl -s "localhost:$CACHED/api/v1/datasets?limit=1" | sed 's/.*"items":\[{"id":\([0-9]*\).*/\1/')
echo "== download log (metadata download, logged) vs the dataset's JSON (not logged), uncached service"
echo "GET /api/v1/datasets/$id         $(times "$REQUESTS" "localhost:$UNCACHED/api/v1/datasets/$id")"
echo "GET .../download?type=metadata  $(times "$REQUESTS" "localhost:$UNCACHED/api/v1/datasets/$id/download?type=metadata")"
