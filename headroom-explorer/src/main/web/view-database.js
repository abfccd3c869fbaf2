// #/performance/database: live (view=database, one event a second): statements through the pool (counts,
// failures, slow ones, latency by type), the pool (active/idle/waiting over time and the connection
// acquire time), the slowest statements and recent slow queries, and the database's own health
// (PostgreSQL statistics views, refreshed every 5 s; pg_stat_statements' top statements when installed).
import { count, h, state } from './dom.js';
import { timeChart } from './chart.js';
import { card, frame, live, ms, percent } from './live.js';

export function render(main) {
  const { status, body } = frame(main, 'database', 'Database');
  const cards = h('div', { class: 'cards' });
  const charts = h('div', { class: 'charts' });
  const types = h('div', { class: 'wide' });
  const top = h('div', { class: 'wide' });
  const slow = h('div', { class: 'wide' });
  const health = h('div', { class: 'wide' });
  body.replaceChildren(cards, charts, h('h2', {}, 'Statements by type, last minute'), types,
    h('h2', {}, 'Top statements (through the pool)'), top, h('h2', {}, 'Slow queries'), slow,
    h('h2', {}, 'Database health'), health);
  const pool = timeChart(charts, { title: 'Pool connections', series: ['active', 'idle', 'waiting'], keep: 600 });
  const acquire = timeChart(charts, { title: 'Connection acquire time, p95 (ms)', series: ['p95', 'p99'], keep: 600 });
  return live('database', status, (d) => {
    const q = d.queries;
    const p = d.pool;
    cards.replaceChildren(
      card('Statements', count(q.total)), card('Failed', count(q.failures)),
      card('Slow (warning / error)', count(q.slowWarnings) + ' / ' + count(q.slowErrors)),
      p ? card('Pool active / idle / waiting', p.active + ' / ' + p.idle + ' / ' + p.waiting) : card('Pool', 'none'),
      p ? card('Acquire p95', ms(p.acquire.p95Ms) + ' ms') : null,
      p ? card('Pool timeouts', count(p.timeouts)) : null);
    if (p) {
      pool.push(d.at, [p.active, p.idle, p.waiting]);
      acquire.push(d.at, [p.acquire.p95Ms, p.acquire.p99Ms]);
    }
    types.replaceChildren(table(['Type', 'Count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      Object.entries(q.byType || {}).map(([type, w]) => [type, count(w.lastMinute.count), ms(w.lastMinute.p50Ms),
        ms(w.lastMinute.p95Ms), ms(w.lastMinute.p99Ms), ms(w.lastMinute.maxMs)]), 'No statement in the last minute.'));
    top.replaceChildren(table(['Statement', 'Count', 'Failures', 'Mean ms', 'p95 ms', 'Total ms'],
      (q.topStatements || []).map((s) => [h('code', {}, s.sql), count(s.count), count(s.failures), ms(s.avgMs),
        ms(s.p95Ms), ms(s.totalMs)]), 'No statement yet.'));
    slow.replaceChildren(table(['When', 'Level', 'ms', 'Statement'],
      (q.slowQueries || []).map((s) => [new Date(s.atEpochMillis).toLocaleTimeString('en-GB'), s.level,
        ms(s.durationMs), h('code', {}, s.sql)]),
      'No query over ' + q.slowWarningThresholdMs + ' ms.'));
    health.replaceChildren(healthView(d.health));
  });
}

function healthView(r) {
  if (!r) return state('loading', 'Reading the database statistics…');
  if (!r.supported) return state('empty', (r.database || 'This database') + ': ' + (r.reason || 'no statistics views'));
  return h('div', {},
    h('div', { class: 'cards' }, card('Buffer cache hit ratio', percent(r.cacheHitRatio, 2)),
      card('Index hit ratio', percent(r.indexHitRatio, 2)), card('Lock waits', count(r.lockWaits)),
      card('Connections', Object.entries(r.connectionsByState || {}).map(([s, n]) => s + ' ' + n).join(', ') || '—')),
    h('h3', {}, 'Tables read mostly by sequential scans'),
    table(['Table', 'Seq scans', 'Index scans', 'Live rows'], (r.seqScanHeavyTables || []).map((t) =>
      [t.table, count(t.seqScans), count(t.indexScans), count(t.liveRows)]), 'None.'),
    h('h3', {}, 'Top statements (pg_stat_statements)'),
    r.pgStatStatements ? table(['Statement', 'Calls', 'Total ms', 'Mean ms'], r.topStatements.map((s) =>
      [h('code', {}, s.query), count(s.calls), ms(s.totalMs), ms(s.meanMs)]), 'None.')
      : state('empty', r.note || 'pg_stat_statements is not installed.'));
}

function table(headers, rows, empty) {
  if (rows.length === 0) return state('empty', empty);
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, headers.map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => h('td', { class: i && typeof c === 'string' ? 'num' : null }, c))))));
}
