// Suspend and resume a customer from its page, after a confirmation (customer-service's POST .../suspend|resume).
// customer-service changes the status in its answer; identity, subscription and notification follow by events
// (ADR 017). While the request runs the status reads "suspending…"/"resuming…"; if the answer does not show the new
// status yet, the page reads the customer again (later(), so leaving the page stops it) until it does.
import { ApiError, get, send } from '../api.js';
import { confirmAction } from '../dialog.js';
import { h, later, status } from '../dom.js';
import { t } from '../i18n.js';

const POLL_MILLIS = 1000;
const POLL_TIMES = 15;
const ACTIONS = {
  ACTIVE: { action: 'suspend', target: 'SUSPENDED', pending: 'SUSPENDING' },
  SUSPENDED: { action: 'resume', target: 'ACTIVE', pending: 'RESUMING' },
};

/**
 * The suspend or resume button for the customer (none while PROVISIONING), and a live line for the outcome.
 * {@code statusCell} is the element that shows the customer's status; {@code onSettled} runs once the new status
 * shows (the page reloads its e-mails then).
 */
export function suspensionControls(customer, statusCell, onSettled = () => {}) {
  const path = `/api/v1/customers/${encodeURIComponent(customer.id)}`;
  const outcome = h('p', { id: 'suspension-message', role: 'status', tabindex: '-1', class: 'outcome' });
  const controls = h('div', { id: 'suspension', class: 'actions' });
  const area = h('div', { class: 'suspension' }, controls, outcome);

  function showStatus(value, busy = false) {
    statusCell.replaceChildren(status(value));
    statusCell.toggleAttribute('aria-busy', busy);
  }

  function render(current) {
    const next = ACTIONS[current];
    // replaceChildren would print a null: no button at all for a PROVISIONING customer.
    controls.replaceChildren(...(next ? [h('button', { type: 'button', id: next.action,
      class: next.action === 'suspend' ? 'danger' : null, onclick: () => act(next) },
    t(`customer.${next.action}`))] : []));
  }

  async function act(next) {
    const confirmed = await confirmAction({ id: 'suspension-dialog', title: t(`customer.${next.action}Title`),
      text: t(`customer.${next.action}Text`, { company: customer.companyName }),
      confirmLabel: t(`customer.${next.action}Confirm`), danger: next.action === 'suspend' });
    if (!confirmed) {
      return;
    }
    controls.replaceChildren();
    showStatus(next.pending, true);
    outcome.textContent = t(`customer.${next.action}Pending`);
    try {
      const answer = await send('POST', `${path}/${next.action}`);
      settle(next, answer.status, POLL_TIMES);
    } catch (error) {
      const current = await get(path).then((found) => found.status).catch(() => customer.status);
      showStatus(current);
      render(current);
      outcome.textContent = error instanceof ApiError && error.problem?.code === 'INVALID_CUSTOMER_STATE'
        ? t('customer.invalidState', { status: t(`status.${current}`) }) : t('problem.generic');
      outcome.classList.add('problem');
      outcome.focus();
    }
  }

  function settle(next, current, triesLeft) {
    if (current === next.target) {
      customer.status = current;
      showStatus(current);
      render(current);
      outcome.classList.remove('problem');
      outcome.textContent = t(`customer.${next.action}Done`);
      outcome.focus();
      onSettled(current);
      return;
    }
    if (triesLeft === 0) {
      showStatus(current);
      render(current);
      outcome.textContent = t('customer.notSettled');
      outcome.classList.add('problem');
      return;
    }
    later(async () => {
      const found = await get(path).catch(() => ({ status: next.pending }));
      settle(next, found.status, triesLeft - 1);
    }, POLL_MILLIS);
  }

  render(customer.status);
  return area;
}
