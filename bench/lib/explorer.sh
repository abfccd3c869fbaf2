# Sourced by the protection benches (overload-goodput, connections-10k, time-to-503).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# await_explorer PORT LOG: waits until the explorer on PORT lists a catalogue (exit 2 with its log's tail if never)
await_explorer() {
  local n=0
  for _ in $(seq 1 1200); do
    n=$(curl -s "http://127.0.0.1:$1/api/v1/stats/quick" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("totalCount",0))' 2>/dev/null || echo 0)
    [ "$n" -gt 0 ] && return 0
    sleep 0.5
  done
  echo "the explorer on port $1 did not start:"; tail -20 "$2"; exit 2
}
