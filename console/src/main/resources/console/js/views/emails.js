// A customer's e-mails on the customer page: what is scheduled, sent, failed or cancelled, with preview, reschedule,
// cancel and resend (notification-service's API, ADR 028). Every change asks first; the table is read again after it.
import { ApiError, get, send } from '../api.js';
import { openDialog, confirmAction } from '../dialog.js';
import { h, scrolling, status } from '../dom.js';
import { t, when } from '../i18n.js';
import { MAX_AHEAD_DAYS, fromLocalInput, sendTimeProblem, toLocalInput } from '../send-time.js';

/** Templates whose e-mail carries a single-use link: never copied by a resend (the API answers 409 anyway). */
const CARRIES_LINK = ['ACTIVATION', 'SETUP_CONFIGURE_NOW', 'SETUP_REMINDER'];
/** The refusals the console puts in its own words; any other shows the generic problem line. */
const REFUSALS = ['NOT_SCHEDULED', 'NOT_RESENDABLE', 'ACTIVATION_RESEND_VIA_IDENTITY', 'CUSTOMER_SUSPENDED',
  'USER_ALREADY_ACTIVE'];

/** The section: a heading, a live line for outcomes, and the table, loaded now and after every change. */
export function emailsSection(customerId) {
  const base = `/api/v1/customers/${encodeURIComponent(customerId)}/notifications`;
  const message = h('p', { id: 'emails-message', role: 'status', tabindex: '-1', class: 'outcome' });
  const body = h('div', { id: 'emails-body', 'aria-busy': 'true' }, t('loading'));
  const section = h('section', { id: 'emails', 'aria-labelledby': 'emails-heading' },
    h('h2', { id: 'emails-heading' }, t('emails.heading')), message, body);

  function say(text, problem = false) {
    message.textContent = text;
    message.classList.toggle('problem', problem);
    if (!document.activeElement || document.activeElement === document.body) {
      message.focus();
    }
  }

  function refusal(error) {
    const code = error instanceof ApiError ? error.problem?.code : null;
    if (error instanceof ApiError && error.status === 404) {
      return t('problem.notFound');
    }
    return REFUSALS.includes(code) ? t(`emails.refused.${code}`) : t('problem.generic');
  }

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      const found = await get(base, { size: 100 });
      body.replaceChildren(render(found.items));
    } catch (error) {
      body.replaceChildren(h('p', { class: 'problem' }, t('problem.generic')));
    }
    body.removeAttribute('aria-busy');
  }

  function render(items) {
    if (items.length === 0) {
      return h('p', { class: 'empty', id: 'emails-none' }, t('list.none'));
    }
    return scrolling(h('table', { id: 'emails-table' },
      h('thead', {}, h('tr', {}, ['emails.template', 'emails.to', 'emails.language', 'emails.sendAt',
        'emails.status', 'emails.actions'].map((column) => h('th', { scope: 'col' }, t(column))))),
      h('tbody', {}, items.map((email) => h('tr', { 'data-notification': email.id,
        'data-template': email.template, 'data-status': email.status },
        h('td', {}, t(`template.${email.template}`)),
        h('td', {}, email.to),
        h('td', {}, t(`language.${email.language}`)),
        h('td', { class: 'send-at', 'data-send-at': email.sendAt }, when(email.sendAt),
          email.sentAt ? h('span', { class: 'muted block' }, t('emails.sentAt', { at: when(email.sentAt) })) : null),
        h('td', {}, status(email.status),
          email.lastError ? h('span', { class: 'muted block' }, email.lastError) : null),
        h('td', { class: 'row-actions' }, actions(email)))))));
  }

  function actions(email) {
    const label = t(`template.${email.template}`);
    const button = (name, onclick) => h('button', { type: 'button', class: `small ${name}`, 'data-action': name,
      'aria-label': t(`emails.${name}For`, { template: label, to: email.to }), onclick }, t(`emails.${name}`));
    return [
      button('preview', () => preview(email)),
      email.status === 'SCHEDULED' ? button('reschedule', () => reschedule(email)) : null,
      email.status === 'SCHEDULED' ? button('cancel', () => cancel(email)) : null,
      (email.status === 'SENT' || email.status === 'FAILED') && !CARRIES_LINK.includes(email.template)
        ? button('resend', () => resend(email)) : null,
    ];
  }

  async function preview(email) {
    let mail;
    try {
      mail = await get(`${base}/${encodeURIComponent(email.id)}/preview`);
    } catch (error) {
      say(refusal(error), true);
      return;
    }
    // sandbox="" runs nothing and reaches nothing; the page's CSP applies inside srcdoc too (no inline style, no
    // remote image), so this shows what the e-mail says rather than exactly how a mail client draws it.
    await openDialog({ id: 'preview', title: t('emails.previewOf', { subject: mail.subject }), cancellable: false,
      confirmLabel: t('dialog.close'), content: [
        h('p', { class: 'muted' }, t('emails.previewNote', { language: t(`language.${mail.language}`) })),
        // The keyboard may enter the frame (to scroll a long e-mail); :focus never matches a frame, so a class does.
        h('iframe', { id: 'preview-html', sandbox: '', srcdoc: mail.html, title: t('emails.previewHtml'),
          referrerpolicy: 'no-referrer', onfocus: (event) => event.target.classList.add('focused'),
          onblur: (event) => event.target.classList.remove('focused') }),
        h('details', {}, h('summary', {}, t('emails.previewText')), h('pre', { id: 'preview-text' }, mail.text)),
      ] });
  }

  async function reschedule(email) {
    const now = new Date();
    const input = h('input', { type: 'datetime-local', id: 'reschedule-at', name: 'sendAt', required: true,
      value: toLocalInput(email.sendAt), min: toLocalInput(now),
      max: toLocalInput(new Date(now.getTime() + MAX_AHEAD_DAYS * 24 * 60 * 60 * 1000)),
      'aria-describedby': 'reschedule-hint reschedule-error' });
    const error = h('p', { id: 'reschedule-error', class: 'field-error', role: 'alert' });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const fieldError = (text) => {
      error.textContent = text;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return false;
    };
    let outcome = null;
    const done = await openDialog({ id: 'reschedule', title: t('emails.rescheduleTitle'),
      confirmLabel: t('emails.rescheduleConfirm'), content: [
        h('p', {}, t('emails.rescheduleText', { template: t(`template.${email.template}`), to: email.to,
          at: when(email.sendAt) })),
        h('label', { for: 'reschedule-at', class: 'field' }, t('emails.newSendAt')), input,
        h('p', { id: 'reschedule-hint', class: 'muted' }, t('emails.timeZone', { zone })), error,
      ], onConfirm: async () => {
        const problem = sendTimeProblem(input.value);
        if (problem) {
          return fieldError(t(problem));
        }
        try {
          outcome = await send('PATCH', `${base}/${encodeURIComponent(email.id)}`,
            { sendAt: fromLocalInput(input.value) }, { 'Content-Type': 'application/merge-patch+json' });
          return true;
        } catch (failure) {
          const invalid = failure instanceof ApiError && failure.status === 400
            ? (failure.problem?.errors || []).find((candidate) => candidate.field === 'sendAt') : null;
          if (invalid) {
            return fieldError(t('emails.sendAt.refused', { reason: invalid.message }));
          }
          outcome = failure;
          return true;
        }
      } });
    if (!done) {
      return;
    }
    await load();
    if (outcome instanceof Error) {
      say(refusal(outcome), true);
    } else {
      say(t('emails.rescheduled', { at: when(outcome.sendAt) }));
    }
  }

  async function change(email, action, messageKey) {
    const confirmed = await confirmAction({ id: `${action}-confirm-dialog`, title: t(`emails.${action}Title`),
      text: t(`emails.${action}Text`, { template: t(`template.${email.template}`), to: email.to }),
      confirmLabel: t(`emails.${action}Confirm`), danger: action === 'cancel' });
    if (!confirmed) {
      return;
    }
    let failure = null;
    try {
      await send('POST', `${base}/${encodeURIComponent(email.id)}/${action}`);
    } catch (error) {
      failure = error;
    }
    await load();
    say(failure ? refusal(failure) : t(messageKey), failure !== null);
  }

  const cancel = (email) => change(email, 'cancel', 'emails.cancelled');
  const resend = (email) => change(email, 'resend', 'emails.resent');

  /**
   * An activation e-mail is never copied (its link works once and its token is gone once sent): identity issues a
   * new link for the invited user, kills the old one and asks for the e-mail, which then shows in the table.
   */
  async function newLink(user) {
    const confirmed = await confirmAction({ id: 'new-link-dialog', title: t('emails.newLinkTitle'),
      text: t('emails.newLinkText', { name: user.displayName, email: user.email }),
      confirmLabel: t('emails.newLinkConfirm') });
    if (!confirmed) {
      return;
    }
    let failure = null;
    try {
      await send('POST', `/api/v1/customers/${encodeURIComponent(customerId)}/users/${encodeURIComponent(user.id)}`
        + '/activation');
    } catch (error) {
      failure = error;
    }
    await load();
    say(failure ? refusal(failure) : t('emails.newLinkSent', { email: user.email }), failure !== null);
  }

  /** The users table's action for an invited user: a new activation link. */
  section.newLinkButton = (user) => (user.status === 'INVITED' ? h('button', { type: 'button', class: 'small',
    'data-action': 'new-link', 'aria-label': t('emails.newLinkFor', { name: user.displayName }),
    onclick: () => newLink(user) }, t('emails.newLink')) : '');

  load();
  section.reload = load;
  return section;
}
