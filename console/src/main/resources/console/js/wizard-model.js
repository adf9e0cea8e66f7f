// The onboarding wizard's pure parts (ADR 027), tested with node --test: which step a field is on, which input an
// API error's field path belongs to, and the request the wizard's inputs make.

/** The onboarding request's business types (API.md), in the order the wizard offers them. */
export const BUSINESS_TYPES = ['RETAIL', 'MANUFACTURING', 'HEALTHCARE', 'EDUCATION', 'FINANCE', 'PUBLIC_SECTOR',
  'HOSPITALITY', 'PROFESSIONAL_SERVICES', 'TECHNOLOGY', 'OTHER'];
export const CONTACT_KINDS = ['ADMIN', 'SITE_ADMIN', 'OTHER'];
/** Locales a customer is most often in; the welcome e-mail's language follows the locale unless one is chosen. */
export const LOCALES = ['sv-SE', 'nb-NO', 'da-DK', 'fi-FI', 'de-DE', 'de-AT', 'de-CH', 'it-IT', 'nl-NL', 'nl-BE',
  'en-GB', 'en-US', 'fr-FR'];
export const EMAIL_LANGUAGES = ['en', 'sv', 'de', 'it', 'nl', 'nb'];

/** The input id of a request path: {@code customer.address.city} → {@code f-customer-address-city}. */
export function inputId(path) {
  return `f-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

/** The wizard's step (1 to 3) a request path is on. */
export function stepOf(path) {
  if (path.startsWith('customer')) {
    return 1;
  }
  if (path.startsWith('administrator') || path.startsWith('contacts')) {
    return 2;
  }
  return 3;
}

/**
 * The input an error's field path belongs to: the path's own input if there is one, else the first input of the group
 * it names (`customer.address` → the first address input), else the nearest one above it (`customer.domains[2]` → the
 * domains input, `contacts` → the contacts' group). Plans are inputs per plan code, so `plans[1].units` needs the
 * request's plan codes in order. Null when no input fits (the summary still lists it).
 */
export function inputFor(path, knownIds, planCodes = []) {
  let field = String(path || '');
  const plan = /^plans\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (plan) {
    const code = planCodes[Number(plan[1])];
    if (code !== undefined) {
      const own = `f-plan-${code}-${plan[2] === 'startDate' ? 'startDate' : 'units'}`;
      if (knownIds.has(own)) {
        return own;
      }
    }
    field = 'plans';
  }
  const group = `${inputId(field)}-`;
  const member = [...knownIds].find((id) => id.startsWith(group));
  if (!knownIds.has(inputId(field)) && member) {
    return member;
  }
  for (;;) {
    const id = inputId(field);
    if (knownIds.has(id)) {
      return id;
    }
    const cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
    if (cut <= 0) {
      return null;
    }
    field = field.slice(0, cut);
  }
}

function put(target, path, value) {
  const names = path.split('.');
  let node = target;
  for (const name of names.slice(0, -1)) {
    node[name] = node[name] && typeof node[name] === 'object' ? node[name] : {};
    node = node[name];
  }
  node[names[names.length - 1]] = value;
}

/** The value at a dotted path of a (partial) request, or undefined. */
export function valueAt(request, path) {
  return path.split('.').reduce((node, name) => (node && typeof node === 'object' ? node[name] : undefined), request);
}

const trimmed = (value) => (typeof value === 'string' ? value.trim() : value);

/**
 * The onboarding request from what the wizard holds: {@code fields} maps dotted paths to the inputs' values (empty
 * ones are left out, so the API's defaults apply), {@code contacts} and {@code plans} are the rows, {@code welcome}
 * says now or when, and in which language. Units are sent as numbers when they are numbers, as typed otherwise (the
 * dry run then says what is wrong with them).
 */
export function buildRequest({ fields = {}, contacts = [], plans = [], acceptPaidPlans = false, welcome = {} }) {
  // The address always goes as an object, so a missing one is reported field by field (city, country) at its
  // inputs, not as one "customer.address" problem that no input holds.
  const request = { customer: { address: {} }, administrator: {}, contacts: [], plans: [] };
  for (const [path, raw] of Object.entries(fields)) {
    const value = trimmed(raw);
    if (value === '' || value === undefined || value === null) {
      continue;
    }
    put(request, path, path === 'customer.domains' ? value.split(/[\s,;]+/).filter(Boolean) : value);
  }
  request.contacts = contacts.map((contact) => Object.fromEntries(Object.entries(contact)
    .map(([name, value]) => [name, trimmed(value)]).filter(([, value]) => value !== '' && value != null)))
    .filter((contact) => Object.keys(contact).some((name) => name !== 'kind'));
  request.plans = plans.filter((plan) => trimmed(plan.units) !== '' && plan.units != null).map((plan) => {
    const units = trimmed(plan.units);
    const entry = { planCode: plan.planCode, units: /^\d+$/.test(units) ? Number(units) : units };
    if (plan.startDate) {
      entry.startDate = plan.startDate;
    }
    return entry;
  });
  request.acceptPaidPlans = Boolean(acceptPaidPlans);
  request.welcomeEmail = { sendAt: welcome.later && welcome.at ? welcome.at : null };
  if (welcome.language) {
    request.welcomeEmail.language = welcome.language;
  }
  return request;
}

/**
 * Every problem of a dry run or of a refused start as {field, code, message, source}: the dry run's
 * {@code problems}, or a problem+json's {@code errors} (with its code), or the problem itself when it names no
 * field.
 */
export function problemsOf(answer) {
  if (answer && Array.isArray(answer.problems)) {
    return answer.problems.map((p) => ({ field: p.field || '', code: p.code, message: p.message, source: p.source }));
  }
  if (answer && Array.isArray(answer.errors) && answer.errors.length > 0) {
    return answer.errors.map((e) => ({ field: e.field || '', code: answer.code, message: e.message }));
  }
  return answer ? [{ field: '', code: answer.code, message: answer.detail || answer.title }] : [];
}
