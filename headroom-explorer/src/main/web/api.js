// The one place the UI talks to the service: JSON in, problem details (RFC 9457) out as ApiError, the
// session's token (session.js) on every call.
import { authorization, end } from './session.js';

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

/**
 * One call to the API with the session's token: the response when it is 2xx, else an ApiError with the
 * problem's detail. A 401 on a call that expects the session (`loginRequired`, the catalog's reads) sends
 * the page to the login form: without a token the service wants one (HEADROOM_ACCESS=authenticated),
 * with one the token no longer holds (expired, or the password changed), so the session ends.
 */
async function call(path, { signal, method = 'GET', accept = 'application/json', body, loginRequired = true } = {}) {
  const sent = authorization();
  const headers = { Accept: accept, ...sent };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    // With a token, the browser's cache is asked to revalidate: it keys answers by URL alone, so the anonymous
    // answer it kept (public, max-age) would otherwise be shown to the user, without their private folders.
    response = await fetch('/api/v1' + path, {
      method, headers, signal, cache: sent.Authorization ? 'no-cache' : 'default',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    connectivity(true);
    throw new ApiError(0, 'The service could not be reached (' + e.message + ').', 'Network error');
  }
  connectivity(response.headers.get('X-Headroom-Offline') === 'true');
  if (response.ok) return response;
  const error = await problemOf(response);
  if (response.status === 401 && loginRequired) {
    if (sent.Authorization) end('refused'); // app.js hears it and goes to the login form
    else dispatchEvent(new Event('headroom:login-required'));
  }
  throw error;
}

/** A failed answer as an ApiError: the problem's detail (RFC 9457), or the status when there is none. */
export async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.startsWith('application/problem+json')) {
    const problem = await response.json();
    const retry = response.headers.get('Retry-After');
    const error = new ApiError(response.status, problem.detail || problem.title, problem.title);
    if (retry) error.retryAfterSeconds = Number(retry);
    return error;
  }
  return new ApiError(response.status, 'The service answered ' + response.status + ' ' + response.statusText + '.');
}

export async function getJson(path, options = {}) {
  return (await call(path, options)).json();
}

/** POST a JSON body; a 401 here is the call's own answer (a wrong password), not a reason to go to the login form. */
export async function postJson(path, body, options = {}) {
  return (await call(path, { ...options, method: 'POST', body, loginRequired: false })).json();
}

/**
 * Saves a download as a file. A link cannot send the Authorization header, so with a session the file is
 * fetched with it and handed to the browser as a blob (held in memory: fine for the lake's files, see
 * docs/ui.md); the name is the answer's Content-Disposition.
 */
export async function saveDownload(path, fallbackName, { signal } = {}) {
  const response = await call(path, { signal, accept: '*/*' });
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName(response.headers.get('Content-Disposition')) || fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000); // the browser has copied it by then
  return blob.size;
}

/** The file name of a Content-Disposition: RFC 8187 `filename*=UTF-8''...` first, else `filename="..."`. */
export function fileName(disposition) {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // malformed: the plain name below
    }
  }
  const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;\s]+)/i.exec(disposition);
  return plain ? (plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]) : null;
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
