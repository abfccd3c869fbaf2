// The service worker (DASH-4): keeps the app shell (the page and every hashed asset, listed at build time
// by AssetBuild) and the last viewed catalog responses, so the explorer opens without the network and
// says it is offline (the anonymous ones only: a kept copy is keyed by URL, not by who asked). Served at /sw.js (scope: the whole site) and revalidated like the page; a new
// build is a new worker (VERSION), which drops the old shell.
const SHELL = '__HEADROOM_SHELL__';
const VERSION = '__HEADROOM_VERSION__';
const SHELL_CACHE = 'headroom-shell-' + VERSION;
const DATA_CACHE = 'headroom-data';
const DATA_KEEP = 60; // catalog responses kept, the oldest dropped first
/** The catalog reads worth keeping for offline use; the monitoring routes never are (they are live and private). */
const CATALOG = /^\/api\/v1\/(datasets|folders|stats)(\/|\?|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(names
    .filter((name) => name.startsWith('headroom-shell-') && name !== SHELL_CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

async function page(event) {
  try {
    return await fetch(event.request);
  } catch {
    const cached = await caches.match('/', { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw new Error('offline, and no app shell cached');
  }
}

async function asset(request) {
  return (await caches.match(request, { cacheName: SHELL_CACHE })) || fetch(request);
}

async function catalog(event) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(event.request);
    if (response.ok) {
      await cache.put(event.request, response.clone());
      const keys = await cache.keys();
      await Promise.all(keys.slice(0, Math.max(0, keys.length - DATA_KEEP)).map((key) => cache.delete(key)));
    }
    return response;
  } catch (e) {
    const cached = await cache.match(event.request);
    if (!cached) throw e;
    // Marked, so the page can say that what it shows is the kept copy (api.js).
    const headers = new Headers(cached.headers);
    headers.set('X-Headroom-Offline', 'true');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (event.request.mode === 'navigate') event.respondWith(page(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(event.request));
  // Only anonymous answers are kept: a logged-in user's folders must not show, offline, after the logout.
  else if (CATALOG.test(url.pathname + url.search) && !event.request.headers.has('Authorization')) event.respondWith(catalog(event));
});
