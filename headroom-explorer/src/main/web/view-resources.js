// #/performance/resources: live (view=resources): CPU, heap, GC and threads over the resource history
// (1 h by default, one sample every few seconds). The first event carries the whole history, the next
// ones only the samples taken since, so the charts grow without the hour being sent again each second.
import { bytes, count, h } from './dom.js';
import { timeChart } from './chart.js';
import { card, frame, live, percent } from './live.js';

const MB = 1024 * 1024;

export function render(main) {
  const { status, body } = frame(main, 'resources', 'Resources');
  const cards = h('div', { class: 'cards' });
  const charts = h('div', { class: 'charts' });
  body.replaceChildren(cards, charts);
  const keep = 100_000;
  const cpu = timeChart(charts, { title: 'CPU (%)', series: ['process', 'system'], keep });
  const heap = timeChart(charts, { title: 'Heap (MB)', series: ['used', 'after last GC', 'max'], keep });
  const gc = timeChart(charts, { title: 'GC per sample (ms)', series: ['GC time', 'longest pause'], keep });
  const threads = timeChart(charts, { title: 'Threads and open files', series: ['threads', 'open files'], keep });
  let previous = null;
  return live('resources', status, (r) => {
    for (const s of r.samples) {
      const ratio = (v) => (v < 0 ? null : v * 100);
      cpu.push(s.atEpochMillis, [ratio(s.processCpu), ratio(s.systemCpu)]);
      heap.push(s.atEpochMillis, [s.heapUsedBytes / MB, s.heapAfterGcBytes / MB, s.heapMaxBytes > 0 ? s.heapMaxBytes / MB : null]);
      gc.push(s.atEpochMillis, [previous ? Math.max(0, s.gcTimeMs - previous.gcTimeMs) : null, s.gcLongestPauseMs]);
      threads.push(s.atEpochMillis, [s.threads, s.openFileDescriptors < 0 ? null : s.openFileDescriptors]);
      previous = s;
    }
    if (previous) {
      cards.replaceChildren(
        card('Process CPU', percent(previous.processCpu)), card('System CPU', percent(previous.systemCpu)),
        card('Heap used', bytes(previous.heapUsedBytes) + (previous.heapMaxBytes > 0 ? ' of ' + bytes(previous.heapMaxBytes) : '')),
        card('GC', count(previous.gcCount) + ' runs, ' + count(previous.gcTimeMs) + ' ms'),
        card('Threads', count(previous.threads)), card('Disk used', percent(previous.diskUsedRatio)));
    }
  });
}
