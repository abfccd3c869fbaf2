// The folder tree: GET /folders is flat ("environment/air"); the tree nests on '/', and a parent shows
// the totals of everything under it. Each row is a link, so the tree is keyboard-usable as it is.
import { bytes, count, h } from './dom.js';

/** Nodes { name, path, own: folder|null, children, datasetCount, totalBytes } under a root. */
export function buildTree(folders) {
  const root = { name: '', path: '', own: null, children: new Map(), datasetCount: 0, totalBytes: 0 };
  for (const folder of folders) {
    let node = root;
    node.datasetCount += folder.datasetCount;
    node.totalBytes += folder.totalBytes;
    if (folder.name === '') {
      root.own = folder;
      continue;
    }
    const parts = folder.name.split('/');
    parts.forEach((part, i) => {
      const path = parts.slice(0, i + 1).join('/');
      if (!node.children.has(part)) {
        node.children.set(part, { name: part, path, own: null, children: new Map(), datasetCount: 0, totalBytes: 0 });
      }
      node = node.children.get(part);
      node.datasetCount += folder.datasetCount;
      node.totalBytes += folder.totalBytes;
    });
    node.own = folder;
  }
  return root;
}

/** The tree as nested lists; `hrefFor(path)` is where a folder's link goes, `selected` is marked current. */
export function treeView(root, selected, hrefFor, label) {
  const item = (node) => h('li', {},
    h('a', { href: hrefFor(node.path), 'aria-current': node.path === selected ? 'true' : null,
      title: node.own ? null : 'Totals of the folders under it' },
    h('span', { class: 'folder-name' }, node.name), ' ',
    h('span', { class: 'folder-figures' }, count(node.datasetCount) + ' · ' + bytes(node.totalBytes))),
    node.children.size ? h('ul', {}, [...node.children.values()].map(item)) : null);
  const top = [...root.children.values()].map(item);
  if (root.own) {
    top.unshift(h('li', {}, h('a', { href: hrefFor(''), 'aria-current': selected === '' ? 'true' : null },
      h('span', { class: 'folder-name' }, '(lake root)'), ' ',
      h('span', { class: 'folder-figures' }, count(root.own.datasetCount) + ' · ' + bytes(root.own.totalBytes)))));
  }
  return h('nav', { class: 'tree', 'aria-label': label }, h('ul', {}, top));
}
