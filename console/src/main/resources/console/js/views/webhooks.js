// The partner's webhooks (a staff admin's page, ADR 024): its endpoints, adding one (its signing secret shown once),
// removing one, and an endpoint's delivery log with redeliver. The API refuses an agent (403) whatever this page does.
import { ApiError, get, send } from '../api.js';
import { t, when } from '../i18n.js';
import { openDialog } from '../dialog.js';
import { go, h, problem, show, status, table } from '../dom.js';

export const EVENTS = ['onboarding.completed', 'onboarding.failed', 'customer.suspended', 'customer.resumed',
  'setup.completed', 'setup.escalated', 'subscription.started', 'activation.requested'];
const DELIVERY_PAGE = 20;

/**
 * The page an agent gets on an admin's page ({@code section}: webhooks, staff): the navigation hides it, but a link or
 * a typed address can still lead here.
 */
export function adminsOnly(section = 'webhooks') {
  show(t(`${section}.heading`), h('p', { class: 'problem', role: 'alert', id: 'admins-only' }, t(`${section}.adminsOnly`)));
}

/** Every invalid field of a refused request, as one list next to the form. */
function refusal(error) {
  const errors = error instanceof ApiError && error.problem?.errors ? error.problem.errors : [];
  if (errors.length === 0) {
    return h('p', { class: 'problem', role: 'alert', id: 'webhook-problem' },
      error instanceof ApiError && error.problem?.detail ? error.problem.detail : t('problem.generic'));
  }
  return h('div', { class: 'problem', role: 'alert', id: 'webhook-problem' },
    h('p', {}, t('webhooks.fix')),
    h('ul', {}, errors.map((e) => h('li', { 'data-field': e.field }, `${e.field}: ${e.message}`))));
}

function addForm(onAdded) {
  const url = h('input', { type: 'url', id: 'webhook-url', name: 'url', required: true, placeholder: 'https://',
    autocomplete: 'off', 'aria-describedby': 'webhook-url-hint' });
  const boxes = EVENTS.map((event) => h('input', { type: 'checkbox', name: 'events', value: event,
    id: `event-${event.replace('.', '-')}` }));
  const feedback = h('div', { id: 'webhook-feedback', 'aria-live': 'polite' });
  const form = h('form', { id: 'webhook-form', class: 'stacked', onsubmit: async (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    const events = boxes.filter((box) => box.checked).map((box) => box.value);
    try {
      const created = await send('POST', '/api/v1/webhooks', { url: url.value.trim(), events });
      form.reset();
      feedback.replaceChildren(h('div', { class: 'secret', role: 'status', id: 'webhook-secret' },
        h('p', {}, t('webhooks.secretOnce')),
        h('code', { id: 'secret-value' }, created.secret)));
      onAdded();
    } catch (error) {
      feedback.replaceChildren(refusal(error));
    }
  } },
  h('label', { for: 'webhook-url' }, t('webhooks.url')), url,
  h('span', { id: 'webhook-url-hint', class: 'muted' }, t('webhooks.urlHint')),
  h('fieldset', {}, h('legend', {}, t('webhooks.events')),
    boxes.map((box) => h('label', { class: 'check' }, box, ' ', h('code', {}, box.value)))),
  h('button', { type: 'submit', id: 'webhook-add' }, t('webhooks.add')));
  return h('section', { 'aria-labelledby': 'webhook-add-heading' },
    h('h2', { id: 'webhook-add-heading' }, t('webhooks.addHeading')), form, feedback);
}

