// #/datasets?<filters>&sort=&at=: the filter form, the folder tree, and the whole matching catalog in one
// virtually scrolled table. The DOM holds one row per visible line whatever the total (1,000,000 rows
// included); pages of 100 are fetched as they come into view, by cursor when scrolling on from a loaded
// page and by offset when jumping (the API's deferred join keeps deep offsets cheap).
import { FILTERS, FORMATS, SORTS, datasetsPath, getJson } from './api.js';
import { bytes, count, date, errorState, h, state } from './dom.js';
import { buildTree, treeView } from './folder-tree.js';
import { hashFor } from './url.js';

const ROW = 36; // px: must equal .vrow's height in style.css
const PAGE = 100; // the API's largest page
/** Taller content is scaled into this many pixels: browsers cap an element's height (~16.7M px in Firefox). */
const MAX_PX = 8_000_000;
const KEEP_PAGES = 30; // pages held in memory, nearest to the view first
/**
 * Pages are fetched where the view rests, not where it passes (docs/ui.md, "Rate limits"): FETCH_DELAY_MS
 * after the last scroll while reading (moves of less than a screen), and after a pause of SETTLE_MS — or of
 * twice the time between the last two frames, when a busy machine draws frames further apart than that —
 * while the bar is dragged or flung (rows are blank meanwhile). A fast scroll through the million then asks
 * for the pages it stops on, not for one page per frame.
 */
const FETCH_DELAY_MS = 60;
const SETTLE_MS = 200;
const SETTLE_MAX_MS = 1000;
const RETRY_MS = 5000; // a failed page without Retry-After is asked for again after this
let firstRowsMarked = false; // 'headroom:first-rows': the first load's budget (DASH-2), read from Navigation Timing

/** The list's hash for the current filters with some changed; the position is dropped (a new list starts at the top). */
function listHash(params, changes = {}) {
  const entries = FILTERS.map((name) => [name, name in changes ? changes[name] : params.get(name)]);
  return hashFor('/datasets', entries.filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

export function render(main, route) {
  const params = route.params;
  const controller = new AbortController();
  const signal = controller.signal;
  sessionStorage.setItem('headroom.list', location.hash || '#/datasets');
  document.title = 'Datasets · Headroom';
  const sidebar = h('aside', { class: 'sidebar' }, state('loading', 'Loading folders…'));
  const summary = h('p', { class: 'summary', role: 'status' }, 'Loading datasets…');
  const results = h('section', { class: 'results', 'aria-label': 'Matching datasets' }, summary);
  main.replaceChildren(h('h1', {}, 'Datasets'), filterForm(params), h('div', { class: 'split' }, sidebar, results));

  getJson('/folders', { signal }).then((folders) => sidebar.replaceChildren(
    treeView(buildTree(folders), params.get('folder'), (path) => listHash(params, { folder: path }), 'Filter by folder'),
    h('p', {}, params.has('folder') ? h('a', { href: listHash(params, { folder: null }) }, 'All folders') : null),
  )).catch((e) => e.name !== 'AbortError' && sidebar.replaceChildren(errorState(e)));

  const at = Math.max(0, Math.floor(Number(params.get('at')) || 0));
  const firstPage = Math.floor(at / PAGE);
  getJson(datasetsPath(params, { limit: PAGE, offset: firstPage * PAGE }), { signal }).then((page) => {
    if (page.total === 0) {
      summary.replaceChildren('No dataset matches these filters. ', h('a', { href: '#/datasets' }, 'Clear the filters'));
      return;
    }
    summary.textContent = count(page.total) + (page.total === 1 ? ' dataset' : ' datasets');
    const list = new VirtualList(page.total, params, signal);
    list.store(firstPage, page);
    results.append(list.element);
    list.start(Math.min(at, page.total - 1));
  }).catch((e) => e.name !== 'AbortError' && summary.replaceChildren(errorState(e)));
  return () => controller.abort();
}

function filterForm(params) {
  const field = (name, label, control) => h('div', { class: 'field' }, h('label', { for: 'f-' + name }, label), control);
  const input = (name, type, extra = {}) => h('input', { id: 'f-' + name, name, type, value: params.get(name) || '', ...extra });
  const dateInput = (name) => input(name, 'date', { value: (params.get(name) || '').slice(0, 10) });
  const select = (name, options) => h('select', { id: 'f-' + name, name, onchange: (e) => e.target.form.requestSubmit() },
    options.map(([value, text]) => h('option', { value, selected: (params.get(name) || '') === value }, text)));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter datasets', onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    const changes = {};
    for (const name of FILTERS) {
      let value = (data.get(name) || '').trim();
      if (value && (name === 'modifiedAfter' || name === 'modifiedBefore')) value += 'T00:00:00Z';
      changes[name] = value;
    }
    location.hash = listHash(params, changes);
  } },
  field('q', 'Name contains', input('q', 'search', { placeholder: 'e.g. air_quality' })),
  field('folder', 'Folder', input('folder', 'text')),
  field('format', 'Format', select('format', [['', 'Any format'], ...FORMATS.map((f) => [f, f])])),
  field('tag', 'Tag', input('tag', 'text')),
  field('minSize', 'Min size (bytes)', input('minSize', 'number', { min: 0 })),
  field('maxSize', 'Max size (bytes)', input('maxSize', 'number', { min: 0 })),
  field('modifiedAfter', 'Modified after', dateInput('modifiedAfter')),
  field('modifiedBefore', 'Modified before', dateInput('modifiedBefore')),
  field('sort', 'Sort by', select('sort', SORTS)),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply'), ' ', h('a', { href: '#/datasets' }, 'Clear')));
  return form;
}

