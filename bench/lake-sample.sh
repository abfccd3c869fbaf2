#!/usr/bin/env bash
# Macro benchmark of GET /api/v1/datasets/{id}/sample on the generated sample lake (300 datasets):
# the largest CSV, the largest Parquet and the largest JSON Lines dataset, 20 and 1000 rows, against
# GET /api/health measured in the same run as the baseline. Prints figures; asserts nothing.
# Usage: bench/lake-sample.sh            (DURATION=10s CONNECTIONS=16 THREADS=2 to change the load)
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$root/bin/lib/java.sh"
command -v wrk >/dev/null || { echo "lake-sample: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
duration=${DURATION:-10s}
connections=${CONNECTIONS:-16}
threads=${THREADS:-2}

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
HEADROOM_RATE_LIMITS=off HEADROOM_HOST=127.0.0.1 HEADROOM_PORT=$port HEADROOM_DATA_DIR=$work "$root/bin/headroom" serve >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"

wait_for() { # wait_for DESCRIPTION COMMAND...: polls up to 120 s
  local what=$1; shift
  for _ in $(seq 1 240); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    kill -0 $server 2>/dev/null || { echo "lake-sample: the server died:" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "lake-sample: timed out waiting for $what" >&2; exit 1
}
catalog_full() { [ "$(curl -sf "$base/api/v1/stats/quick" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalCount"])')" = 300 ]; }
wait_for "the server" curl -sf "$base/api/health"
wait_for "the first refresh" catalog_full

largest() { # largest FORMAT -> "id sizeBytes recordCount"
  curl -sf "$base/api/v1/datasets?format=$1&sort=-size&limit=1" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin)["items"][0]; print(d["id"], d["sizeBytes"], d["recordCount"])'
}
rps() { wrk -t"$threads" -c"$connections" -d"$duration" "$1" | awk '/Requests\/sec/ {print $2}'; }

echo "wrk -t$threads -c$connections -d$duration, server: $base (JAVA_HOME=$JAVA_HOME), $(nproc) cores"
health=$(rps "$base/api/health")
printf '%-44s %12s %10s\n' "endpoint" "req/s" "vs health"
printf '%-44s %12s %10s\n' "GET /api/health (baseline)" "$health" "1.00"
for format in csv parquet jsonl; do
  read -r id size records < <(largest $format)
  for rows in 20 1000; do
    r=$(rps "$base/api/v1/datasets/$id/sample?rows=$rows")
    ratio=$(python3 -c "print(f'{$r / $health:.3f}')")
    printf '%-44s %12s %10s\n' "sample $format rows=$rows ($size B, $records rec)" "$r" "$ratio"
  done
done
