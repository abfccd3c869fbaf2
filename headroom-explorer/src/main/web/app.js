// The shell: hash routing (url.js); each view is its own module, loaded the first time it is shown.
import { errorState, state } from './dom.js';
import { parseHash } from './url.js';

const VIEWS = {
  datasets: () => import('./view-datasets.js'),
  dataset: () => import('./view-dataset.js'),
  folders: () => import('./view-folders.js'),
  performance: () => import('./view-performance.js'),
};

let cleanup = null;
let generation = 0;

async function show() {
  const mine = ++generation;
  const route = parseHash(location.hash);
  const main = document.getElementById('main');
  for (const link of document.querySelectorAll('nav a[data-section]')) {
    const current = link.dataset.section === (route.section === 'dataset' ? 'datasets' : route.section);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (cleanup) cleanup();
  cleanup = null;
  main.replaceChildren(state('loading', 'Loading…'));
  try {
    const view = await VIEWS[route.section]();
    if (mine !== generation) return; // a newer navigation won
    cleanup = view.render(main, route) || null;
  } catch (e) {
    if (mine === generation) main.replaceChildren(errorState(e));
  }
}

window.addEventListener('hashchange', show);
show();
