// #/folders?folder=x: the folder tree with counts and sizes, the catalog's totals, and the selected
// folder's statistics and community data points.
import { folderStatsPath, getJson } from './api.js';
import { bytes, count, date, errorState, h, state } from './dom.js';
import { buildTree, treeView } from './folder-tree.js';
import { hashFor } from './url.js';

export function render(main, route) {
  const controller = new AbortController();
  const signal = controller.signal;
  const selected = route.params.has('folder') ? route.params.get('folder') : null;
  document.title = 'Folders · Headroom';
  main.replaceChildren(h('h1', {}, 'Folders'), state('loading', 'Loading folders…'));
  Promise.all([getJson('/folders', { signal }), getJson('/stats', { signal }),
    getJson('/folders/community-data-points', { signal })]).then(([folders, stats, points]) => {
    if (folders.length === 0) {
      main.replaceChildren(h('h1', {}, 'Folders'), state('empty', 'The catalog is empty: no dataset has been found in the lake yet.'));
      return;
    }
    const detail = h('section', { class: 'folder-detail', 'aria-live': 'polite' });
    const hrefFor = (path) => hashFor('/folders', [['folder', path]]);
    main.replaceChildren(h('h1', {}, 'Folders'), totals(stats),
      h('div', { class: 'split' }, treeView(buildTree(folders), selected, hrefFor, 'Folder tree'), detail));
    if (selected === null) {
      detail.replaceChildren(state('empty', 'Choose a folder to see its statistics.'), pointsTable(points));
      return;
    }
    detail.replaceChildren(state('loading', 'Loading statistics…'));
    getJson(folderStatsPath(selected), { signal }).then((s) => {
      const mine = points.find((p) => p.folder === selected);
      detail.replaceChildren(h('h2', {}, selected === '' ? '(lake root)' : selected),
        statList(s, mine ? mine.communityDataPoints : null),
        h('p', {}, h('a', { href: hashFor('/datasets', [['folder', selected]]) }, 'Datasets in this folder →')));
    }).catch((e) => e.name !== 'AbortError' && detail.replaceChildren(errorState(e)));
  }).catch((e) => e.name !== 'AbortError' && main.replaceChildren(h('h1', {}, 'Folders'), errorState(e)));
  return () => controller.abort();
}

function totals(s) {
  return h('p', { class: 'totals' }, count(s.totalDatasets) + ' datasets · ' + bytes(s.totalBytes) + ' · '
    + count(s.folders) + ' folders · ' + count(s.totalCommunityDataPoints) + ' community data points · last refresh '
    + date(s.lastRefresh));
}

function statList(s, communityDataPoints) {
  const formats = Object.entries(s.formats || {}).map(([f, n]) => f + ' ' + count(n)).join(', ') || '—';
  const rows = [['Datasets', count(s.totalDatasets)], ['Size', bytes(s.totalBytes)], ['Formats', formats],
    ['Community data points', count(communityDataPoints ?? s.totalCommunityDataPoints)],
    ['Last updated', date(s.lastUpdated)]];
  return h('dl', { class: 'meta' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function pointsTable(points) {
  const sorted = [...points].sort((a, b) => b.communityDataPoints - a.communityDataPoints);
  return h('section', { 'aria-labelledby': 'points-title' }, h('h2', { id: 'points-title' }, 'Community data points per folder'),
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Folder'), h('th', { scope: 'col', class: 'num' }, 'Data points'))),
      h('tbody', {}, sorted.map((p) => h('tr', {}, h('td', {}, p.folder === '' ? '(lake root)' : p.folder),
        h('td', { class: 'num' }, count(p.communityDataPoints)))))));
}
