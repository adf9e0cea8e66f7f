// The onboarding wizard's pure parts (ADR 027): error paths to inputs, steps, and the request it builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { buildRequest, inputFor, inputId, problemsOf, stepOf, valueAt }
  from '../../main/resources/console/js/wizard-model.js';

const known = new Set(['f-customer-companyName', 'f-customer-address-country', 'f-customer-domains',
  'f-administrator-email', 'f-contacts', 'f-contacts-1-email', 'f-plans', 'f-plan-HOSTED-EXCHANGE-units',
  'f-plan-CUSTOMER-PORTAL-startDate', 'f-acceptPaidPlans', 'f-welcomeEmail-sendAt']);

test('an error names the input of its own path', () => {
  assert.equal(inputId('customer.address.country'), 'f-customer-address-country');
  assert.equal(inputId('contacts[1].email'), 'f-contacts-1-email');
  assert.equal(inputFor('customer.address.country', known), 'f-customer-address-country');
  assert.equal(inputFor('administrator.email', known), 'f-administrator-email');
  assert.equal(inputFor('contacts[1].email', known), 'f-contacts-1-email');
  assert.equal(inputFor('acceptPaidPlans', known), 'f-acceptPaidPlans');
  assert.equal(inputFor('welcomeEmail.sendAt', known), 'f-welcomeEmail-sendAt');
});

test('an error without an input of its own goes to the nearest one above it', () => {
  assert.equal(inputFor('customer.domains[2]', known), 'f-customer-domains');
  assert.equal(inputFor('contacts', known), 'f-contacts');
  assert.equal(inputFor('contacts[0].name', known), 'f-contacts');
  assert.equal(inputFor('setup.by', known), null);
  assert.equal(inputFor('customer.address', known), 'f-customer-address-country', 'a group: its first input');
  assert.equal(inputFor('', known), null);
});

test('a plan error finds its plan by the request\'s order of plan codes', () => {
  const codes = ['CUSTOMER-PORTAL', 'HOSTED-EXCHANGE'];
  assert.equal(inputFor('plans[1].units', known, codes), 'f-plan-HOSTED-EXCHANGE-units');
  assert.equal(inputFor('plans[0].startDate', known, codes), 'f-plan-CUSTOMER-PORTAL-startDate');
  assert.equal(inputFor('plans[1].planCode', known, codes), 'f-plan-HOSTED-EXCHANGE-units');
  assert.equal(inputFor('plans[7].units', known, codes), 'f-plans');
  assert.equal(inputFor('plans', known, codes), 'f-plans');
});

test('every field belongs to one of the three steps', () => {
  assert.equal(stepOf('customer.address.city'), 1);
  assert.equal(stepOf('administrator.username'), 2);
  assert.equal(stepOf('contacts[0].email'), 2);
  assert.equal(stepOf('plans[0].units'), 3);
  assert.equal(stepOf('acceptPaidPlans'), 3);
  assert.equal(stepOf('welcomeEmail.language'), 3);
});

test('the request leaves empty inputs out and keeps what was typed', () => {
  const request = buildRequest({
    fields: { 'customer.companyName': ' Testbolag Göteborg AB ', 'customer.externalCode': '',
      'customer.address.city': 'Göteborg', 'customer.domains': 'testbolag.se, testbolag.com',
      'administrator.email': 'bengt@testbolag.se' },
    contacts: [{ kind: 'SITE_ADMIN', name: 'Karin Lund', email: 'karin@testbolag.se', phone: '' },
      { kind: 'OTHER', name: '', email: '', phone: '' }],
    plans: [{ planCode: 'CUSTOMER-PORTAL', units: '1', startDate: '' },
      { planCode: 'HOSTED-EXCHANGE', units: '', startDate: '2027-01-01' },
      { planCode: 'MAIL-CONTROL', units: 'ten', startDate: '2027-01-01' }],
    acceptPaidPlans: true,
    welcome: { later: true, at: '2027-01-04T07:00:00.000Z', language: 'sv' },
  });
  assert.deepEqual(request, {
    customer: { companyName: 'Testbolag Göteborg AB', address: { city: 'Göteborg' },
      domains: ['testbolag.se', 'testbolag.com'] },
    administrator: { email: 'bengt@testbolag.se' },
    contacts: [{ kind: 'SITE_ADMIN', name: 'Karin Lund', email: 'karin@testbolag.se' }],
    plans: [{ planCode: 'CUSTOMER-PORTAL', units: 1 }, { planCode: 'MAIL-CONTROL', units: 'ten',
      startDate: '2027-01-01' }],
    acceptPaidPlans: true,
    welcomeEmail: { sendAt: '2027-01-04T07:00:00.000Z', language: 'sv' },
  });
  assert.equal(buildRequest({ welcome: { later: false, at: '2027-01-04T07:00:00.000Z' } }).welcomeEmail.sendAt,
    null);
  assert.equal(valueAt(request, 'customer.address.city'), 'Göteborg');
  assert.equal(valueAt(request, 'customer.address.street'), undefined);
  assert.deepEqual(buildRequest({}).customer, { address: {} }, 'an empty address is still sent, as an object');
});

test('problems come from a dry run, a refusal with errors, or a refusal without', () => {
  assert.deepEqual(problemsOf({ valid: false, problems: [{ field: 'administrator.email', code: 'ADMIN_EMAIL_IN_USE',
    message: 'm', source: 'identity-service' }] }), [{ field: 'administrator.email', code: 'ADMIN_EMAIL_IN_USE',
    message: 'm', source: 'identity-service' }]);
  assert.deepEqual(problemsOf({ code: 'ACCOUNT_NAME_TAKEN', errors: [{ field: 'customer.accountName',
    message: 'taken' }] }), [{ field: 'customer.accountName', code: 'ACCOUNT_NAME_TAKEN', message: 'taken' }]);
  assert.deepEqual(problemsOf({ code: 'RATE_LIMITED', detail: 'slow down', errors: [] }),
    [{ field: '', code: 'RATE_LIMITED', message: 'slow down' }]);
});
