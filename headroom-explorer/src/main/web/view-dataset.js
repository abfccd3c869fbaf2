// #/datasets/{id}: the dataset's metadata, its downloads, its columns with types, and a sample of its rows.
import { getJson, saveDownload } from './api.js';
import { bytes, count, date, errorState, h, state } from './dom.js';
import { session } from './session.js';

const SAMPLE_ROWS = 20;
const DOWNLOAD_SAMPLE_ROWS = 100;
/** The formats whose first rows the service can cut out (`type=sample`; others are a 422). */
const SAMPLE_FORMATS = new Set(['csv', 'tsv', 'json', 'jsonl']);

export function render(main, route) {
  const controller = new AbortController();
  const id = encodeURIComponent(route.id);
  const back = h('a', { href: sessionStorage.getItem('headroom.list') || '#/datasets' }, '← Datasets');
  main.replaceChildren(h('p', {}, back), state('loading', 'Loading dataset ' + route.id + '…'));
  getJson('/datasets/' + id, { signal: controller.signal }).then((dataset) => {
    document.title = dataset.name + ' · Headroom';
    const sampleArea = h('section', { 'aria-labelledby': 'sample-title' },
      h('h2', { id: 'sample-title' }, 'Sample'), state('loading', 'Loading the first ' + SAMPLE_ROWS + ' rows…'));
    main.replaceChildren(h('p', {}, back), h('h1', {}, dataset.name), metadata(dataset), downloads(dataset, controller.signal),
      columns(dataset), sampleArea);
    return getJson('/datasets/' + id + '/sample?rows=' + SAMPLE_ROWS, { signal: controller.signal })
      .then((sample) => sampleArea.replaceChildren(sampleArea.firstChild, sampleTable(sample)))
      .catch((e) => e.name !== 'AbortError' && sampleArea.replaceChildren(sampleArea.firstChild, errorState(e)));
  }).catch((e) => {
    if (e.name !== 'AbortError') main.replaceChildren(h('p', {}, back), h('h1', {}, 'Dataset ' + route.id), errorState(e));
  });
  return () => controller.abort();
}

function metadata(d) {
  const rows = [
    ['Folder', d.folder === '' ? '(lake root)' : d.folder], ['Path', d.path], ['Format', d.format],
    ['Size', bytes(d.sizeBytes)], ['Last modified', date(d.lastModified)],
    ['Records', d.recordCount === null ? '—' : count(d.recordCount) + (d.recordCountExact ? '' : ' (estimated)')],
    ['Columns', count(d.columnCount)], ['Completeness', d.completeness === null ? '—' : d.completeness + ' %'],
    ['Community data points', count(d.communityDataPoints)], ['Tags', (d.tags || []).join(', ') || '—'],
    ['License', d.license || '—'], ['Description', d.description || '—'],
  ];
  return h('dl', { class: 'meta' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/**
 * The download buttons. Anonymous: plain links, which the browser streams to disk itself. With a login:
 * a link cannot send the Authorization header, so the file is fetched with it and saved from memory (api.js).
 */
function downloads(d, signal) {
  const base = '/api/v1/datasets/' + encodeURIComponent(d.id) + '/download?type=';
  const kinds = [['full', 'The file (' + bytes(d.sizeBytes) + ')', d.name + '.' + d.format]];
  if (SAMPLE_FORMATS.has(d.format)) {
    kinds.push(['sample&rows=' + DOWNLOAD_SAMPLE_ROWS, 'The first ' + DOWNLOAD_SAMPLE_ROWS + ' rows', d.name + '-sample.' + d.format]);
  }
  kinds.push(['metadata', 'Metadata (YAML)', d.name + '.yaml']);
  const outcome = h('div', { class: 'download-outcome', role: 'status' });
  const withToken = session() !== null;
  const controls = kinds.map(([type, label, fallback]) => {
    if (!withToken) return h('a', { class: 'button', href: base + type, download: '' }, label);
    const button = h('button', { type: 'button', onclick: () => {
      button.disabled = true;
      outcome.className = 'download-outcome';
      outcome.replaceChildren('Downloading ' + label.toLowerCase() + '…');
      saveDownload(base.slice('/api/v1'.length) + type, fallback, { signal })
        .then((size) => outcome.replaceChildren('Saved ' + label.toLowerCase() + ' (' + bytes(size) + ').'))
        .catch((e) => e.name !== 'AbortError' && outcome.replaceChildren(errorState(e)))
        .finally(() => { button.disabled = false; });
    } }, label);
    return button;
  });
  return h('section', { 'aria-labelledby': 'downloads-title' }, h('h2', { id: 'downloads-title' }, 'Download'),
    h('div', { class: 'downloads' }, controls), outcome);
}

function columns(d) {
  const list = d.columns || [];
  return h('section', { 'aria-labelledby': 'columns-title' }, h('h2', { id: 'columns-title' }, 'Columns'),
    list.length === 0 ? state('empty', 'No column information (the file could not be analysed).')
      : h('table', { class: 'data' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'))),
        h('tbody', {}, list.map((c) => h('tr', {}, h('td', {}, c.name), h('td', {}, h('code', {}, c.type)))))));
}

function sampleTable(sample) {
  if (sample.rows.length === 0) return state('empty', 'The dataset has no rows.');
  const cell = (v) => (v === null ? h('span', { class: 'null' }, 'null') : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return h('div', { class: 'wide', tabindex: 0, role: 'region', 'aria-label': 'Sample rows (scrolls sideways)' },
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, sample.columns.map((c) => h('th', { scope: 'col' }, c.name, h('span', { class: 'type' }, c.type))))),
      h('tbody', {}, sample.rows.map((row) => h('tr', {}, row.map((v) => h('td', {}, cell(v))))))),
    sample.truncated ? h('p', { class: 'note' }, 'First ' + sample.rows.length + ' rows.') : null);
}
