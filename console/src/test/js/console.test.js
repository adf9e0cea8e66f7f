// The console's pure parts under Node's test runner (node --test, driven by Maven's test phase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

import { authorizationUrl, base64url, challengeOf, CLIENT_ID } from '../../main/resources/console/js/auth.js';
import { pickLanguage, LANGUAGES } from '../../main/resources/console/js/i18n.js';
import { changesSince, failureLine, isFinished, stepLines } from '../../main/resources/console/js/timeline.js';
import { queryOf } from '../../main/resources/console/js/api.js';
import { buildTree, descendants, pathTo } from '../../main/resources/console/js/hierarchy.js';
import { fromLocalInput, sendTimeProblem, toLocalInput } from '../../main/resources/console/js/send-time.js';
import en from '../../main/resources/console/js/messages/en.js';

const source = new URL('../../main/resources/console/js/', import.meta.url);

test('the S256 challenge is RFC 7636 appendix B', async () => {
  assert.equal(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('base64url has no padding and no + or /', () => {
  assert.equal(base64url(new Uint8Array([251, 255, 191])), '-_-_');
});

test('the authorization request asks for a code with PKCE for the console client', () => {
  const url = new URL(authorizationUrl({ state: 'st', challenge: 'ch', origin: 'http://localhost:8080' }),
    'http://localhost:8080');
  assert.equal(url.pathname, '/oauth2/authorize');
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('client_id'), CLIENT_ID);
  assert.equal(url.searchParams.get('redirect_uri'), 'http://localhost:8080/console/');
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('code_challenge'), 'ch');
  assert.equal(url.searchParams.get('state'), 'st');
});

test('a language is picked from the chosen one, then the browser, else English', () => {
  assert.equal(pickLanguage(null, ['sv-SE', 'en']), 'sv');
  assert.equal(pickLanguage('de', ['sv-SE']), 'de');
  assert.equal(pickLanguage(null, ['no-NO']), 'nb');
  assert.equal(pickLanguage(null, ['fr-FR', 'ja']), 'en');
  assert.equal(pickLanguage(null, []), 'en');
});

test('only parameters with a value reach the query', () => {
  assert.equal(queryOf({ q: 'fjäll', status: '', page: 0, parentId: null }), '?q=fj%C3%A4ll&page=0');
  assert.equal(queryOf({}), '');
});

test('a saga is finished only when COMPLETED or FAILED', () => {
  assert.equal(isFinished({ status: 'IN_PROGRESS' }), false);
  assert.equal(isFinished({ status: 'COMPENSATING' }), false);
  assert.equal(isFinished({ status: 'COMPLETED' }), true);
  assert.equal(isFinished({ status: 'FAILED' }), true);
});

test('a failed step and the failure are put in words', () => {
  const onboarding = {
    status: 'FAILED',
    steps: [
      { name: 'REGISTER_CUSTOMER', status: 'COMPENSATED', startedAt: 'a', finishedAt: 'b' },
      { name: 'ASSIGN_PLANS', status: 'FAILED', error: { code: 'INSUFFICIENT_LICENSES', message: 'm' } },
      { name: 'ACTIVATE_CUSTOMER', status: 'SKIPPED' },
    ],
    failure: { step: 'ASSIGN_PLANS', code: 'INSUFFICIENT_LICENSES', message: 'm' },
  };
  const lines = stepLines(onboarding);
  assert.deepEqual(lines.map((line) => line.statusKey),
    ['stepStatus.COMPENSATED', 'stepStatus.FAILED', 'stepStatus.SKIPPED']);
  assert.equal(lines[1].errorKey, 'failure.INSUFFICIENT_LICENSES');
  assert.equal(lines[2].startedAt, null);
  assert.deepEqual(failureLine(onboarding),
    { key: 'failure.INSUFFICIENT_LICENSES', stepKey: 'step.ASSIGN_PLANS', message: 'm' });
  for (const line of lines) {
    assert.ok(en[line.nameKey], line.nameKey);
    assert.ok(en[line.statusKey], line.statusKey);
  }
});

test('the timeline speaks only of what moved since the last poll', () => {
  const running = { status: 'IN_PROGRESS', steps: [{ name: 'REGISTER_CUSTOMER', status: 'SUCCEEDED' },
    { name: 'CREATE_ADMINISTRATOR', status: 'RUNNING' }] };
  const later = { status: 'IN_PROGRESS', steps: [{ name: 'REGISTER_CUSTOMER', status: 'SUCCEEDED' },
    { name: 'CREATE_ADMINISTRATOR', status: 'SUCCEEDED' }, { name: 'ASSIGN_PLANS', status: 'RUNNING' }] };
  assert.deepEqual(changesSince(null, running), [], 'the first answer is read as the page');
  assert.deepEqual(changesSince(running, structuredClone(running)), [], 'nothing moved');
  const moved = changesSince(running, later);
  assert.deepEqual(moved, [
    { nameKey: 'step.CREATE_ADMINISTRATOR', statusKey: 'stepStatus.SUCCEEDED' },
    { nameKey: 'step.ASSIGN_PLANS', statusKey: 'stepStatus.RUNNING' },
    { nameKey: 'onboarding.status', statusKey: 'status.IN_PROGRESS' },
  ]);
  assert.deepEqual(changesSince(later, { ...later, status: 'COMPLETED' }),
    [{ nameKey: 'onboarding.status', statusKey: 'status.COMPLETED' }]);
  for (const line of moved) {
    assert.ok(en[line.nameKey], line.nameKey);
    assert.ok(en[line.statusKey], line.statusKey);
  }
});

test('English has every key the scripts name, and every status, step and failure of API.md', () => {
  const app = readFileSync(new URL('app.js', source), 'utf8');
  const named = [...app.matchAll(/\bt\('([\w.]+)'/g)].map((match) => match[1]);
  const html = readFileSync(new URL('../index.html', source), 'utf8');
  named.push(...[...html.matchAll(/data-i18n="([\w.]+)"/g)].map((match) => match[1]));
  const statuses = ['PROVISIONING', 'ACTIVE', 'SUSPENDED', 'INVITED', 'DISABLED', 'SCHEDULED', 'CANCELLED',
    'IN_PROGRESS', 'COMPENSATING', 'COMPLETED', 'FAILED'].map((status) => `status.${status}`);
  const steps = ['REGISTER_CUSTOMER', 'CREATE_ADMINISTRATOR', 'ASSIGN_PLANS', 'SCHEDULE_WELCOME_EMAIL',
    'ACTIVATE_CUSTOMER'].map((step) => `step.${step}`);
  const stepStatuses = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'COMPENSATING', 'COMPENSATED', 'SKIPPED']
    .map((status) => `stepStatus.${status}`);
  const failures = ['ADMIN_EMAIL_IN_USE', 'USERNAME_TAKEN', 'PLAN_NOT_FOUND', 'PLAN_REQUIREMENT_MISSING',
    'INSUFFICIENT_LICENSES', 'PARENT_NOT_FOUND', 'STEP_TIMEOUT'].map((code) => `failure.${code}`);
  const languages = LANGUAGES.map((code) => `language.${code}`);
  const roles = ['ADMINISTRATOR', 'USER', 'PARTNER_ADMIN', 'PARTNER_AGENT'].map((role) => `role.${role}`);
  const missing = [...named, ...statuses, ...steps, ...stepStatuses, ...failures, ...languages, ...roles]
    .filter((key) => !(key in en));
  assert.deepEqual(missing, []);
});

test('every language has a file and is complete: every key of English, no other, the same placeholders', async () => {
  const files = readdirSync(new URL('messages/', source)).map((file) => file.replace('.js', '')).sort();
  assert.deepEqual(files, [...LANGUAGES].sort());
  const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const code of LANGUAGES) {
    const messages = (await import(new URL(`messages/${code}.js`, source))).default;
    const unknown = Object.keys(messages).filter((key) => !(key in en));
    assert.deepEqual(unknown, [], code);
    const untranslated = Object.keys(en).filter((key) => !(key in messages) && !key.startsWith('language.'));
    assert.deepEqual(untranslated, [], code);
    for (const [key, text] of Object.entries(messages)) {
      assert.deepEqual(placeholders(text), placeholders(en[key]), `${code} ${key}`);
    }
  }
});

