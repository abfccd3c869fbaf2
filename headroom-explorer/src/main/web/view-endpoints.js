// #/performance/endpoints: every route template, live (view=endpoints, one event a second), in a table
// sortable by any column (a click on its header; again to reverse), with requests/s of the last minute
// as a sparkline. The sort is in the URL (#/performance/endpoints?sort=-p95Ms), written with replaceState so
// that sorting neither reloads the view nor breaks its stream and sparklines.
import { bytes, count, h, state } from './dom.js';
import { frame, live, ms, percent, sparkline } from './live.js';
import { hashFor } from './url.js';

const HISTORY = 60; // sparkline points: a minute at one event a second
const COLUMNS = [
  ['route', 'Route', (r) => h('code', {}, r.route)],
  ['perSecond', 'req/s', (r) => (r.perSecond === null ? '…' : r.perSecond.toFixed(1))],
  ['lastMinuteCount', 'Last minute', (r) => count(r.lastMinuteCount)],
  ['lastMinuteErrorRate', 'Errors', (r) => percent(r.lastMinuteErrorRate)],
  ['p50Ms', 'p50 ms', (r) => ms(r.p50Ms)],
  ['p95Ms', 'p95 ms', (r) => ms(r.p95Ms)],
  ['p99Ms', 'p99 ms', (r) => ms(r.p99Ms)],
  ['maxMs', 'max ms', (r) => ms(r.maxMs)],
  ['count', 'Since start', (r) => count(r.count)],
  ['s5xx', '5xx', (r) => count(r.s5xx)],
  ['bytesOut', 'Bytes out', (r) => bytes(r.bytesOut)],
];

export function render(main, route) {
  const { status, body } = frame(main, 'endpoints', 'Endpoints');
  let sort = route.params.get('sort') || '-lastMinuteCount';
  const table = h('div', { class: 'wide' }, state('loading', 'Waiting for the first event…'));
  body.replaceChildren(table);
  const history = new Map(); // route → req/s, oldest first
  let last = null;
  const sortBy = (next) => {
    sort = next;
    window.history.replaceState(null, '', hashFor('/performance/endpoints', [['sort', next]]));
    if (!last) return;
    draw(last);
    const header = table.querySelector('th[aria-sort] button');
    if (header) header.focus(); // the redrawn header keeps the keyboard's place
  };
  const draw = (e) => {
    const key = sort.replace(/^-/, '');
    const descending = sort.startsWith('-');
    const rows = [...e.routes].sort((a, b) => compare(a[key], b[key]) * (descending ? -1 : 1) || compare(a.route, b.route));
    table.replaceChildren(rows.length === 0 ? state('empty', 'No request recorded yet.') : h('table', { class: 'data sortable' },
      h('thead', {}, h('tr', {}, COLUMNS.map(([name, label], i) => {
        const current = name === key;
        const next = current && !descending ? '-' + name : name;
        return h('th', { scope: 'col', class: i ? 'num' : null,
          'aria-sort': current ? (descending ? 'descending' : 'ascending') : null },
        h('button', { type: 'button', class: 'sort', onclick: () => sortBy(next) }, label, current ? (descending ? ' ▼' : ' ▲') : ''));
      }), h('th', { scope: 'col' }, 'req/s, last minute'))),
      h('tbody', {}, rows.map((r) => h('tr', {}, COLUMNS.map(([, , show], i) => h('td', { class: i ? 'num' : null }, show(r))),
        h('td', {}, sparkline(history.get(r.route) || [], HISTORY, 'Requests per second of ' + r.route)))))));
  };
  return live('endpoints', status, (e) => {
    for (const r of e.routes) {
      const points = history.get(r.route) || [];
      if (r.perSecond !== null) points.push(r.perSecond);
      if (points.length > HISTORY) points.shift();
      history.set(r.route, points);
    }
    last = e;
    draw(e);
  });
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return typeof a === 'string' ? (a < b ? -1 : 1) : a - b; // code-unit order: the same in every locale
}
