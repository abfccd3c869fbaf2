#!/usr/bin/env bash
# Renders the shipped nginx configs for other hosts and ports: the one place where they are
# parameterised (the files themselves stay runnable as they are, for the compose stack).
#   deploy/nginx/render.sh OUT_DIR LISTEN CACHE_DIR APP1 APP2 APP3
# copies every deploy/nginx/*.conf into OUT_DIR with:
#   listen 80; (and [::]:80)         -> listen LISTEN;   e.g. 127.0.0.1:18080 (IPv4 only)
#   /var/cache/nginx/headroom        -> CACHE_DIR
#   app1:8080, app2:8080, app3:8080  -> APP1, APP2, APP3  e.g. 127.0.0.1:18081
# Nothing else changes. Run the result with nginx -p OUT_DIR -c OUT_DIR/<balancing>.conf (the
# includes are found next to it); pid and error_log are the binary's defaults, so a non-root run
# passes -g "pid ...; error_log ...;".
# Used by .ci/deploy-check and bench/nginx-cluster.sh.
set -euo pipefail
[ $# -eq 6 ] || { echo "usage: $0 OUT_DIR LISTEN CACHE_DIR APP1 APP2 APP3" >&2; exit 2; }
out=$1 listen=$2 cache=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
cp "$here"/*.conf "$out/"
sed -i -e "s#app1:8080#$4#; s#app2:8080#$5#; s#app3:8080#$6#" \
  -e "s#/var/cache/nginx/headroom#$cache#" -e "s#listen 80;#listen $listen;#" \
  -e "/listen \[::\]:80;/d" "$out"/*.conf
