// The one place the UI talks to the service: JSON in, problem details (RFC 9457) out as ApiError.

/** A failed request: `detail` is what the page shows (the problem's own words when there is one). */
export class ApiError extends Error {
  constructor(status, detail, title) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.title = title;
  }
}

/** Tells the page (app.js) whether the last answer came from the service or from the service worker's copy. */
function connectivity(offline) {
  if (offline === (document.documentElement.dataset.offline === 'true')) return;
  if (offline) document.documentElement.dataset.offline = 'true';
  else delete document.documentElement.dataset.offline;
  dispatchEvent(new Event('headroom:connectivity'));
}

export async function getJson(path, { signal } = {}) {
  let response;
  try {
    response = await fetch('/api/v1' + path, { headers: { Accept: 'application/json' }, signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    connectivity(true);
    throw new ApiError(0, 'The service could not be reached (' + e.message + ').', 'Network error');
  }
  connectivity(response.headers.get('X-Headroom-Offline') === 'true');
  if (response.ok) return response.json();
  const type = response.headers.get('Content-Type') || '';
  if (type.startsWith('application/problem+json')) {
    const problem = await response.json();
    throw new ApiError(response.status, problem.detail || problem.title, problem.title);
  }
  throw new ApiError(response.status, 'The service answered ' + response.status + ' ' + response.statusText + '.');
}

/**
 * A folder name as one path segment: '/' becomes %2F, '%' %25, a space %20 (never '+', which the
 * service reads as a plus sign). The lake root (folder "") has its statistics at /folders/stats.
 */
export function folderStatsPath(folder) {
  return folder === '' ? '/folders/stats' : '/folders/' + encodeURIComponent(folder) + '/stats';
}

/** The list filters of docs/api.md, in the order the form shows them. */
export const FILTERS = ['q', 'folder', 'format', 'tag', 'minSize', 'maxSize', 'modifiedAfter', 'modifiedBefore', 'sort'];
export const FORMATS = ['csv', 'tsv', 'json', 'jsonl', 'parquet', 'avro', 'orc', 'excel', 'other'];
export const SORTS = [
  ['name', 'Name (A–Z)'], ['-name', 'Name (Z–A)'], ['size', 'Size (smallest)'], ['-size', 'Size (largest)'],
  ['lastModified', 'Modified (oldest)'], ['-lastModified', 'Modified (newest)'],
];

/** `/datasets?...` for the filters set in `params` (empty values left out) plus paging. */
export function datasetsPath(params, paging) {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) query.set(name, value);
  }
  for (const [name, value] of Object.entries(paging)) query.set(name, String(value));
  return '/datasets?' + query.toString();
}
