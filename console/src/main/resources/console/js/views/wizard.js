// The onboarding wizard (#/onboard, ADR 027): three steps in one form, the dry run before every start with each
// problem next to its field and in a summary at the top, and "Save and return" to a server-side draft.
import { ApiError, get, send } from '../api.js';
import { randomString } from '../auth.js';
import { t } from '../i18n.js';
import { go, h, problem, show } from '../dom.js';
import { BUSINESS_TYPES, CONTACT_KINDS, EMAIL_LANGUAGES, LOCALES, buildRequest, inputFor, inputId, problemsOf,
  stepOf, valueAt } from '../wizard-model.js';

const STEPS = [1, 2, 3];
const DRAFTS = '/api/v1/onboarding-drafts';

/** The page's state: what the rows hold, which step shows, and the draft it came from (id and version). */
function freshState() {
  return { step: 1, contacts: [{ kind: 'SITE_ADMIN', name: '', email: '', phone: '' }], plans: [], draft: null,
    inputs: new Map(), labels: new Map(), known: new Set(), key: `wizard-${randomString(16)}` };
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

/** A datetime-local value (the browser's time zone) from an instant, and back. */
function localInput(instant) {
  if (!instant) {
    return '';
  }
  const at = new Date(instant);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function instantOf(local) {
  return local ? new Date(local).toISOString() : null;
}

export async function wizard(params) {
  show(t('loading'));
  const state = freshState();
  const draftId = params.get('draft');
  let inventory;
  let catalogue;
  let customers;
  try {
    [inventory, catalogue, customers] = await Promise.all([
      get('/api/v1/inventory', { size: 200 }),
      get('/api/v1/plans', { size: 200 }),
      get('/api/v1/customers', { size: 200 }).catch(() => ({ items: [] })),
    ]);
    if (draftId) {
      state.draft = await get(`${DRAFTS}/${encodeURIComponent(draftId)}`);
    }
  } catch (error) {
    show(t('wizard.heading'), problem(error), h('p', {}, h('a', { href: '#/drafts' }, t('drafts.heading'))));
    return;
  }
  const plansByCode = new Map(catalogue.items.map((plan) => [plan.code, plan]));
  state.plans = inventory.items.map((line) => ({ planCode: line.planCode, available: line.available,
    plan: plansByCode.get(line.planCode), units: '', startDate: '' }));
  if (state.draft) {
    resume(state, state.draft.request || {});
  }
  render(state, customers.items.filter((c) => c.status === 'ACTIVE' || c.status === 'SUSPENDED'));
}

/** Puts a draft's request back into the rows; the inputs take theirs when they are built. */
function resume(state, request) {
  if (Array.isArray(request.contacts) && request.contacts.length > 0) {
    state.contacts = request.contacts.map((c) => ({ kind: c.kind || 'OTHER', name: c.name || '',
      email: c.email || '', phone: c.phone || '' }));
  }
  for (const wanted of Array.isArray(request.plans) ? request.plans : []) {
    let row = state.plans.find((p) => p.planCode === wanted.planCode);
    if (!row) {
      row = { planCode: wanted.planCode, available: 0, plan: null, units: '', startDate: '' };
      state.plans.push(row);
    }
    row.units = wanted.units == null ? '' : String(wanted.units);
    row.startDate = wanted.startDate || '';
  }
}

function render(state, parents) {
  const request = state.draft ? state.draft.request || {} : {};
  const summary = h('div', { id: 'error-summary', class: 'error-summary', tabindex: '-1', hidden: true,
    'aria-labelledby': 'error-summary-heading' });
  const notice = h('p', { id: 'wizard-notice', role: 'status', class: 'notice', hidden: true });
  const indicator = h('ol', { class: 'steps', id: 'steps' }, STEPS.map((step) => h('li', {},
    h('button', { type: 'button', class: 'link', id: `to-step-${step}`, onclick: () => showStep(state, step) },
      t(`wizard.step${step}`), h('span', { class: 'step-problems', id: `step-${step}-problems` })))));

  // --- fields ---
  const field = (path, attributes = {}, { label = t(`wizard.${path}`), hint, options, required } = {}) => {
    const id = inputId(path);
    const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
    const initial = valueAt(request, path);
    const input = options
      ? h('select', { id, name: path, 'aria-describedby': describedBy, ...attributes },
        options.map(([value, text]) => h('option', { value, selected: String(initial ?? '') === value }, text)))
      : h('input', { id, name: path, type: 'text', 'aria-describedby': describedBy,
        value: Array.isArray(initial) ? initial.join(' ') : initial ?? '', required, ...attributes });
    state.inputs.set(path, input);
    // In the summary, the administrator's fields say whose they are ("E-mail" alone could be a contact's).
    state.labels.set(id, path.startsWith('administrator.') ? `${t('wizard.administrator')}, ${label}` : label);
    state.known.add(id);
    return h('div', { class: 'field' },
      h('label', { for: id }, label, required ? h('span', { class: 'required' }, ` (${t('wizard.required')})`) : null),
      hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
      input,
      h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
  };
  const group = (path, legend, ...content) => {
    const id = inputId(path);
    state.known.add(id);
    state.labels.set(id, legend);
    return h('fieldset', { class: 'group', id, tabindex: '-1', 'aria-describedby': `${id}-error` },
      h('legend', {}, legend),
      h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
      ...content);
  };

  const step1 = h('fieldset', { class: 'step', id: 'step-1', hidden: state.step !== 1 },
    h('legend', { tabindex: '-1' }, t('wizard.step1')),
    field('customer.companyName', { autocomplete: 'organization', maxlength: 200 }, { required: true }),
    field('customer.accountName', { autocomplete: 'off', spellcheck: 'false' },
      { required: true, hint: t('wizard.accountNameHint') }),
    field('customer.externalCode', { autocomplete: 'off' }),
    field('customer.address.street', { autocomplete: 'address-line1' }),
    h('div', { class: 'row' },
      field('customer.address.postalCode', { autocomplete: 'postal-code' }),
      field('customer.address.city', { autocomplete: 'address-level2' }, { required: true })),
    h('div', { class: 'row' },
      field('customer.address.region', { autocomplete: 'address-level1' }),
      field('customer.address.country', { autocomplete: 'country', maxlength: 2, size: 4 },
        { required: true, hint: t('wizard.countryHint') })),
    field('customer.businessType', {}, { options: [['', t('wizard.default')],
      ...BUSINESS_TYPES.map((type) => [type, t(`businessType.${type}`)])] }),
    field('customer.locale', {}, { hint: t('wizard.localeHint'), options: [['', t('wizard.default')],
      ...LOCALES.map((locale) => [locale, locale])] }),
    field('customer.domains', { autocomplete: 'off', spellcheck: 'false' }, { hint: t('wizard.domainsHint') }),
    field('customer.emergencyContactEmail', { type: 'email', autocomplete: 'off' }),
    field('customer.parentCustomerId', {}, { hint: t('wizard.parentHint'), options: [['', t('wizard.noParent')],
      ...parents.map((parent) => [parent.id, `${parent.companyName} (${parent.accountName})`])] }));

  const contactRows = h('div', { id: 'contact-rows' });
  const drawContacts = () => {
    for (const id of [...state.known]) {
      if (/^f-contacts-\d+-/.test(id)) {
        state.known.delete(id);
      }
    }
    contactRows.replaceChildren(...state.contacts.map((contact, index) => {
      const cell = (name, attributes, options) => {
        const id = `f-contacts-${index}-${name}`;
        const label = `${t(`wizard.contact.${name}`)} (${t('wizard.contactNumber', { number: index + 1 })})`;
        state.known.add(id);
        state.labels.set(id, label);
        const update = (event) => {
          contact[name] = event.target.value;
        };
        const input = options
          ? h('select', { id, 'aria-describedby': `${id}-error`, onchange: update },
            options.map((kind) => h('option', { value: kind, selected: contact.kind === kind },
              t(`contactKind.${kind}`))))
          : h('input', { id, value: contact[name], 'aria-describedby': `${id}-error`, oninput: update,
            ...attributes });
        return h('div', { class: 'field' }, h('label', { for: id }, t(`wizard.contact.${name}`)), input,
          h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
      };
      return h('div', { class: 'contact row', 'data-contact': index, role: 'group',
        'aria-label': t('wizard.contactNumber', { number: index + 1 }) },
      cell('kind', {}, CONTACT_KINDS),
      cell('name', { type: 'text', autocomplete: 'off' }),
      cell('email', { type: 'email', autocomplete: 'off' }),
      cell('phone', { type: 'tel', autocomplete: 'off' }),
      h('button', { type: 'button', class: 'secondary', id: `remove-contact-${index}`,
        onclick: () => {
          state.contacts.splice(index, 1);
          drawContacts();
        } }, t('wizard.removeContact')));
    }));
  };
  drawContacts();

  const step2 = h('fieldset', { class: 'step', id: 'step-2', hidden: state.step !== 2 },
    h('legend', { tabindex: '-1' }, t('wizard.step2')),
    h('h2', {}, t('wizard.administrator')),
    h('p', { class: 'hint' }, t('wizard.administratorHint')),
    h('div', { class: 'row' },
      field('administrator.firstName', { autocomplete: 'off' }, { required: true }),
      field('administrator.lastName', { autocomplete: 'off' }, { required: true })),
    h('div', { class: 'row' },
      field('administrator.username', { autocomplete: 'off', spellcheck: 'false' },
        { required: true, hint: t('wizard.usernameHint') }),
      field('administrator.email', { type: 'email', autocomplete: 'off' }, { required: true })),
    h('div', { class: 'row' },
      field('administrator.phone', { type: 'tel', autocomplete: 'off' }),
      field('administrator.jobTitle', { autocomplete: 'off' })),
    group('contacts', t('wizard.contacts'),
      h('p', { class: 'hint', id: 'contacts-rules' }, t('wizard.contactRules')),
      contactRows,
      h('button', { type: 'button', class: 'secondary', id: 'add-contact', onclick: () => {
        state.contacts.push({ kind: 'OTHER', name: '', email: '', phone: '' });
        drawContacts();
        contactRows.querySelector(`#f-contacts-${state.contacts.length - 1}-name`).focus();
      } }, t('wizard.addContact'))));

  // --- plans and the welcome e-mail ---
  const paidPlans = state.plans.filter((row) => row.plan && row.plan.paid).map((row) => row.plan.name);
  const planRows = state.plans.map((row) => {
    const units = `f-plan-${row.planCode}-units`;
    const start = `f-plan-${row.planCode}-startDate`;
    const name = row.plan ? row.plan.name : row.planCode;
    state.known.add(units);
    state.known.add(start);
    state.labels.set(units, t('wizard.unitsOf', { plan: name }));
    state.labels.set(start, t('wizard.startOf', { plan: name }));
    const notes = [
      row.plan ? t('wizard.range', { min: row.plan.minUnits, max: row.plan.maxUnits,
        unit: t(`unitType.${row.plan.unitType}`) }) : null,
      row.plan && row.plan.requires.length > 0 ? t('wizard.requires', { plans: row.plan.requires.map((code) =>
        (plansByName(state, code))).join(', ') }) : null,
      row.plan && row.plan.paid ? t('wizard.paid') : null,
    ].filter(Boolean).join(' · ');
    return h('tr', { 'data-plan': row.planCode },
      h('th', { scope: 'row' }, name, h('span', { class: 'muted code' }, ` ${row.planCode}`)),
      h('td', { 'data-available': row.available }, String(row.available)),
      h('td', {}, h('label', { class: 'sr-only', for: units }, t('wizard.unitsOf', { plan: name })),
        h('input', { id: units, type: 'number', inputmode: 'numeric', min: row.plan ? row.plan.minUnits : 0,
          max: row.available, class: 'units', value: row.units, 'aria-describedby': `${units}-notes ${units}-error`,
          oninput: (event) => {
            row.units = event.target.value;
          } }),
        h('p', { class: 'field-error', id: `${units}-error`, hidden: true })),
      h('td', {}, h('label', { class: 'sr-only', for: start }, t('wizard.startOf', { plan: name })),
        h('input', { id: start, type: 'date', min: today(), value: row.startDate, 'aria-describedby': `${start}-error`,
          oninput: (event) => {
            row.startDate = event.target.value;
          } }),
        h('p', { class: 'field-error', id: `${start}-error`, hidden: true })),
      h('td', { id: `${units}-notes`, class: 'muted' }, notes));
  });
  const welcome = request.welcomeEmail || {};
  const later = h('input', { type: 'radio', name: 'welcome-when', id: 'f-welcome-later', value: 'later',
    checked: Boolean(welcome.sendAt) });
  const now = h('input', { type: 'radio', name: 'welcome-when', id: 'f-welcome-now', value: 'now',
    checked: !welcome.sendAt });
  const sendAtId = inputId('welcomeEmail.sendAt');
  const sendAt = h('input', { type: 'datetime-local', id: sendAtId, value: localInput(welcome.sendAt),
    disabled: !welcome.sendAt, 'aria-describedby': `${sendAtId}-error` });
  state.known.add(sendAtId);
  state.labels.set(sendAtId, t('wizard.welcomeAt'));
  for (const radio of [now, later]) {
    radio.addEventListener('change', () => {
      sendAt.disabled = !later.checked;
      if (later.checked) {
        sendAt.focus();
      }
    });
  }
  const acceptId = inputId('acceptPaidPlans');
  const accept = h('input', { type: 'checkbox', id: acceptId, checked: Boolean(request.acceptPaidPlans),
    'aria-describedby': `${acceptId}-hint ${acceptId}-error` });
  state.known.add(acceptId);
  state.labels.set(acceptId, t('wizard.acceptPaidPlans'));

  const step3 = h('fieldset', { class: 'step', id: 'step-3', hidden: state.step !== 3 },
    h('legend', { tabindex: '-1' }, t('wizard.step3')),
    group('plans', t('wizard.plans'),
      h('p', { class: 'hint' }, t('wizard.plansHint')),
      state.plans.length === 0 ? h('p', { class: 'empty' }, t('wizard.noInventory')) : h('table', { id: 'plans' },
        h('thead', {}, h('tr', {}, ['wizard.plan', 'wizard.available', 'wizard.units', 'wizard.startDate',
          'wizard.notes'].map((key) => h('th', { scope: 'col' }, t(key))))),
        h('tbody', {}, planRows))),
    h('div', { class: 'field checkbox' }, accept, h('label', { for: acceptId }, t('wizard.acceptPaidPlans')),
      h('p', { class: 'hint', id: `${acceptId}-hint` }, paidPlans.length > 0
        ? t('wizard.paidPlansAre', { plans: paidPlans.join(', ') }) : t('wizard.noPaidPlans')),
      h('p', { class: 'field-error', id: `${acceptId}-error`, hidden: true })),
    h('fieldset', { class: 'group', id: 'welcome' },
      h('legend', {}, t('wizard.welcome')),
      h('p', { class: 'hint' }, t('wizard.welcomeHint')),
      h('div', { class: 'choice' }, now, h('label', { for: 'f-welcome-now' }, t('wizard.welcomeNow'))),
      h('div', { class: 'choice' }, later, h('label', { for: 'f-welcome-later' }, t('wizard.welcomeLater'))),
      h('div', { class: 'field' }, h('label', { for: sendAtId }, t('wizard.welcomeAt')), sendAt,
        h('p', { class: 'field-error', id: `${sendAtId}-error`, hidden: true })),
      field('welcomeEmail.language', {}, { label: t('wizard.welcomeLanguage'), options: [
        ['', t('wizard.languageFromLocale')], ...EMAIL_LANGUAGES.map((code) => [code, t(`language.${code}`)])] })));

  const collect = () => {
    const fields = {};
    for (const [path, input] of state.inputs) {
      if (path !== 'welcomeEmail.language') {
        fields[path] = input.value;
      }
    }
    return buildRequest({ fields, contacts: state.contacts, plans: state.plans, acceptPaidPlans: accept.checked,
      welcome: { later: later.checked, at: instantOf(sendAt.value),
        language: state.inputs.get('welcomeEmail.language').value } });
  };

  const draftName = h('input', { id: 'f-draft-name', type: 'text', maxlength: 200,
    value: state.draft ? state.draft.name || '' : '' });
  const back = h('button', { type: 'button', class: 'secondary', id: 'back',
    onclick: () => showStep(state, state.step - 1) }, t('wizard.back'));
  const next = h('button', { type: 'button', id: 'next', onclick: () => showStep(state, state.step + 1) },
    t('wizard.next'));
  const submit = h('button', { type: 'submit', id: 'submit' }, t('wizard.submit'));
  const save = h('button', { type: 'button', class: 'secondary', id: 'save-draft',
    onclick: () => saveDraft(state, collect, draftName, notice) }, t('wizard.save'));
  const form = h('form', { id: 'wizard', novalidate: true, 'data-step': state.step, onsubmit: (event) => {
    event.preventDefault();
    start(state, collect, { summary, notice, indicator, submit });
  } },
  step1, step2, step3,
  h('div', { class: 'actions' }, back, next, submit),
  h('div', { class: 'actions draft' },
    h('label', { for: 'f-draft-name' }, t('wizard.draftName')), draftName, save));
  state.elements = { form, back, next, submit, summary, notice, indicator };

  show(state.draft ? t('wizard.headingDraft', { name: state.draft.name || state.draft.request?.customer?.companyName
    || t('drafts.untitled') }) : t('wizard.heading'),
  summary, notice, indicator, form);
  showStep(state, state.step, false);
}

function plansByName(state, code) {
  const row = state.plans.find((p) => p.planCode === code);
  return row && row.plan ? row.plan.name : code;
}

function showStep(state, step, focus = true) {
  const { form, back, next, submit, indicator } = state.elements;
  state.step = Math.min(3, Math.max(1, step));
  form.dataset.step = state.step;
  for (const number of STEPS) {
    form.querySelector(`#step-${number}`).hidden = number !== state.step;
    const button = indicator.querySelector(`#to-step-${number}`);
    if (number === state.step) {
      button.setAttribute('aria-current', 'step');
    } else {
      button.removeAttribute('aria-current');
    }
  }
  back.hidden = state.step === 1;
  next.hidden = state.step === 3;
  submit.hidden = state.step !== 3;
  if (focus) {
    form.querySelector(`#step-${state.step} legend`).focus();
  }
}

/** Clears the last answer's marks, then marks every problem at its input and lists them all in the summary. */
function showProblems(state, problems) {
  const { summary, form, indicator } = state.elements;
  for (const marked of form.querySelectorAll('[aria-invalid]')) {
    marked.removeAttribute('aria-invalid');
  }
  for (const error of form.querySelectorAll('.field-error')) {
    error.hidden = true;
    error.textContent = '';
  }
  const perStep = new Map();
  const items = problems.map((found) => {
    const planCodes = collectPlanCodes(state);
    const id = inputFor(found.field, state.known, planCodes);
    const message = found.message || t(`failure.${found.code}`);
    if (id) {
      const input = form.querySelector(`#${CSS.escape(id)}`);
      const error = form.querySelector(`#${CSS.escape(id)}-error`);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
      }
      if (error) {
        error.hidden = false;
        error.append(error.textContent ? h('br') : '', message);
      }
      const step = stepOf(found.field);
      perStep.set(step, (perStep.get(step) || 0) + 1);
    }
    const label = id ? state.labels.get(id) : found.field || t('wizard.wholeRequest');
    const text = `${label}: ${message}`;
    return h('li', { 'data-field': found.field, 'data-code': found.code || '', 'data-source': found.source || '' },
      id ? h('a', { href: `#${id}`, onclick: (event) => {
        event.preventDefault();
        showStep(state, stepOf(found.field), false);
        form.querySelector(`#${CSS.escape(id)}`).focus();
      } }, text) : text);
  });
  for (const step of STEPS) {
    const count = perStep.get(step) || 0;
    indicator.querySelector(`#step-${step}-problems`).textContent = count
      ? ` (${t('wizard.stepProblems', { count })})` : '';
  }
  if (problems.length === 0) {
    summary.hidden = true;
    summary.replaceChildren();
    return;
  }
  summary.replaceChildren(
    h('h2', { id: 'error-summary-heading' }, t('wizard.problems', { count: problems.length })),
    h('ul', { id: 'error-list' }, items));
  summary.hidden = false;
  summary.focus();
}

/** The plan codes in the order the request lists them, for errors such as {@code plans[1].units}. */
function collectPlanCodes(state) {
  return state.plans.filter((row) => String(row.units).trim() !== '').map((row) => row.planCode);
}

function say(notice, text) {
  notice.textContent = text;
  notice.hidden = !text;
}

/**
 * The dry run first, with every problem shown at once; when there are none, the start itself, under an
 * Idempotency-Key that is the draft's when there is one ({@code draft-<id>}, so a retry after a crash between the
 * start and the draft's removal answers the same onboarding instead of a second), else this page's.
 */
async function start(state, collect, { notice, submit }) {
  const request = collect();
  submit.disabled = true;
  say(notice, t('wizard.checking'));
  try {
    const report = await send('POST', '/api/v1/onboardings?dryRun=true', request);
    const problems = problemsOf(report);
    showProblems(state, problems);
    if (!report.complete) {
      const silent = (report.participants || []).filter((p) => p.status === 'NO_ANSWER').map((p) => p.service);
      say(notice, t('wizard.incomplete', { services: silent.join(', ') }));
      return;
    }
    if (!report.valid) {
      say(notice, '');
      return;
    }
    say(notice, t('wizard.starting'));
    const key = state.draft ? `draft-${state.draft.id}` : state.key;
    const started = await send('POST', '/api/v1/onboardings', request, { 'Idempotency-Key': key });
    if (state.draft) {
      await send('DELETE', `${DRAFTS}/${encodeURIComponent(state.draft.id)}`).catch(() => null);
    }
    go(`/onboardings/${encodeURIComponent(started.id)}`);
  } catch (error) {
    if (error instanceof ApiError && error.problem?.code === 'IDEMPOTENCY_KEY_REUSED' && state.draft) {
      say(notice, t('wizard.draftAlreadySubmitted'));
    } else if (error instanceof ApiError && error.problem) {
      say(notice, '');
      showProblems(state, problemsOf(error.problem));
    } else {
      say(notice, t('problem.generic'));
    }
  } finally {
    submit.disabled = false;
  }
}

/** "Save and return": a new draft, or the next version of the one resumed (refused if a colleague saved since). */
async function saveDraft(state, collect, draftName, notice) {
  const body = { name: draftName.value.trim() || null, request: collect() };
  try {
    const saved = state.draft
      ? await send('PUT', `${DRAFTS}/${encodeURIComponent(state.draft.id)}`, body,
        { 'If-Match': `"${state.draft.version}"` })
      : await send('POST', DRAFTS, body);
    go('/drafts', { saved: saved.id });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 412 || error.status === 409)) {
      say(notice, t('wizard.draftChanged'));
      notice.append(' ', h('button', { type: 'button', class: 'link', id: 'save-copy', onclick: async () => {
        state.draft = null;
        await saveDraft(state, collect, draftName, notice);
      } }, t('wizard.saveCopy')));
    } else if (error instanceof ApiError && error.status === 404 && state.draft) {
      state.draft = null;
      await saveDraft(state, collect, draftName, notice);
    } else if (error instanceof ApiError && error.problem?.errors) {
      showProblems(state, problemsOf(error.problem).map((p) => ({ ...p,
        field: p.field.replace(/^request\./, '') })));
    } else {
      say(notice, t('problem.generic'));
    }
  }
}
