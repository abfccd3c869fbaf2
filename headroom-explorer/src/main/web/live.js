// What the performance pages share: their sub-navigation, their credential (an admin's login, else the
// monitoring token typed once and kept in sessionStorage for this tab only; sent as a Bearer header), and the live stream of one page
// (GET /api/v1/performance/stream?view=<page>, one event a second), read with fetch rather than
// EventSource because EventSource cannot send a header. A lost stream reconnects by itself after
// RECONNECT_MS; a refused token waits for a new one.
import { ApiError, problemOf } from './api.js';
import { errorState, h, state } from './dom.js';
import { session } from './session.js';

const TOKEN_KEY = 'headroom.monitoringToken';
const RECONNECT_MS = 2000;
export const PAGES = [
  ['overview', 'Overview'], ['endpoints', 'Endpoints'], ['database', 'Database'], ['cache', 'Cache'],
  ['resources', 'Resources'], ['alerts', 'Alerts'], ['reports', 'Load tests'],
];

/**
 * An admin's login opens these pages; otherwise the monitoring token typed here (HEADROOM_METRICS_TOKEN or
 * HEADROOM_ADMIN_TOKEN) does; otherwise a user's login is sent, and its 403 says why it is not enough.
 */
function credential() {
  const login = session();
  if (login && login.user.role === 'admin') return login.token;
  return sessionStorage.getItem(TOKEN_KEY) || (login ? login.token : null);
}

function headers(accept) {
  const token = credential();
  return token ? { Accept: accept, Authorization: 'Bearer ' + token } : { Accept: accept };
}

/** A monitoring route's JSON (or, with `as: 'blob'`, its body), with the token. */
export async function monitoringGet(path, { signal, as = 'json' } = {}) {
  let response;
  try {
    response = await fetch('/api/v1' + path, { headers: headers(as === 'json' ? 'application/json' : '*/*'), signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The service could not be reached (' + e.message + ').');
  }
  if (!response.ok) throw await problemOf(response);
  return as === 'json' ? response.json() : response.blob();
}

/** The page's frame: title, the performance sub-navigation, a status line and the token form. */
export function frame(main, current, title) {
  document.title = title + ' · Performance · Headroom';
  const status = state('loading', 'Connecting…');
  const nav = h('nav', { class: 'subnav', 'aria-label': 'Performance pages' }, PAGES.map(([page, label]) =>
    h('a', { href: page === 'overview' ? '#/performance' : '#/performance/' + page,
      'aria-current': page === current ? 'page' : null }, label)));
  const body = h('div', { class: 'perf-body' });
  const tokenInput = h('input', { id: 'monitoring-token', type: 'password', autocomplete: 'off',
    value: sessionStorage.getItem(TOKEN_KEY) || '' });
  const tokenForm = h('form', { class: 'jump token', onsubmit: (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
    location.reload(); // one stream at a time: start again with the token
  } }, h('label', { for: 'monitoring-token' }, 'Monitoring token (when the service asks for one)'), tokenInput,
  h('button', { type: 'submit' }, 'Use'));
  const login = session();
  const hint = login && login.user.role === 'admin' ? null : h('p', { class: 'note' },
    login ? 'Logged in as ' + login.user.username + ', who is not an admin: these pages need an admin or the monitoring token. '
      : 'These pages need an admin login or the monitoring token. ',
    h('a', { href: '#/login?next=' + encodeURIComponent(location.hash) }, login ? 'Log in as an admin' : 'Log in'));
  main.replaceChildren(...[h('h1', {}, title), nav, status, body, hint, tokenForm].filter(Boolean));
  return { status, body };
}

/** Shows an error in the status line: `refused` ones wait for a token, the others say they reconnect. */
function showError(status, e, retrying) {
  const shown = errorState(retrying ? new ApiError(e.status, (e.detail || e.message) + ' Reconnecting…') : e);
  status.className = shown.className;
  status.setAttribute('role', 'alert');
  status.removeAttribute('aria-live');
  status.replaceChildren(shown.textContent);
}

/** Streams `view` into `onData` until the returned function is called; reconnects after a loss. */
export function live(view, status, onData) {
  const controller = new AbortController();
  const connect = () => stream(view, controller.signal, (data) => {
    status.replaceChildren('Live · updated ' + new Date(data.at).toLocaleTimeString('en-GB'));
    status.className = 'state state-live';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'off'); // a tick a second is not news for a screen reader
    onData(data);
  }).then(() => {
    throw new ApiError(0, 'The live stream ended.');
  }).catch((e) => {
    if (controller.signal.aborted) return;
    const refused = e.status === 401 || e.status === 403;
    showError(status, e, !refused);
    if (!refused) setTimeout(() => !controller.signal.aborted && connect(), RECONNECT_MS);
  });
  connect();
  return () => controller.abort();
}

/** Shows a one-off request's failure in the status line (a 401 says to type the token). */
export function failed(status, e) {
  if (e.name !== 'AbortError') showError(status, e, false);
}

async function stream(view, signal, onData) {
  let response;
  try {
    response = await fetch('/api/v1/performance/stream?view=' + view, { headers: headers('text/event-stream'), signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The service could not be reached (' + e.message + ').');
  }
  if (!response.ok) throw await problemOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) { // one event per blank-line-terminated block
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      const name = (lines.find((l) => l.startsWith('event:')) || 'event:message').slice(6).trim();
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (name === view && data) onData(JSON.parse(data));
    }
  }
}

export function card(label, value, extra = {}) {
  return h('div', { class: 'card', ...extra }, h('span', { class: 'card-label' }, label), h('span', { class: 'card-value' }, value));
}

const SVG = 'http://www.w3.org/2000/svg';
/** A small line of `values` (oldest first) in a `points`-wide box; for table cells, where a chart per row would be heavy. */
export function sparkline(values, points, label) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + points + ' 20');
  svg.setAttribute('class', 'spark-cell');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const line = document.createElementNS(SVG, 'polyline');
  const max = Math.max(1e-9, ...values);
  line.setAttribute('points', values.map((v, i) => (points - values.length + i) + ',' + (19 - (v / max) * 18).toFixed(1)).join(' '));
  svg.append(line);
  return svg;
}

export const ms = (v) => (v === null || v === undefined ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));
export const percent = (v, digits = 1) => (v === null || v === undefined || v < 0 ? '—' : (v * 100).toFixed(digits) + ' %');