test('the tenant tree puts every customer under its parent, in the order listed, and an orphan at the top', () => {
  const customers = [
    { id: 'a', accountName: 'alfa' },
    { id: 'b', accountName: 'bravo', parentCustomerId: 'a' },
    { id: 'c', accountName: 'charlie', parentCustomerId: 'b' },
    { id: 'd', accountName: 'delta', parentCustomerId: 'a' },
    { id: 'e', accountName: 'echo', parentCustomerId: 'not-loaded' },
  ];
  const roots = buildTree(customers);
  assert.deepEqual(roots.map((node) => node.customer.id), ['a', 'e']);
  assert.deepEqual(roots[0].children.map((node) => node.customer.id), ['b', 'd']);
  assert.deepEqual(roots[0].children[0].children.map((node) => node.customer.id), ['c']);
  assert.equal(descendants(roots[0]), 3);
  assert.deepEqual(pathTo(roots, 'c'), ['a', 'b', 'c']);
  assert.deepEqual(pathTo(roots, 'x'), []);
});

test('a datetime-local value is the browser\'s local time, and the obvious mistakes are caught before the API', () => {
  const instant = '2027-05-31T08:00:00.000Z';
  assert.equal(fromLocalInput(toLocalInput(instant)), instant);
  assert.equal(fromLocalInput(''), null);
  assert.equal(fromLocalInput('31/05/2027 08:00'), null);
  const now = new Date('2027-05-01T12:00:00Z');
  assert.equal(sendTimeProblem('', now), 'emails.sendAt.required');
  assert.equal(sendTimeProblem(toLocalInput('2027-05-01T11:00:00Z'), now), 'emails.sendAt.past');
  assert.equal(sendTimeProblem(toLocalInput('2028-06-01T12:00:00Z'), now), 'emails.sendAt.tooFar');
  assert.equal(sendTimeProblem(toLocalInput('2027-05-02T12:00:00Z'), now), null);
});

