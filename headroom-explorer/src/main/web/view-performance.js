// #/performance: the overview, live over Server-Sent Events (view=overview, one event a second):
// requests/s, 5xx share and requests in flight (cards and a chart of the last ten minutes), per route the
// last minute's count, error rate and p50/p95/p99, and the real users' Web Vitals per page (RUM beacons).
import { count, h, state } from './dom.js';
import { timeChart } from './chart.js';
import { card, frame, live, ms, percent } from './live.js';

export function render(main) {
  const { status, body } = frame(main, 'overview', 'Performance');
  const cards = h('div', { class: 'cards' });
  const charts = h('div', { class: 'charts' });
  const routes = h('div', { class: 'wide' });
  const rum = h('div', { class: 'wide' });
  body.replaceChildren(cards, charts, h('h2', {}, 'Routes, last minute'), routes,
    h('h2', {}, 'Real users: Web Vitals per page'), rum);
  const chart = timeChart(charts, { title: 'Requests per second and in flight', series: ['req/s', 'in flight'], keep: 600 });
  return live('overview', status, (o) => {
    cards.replaceChildren(
      card('Requests/s', o.requestsPerSecond === null ? '…' : o.requestsPerSecond.toFixed(1)),
      card('5xx share', o.errorRate === null ? '…' : percent(o.errorRate, 2)),
      card('In flight', count(o.inFlight), { 'data-testid': 'in-flight' }),
      card('Requests since start', count(o.requests)),
      card('Uptime', Math.floor(o.uptimeSeconds / 60) + ' min'));
    if (o.requestsPerSecond !== null) chart.push(o.at, [o.requestsPerSecond, o.inFlight]);
    routes.replaceChildren(routeTable(o.routes));
    rum.replaceChildren(rumTable(o.rum));
  });
}

function routeTable(lines) {
  if (lines.length === 0) return state('empty', 'No request recorded yet.');
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, ['Route', 'Requests', 'Errors', 'p50 ms', 'p95 ms', 'p99 ms']
      .map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
    h('tbody', {}, lines.map((r) => h('tr', {}, h('td', {}, h('code', {}, r.route)),
      h('td', { class: 'num' }, count(r.lastMinuteCount)), h('td', { class: 'num' }, percent(r.lastMinuteErrorRate)),
      h('td', { class: 'num' }, ms(r.p50Ms)), h('td', { class: 'num' }, ms(r.p95Ms)), h('td', { class: 'num' }, ms(r.p99Ms))))));
}

const VITALS = [['LCP', 'LCP ms'], ['INP', 'INP ms'], ['CLS', 'CLS'], ['FCP', 'FCP ms'], ['TTFB', 'TTFB ms']];

function rumTable(pages) {
  if (!pages || pages.length === 0) {
    return state('empty', 'No real-user measurement yet: pages report their Web Vitals when they are left or hidden.');
  }
  const cell = (m) => (m ? (m.p75 < 1 ? m.p75.toFixed(3) : m.p75.toFixed(0)) + ' (p95 ' + (m.p95 < 1 ? m.p95.toFixed(3) : m.p95.toFixed(0)) + ')' : '—');
  return h('table', { class: 'data rum' },
    h('caption', { class: 'note' }, 'p75 (and p95) of the last 1,000 page loads per page'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Page'), h('th', { scope: 'col', class: 'num' }, 'Loads'),
      VITALS.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)))),
    h('tbody', {}, pages.map((p) => h('tr', {}, h('td', {}, p.page),
      h('td', { class: 'num' }, count(Math.max(0, ...Object.values(p.metrics).map((m) => m.count)))),
      VITALS.map(([name]) => h('td', { class: 'num' }, cell(p.metrics[name])))))));
}
