// The console's shell: sign-in on arrival, a hash router (#/customers, #/customers/{id}, #/onboardings,
// #/onboardings/{id}, #/inventory), and the views. Everything is built with DOM calls, never from HTML strings, so
// nothing the API returns can become markup.
import { claimsOf, completeSignIn, currentToken, signIn, signOut } from './auth.js';
import { ApiError, get } from './api.js';
import { LANGUAGES, currentLanguage, day, initialLanguage, t, useLanguage, when } from './i18n.js';
import { POLL_MILLIS, failureLine, isFinished, stepLines } from './timeline.js';

const view = document.getElementById('view');
const CUSTOMER_STATUSES = ['PROVISIONING', 'ACTIVE', 'SUSPENDED'];
const PAGE_SIZE = 20;
let poll = null;

/** An element with attributes (on* as listeners) and children (strings become text). */
function h(tag, attributes = {}, ...children) {
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

function status(value, prefix = 'status') {
  return h('span', { class: `status ${value}`, 'data-status': value }, t(`${prefix}.${value}`));
}

function show(title, ...content) {
  document.title = `${title} – ${t('brand.title')}`;
  view.replaceChildren(h('h1', {}, title), ...content.filter(Boolean));
}

function problem(error) {
  const key = error instanceof ApiError && error.status === 404 ? 'problem.notFound' : 'problem.generic';
  return h('p', { class: 'problem', role: 'alert', id: 'problem' }, t(key));
}

function translateStatic() {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
}

function parseRoute() {
  const [path, query = ''] = (location.hash || '#/customers').slice(1).split('?');
  const parts = path.split('/').filter(Boolean);
  return { parts, params: new URLSearchParams(query) };
}

function go(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '' && value != null));
  location.hash = `#${path}${query.toString() ? `?${query}` : ''}`;
}

// --- views ---

function landing(messageKey) {
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  view.replaceChildren(h('section', { class: 'landing' },
    h('h1', {}, t('landing.heading')),
    messageKey ? h('p', { id: 'landing-message', role: 'status' }, t(messageKey)) : null,
    h('p', {}, t('landing.intro')),
    h('button', { type: 'button', id: 'sign-in', onclick: () => signIn('#/customers') }, t('landing.signIn'))));
  document.title = t('brand.title');
}

async function customers(params) {
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
      h('table', { id: 'customers' },
        h('caption', { class: 'muted' }, t('customers.count', { total: found.total })),
        h('thead', {}, h('tr', {}, ['companyName', 'accountName', 'externalCode', 'status', 'createdAt']
          .map((column) => h('th', { scope: 'col' }, t(`customer.${column}`))))),
        h('tbody', {}, rows)),
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

function table(id, columns, items, cells) {
  if (items.length === 0) {
    return h('p', { class: 'empty', id: `${id}-none` }, t('list.none'));
  }
  return h('table', { id },
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, t(column))))),
    h('tbody', {}, items.map((item) => h('tr', {}, cells(item).map((cell) => h('td', {}, cell))))));
}

async function customer(id) {
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
  show(found.companyName,
    h('p', {}, h('a', { href: '#/customers' }, t('customer.back'))),
    h('dl', { class: 'details', id: 'customer-details' },
      h('dt', {}, t('customer.status')), h('dd', { id: 'customer-status' }, status(found.status)),
      h('dt', {}, t('customer.accountName')), h('dd', { id: 'customer-account' }, found.accountName),
      h('dt', {}, t('customer.externalCode')), h('dd', {}, found.externalCode || '–'),
      h('dt', {}, t('customer.address')), h('dd', {}, [address.street, address.postalCode, address.city,
        address.region, address.country].filter(Boolean).join(', ')),
      h('dt', {}, t('customer.locale')), h('dd', {}, found.locale || '–'),
      h('dt', {}, t('customer.domains')), h('dd', {}, (found.domains || []).join(', ') || '–'),
      h('dt', {}, t('customer.createdAt')), h('dd', {}, when(found.createdAt)),
      h('dt', {}, t('customer.activatedAt')), h('dd', {}, when(found.activatedAt) || '–')),
    h('h2', {}, t('customer.users')),
    part(users, (items) => table('users', ['user.name', 'user.upn', 'user.role', 'user.status'], items,
      (user) => [user.displayName, user.upn, t(`role.${user.role}`), status(user.status)])),
    h('h2', {}, t('customer.contacts')),
    part(contacts, (items) => table('contacts', ['contact.kind', 'contact.name', 'contact.email'], items,
      (contact) => [t(`contactKind.${contact.kind}`), contact.name, contact.email])),
    h('h2', {}, t('customer.subscriptions')),
    part(subscriptions, (items) => table('subscriptions',
      ['subscription.plan', 'subscription.units', 'subscription.startDate', 'subscription.status',
        'subscription.billingStartedAt'], items,
      (subscription) => [subscription.planCode, subscription.units, day(subscription.startDate),
        status(subscription.status), when(subscription.billingStartedAt) || '–'])));
}