const COLUMNS = [['Name', 'name'], ['Folder'], ['Format'], ['Size', 'size'], ['Modified', 'lastModified'], ['Records']];

class VirtualList {
  constructor(total, params, signal) {
    this.total = total;
    this.params = params;
    this.signal = signal;
    this.pages = new Map(); // page index → { items, nextCursor }
    this.loading = new Set();
    this.failed = new Map(); // page index → what its rows say until it is asked for again (a 429 waits its Retry-After)
    this.lastPaint = { first: null, at: 0 }; // first: null after a jump, which is drawn at once, never as a fling
    this.pinned = null; // { scrollTop, first }: the row a jump asked for, kept while the scroll stays there
    this.height = Math.min(total * ROW, MAX_PX);
    const sort = params.get('sort') || 'name';
    const header = h('div', { class: 'vrow vhead', role: 'row', 'aria-rowindex': 1 }, COLUMNS.map(([label, key]) => {
      if (!key) return h('div', { role: 'columnheader', class: 'cell' }, label);
      const direction = sort === key ? 'ascending' : sort === '-' + key ? 'descending' : null;
      const next = sort === key ? '-' + key : key;
      return h('div', { role: 'columnheader', class: 'cell', 'aria-sort': direction || 'none' },
        h('a', { href: listHash(params, { sort: next }), title: 'Sort by ' + label.toLowerCase() }, label,
          direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''));
    }));
    this.pool = h('div', { class: 'vpool' });
    const spacer = h('div', { class: 'vspacer' });
    spacer.style.height = this.height + 'px'; // through the CSSOM: the CSP refuses style attributes
    this.scroller = h('div', { class: 'vscroll', role: 'rowgroup', tabindex: 0, 'aria-label': 'Dataset rows (scroll with the arrow and page keys)' },
      this.pool, spacer);
    const jump = h('input', { id: 'jump', type: 'number', min: 1, max: total, value: '', inputmode: 'numeric' });
    this.position = h('span', { class: 'position', 'aria-live': 'off' });
    const jumpForm = h('form', { class: 'jump', onsubmit: (e) => {
      e.preventDefault();
      const row = Math.min(Math.max(1, Number(jump.value) || 1), total);
      this.jumpTo(row - 1);
    } }, h('label', { for: 'jump' }, 'Go to row'), jump, h('button', { type: 'submit' }, 'Go'), this.position);
    this.element = h('div', { class: 'vlist' }, jumpForm,
      h('div', { role: 'table', 'aria-label': 'Datasets', 'aria-rowcount': total + 1 }, h('div', { role: 'rowgroup' }, header), this.scroller));
    // Scroll events come at most once per frame already: painting in the handler is painting per frame.
    this.scroller.addEventListener('scroll', () => this.paint(), { passive: true });
    new ResizeObserver(() => this.paint()).observe(this.scroller);
  }

