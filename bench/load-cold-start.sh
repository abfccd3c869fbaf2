#!/usr/bin/env bash
# The load generator's own cold start: an open-model run at RATE/s for SECONDS against a warm trivial
# server, ROUNDS times, each in a fresh JVM (as a user runs it). PRINTS figures; asserts nothing.
#   bench/load-cold-start.sh [ROUNDS=3] [RATE=2000] [SECONDS=10]
# Per round: p99 of the whole run, p99 of its steady second half (both from results.jtl, the same
# nearest-rank method over the same integer milliseconds), their ratio (target: within 2x), requests
# completed in the first second, and the seconds the summary flags as behind schedule (if it does).
# The server is warmed first by a closed-model run, so only the generator is cold.
# JAR=other.jar measures another build; BASELINE_JAR=old.jar also runs that build in every round, just
# before JAR, so the two are compared under the same machine load (ratios, not absolute times).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; RATE=${2:-2000}; SECONDS_PER_RUN=${3:-10}
source bin/lib/java.sh
JAR=${JAR:-headroom-cli/target/headroom.jar}
[ -f "$JAR" ] || ./mvnw -B -q -o package -pl headroom-cli -am -DskipTests
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
LOG=$(mktemp)
"$JAVA_HOME/bin/java" -cp "$JAR" bench/TrivialHttpServer.java "$PORT" > "$LOG" 2>&1 &
SERVER=$!
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK" "$LOG"' EXIT
for _ in $(seq 1 100); do grep -q "trivial server" "$LOG" 2>/dev/null && break; sleep 0.2; done
URL="http://127.0.0.1:$PORT/"
"$JAVA_HOME/bin/java" -jar "$JAR" load --url "$URL" --vus 20 --duration 8s > /dev/null  # warm the server
measure() {  # measure JAR_UNDER_TEST LABEL ROUND
  out="$WORK/$2-$3"
  "$JAVA_HOME/bin/java" -jar "$1" load --url "$URL" --rate "$RATE/s" --duration "${SECONDS_PER_RUN}s" \
      --out "$out" > "$out.log" 2>&1 || true
  python3 - "$out" "$2 round $3" <<'PY'
import csv, json, math, sys
out, name = sys.argv[1], sys.argv[2]
rows = [(int(r["timeStamp"]), int(r["elapsed"])) for r in csv.DictReader(open(out + "/results.jtl"))]
start = min(t for t, _ in rows); end = max(t for t, _ in rows)
def p99(values):
    v = sorted(values); return v[max(0, math.ceil(0.99 * len(v)) - 1)] if v else float("nan")
run = p99(e for _, e in rows)
steady = p99(e for t, e in rows if t >= start + (end - start) / 2)
first = sum(1 for t, e in rows if t + e < start + 1000)
s = json.load(open(out + "/summary.json"))
behind = s.get("behindSchedule", {}).get("seconds", "n/a")
print("%s: p99 run %d ms, steady %d ms, ratio %.1fx; summary p99 %.2f ms; %d done in the first second; "
      "max busy VUs %d; behind-schedule seconds %s" % (name, run, steady, run / max(steady, 1), s["total"]["p99"],
      first, max(p["vus"] for p in s["series"]), [b["second"] for b in behind] if isinstance(behind, list) else behind))
PY
}
for round in $(seq 1 "$ROUNDS"); do
  [ -n "${BASELINE_JAR:-}" ] && measure "$BASELINE_JAR" baseline "$round"
  measure "$JAR" current "$round"
done