async function onboardings(params) {
  const page = Number(params.get('page') || 0);
  const results = h('div', { id: 'results' }, t('loading'));
  show(t('onboardings.heading'), results);
  try {
    const found = await get('/api/v1/onboardings', { page, size: PAGE_SIZE });
    results.replaceChildren(table('onboardings', ['onboarding.accountName', 'onboarding.status',
      'onboarding.createdAt'], found.items, (onboarding) => [
      h('a', { href: `#/onboardings/${encodeURIComponent(onboarding.id)}` }, onboarding.accountName || onboarding.id),
      status(onboarding.status), when(onboarding.createdAt)]));
  } catch (error) {
    results.replaceChildren(problem(error));
  }
}

function timeline(onboarding) {
  const failure = failureLine(onboarding);
  return [
    h('p', {}, t('onboarding.status'), ' ', status(onboarding.status)),
    failure ? h('p', { class: 'problem', id: 'failure', role: 'alert' },
      t('onboarding.failedIn', { step: t(failure.stepKey) }), ' ', t(failure.key)) : null,
    h('ol', { class: 'timeline', id: 'timeline' }, stepLines(onboarding).map((step) => h('li',
      { class: step.status, 'data-step': step.name, 'data-status': step.status },
      h('span', { class: 'step-name' }, t(step.nameKey)), status(step.status, 'stepStatus'),
      step.startedAt ? h('span', { class: 'step-time' }, t('onboarding.started', { at: when(step.startedAt) }),
        step.finishedAt ? ` · ${t('onboarding.finished', { at: when(step.finishedAt) })}` : '') : null,
      step.errorKey ? h('span', { class: 'step-error' }, t(step.errorKey)) : null))),
    onboarding.customerId && onboarding.status === 'COMPLETED'
      ? h('p', {}, h('a', { href: `#/customers/${encodeURIComponent(onboarding.customerId)}`, id: 'to-customer' },
        t('onboarding.toCustomer'))) : null,
  ];
}

async function onboarding(id) {
  const body = h('div', { id: 'onboarding', 'aria-live': 'polite' }, t('loading'));
  show(t('onboarding.heading'), h('p', {}, h('a', { href: '#/onboardings' }, t('onboarding.back'))), body);
  const route = location.hash;
  const refresh = async () => {
    try {
      const found = await get(`/api/v1/onboardings/${encodeURIComponent(id)}`);
      if (location.hash !== route) {
        return;
      }
      view.querySelector('h1').textContent = t('onboarding.headingOf', { account: found.accountName });
      body.replaceChildren(...timeline(found).filter(Boolean));
      body.dataset.status = found.status;
      if (!isFinished(found)) {
        poll = setTimeout(refresh, POLL_MILLIS);
      }
    } catch (error) {
      body.replaceChildren(problem(error));
    }
  };
  await refresh();
}

async function inventory() {
  const results = h('div', { id: 'results' }, t('loading'));
  show(t('inventory.heading'), results);
  try {
    const found = await get('/api/v1/inventory', { size: 100 });
    results.replaceChildren(table('inventory', ['inventory.plan', 'inventory.units', 'inventory.allocated',
      'inventory.available'], found.items, (line) => [line.planCode, line.units, line.allocated, line.available]));
  } catch (error) {
    results.replaceChildren(problem(error));
  }
}

// --- the shell ---

function markNavigation(section) {
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.route === section) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

async function route() {
  clearTimeout(poll);
  const token = currentToken();
  if (!token) {
    landing(null);
    return;
  }
  const claims = claimsOf(token);
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = t(`role.${claims.staff_role}`);
  document.getElementById('who-partner').textContent = claims.partner_name || claims.partner_id;
  const { parts, params } = parseRoute();
  markNavigation(parts[0]);
  if (parts[0] === 'customers' && parts[1]) {
    await customer(decodeURIComponent(parts[1]));
  } else if (parts[0] === 'onboardings' && parts[1]) {
    await onboarding(decodeURIComponent(parts[1]));
  } else if (parts[0] === 'onboardings') {
    await onboardings(params);
  } else if (parts[0] === 'inventory') {
    await inventory();
  } else {
    await customers(params);
  }
  view.focus({ preventScroll: true });
}

async function start() {
  const language = document.getElementById('language');
  await useLanguage(initialLanguage());
  for (const code of LANGUAGES) {
    language.append(h('option', { value: code, selected: code === currentLanguage() }, t(`language.${code}`)));
  }
  language.addEventListener('change', async () => {
    await useLanguage(language.value);
    translateStatic();
    await route();
  });
  translateStatic();
  document.getElementById('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', route);
  try {
    await completeSignIn();
  } catch {
    landing('landing.refused');
    return;
  }
  await route();
  document.body.dataset.ready = 'true';
}

start();
