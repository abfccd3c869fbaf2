#!/usr/bin/env bash
# 10,000 concurrent keep-alive connections on one explorer (-Xmx512m, H2, response cache on, rate limits
# off), every connection kept busy for SECONDS by bench/KeepAliveClients.java (one NIO selector thread);
# baseline from the same run: 100 connections. Route: a cached API answer. PRINTS per step the client's
# req/s and errors, the server's CPU per request (from /proc), its peak RSS and its heap used (jcmd
# GC.heap_info, sampled while every connection is open). Exits 1 when the 10,000 step had an error.
#   bench/connections-10k.sh [CONNECTIONS=10000] [SECONDS=15]
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib/java.sh
source bench/lib/explorer.sh
JAR=${JAR:-headroom-cli/target/headroom.jar}
[ -f "$JAR" ] || ./mvnw -B -q -o package -pl headroom-cli -am -DskipTests
N=${1:-10000}; SECS=${2:-15}
ROUTE=${ROUTE:-/api/v1/stats/quick}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open files limit: $(ulimit -n)"
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
PORT=$(free_port)
env HEADROOM_HOST=127.0.0.1 HEADROOM_PORT="$PORT" HEADROOM_DATA_DIR="$WORK/data" HEADROOM_RATE_LIMITS=off \
    HEADROOM_SAMPLE_DATASETS=100 "$JAVA_HOME/bin/java" -Xmx512m -jar "$JAR" serve > "$WORK/server.log" 2>&1 &
SERVER=$!
await_explorer "$PORT" "$WORK/server.log"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (a shared, loaded machine)"
# Compile the client once (single-file source launch would compile it per step)
"$JAVA_HOME/bin/javac" -d "$WORK/client" bench/KeepAliveClients.java

step() {  # step CONNECTIONS: prints one line; returns the client's exit code
  local conns=$1 c1 c2 rss=0 heap=n/a rc
  c1=$(awk '{print $14 + $15}' "/proc/$SERVER/stat")
  "$JAVA_HOME/bin/java" -Xss256k -cp "$WORK/client" KeepAliveClients 127.0.0.1 "$PORT" "$ROUTE" "$conns" "$SECS" \
      > "$WORK/client-$conns.out" 2>&1 &
  local client=$!
  while kill -0 "$client" 2>/dev/null; do
    r=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"); [ "$r" -gt "$rss" ] && rss=$r
    if [ "$heap" = n/a ] && grep -q "all .* connections open" "$WORK/client-$conns.out" 2>/dev/null; then
      sleep $((SECS / 2))
      heap=$("$JAVA_HOME/bin/jcmd" "$SERVER" GC.heap_info 2>/dev/null | awk '/ used / {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
    fi
    sleep 0.5
  done
  wait "$client" && rc=0 || rc=$?
  c2=$(awk '{print $14 + $15}' "/proc/$SERVER/stat")
  local answers
  answers=$(sed -n 's/.*answers \([0-9]*\) in.*/\1/p' "$WORK/client-$conns.out")
  printf "%6d connections: %s\n" "$conns" "$(tail -1 "$WORK/client-$conns.out")"
  printf "        server: CPU %s ms per request (whole step, connecting included), peak RSS %d MB, heap used %s (of -Xmx512m)\n" \
      "$(python3 -c "print('%.3f' % (1000*($c2-$c1)/$(getconf CLK_TCK)/max(1, ${answers:-0})))")" $((rss / 1024)) "$heap"
  return $rc
}
step 100 || true
step "$N" && ok=0 || ok=1
step 100 || true
echo "server threads at the end: $(ls /proc/$SERVER/task | wc -l); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $ok
