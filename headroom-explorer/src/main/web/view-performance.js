// #/performance: the service's live figures over Server-Sent Events (GET /api/v1/performance/stream),
// one event a second: requests/s and 5xx share with a 2-minute sparkline, and per route the last
// minute's count, error rate and p50/p95/p99.
import { count, h, state } from './dom.js';

const HISTORY = 120; // points in the sparkline: two minutes at one event a second
const SVG = 'http://www.w3.org/2000/svg';

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
  const source = new EventSource('/api/v1/performance/stream');
  source.addEventListener('overview', (event) => {
    const o = JSON.parse(event.data);
    status.replaceChildren('Live · updated ' + new Date(o.at).toLocaleTimeString('en-GB'));
    status.className = 'state state-live';
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
  });
  source.onerror = () => {
    status.className = 'state state-error';
    status.setAttribute('role', 'alert');
    status.replaceChildren('The live stream is interrupted; reconnecting…');
  };
  return () => source.close();
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
