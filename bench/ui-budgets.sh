#!/usr/bin/env bash
# The UI's budgets (DASH-2, DASH-4), measured by its tests and printed: JavaScript + CSS bytes per coding
# against 150 KB (UiRoutesTest); first load — navigation start to the first page of datasets on
# screen, from Navigation Timing in headless Chromium over a 1,000,000-dataset catalog — against 1 s, and
# a scripted scroll through the million (no long task over 50 ms, from a PerformanceObserver 'longtask'; the
# scroll handler's p95 per frame under 16 ms; the page requests of the fling; DOM size; LargeCatalogBrowserTest);
# first load on an emulated slow network (400 kbit/s, 400 ms RTT) against 4 s (SlowNetworkAndOfflineBrowserTest). Needs chromium + chromedriver and PostgreSQL (HEADROOM_TEST_DATABASE_URL,
# default the local test database). Here the tests fail when a budget is exceeded (-Dheadroom.ui.budgets=enforce);
# in the build they only print the timings (UiBudget).
# Usage: bench/ui-budgets.sh
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$root/bin/lib/java.sh"
export HEADROOM_TEST_DATABASE_URL=${HEADROOM_TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
cd "$root"
status=0
./mvnw -q -B -pl headroom-explorer -am test -Dtest='UiRoutesTest,LargeCatalogBrowserTest,SlowNetworkAndOfflineBrowserTest' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dheadroom.ui.budgets=enforce >/dev/null 2>&1 || status=$?
reports=headroom-explorer/target/surefire-reports
grep -h -E '^\[ui-budget\]|^  [a-z-]+\.(js|css) ' "$reports"/*UiRoutesTest-output.txt \
  "$reports"/*LargeCatalogBrowserTest-output.txt "$reports"/*SlowNetworkAndOfflineBrowserTest-output.txt 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "ui-budgets: a test failed (a budget exceeded, or chromium/PostgreSQL missing); see $reports" >&2
fi
exit "$status"
