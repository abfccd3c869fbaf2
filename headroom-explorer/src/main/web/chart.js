// Time-series charts with uPlot (from its WebJar, hashed with our own files by AssetBuild): small, and
// fast for long series on canvas. One function: a chart of named series over epoch seconds that keeps
// at most `keep` points and fits its container's width.
import uPlot from './uplot.js';

const COLORS = ['#0b4fb3', '#b35c00', '#1a7f37', '#8a1111', '#6639ba'];

export function timeChart(parent, { title, series, keep = 3600, height = 180, unit = '' }) {
  const data = [[], ...series.map(() => [])];
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption);
  parent.append(figure);
  const plot = new uPlot({
    width: Math.max(300, Math.min(parent.clientWidth || 720, 900)),
    height,
    series: [{}, ...series.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 1.5,
      value: (u, v) => (v === null || v === undefined ? '—' : v.toFixed(v < 10 ? 2 : 1) + unit) }))],
    axes: [{}, { values: (u, ticks) => ticks.map((t) => t + unit), size: 60 }],
    // One point (a page just opened) would stretch the time axis over years: show the minute before it.
    scales: { x: { time: true, range: (u, min, max) => (min === max ? [min - 60, max + 1] : [min, max]) } },
    legend: { live: true },
  }, data, figure);
  return {
    /** Adds one point: `at` in epoch ms, one value per series (null for a gap). */
    push(at, values) {
      data[0].push(at / 1000);
      values.forEach((v, i) => data[i + 1].push(v));
      if (data[0].length > keep) data.forEach((column) => column.shift());
      plot.setData(data);
    },
    /** Replaces every point: `rows` of [at, ...values], oldest first. */
    set(rows) {
      data.forEach((column) => (column.length = 0));
      rows.slice(-keep).forEach(([at, ...values]) => {
        data[0].push(at / 1000);
        values.forEach((v, i) => data[i + 1].push(v));
      });
      plot.setData(data);
    },
  };
}