  start(first) {
    this.jumpTo(first);
  }

  store(index, page) {
    this.pages.set(index, { items: page.items, nextCursor: page.nextCursor });
  }

  /** Shows row `first` at the top (0-based), exactly, however the pixels scale. */
  jumpTo(first) {
    const contentMax = this.total * ROW - this.scroller.clientHeight;
    const maxScroll = this.height - this.scroller.clientHeight;
    const wanted = contentMax > 0 ? Math.min(first * ROW, contentMax) / contentMax * maxScroll : 0;
    this.scroller.scrollTop = wanted;
    this.pinned = { scrollTop: this.scroller.scrollTop, first };
    this.lastPaint.first = null;
    this.paint();
  }

  /** The first visible row (fractional) from the scroll position. */
  top() {
    const viewport = this.scroller.clientHeight;
    if (this.pinned && Math.abs(this.scroller.scrollTop - this.pinned.scrollTop) < 1) {
      return Math.min(this.pinned.first * ROW, Math.max(0, this.total * ROW - viewport));
    }
    this.pinned = null;
    const maxScroll = this.height - viewport;
    const contentMax = this.total * ROW - viewport;
    return maxScroll > 0 ? this.scroller.scrollTop / maxScroll * contentMax : 0;
  }

  /**
   * Draws the rows in view. Moving more than a screen since the last frame (the bar dragged or flung), rows
   * are blanked once and left alone, so such a frame costs a transform and the position line; the rows are
   * filled, and their missing pages fetched, once the view settles (`settled`, from the timer).
   */
  paint(settled = false) {
    if (this.signal.aborted) return;
    const viewport = this.scroller.clientHeight;
    const virtualTop = this.top();
    const first = Math.floor(virtualTop / ROW);
    const offset = virtualTop - first * ROW;
    const visible = Math.min(Math.ceil(viewport / ROW) + 1, this.total - first);
    const now = performance.now();
    const fast = !settled && this.lastPaint.first !== null && Math.abs(first - this.lastPaint.first) > visible;
    const frameGap = now - this.lastPaint.at;
    this.lastPaint = { first, at: now };
    while (this.pool.children.length < visible) this.pool.append(this.emptyRow());
    while (this.pool.children.length > visible) this.pool.lastChild.remove();
    this.pool.style.transform = 'translateY(' + -offset + 'px)';
    const missing = new Set();
    for (let i = 0; i < visible; i++) {
      const index = first + i;
      const pageIndex = Math.floor(index / PAGE);
      const page = this.pages.get(pageIndex);
      const failure = this.failed.get(pageIndex);
      if (fast) {
        this.blank(this.pool.children[i]);
        continue;
      }
      if (!page && !failure) missing.add(pageIndex);
      this.fill(this.pool.children[i], index, page ? page.items[index % PAGE] : null, failure);
    }
    if (!fast && !missing.size && !firstRowsMarked) {
      firstRowsMarked = true;
      performance.mark('headroom:first-rows');
    }
    this.position.textContent = 'Rows ' + count(first + 1) + '–' + count(first + visible) + ' of ' + count(this.total);
    clearTimeout(this.fetchTimer);
    if (fast) {
      const settle = Math.min(SETTLE_MAX_MS, Math.max(SETTLE_MS, 2 * frameGap));
      this.fetchTimer = setTimeout(() => this.paint(true), settle);
    } else if (missing.size) {
      this.fetchTimer = setTimeout(() => missing.forEach((p) => this.load(p)), settled ? 0 : FETCH_DELAY_MS);
    }
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => this.remember(first), 250);
    this.evict(Math.floor(first / PAGE));
  }

  /** The position goes into the URL (replaced, not pushed: scrolling is not navigation). */
  remember(first) {
    if (this.signal.aborted) return;
    const entries = [...FILTERS.map((name) => [name, this.params.get(name)]).filter(([, v]) => v), ['at', first || null]];
    const hash = hashFor('/datasets', entries);
    history.replaceState(null, '', hash);
    sessionStorage.setItem('headroom.list', hash);
  }

  load(index) {
    if (this.pages.has(index) || this.loading.has(index)) return;
    this.loading.add(index);
    const previous = this.pages.get(index - 1);
    const paging = previous && previous.nextCursor ? { limit: PAGE, cursor: previous.nextCursor } : { limit: PAGE, offset: index * PAGE };
    getJson(datasetsPath(this.params, paging), { signal: this.signal }).then((page) => {
      this.store(index, page);
      this.paint();
    }).catch((e) => {
      if (e.name === 'AbortError') return;
      // The list stays: the page's rows say what happened, and it is asked for again when the service says
      // (Retry-After: a rate limit, an overload) or after RETRY_MS, if it is still in view then.
      const waitMs = e.retryAfterSeconds > 0 ? e.retryAfterSeconds * 1000 : RETRY_MS;
      const detail = (e.status ? 'Error ' + e.status + ': ' : '') + (e.detail || e.message);
      this.failed.set(index, detail + ' Trying again in ' + Math.ceil(waitMs / 1000) + ' s.');
      setTimeout(() => {
        this.failed.delete(index);
        this.paint();
      }, waitMs);
      this.paint();
    }).finally(() => this.loading.delete(index));
  }

  evict(current) {
    if (this.pages.size <= KEEP_PAGES) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - current) - Math.abs(a - current));
    for (const index of byDistance.slice(0, this.pages.size - KEEP_PAGES)) this.pages.delete(index);
  }

  emptyRow() {
    const cells = COLUMNS.map(() => h('div', { role: 'cell', class: 'cell' }));
    return h('div', { class: 'vrow', role: 'row' }, cells);
  }

  /** A row during a fling: empty, until the view settles. */
  blank(row) {
    if (row.dataset.key === 'blank') return;
    row.dataset.key = 'blank';
    row.classList.add('pending');
    row.classList.remove('failed');
    for (const cell of row.children) cell.textContent = '';
  }

  fill(row, index, d, failure) {
    const key = index + ':' + (d ? d.id : failure ? '!' + failure : '');
    if (row.dataset.key === key) return; // already showing it: most scroll frames move rows, not their content
    row.dataset.key = key;
    row.setAttribute('aria-rowindex', index + 2);
    const cells = row.children;
    if (!d) {
      row.classList.add('pending');
      row.classList.toggle('failed', Boolean(failure));
      cells[0].textContent = failure ? 'Row ' + count(index + 1) + ': ' + failure : 'Loading row ' + count(index + 1) + '…';
      for (let i = 1; i < cells.length; i++) cells[i].textContent = '';
      return;
    }
    row.classList.remove('pending', 'failed');
    cells[0].replaceChildren(h('a', { href: '#/datasets/' + encodeURIComponent(d.id) }, d.name));
    cells[1].textContent = d.folder === '' ? '(root)' : d.folder;
    cells[2].textContent = d.format;
    cells[3].textContent = bytes(d.sizeBytes);
    cells[4].textContent = date(d.lastModified);
    cells[5].textContent = count(d.recordCount);
  }
}
