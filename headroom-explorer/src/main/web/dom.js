// Small DOM helpers and formatting shared by the views.

/** h('p', {class: 'x'}, 'text', child): an element; attributes starting with "on" become listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

const numbers = new Intl.NumberFormat('en');
export const count = (n) => (n === null || n === undefined ? '—' : numbers.format(n));

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)) + ' ' + units[unit];
}

export const date = (iso) => (iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '—');

/** The loading, empty and error states: one shape, announced to screen readers. */
export function state(kind, text) {
  return h('p', { class: 'state state-' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function errorState(error) {
  const prefix = error.status ? 'Error ' + error.status + ': ' : '';
  return state('error', prefix + (error.detail || error.message));
}