test('English has every key the views, the dialog and the pure modules name literally', () => {
  const views = readdirSync(new URL('views/', source)).map((file) => `views/${file}`);
  // Any quoted key of these prefixes, in the modules that pass keys around as strings; the wizard and the webhooks
  // page also quote JSON field paths ('customer.address.city') and event names ('customer.suspended'), so only
  // their t('...') calls count.
  const quoting = ['dialog.js', 'send-time.js', ...views.filter((file) => !/(wizard|webhooks)\.js$/.test(file))];
  const named = quoting.flatMap((file) => [...readFileSync(new URL(file, source), 'utf8')
    .matchAll(/(?:\bt\(|')((?:emails|customer|user|tree|dialog|template|status)\.[\w.]+)'/g)].map((match) => match[1]));
  const called = views.flatMap((file) => [...readFileSync(new URL(file, source), 'utf8')
    .matchAll(/\bt\('([\w.]+)'/g)].map((match) => match[1]));
  const templates = ['WELCOME', 'ACTIVATION', 'SUBSCRIPTION_STARTED', 'ACTIVATION_REQUESTED', 'SETUP_CONFIGURE_NOW',
    'SETUP_REMINDER', 'SETUP_ESCALATED'].map((template) => `template.${template}`);
  const composed = ['suspend', 'resume'].flatMap((action) => ['', 'Title', 'Text', 'Confirm', 'Pending', 'Done']
    .map((suffix) => `customer.${action}${suffix}`));
  const emailActions = ['preview', 'reschedule', 'cancel', 'resend'].flatMap((action) => [`emails.${action}`,
    `emails.${action}For`]);
  const refusals = ['NOT_SCHEDULED', 'NOT_RESENDABLE', 'ACTIVATION_RESEND_VIA_IDENTITY', 'CUSTOMER_SUSPENDED',
    'USER_ALREADY_ACTIVE'].map((code) => `emails.refused.${code}`);
  const statuses = ['SENT', 'SUSPENDING', 'RESUMING'].map((value) => `status.${value}`);
  const missing = [...named, ...called, ...templates, ...composed, ...emailActions, ...refusals, ...statuses]
    .filter((key) => !(key in en));
  assert.deepEqual(missing, []);
});
