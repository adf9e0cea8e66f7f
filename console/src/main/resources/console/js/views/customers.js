// The customers: the list (accent-insensitive search, status filter, paging) and a customer's page.
import { get } from '../api.js';
import { day, t, when } from '../i18n.js';
import { PAGE_SIZE, go, h, problem, scrolling, show, status, table } from '../dom.js';
import { emailsSection } from './emails.js';
import { suspensionControls } from './suspension.js';

const CUSTOMER_STATUSES = ['PROVISIONING', 'ACTIVE', 'SUSPENDED'];

export async function customers(params) {
  const q = params.get('q') || '';
  const wanted = params.get('status') || '';
  const page = Number(params.get('page') || 0);
  const search = h('input', { type: 'search', id: 'search', name: 'q', value: q, autocomplete: 'off',
    'aria-describedby': 'search-hint' });
  const filter = h('select', { id: 'status-filter', name: 'status' },
    h('option', { value: '' }, t('customers.allStatuses')),
    CUSTOMER_STATUSES.map((value) => h('option', { value, selected: value === wanted }, t(`status.${value}`))));
  const form = h('form', { class: 'filters', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    go('/customers', { q: search.value.trim(), status: filter.value });
  } },
  h('label', {}, t('customers.search'), search),
  h('label', {}, t('customers.status'), filter),
  h('button', { type: 'submit', id: 'search-submit' }, t('customers.searchButton')),
  h('span', { id: 'search-hint', class: 'muted' }, t('customers.searchHint')));
  filter.addEventListener('change', () => form.requestSubmit());
  const results = h('div', { id: 'results', 'aria-busy': 'true' }, t('loading'));
  show(t('customers.heading'), form, results);
  try {
    const found = await get('/api/v1/customers', { q, status: wanted, page, size: PAGE_SIZE });
    results.removeAttribute('aria-busy');
    if (found.items.length === 0) {
      results.replaceChildren(h('p', { class: 'empty', id: 'no-customers' }, t('customers.none')));
      return;
    }
    const rows = found.items.map((customer) => h('tr', { 'data-customer': customer.id },
      h('td', {}, h('a', { href: `#/customers/${encodeURIComponent(customer.id)}` }, customer.companyName)),
      h('td', {}, customer.accountName),
      h('td', {}, customer.externalCode || ''),
      h('td', {}, status(customer.status)),
      h('td', {}, when(customer.createdAt))));
    const pages = Math.max(1, Math.ceil(found.total / found.size));
    results.replaceChildren(
      scrolling(h('table', { id: 'customers' },
        h('caption', { class: 'muted' }, t('customers.count', { total: found.total })),
        h('thead', {}, h('tr', {}, ['companyName', 'accountName', 'externalCode', 'status', 'createdAt']
          .map((column) => h('th', { scope: 'col' }, t(`customer.${column}`))))),
        h('tbody', {}, rows))),
      h('nav', { class: 'pager', 'aria-label': t('pager.label') },
        h('button', { type: 'button', id: 'previous', disabled: page === 0,
          onclick: () => go('/customers', { q, status: wanted, page: page - 1 }) }, t('pager.previous')),
        h('span', { id: 'page-of' }, t('pager.pageOf', { page: page + 1, pages })),
        h('button', { type: 'button', id: 'next', disabled: page + 1 >= pages,
          onclick: () => go('/customers', { q, status: wanted, page: page + 1 }) }, t('pager.next'))));
  } catch (error) {
    results.replaceChildren(problem(error));
  }
}

export async function customer(id) {
  show(t('loading'));
  let found;
  try {
    found = await get(`/api/v1/customers/${encodeURIComponent(id)}`);
  } catch (error) {
    show(t('customer.heading'), problem(error), h('p', {}, h('a', { href: '#/customers' }, t('customer.back'))));
    return;
  }
  const address = found.address || {};
  const [users, contacts, subscriptions] = await Promise.all([
    get(`/api/v1/customers/${encodeURIComponent(id)}/users`, { size: 100 }).catch(() => null),
    get(`/api/v1/customers/${encodeURIComponent(id)}/contacts`, { size: 100 }).catch(() => null),
    get(`/api/v1/customers/${encodeURIComponent(id)}/subscriptions`, { size: 100 }).catch(() => null),
  ]);
  const part = (list, render) => (list ? render(list.items) : h('p', { class: 'problem' }, t('problem.generic')));
  const statusCell = h('dd', { id: 'customer-status' }, status(found.status));
  const emails = emailsSection(id);
  show(found.companyName,
    h('p', {}, h('a', { href: '#/customers' }, t('customer.back'))),
    h('dl', { class: 'details', id: 'customer-details' },
      h('dt', {}, t('customer.status')), statusCell,
      h('dt', {}, t('customer.accountName')), h('dd', { id: 'customer-account' }, found.accountName),
      h('dt', {}, t('customer.externalCode')), h('dd', {}, found.externalCode || '–'),
      h('dt', {}, t('customer.address')), h('dd', {}, [address.street, address.postalCode, address.city,
        address.region, address.country].filter(Boolean).join(', ')),
      h('dt', {}, t('customer.locale')), h('dd', {}, found.locale || '–'),
      h('dt', {}, t('customer.domains')), h('dd', {}, (found.domains || []).join(', ') || '–'),
      h('dt', {}, t('customer.createdAt')), h('dd', {}, when(found.createdAt)),
      h('dt', {}, t('customer.activatedAt')), h('dd', {}, when(found.activatedAt) || '–')),
    suspensionControls(found, statusCell, () => emails.reload()),
    h('h2', {}, t('customer.users')),
    part(users, (items) => table('users', ['user.name', 'user.upn', 'user.role', 'user.status', 'user.actions'],
      items, (user) => [user.displayName, user.upn, t(`role.${user.role}`), status(user.status),
        emails.newLinkButton(user)])),
    h('h2', {}, t('customer.contacts')),
    part(contacts, (items) => table('contacts', ['contact.kind', 'contact.name', 'contact.email'], items,
      (contact) => [t(`contactKind.${contact.kind}`), contact.name, contact.email])),
    h('h2', {}, t('customer.subscriptions')),
    part(subscriptions, (items) => table('subscriptions',
      ['subscription.plan', 'subscription.units', 'subscription.startDate', 'subscription.status',
        'subscription.billingStartedAt'], items,
      (subscription) => [subscription.planCode, subscription.units, day(subscription.startDate),
        status(subscription.status), when(subscription.billingStartedAt) || '–'])),
    emails);
}
