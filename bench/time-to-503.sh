#!/usr/bin/env bash
# Time to a 503 with the database down (RES-2): the explorer on its own private PostgreSQL (initdb in a temp
# directory, run as the postgres user, a free port), response cache off so every request needs the
# database. A client sends RATE uncached requests per second, each on its own thread (no request waits for
# another), for UP seconds with the database up (the baseline of the same run), then the cluster is killed
# (`pg_ctl stop -m immediate`) and the requests go on for DOWN seconds. PRINTS the latency distribution of
# each phase: up; down with the breaker still closed (each waits for the pool's connection timeout,
# DB_CONNECTION_TIMEOUT, default 5s); down with the breaker open (from the first 503 answered in under
# 100 ms). Asserts nothing. Needs root (to run initdb as postgres).
#   bench/time-to-503.sh [RATE=20] [UP=8] [DOWN=20]
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/lib/java.sh
source bench/lib/explorer.sh
JAR=${JAR:-headroom-cli/target/headroom.jar}
[ -f "$JAR" ] || ./mvnw -B -q -o package -pl headroom-cli -am -DskipTests
RATE=${1:-20}; UP=${2:-8}; DOWN=${3:-20}
PGBIN=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
WORK=$(mktemp -d); chmod 755 "$WORK"; chown postgres "$WORK"
SERVER=
stop_pg() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop > /dev/null 2>&1 || true; }
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; stop_pg; rm -rf "$WORK"' EXIT
PGPORT=$(free_port)
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust --no-sync > "$WORK/initdb.log" 2>&1
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
    -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off" start > /dev/null
PORT=$(free_port)
env HEADROOM_HOST=127.0.0.1 HEADROOM_PORT="$PORT" HEADROOM_DATA_DIR="$WORK/data" HEADROOM_RATE_LIMITS=off \
    DATABASE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/postgres?user=postgres" CACHE_ENABLED=false \
    HEADROOM_SAMPLE_DATASETS=50 HEADROOM_REFRESH_INTERVAL=24h DB_BREAKER_OPEN_FOR=${DB_BREAKER_OPEN_FOR:-30s} \
    "$JAVA_HOME/bin/java" -Xmx512m -jar "$JAR" serve > "$WORK/server.log" 2>&1 &
SERVER=$!
await_explorer "$PORT" "$WORK/server.log"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (a shared, loaded machine)"
python3 - "http://127.0.0.1:$PORT/api/v1/datasets/1" "$RATE" "$((UP + DOWN))" "$UP" \
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop <<'PY'
import subprocess, sys, threading, time, urllib.request, urllib.error
url, rate, seconds, up = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
stop_command = sys.argv[5:]
killed_at = []
def kill():  # the client's own clock decides when the database dies, UP seconds into its schedule
    time.sleep(max(0, start + up - time.time()))
    killed_at.append(time.time())
    subprocess.run(stop_command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
rows, lock = [], threading.Lock()
def one(sent):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read(); status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    except Exception:
        status = 0
    with lock:
        rows.append((sent, time.time() - sent, status))
start = time.time(); threads = []
threading.Thread(target=kill).start()
for i in range(int(rate * seconds)):
    t0 = start + i / rate
    time.sleep(max(0, t0 - time.time()))
    th = threading.Thread(target=one, args=(t0,)); th.start(); threads.append(th)
for th in threads: th.join()
killed = killed_at[0]
# The breaker is taken as open from the first request after which every later one was answered in under 100 ms:
# before it, requests that got a pooled connection already broken by the kill fail fast too, but the rest wait
# for the pool's connection timeout, and those failures are what open the breaker.
slow = [s for s, l, st in rows if s >= killed and l >= 0.1]
after = [s for s, l, st in rows if s >= killed and (not slow or s > max(slow))]
opened = min(after, default=None)
def show(name, sel):
    if not sel:
        print("%-38s none" % name); return
    lat = sorted(l * 1000 for _, l, _ in sel)
    q = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))]
    codes = {}
    for _, _, st in sel: codes[st] = codes.get(st, 0) + 1
    print("%-38s n=%4d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  statuses %s" % (name, len(sel), q(50), q(99), lat[-1],
          " ".join("%s:%d" % kv for kv in sorted(codes.items()))))
show("database up (baseline)", [r for r in rows if r[0] < killed])
show("down, breaker closed", [r for r in rows if r[0] >= killed and (opened is None or r[0] < opened)])
show("down, breaker open", [r for r in rows if opened is not None and r[0] >= opened])
print("breaker opened %.1f s after the kill" % (opened - killed) if opened else "the breaker never opened")
PY
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
