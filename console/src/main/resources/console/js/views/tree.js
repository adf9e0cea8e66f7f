// The tenant tree (#/tree): the partner's customers under their parents. Built in the browser from the pages of
// GET /api/v1/customers (ADR 028: no new endpoint; the hierarchy is at most 5 levels and a partner's customers are
// read 200 at a time). Nested lists with a disclosure button per parent: Tab reaches every button and link,
// Enter or Space opens and closes a branch, and the arrow keys move between the visible customers.
import { get } from '../api.js';
import { h, problem, show, status } from '../dom.js';
import { t } from '../i18n.js';
import { buildTree, descendants } from '../hierarchy.js';

const PAGE = 200;
/** Beyond this many customers the tree shows the first ones and says so (10 requests at most). */
const LIMIT = 2000;

async function allCustomers() {
  const customers = [];
  let total = 0;
  for (let page = 0; customers.length < LIMIT; page += 1) {
    const found = await get('/api/v1/customers', { page, size: PAGE });
    total = found.total;
    customers.push(...found.items);
    if (found.items.length < PAGE || customers.length >= total) {
      break;
    }
  }
  return { customers, total };
}

export async function tree() {
  const body = h('div', { id: 'tree-body', 'aria-busy': 'true' }, t('loading'));
  show(t('tree.heading'), h('p', { class: 'muted' }, t('tree.intro')), body);
  let loaded;
  try {
    loaded = await allCustomers();
  } catch (error) {
    body.replaceChildren(problem(error));
    body.removeAttribute('aria-busy');
    return;
  }
  const roots = buildTree(loaded.customers);
  body.removeAttribute('aria-busy');
  if (roots.length === 0) {
    body.replaceChildren(h('p', { class: 'empty', id: 'tree-none' }, t('customers.none')));
    return;
  }
  const list = branch(roots, 1);
  list.id = 'tenant-tree';
  list.setAttribute('aria-label', t('tree.heading'));
  list.addEventListener('keydown', arrows);
  body.replaceChildren(
    h('p', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', id: 'tree-expand', onclick: () => toggleAll(list, true) },
        t('tree.expandAll')),
      h('button', { type: 'button', class: 'secondary', id: 'tree-collapse', onclick: () => toggleAll(list, false) },
        t('tree.collapseAll'))),
    ...(loaded.customers.length < loaded.total ? [h('p', { class: 'problem', id: 'tree-partial' },
      t('tree.partial', { shown: loaded.customers.length, total: loaded.total }))] : []),
    list);
}

function branch(nodes, level) {
  return h('ul', { class: level === 1 ? 'tree' : 'tree-children' }, nodes.map((node) => item(node, level)));
}

function item(node, level) {
  const { customer } = node;
  const link = h('a', { href: `#/customers/${encodeURIComponent(customer.id)}`, class: 'tree-link' },
    customer.companyName);
  const label = h('span', { class: 'tree-label' }, link, ' ', h('span', { class: 'muted' }, customer.accountName),
    ' ', status(customer.status));
  if (node.children.length === 0) {
    return h('li', { 'data-customer': customer.id, 'data-level': level },
      h('span', { class: 'tree-leaf', 'aria-hidden': 'true' }), label);
  }
  const children = branch(node.children, level + 1);
  children.id = `tree-children-${customer.id}`;
  children.hidden = true;
  const toggle = h('button', { type: 'button', class: 'tree-toggle', 'aria-expanded': 'false',
    'aria-controls': children.id,
    'aria-label': t('tree.toggle', { company: customer.companyName, count: descendants(node) }) });
  toggle.addEventListener('click', () => expand(toggle, toggle.getAttribute('aria-expanded') !== 'true'));
  return h('li', { 'data-customer': customer.id, 'data-level': level }, toggle, label,
    h('span', { class: 'muted tree-count' }, t('tree.below', { count: descendants(node) })), children);
}

function expand(toggle, open) {
  toggle.setAttribute('aria-expanded', String(open));
  document.getElementById(toggle.getAttribute('aria-controls')).hidden = !open;
}

function toggleAll(list, open) {
  for (const toggle of list.querySelectorAll('.tree-toggle')) {
    expand(toggle, open);
  }
}

/**
 * Up and Down move between the visible customers' links; Right opens a closed branch (or goes to its first child),
 * Left closes an open one (or goes to the parent), as in a tree view.
 */
function arrows(event) {
  const links = [...event.currentTarget.querySelectorAll('.tree-link')].filter((link) => link.offsetParent !== null);
  const item = event.target.closest('li');
  if (!item) {
    return;
  }
  const current = item.querySelector(':scope > .tree-label > .tree-link');
  const toggle = item.querySelector(':scope > .tree-toggle');
  const index = links.indexOf(current);
  let target = null;
  switch (event.key) {
    case 'ArrowDown': target = links[index + 1]; break;
    case 'ArrowUp': target = links[index - 1]; break;
    case 'Home': target = links[0]; break;
    case 'End': target = links[links.length - 1]; break;
    case 'ArrowRight':
      if (toggle && toggle.getAttribute('aria-expanded') !== 'true') {
        expand(toggle, true);
        target = current;
      } else if (toggle) {
        target = item.querySelector(':scope > ul .tree-link');
      }
      break;
    case 'ArrowLeft':
      if (toggle && toggle.getAttribute('aria-expanded') === 'true') {
        expand(toggle, false);
        target = current;
      } else {
        target = item.parentElement.closest('li')?.querySelector(':scope > .tree-label > .tree-link');
      }
      break;
    default:
      return;
  }
  event.preventDefault();
  target?.focus();
}
