// #/performance/alerts: live (view=alerts, one event a second), so an alert shows within a second or two
// of firing: the active alerts (rule, severity, value against threshold) and the last 24 hours' events
// (fired and resolved), newest first. The history is sent when it changed; between, the last one stays.
import { count, h, state } from './dom.js';
import { frame, live } from './live.js';

export function render(main) {
  const { status, body } = frame(main, 'alerts', 'Alerts');
  const active = h('div', { class: 'alerts-active' }, state('loading', 'Waiting for the first event…'));
  const history = h('div', { class: 'wide' });
  body.replaceChildren(h('h2', {}, 'Active'), active, h('h2', {}, 'Last 24 hours'), history);
  return live('alerts', status, (a) => {
    active.replaceChildren(a.active.length === 0 ? state('empty', 'No alert is active.')
      : h('ul', { class: 'alert-list', 'aria-live': 'polite' }, a.active.map((f) =>
        h('li', { class: 'alert alert-' + f.severity.toLowerCase(), 'data-key': f.key },
          h('strong', {}, f.severity), ' ', h('code', {}, f.rule), ' ', f.message))));
    if (a.history) {
      history.replaceChildren(a.history.length === 0 ? state('empty', 'No alert fired or resolved in the last 24 hours.')
        : h('div', {}, a.historyTotal > a.history.length
          ? h('p', { class: 'note' }, 'The newest ' + count(a.history.length) + ' of ' + count(a.historyTotal) + ' events.') : null,
        h('table', { class: 'data' },
          h('thead', {}, h('tr', {}, ['When', 'State', 'Severity', 'Rule', 'Message'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, a.history.map((e) => h('tr', { class: 'event-' + e.state.toLowerCase() },
            h('td', {}, new Date(e.atEpochMillis).toLocaleString('en-GB')), h('td', {}, e.state), h('td', {}, e.severity),
            h('td', {}, h('code', {}, e.rule)), h('td', {}, e.message)))))));
    }
  });
}
