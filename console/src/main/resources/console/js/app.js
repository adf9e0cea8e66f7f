// The console's shell: sign-in on arrival, the language, the navigation and the hash router. Each page lives in
// views/; a route is one line of ROUTES.
import { claimsOf, completeSignIn, currentToken, signIn, signOut } from './auth.js';
import { LANGUAGES, currentLanguage, initialLanguage, t, useLanguage } from './i18n.js';
import { cancelLater, h, parseRoute, view } from './dom.js';
import { customer, customers } from './views/customers.js';
import { inventory } from './views/inventory.js';
import { onboarding, onboardings } from './views/onboardings.js';
import { wizard } from './views/wizard.js';
import { drafts } from './views/drafts.js';
import { adminsOnly, webhook, webhooks } from './views/webhooks.js';
import { tree } from './views/tree.js';
import { staff } from './views/staff.js';

/**
 * The pages: the first path segment, whether an id follows it, and the view that renders it (given the id and the
 * query parameters). The first route is the default. {@code adminOnly} pages are a staff admin's (the API refuses an
 * agent anyway; the navigation hides them and the page says so).
 */
const ROUTES = [
  { section: 'customers', withId: false, render: (_, params) => customers(params) },
  { section: 'customers', withId: true, render: (id) => customer(id) },
  { section: 'onboardings', withId: false, render: (_, params) => onboardings(params) },
  { section: 'onboardings', withId: true, render: (id) => onboarding(id) },
  { section: 'inventory', withId: false, render: () => inventory() },
  { section: 'onboard', withId: false, render: (_, params) => wizard(params) },
  { section: 'drafts', withId: false, render: (_, params) => drafts(params) },
  { section: 'webhooks', withId: false, adminOnly: true, render: () => webhooks() },
  { section: 'webhooks', withId: true, adminOnly: true, render: (id, params) => webhook(id, params) },
  { section: 'tree', withId: false, render: () => tree() },
  { section: 'staff', withId: false, adminOnly: true, render: (_, params) => staff(params) },
];

function translateStatic() {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
}

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
  cancelLater();
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
  const id = parts[1] ? decodeURIComponent(parts[1]) : null;
  const page = ROUTES.find((candidate) => candidate.section === parts[0] && candidate.withId === (id !== null))
    || ROUTES[0];
  markNavigation(page.section);
  const admin = claims.staff_role === 'PARTNER_ADMIN';
  for (const link of document.querySelectorAll('#nav [data-admin-only]')) {
    link.hidden = !admin;
  }
  await (page.adminOnly && !admin ? adminsOnly(page.section) : page.render(id, params));
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
