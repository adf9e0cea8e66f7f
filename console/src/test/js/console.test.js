// The console's pure parts under Node's test runner (node --test, driven by Maven's test phase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

import { authorizationUrl, base64url, challengeOf, CLIENT_ID } from '../../main/resources/console/js/auth.js';
import { pickLanguage, LANGUAGES } from '../../main/resources/console/js/i18n.js';
import { failureLine, isFinished, stepLines } from '../../main/resources/console/js/timeline.js';
import { queryOf } from '../../main/resources/console/js/api.js';
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
