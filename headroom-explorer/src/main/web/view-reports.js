// #/performance/reports: the load-test runs `headroom load --out` wrote into the reports folder
// (HEADROOM_LOAD_REPORTS_DIR), newest first; #/performance/reports?run=<name> opens one: its result,
// thresholds, per-label table and its per-second series as charts. The HTML report itself is fetched
// with the token and saved, since a link cannot send the Authorization header.
import { count, date, h, state } from './dom.js';
import { timeChart } from './chart.js';
import { failed, frame, monitoringGet, ms, percent } from './live.js';
import { hashFor } from './url.js';

export function render(main, route) {
  const run = route.params.get('run');
  const { status, body } = frame(main, 'reports', run ? 'Load test ' + run : 'Load tests');
  const controller = new AbortController();
  const done = () => {
    status.className = 'state';
    status.replaceChildren('');
    status.hidden = true;
  };
  if (run) {
    monitoringGet('/performance/reports/' + encodeURIComponent(run), { signal: controller.signal })
      .then((summary) => { done(); showRun(body, run, summary, controller.signal); })
      .catch((e) => failed(status, e));
  } else {
    monitoringGet('/performance/reports', { signal: controller.signal })
      .then((list) => { done(); body.replaceChildren(runList(list)); })
      .catch((e) => failed(status, e));
  }
  return () => controller.abort();
}

function runList(list) {
  if (!list.configured) return state('empty', 'The reports folder (HEADROOM_LOAD_REPORTS_DIR) does not exist yet: '
    + 'run `headroom load --out <folder>/<run>` to add a report.');
  if (list.runs.length === 0) return state('empty', 'No run in the reports folder yet.');
  return h('table', { class: 'data runs' },
    h('thead', {}, h('tr', {}, ['Run', 'Started', 'Scenario', 'Result', 'Requests', 'req/s', 'p95 ms', 'Errors']
      .map((t, i) => h('th', { scope: 'col', class: i > 3 ? 'num' : null }, t)))),
    h('tbody', {}, list.runs.map((r) => h('tr', {},
      h('td', {}, h('a', { href: hashFor('/performance/reports', [['run', r.name]]) }, r.name)),
      h('td', {}, r.startEpochMillis ? date(new Date(r.startEpochMillis).toISOString()) : '—'),
      h('td', {}, r.error || r.scenario || '—'),
      h('td', {}, r.passed === null ? '—' : r.passed ? 'passed' : 'failed'),
      h('td', { class: 'num' }, count(r.requests)), h('td', { class: 'num' }, r.rps === null ? '—' : r.rps.toFixed(1)),
      h('td', { class: 'num' }, ms(r.p95Ms)), h('td', { class: 'num' }, percent(r.errorRate, 2))))));
}

function showRun(body, run, s, signal) {
  const t = s.total || {};
  const download = h('button', { type: 'button', onclick: () => monitoringGet('/performance/reports/'
    + encodeURIComponent(run) + '/report.html', { signal, as: 'blob' }).then((blob) => {
    const link = h('a', { href: URL.createObjectURL(blob), download: run + '-report.html' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }).catch((e) => download.after(h('p', { class: 'state state-error', role: 'alert' }, e.detail || e.message))) },
  'Download the HTML report');
  const charts = h('div', { class: 'charts' });
  body.replaceChildren(
    h('p', {}, h('a', { href: '#/performance/reports' }, '← All runs')),
    h('dl', { class: 'meta' },
      h('dt', {}, 'Result'), h('dd', { class: 'run-result' }, s.passed ? 'passed' : 'failed' + (s.stopReason ? ' (' + s.stopReason + ')' : '')),
      h('dt', {}, 'Target'), h('dd', {}, s.target || '—'), h('dt', {}, 'Executor'), h('dd', {}, s.executor || '—'),
      h('dt', {}, 'Started'), h('dd', {}, s.startEpochMillis ? date(new Date(s.startEpochMillis).toISOString()) : '—'),
      h('dt', {}, 'Duration'), h('dd', {}, (s.durationSeconds || 0).toFixed(1) + ' s'),
      h('dt', {}, 'Requests'), h('dd', {}, count(t.count) + ' at ' + (t.rps || 0).toFixed(1) + '/s, errors ' + percent(t.errorRate, 2))),
    download,
    h('h2', {}, 'Thresholds'),
    (s.thresholds || []).length === 0 ? state('empty', 'No threshold was set.') : h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Scope', 'Threshold', 'Actual', 'Result'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, s.thresholds.map((x) => h('tr', {}, h('td', {}, x.scope), h('td', {}, h('code', {}, x.threshold)),
        h('td', {}, x.actual === null ? '—' : String(Math.round(x.actual * 1000) / 1000)), h('td', {}, x.passed ? 'passed' : 'failed'))))),
    h('h2', {}, 'Per label'),
    h('div', { class: 'wide' }, h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Label', 'Requests', 'Errors', 'req/s', 'median', 'p90', 'p95', 'p99', 'max']
        .map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null }, x)))),
      h('tbody', {}, [...Object.entries(s.labels || {}), ['Total', t]].map(([label, l]) => h('tr', {}, h('td', {}, label),
        [count(l.count), percent(l.errorRate, 2), (l.rps || 0).toFixed(1), ms(l.med), ms(l.p90), ms(l.p95), ms(l.p99), ms(l.max)]
          .map((v) => h('td', { class: 'num' }, v))))))),
    h('h2', {}, 'Over time'), charts);
  const series = s.series && Array.isArray(s.series.points) ? s.series.points : Array.isArray(s.series) ? s.series : [];
  const start = s.startEpochMillis || 0;
  const at = (p) => start + p.elapsedSeconds * 1000;
  timeChart(charts, { title: 'Latency (ms)', series: ['p50', 'p95', 'p99'] }).set(series.map((p) => [at(p), p.p50, p.p95, p.p99]));
  timeChart(charts, { title: 'Requests and errors per second', series: ['req/s', 'errors/s'] })
    .set(series.map((p) => [at(p), p.rps, p.errorsPerSecond]));
}