export async function webhooks() {
  const results = h('div', { id: 'results', 'aria-busy': 'true' }, t('loading'));
  const refresh = async () => {
    try {
      const endpoints = await get('/api/v1/webhooks');
      results.removeAttribute('aria-busy');
      results.replaceChildren(table('webhooks', ['webhooks.url', 'webhooks.events', 'webhooks.status',
        'webhooks.createdAt', 'webhooks.actions'], endpoints, (endpoint) => [
        h('a', { href: `#/webhooks/${encodeURIComponent(endpoint.id)}` }, endpoint.url),
        endpoint.events.join(', '),
        status(endpoint.status, 'endpointStatus'),
        when(endpoint.createdAt),
        h('button', { type: 'button', class: 'link', 'data-remove': endpoint.id, onclick: async () => {
          const confirmed = await openDialog({ id: 'remove-webhook', title: t('webhooks.remove'),
            content: [h('p', {}, t('webhooks.removeConfirm', { url: endpoint.url }))],
            confirmLabel: t('webhooks.remove'), danger: true });
          if (!confirmed) {
            return;
          }
          try {
            await send('DELETE', `/api/v1/webhooks/${encodeURIComponent(endpoint.id)}`);
          } catch (error) {
            results.prepend(problem(error));
            return;
          }
          await refresh();
        } }, t('webhooks.remove')),
      ]));
    } catch (error) {
      results.replaceChildren(problem(error));
    }
  };
  show(t('webhooks.heading'), h('p', { class: 'muted' }, t('webhooks.intro')), results, addForm(refresh));
  await refresh();
}

export async function webhook(id, params) {
  const page = Number(params.get('page') || 0);
  let endpoint;
  try {
    endpoint = await get(`/api/v1/webhooks/${encodeURIComponent(id)}`);
  } catch (error) {
    show(t('webhooks.heading'), problem(error), h('p', {}, h('a', { href: '#/webhooks' }, t('webhooks.back'))));
    return;
  }
  const log = h('div', { id: 'deliveries-log', 'aria-busy': 'true' }, t('loading'));
  const note = h('p', { id: 'redeliver-note', role: 'status' });
  show(endpoint.url,
    h('p', {}, h('a', { href: '#/webhooks' }, t('webhooks.back'))),
    h('dl', { class: 'details', id: 'webhook-details' },
      h('dt', {}, t('webhooks.status')), h('dd', {}, status(endpoint.status, 'endpointStatus')),
      h('dt', {}, t('webhooks.events')), h('dd', {}, endpoint.events.join(', ')),
      h('dt', {}, t('webhooks.createdAt')), h('dd', {}, when(endpoint.createdAt)),
      endpoint.disabledAt ? [h('dt', {}, t('webhooks.disabledAt')),
        h('dd', {}, `${when(endpoint.disabledAt)} – ${endpoint.disabledReason || ''}`)] : null),
    h('h2', {}, t('webhooks.deliveries')), note, log);
  try {
    const found = await get(`/api/v1/webhooks/${encodeURIComponent(id)}/deliveries`, { page, size: DELIVERY_PAGE });
    log.removeAttribute('aria-busy');
    const pages = Math.max(1, Math.ceil(found.total / found.size));
    log.replaceChildren(
      table('deliveries', ['delivery.type', 'delivery.status', 'delivery.attempts', 'delivery.createdAt',
        'delivery.nextAttemptAt', 'delivery.deliveredAt', 'delivery.lastError', 'webhooks.actions'], found.items,
      (delivery) => [
        h('code', {}, delivery.type), status(delivery.status, 'deliveryStatus'), delivery.attempts,
        when(delivery.createdAt), when(delivery.nextAttemptAt), when(delivery.deliveredAt), delivery.lastError || '',
        ['DELIVERED', 'FAILED'].includes(delivery.status)
          ? h('button', { type: 'button', 'data-redeliver': delivery.id, onclick: async () => {
            try {
              await send('POST', `/api/v1/webhooks/${encodeURIComponent(id)}/deliveries/${
                encodeURIComponent(delivery.id)}/redeliver`);
              note.textContent = t('webhooks.redelivered');
              await webhook(id, params);
            } catch (error) {
              note.textContent = error instanceof ApiError && error.problem?.detail
                ? error.problem.detail : t('problem.generic');
            }
          } }, t('webhooks.redeliver')) : '',
      ]),
      h('nav', { class: 'pager', 'aria-label': t('pager.label') },
        h('button', { type: 'button', disabled: page === 0,
          onclick: () => go(`/webhooks/${encodeURIComponent(id)}`, { page: page - 1 }) }, t('pager.previous')),
        h('span', {}, t('pager.pageOf', { page: page + 1, pages })),
        h('button', { type: 'button', disabled: page + 1 >= pages,
          onclick: () => go(`/webhooks/${encodeURIComponent(id)}`, { page: page + 1 }) }, t('pager.next'))));
  } catch (error) {
    log.replaceChildren(problem(error));
  }
}
