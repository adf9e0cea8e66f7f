// What every view builds with: elements from DOM calls (never from HTML strings, so nothing the API returns can become
// markup), the page frame, the hash route, and one timer per page that the router cancels when the page changes.
import { ApiError } from './api.js';
import { t } from './i18n.js';

export const view = document.getElementById('view');
export const PAGE_SIZE = 20;
let pending = null;

/** An element with attributes (on* as listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

export function status(value, prefix = 'status') {
  return h('span', { class: `status ${value}`, 'data-status': value }, t(`${prefix}.${value}`));
}

/** Replaces the page with a heading and content, and names the browser tab after it. */
export function show(title, ...content) {
  document.title = `${title} – ${t('brand.title')}`;
  view.replaceChildren(h('h1', {}, title), ...content.filter(Boolean));
}

export function problem(error) {
  const key = error instanceof ApiError && error.status === 404 ? 'problem.notFound' : 'problem.generic';
  return h('p', { class: 'problem', role: 'alert', id: 'problem' }, t(key));
}

/** A table of items with translated column headings, or a "none" line when there are none. */
export function table(id, columns, items, cells) {
  if (items.length === 0) {
    return h('p', { class: 'empty', id: `${id}-none` }, t('list.none'));
  }
  return scrolling(h('table', { id },
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, t(column))))),
    h('tbody', {}, items.map((item) => h('tr', {}, cells(item).map((cell) => h('td', {}, cell)))))));
}

/** A wide table in a box that scrolls sideways on a narrow screen (a tablet), instead of the whole page. */
export function scrolling(wide) {
  return h('div', { class: 'table-scroll' }, wide);
}

export function parseRoute() {
  const [path, query = ''] = (location.hash || '#/customers').slice(1).split('?');
  const parts = path.split('/').filter(Boolean);
  return { parts, params: new URLSearchParams(query) };
}

export function go(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '' && value != null));
  location.hash = `#${path}${query.toString() ? `?${query}` : ''}`;
}

/** Runs {@code task} later unless the page changes first (one pending timer per page). */
export function later(task, millis) {
  clearTimeout(pending);
  pending = setTimeout(task, millis);
}

export function cancelLater() {
  clearTimeout(pending);
  pending = null;
}
