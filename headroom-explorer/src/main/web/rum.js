// Real-user monitoring (DASH-4): this page load's Web Vitals, measured with the browser's Performance
// APIs (no library: each is a few lines) and sent once, when the page is hidden or left, as a beacon to
// POST /api/v1/rum. The service keeps per-page percentiles, shown on the performance overview.
//   LCP  the last largest-contentful-paint entry before the first input;
//   INP  the longest interaction (event timing entries with an interactionId), a close approximation
//        of the web-vitals definition for pages with fewer than 50 interactions;
//   CLS  the largest session window of layout shifts without recent input (1 s gap, 5 s window);
//   FCP  first-contentful-paint; TTFB responseStart of the navigation.

const vitals = {};

function observe(type, callback, extra = {}) {
  try {
    new PerformanceObserver((list) => list.getEntries().forEach(callback)).observe({ type, buffered: true, ...extra });
  } catch {
    // an entry type this browser does not know: that metric is simply not reported
  }
}

export function startRum(currentRoute) {
  const route = currentRoute();
  const page = route.section === 'performance' ? 'performance-' + route.page : route.section;
  const nav = performance.getEntriesByType('navigation')[0];
  if (nav) vitals.TTFB = nav.responseStart;
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') vitals.FCP = e.startTime; });
  observe('largest-contentful-paint', (e) => { vitals.LCP = e.startTime; });
  observe('event', (e) => {
    if (e.interactionId) vitals.INP = Math.max(vitals.INP || 0, e.duration);
  }, { durationThreshold: 16 });
  let session = 0;
  let first = 0;
  let last = 0;
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    if (session && e.startTime - last < 1000 && e.startTime - first < 5000) session += e.value;
    else { session = e.value; first = e.startTime; }
    last = e.startTime;
    vitals.CLS = Math.max(vitals.CLS || 0, session);
  });
  if (vitals.CLS === undefined) vitals.CLS = 0; // no shift yet is a CLS of 0, and worth reporting
  let sent = false;
  const send = () => {
    const metrics = Object.entries(vitals).filter(([, v]) => Number.isFinite(v) && v >= 0)
      .map(([name, value]) => ({ name, value: Math.round(value * 1000) / 1000 }));
    if (sent || metrics.length === 0) return;
    sent = true;
    navigator.sendBeacon('/api/v1/rum', new Blob([JSON.stringify({ page, metrics })], { type: 'application/json' }));
  };
  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && send());
  addEventListener('pagehide', send);
}
