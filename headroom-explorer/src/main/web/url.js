// The view state lives in the URL hash (#/datasets?folder=x&sort=-size), so a view can be shared and reloaded.

/** '#/datasets/42?x=1' → { section: 'dataset', id: '42', params }; '#/performance/cache' → { section: 'performance', page: 'cache' } */
export function parseHash(hash) {
  const text = hash.replace(/^#/, '') || '/datasets';
  const question = text.indexOf('?');
  const path = question < 0 ? text : text.slice(0, question);
  const params = new URLSearchParams(question < 0 ? '' : text.slice(question + 1));
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'datasets' && parts[1]) return { section: 'dataset', id: decodeURIComponent(parts[1]), params };
  if (parts[0] === 'folders') return { section: 'folders', params };
  if (parts[0] === 'performance') return { section: 'performance', page: parts[1] || 'overview', params };
  if (parts[0] === 'login' || parts[0] === 'account') return { section: parts[0], params };
  return { section: 'datasets', params };
}

/** The hash for a path and its state, entries with a null or undefined value left out ('' is kept). */
export function hashFor(path, entries) {
  const query = new URLSearchParams();
  for (const [name, value] of entries) if (value !== null && value !== undefined) query.set(name, value);
  const text = query.toString();
  return '#' + path + (text ? '?' + text : '');
}
