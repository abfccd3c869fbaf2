// The shell: hash routing (url.js); each view is its own module, loaded the first time it is shown.
// Also here: the login in the header (session.js), the real-user measurements (rum.js) and the service
// worker that keeps the shell offline.
import { errorState, h, state } from './dom.js';
import { startRum } from './rum.js';
import { end, session } from './session.js';
import { parseHash } from './url.js';

const VIEWS = {
  datasets: () => import('./view-datasets.js'),
  dataset: () => import('./view-dataset.js'),
  folders: () => import('./view-folders.js'),
  login: () => import('./view-login.js'),
  account: () => import('./view-account.js'),
};
/** The performance pages (#/performance/<page>), each behind the monitoring token. */
const PERFORMANCE = {
  overview: () => import('./view-performance.js'),
  endpoints: () => import('./view-endpoints.js'),
  database: () => import('./view-database.js'),
  cache: () => import('./view-cache.js'),
  resources: () => import('./view-resources.js'),
  alerts: () => import('./view-alerts.js'),
  reports: () => import('./view-reports.js'),
};

let cleanup = null;
let generation = 0;

async function show() {
  const mine = ++generation;
  const route = parseHash(location.hash);
  const main = document.getElementById('main');
  for (const link of document.querySelectorAll('nav a[data-section]')) {
    const current = link.dataset.section === (route.section === 'dataset' ? 'datasets' : route.section);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (cleanup) cleanup();
  cleanup = null;
  main.replaceChildren(state('loading', 'Loading…'));
  try {
    const load = route.section === 'performance' ? PERFORMANCE[route.page] : VIEWS[route.section];
    if (!load) throw new Error('There is no page #/performance/' + route.page + '.');
    const view = await load();
    if (mine !== generation) return; // a newer navigation won
    cleanup = view.render(main, route) || null;
  } catch (e) {
    if (mine === generation) main.replaceChildren(errorState(e));
  }
}

/** Offline (the browser says so, or the last answer was the worker's copy or none at all): a banner says so. */
function showConnectivity() {
  document.getElementById('offline').hidden = navigator.onLine && !document.documentElement.dataset.offline;
}

/** The header's account area: who is logged in, the password page and a logout; or a link to log in. */
function showAccount() {
  const login = session();
  const area = document.getElementById('account');
  if (!login) {
    const here = parseHash(location.hash).section === 'login' ? null : location.hash || '#/datasets';
    area.replaceChildren(h('a', { href: '#/login' + (here ? '?next=' + encodeURIComponent(here) : '') }, 'Log in'));
    return;
  }
  area.replaceChildren(
    h('span', { class: 'who' }, 'Logged in as ', h('strong', { class: 'username' }, login.user.username)),
    h('a', { href: '#/account' }, 'Password'),
    h('button', { type: 'button', class: 'logout', onclick: () => end('logout') }, 'Log out'));
}

/** To the login form, coming back here after it. */
function toLogin(why) {
  const here = parseHash(location.hash);
  if (here.section === 'login') return; // several calls were refused at once: one move is enough
  location.hash = '#/login?why=' + why + '&next=' + encodeURIComponent(location.hash || '#/datasets');
}

window.addEventListener('headroom:session', (e) => {
  showAccount();
  if (e.detail === 'logout') show(); // the view again, without the user's folders (or, when login is required, the form)
  else if (e.detail === 'expired' || e.detail === 'refused') toLogin(e.detail);
});
window.addEventListener('headroom:login-required', () => toLogin('required'));
window.addEventListener('hashchange', showAccount);
window.addEventListener('hashchange', show);
window.addEventListener('online', showConnectivity);
window.addEventListener('offline', showConnectivity);
window.addEventListener('headroom:connectivity', showConnectivity); // api.js: a kept copy, or no answer at all
showAccount();
show();
showConnectivity();
startRum(() => parseHash(location.hash));
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {}); // the page works without it, only not offline
  // Under a worker the page and the catalog may come from a kept copy (or the HTTP cache) without a word:
  // ask the service itself, after the first paint, and again every PROBE_MS while it cannot be reached.
  if (navigator.serviceWorker.controller) setTimeout(probe, 0);
}

const PROBE_MS = 10_000;

async function probe() {
  let reachable = false;
  try {
    reachable = (await fetch('/api/health', { cache: 'no-store' })).ok;
  } catch {
    // no answer: offline
  }
  if (reachable) delete document.documentElement.dataset.offline;
  else document.documentElement.dataset.offline = 'true';
  showConnectivity();
  if (!reachable) setTimeout(probe, PROBE_MS);
}
