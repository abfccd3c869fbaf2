// #/performance: the service's live figures over Server-Sent Events (GET /api/v1/performance/stream),
// one event a second: requests/s and 5xx share with a 2-minute sparkline, and per route the last
// minute's count, error rate and p50/p95/p99. The stream is read with fetch, not EventSource, so a
// monitoring token typed into the page goes as an Authorization header (EventSource cannot send one);
// it is kept in sessionStorage for the tab only.
import { ApiError } from './api.js';
import { count, errorState, h, state } from './dom.js';

const HISTORY = 120; // points in the sparkline: two minutes at one event a second
const SVG = 'http://www.w3.org/2000/svg';
const TOKEN_KEY = 'headroom.monitoringToken';
const RECONNECT_MS = 2000;

export function render(main) {
  document.title = 'Performance · Headroom';
  const status = state('loading', 'Connecting to the live stream…');
  const cards = h('div', { class: 'cards' });
  const spark = document.createElementNS(SVG, 'svg');
  spark.setAttribute('viewBox', '0 0 ' + HISTORY + ' 40');
  spark.setAttribute('class', 'spark');
  spark.setAttribute('role', 'img');
  spark.setAttribute('aria-label', 'Requests per second, last two minutes');
  const line = document.createElementNS(SVG, 'polyline');
  spark.append(line);
  const routes = h('div', { class: 'wide' });
  main.replaceChildren(h('h1', {}, 'Performance'), status, cards, spark, h('h2', {}, 'Routes, last minute'), routes);
  const rates = [];
  const controller = new AbortController();
  const tokenInput = h('input', { id: 'monitoring-token', type: 'password', autocomplete: 'off',
    value: sessionStorage.getItem(TOKEN_KEY) || '' });
  const tokenForm = h('form', { class: 'jump', onsubmit: (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
    location.reload(); // one stream at a time: start again with the token
  } }, h('label', { for: 'monitoring-token' }, 'Monitoring token (when the service asks for one)'), tokenInput,
  h('button', { type: 'submit' }, 'Use'));
  main.append(tokenForm);
  const onOverview = (o) => {
    status.replaceChildren('Live · updated ' + new Date(o.at).toLocaleTimeString('en-GB'));
    status.className = 'state state-live';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'off'); // a tick a second is not news for a screen reader
    if (o.requestsPerSecond !== null) rates.push(o.requestsPerSecond);
    if (rates.length > HISTORY) rates.shift();
    cards.replaceChildren(
      card('Requests/s', o.requestsPerSecond === null ? '…' : o.requestsPerSecond.toFixed(1)),
      card('5xx share', o.errorRate === null ? '…' : (o.errorRate * 100).toFixed(2) + ' %'),
      card('Requests since start', count(o.requests)),
      card('Uptime', Math.floor(o.uptimeSeconds / 60) + ' min'));
    const max = Math.max(1, ...rates);
    line.setAttribute('points', rates.map((r, i) => (HISTORY - rates.length + i) + ',' + (39 - (r / max) * 38).toFixed(1)).join(' '));
    routes.replaceChildren(routeTable(o.routes));
  };
  const connect = () => stream(sessionStorage.getItem(TOKEN_KEY), controller.signal, onOverview).then(() => {
    throw new ApiError(0, 'The live stream ended.');
  }).catch((e) => {
    if (controller.signal.aborted) return;
    // A refused token waits for a new one; anything else (a restart, a network blip) is retried.
    const refused = e.status === 401 || e.status === 403;
    const shown = errorState(refused ? e : new ApiError(e.status, (e.detail || e.message) + ' Reconnecting…'));
    status.className = shown.className;
    status.setAttribute('role', 'alert');
    status.removeAttribute('aria-live');
    status.replaceChildren(shown.textContent);
    if (!refused) setTimeout(() => !controller.signal.aborted && connect(), RECONNECT_MS);
  });
  connect();
  return () => controller.abort();
}

/** Reads the event stream: calls `onOverview` with each overview's data until the stream ends. */
async function stream(token, signal, onOverview) {
  const headers = { Accept: 'text/event-stream' };
  if (token) headers.Authorization = 'Bearer ' + token;
  let response;
  try {
    response = await fetch('/api/v1/performance/stream', { headers, signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The service could not be reached (' + e.message + ').');
  }
  if (!response.ok) {
    const problem = (response.headers.get('Content-Type') || '').startsWith('application/problem+json')
      ? await response.json() : {};
    throw new ApiError(response.status, problem.detail || 'The service answered ' + response.status + '.');
  }
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
      if (name === 'overview' && data) onOverview(JSON.parse(data));
    }
  }
}

function card(label, value) {
  return h('div', { class: 'card' }, h('span', { class: 'card-label' }, label), h('span', { class: 'card-value' }, value));
}

function routeTable(lines) {
  if (lines.length === 0) return state('empty', 'No request recorded yet.');
  const ms = (v) => v.toFixed(1);
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, ['Route', 'Requests', 'Errors', 'p50 ms', 'p95 ms', 'p99 ms']
      .map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
    h('tbody', {}, lines.map((r) => h('tr', {}, h('td', {}, h('code', {}, r.route)),
      h('td', { class: 'num' }, count(r.lastMinuteCount)), h('td', { class: 'num' }, (r.lastMinuteErrorRate * 100).toFixed(1) + ' %'),
      h('td', { class: 'num' }, ms(r.p50Ms)), h('td', { class: 'num' }, ms(r.p95Ms)), h('td', { class: 'num' }, ms(r.p99Ms))))));
}
