// The partner's staff (a staff admin's page, ADR 029): who may sign in to the console, inviting a person by e-mail,
// changing a role, disabling or enabling an account, and sending an invitation again. The API refuses an agent (403)
// whatever this page does, and keeps the rules (the last active admin, nobody disables themselves).
import { ApiError, get, send } from '../api.js';
import { claimsOf, currentToken } from '../auth.js';
import { LANGUAGES, currentLanguage, t, when } from '../i18n.js';
import { openDialog, confirmAction } from '../dialog.js';
import { PAGE_SIZE, go, h, problem, show, status, table } from '../dom.js';

export const ROLES = ['PARTNER_AGENT', 'PARTNER_ADMIN'];

/** What a refusal says: a known rule's own words, else the problem's detail, else the generic line. */
function refusalText(error) {
  const code = error instanceof ApiError ? error.problem?.code : null;
  const key = code ? `staff.refused.${code}` : null;
  const text = key ? t(key) : null;
  if (text && text !== key) {
    return text;
  }
  return error instanceof ApiError && error.problem?.detail ? error.problem.detail : t('problem.generic');
}

/** Every invalid field of a refused invitation, as one list in the dialog. */
function refusal(error) {
  const errors = error instanceof ApiError && error.problem?.errors ? error.problem.errors : [];
  if (errors.length === 0) {
    return h('p', { class: 'problem', role: 'alert', id: 'staff-problem' }, refusalText(error));
  }
  return h('div', { class: 'problem', role: 'alert', id: 'staff-problem' },
    h('p', {}, t('staff.fix')),
    h('ul', {}, errors.map((e) => h('li', { 'data-field': e.field }, `${e.field}: ${e.message}`))));
}

function roleSelect(id, selected) {
  return h('select', { id, name: 'role' }, ROLES.map((role) =>
    h('option', { value: role, selected: role === selected }, t(`role.${role}`))));
}

/** The invitation dialog: resolves the invited member, or null when cancelled. */
async function inviteDialog() {
  const email = h('input', { type: 'email', id: 'staff-email', name: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', id: 'staff-name', name: 'displayName', required: true,
    autocomplete: 'off', maxlength: 200 });
  const role = roleSelect('staff-role', 'PARTNER_AGENT');
  const language = h('select', { id: 'staff-language', name: 'language' }, LANGUAGES.map((code) =>
    h('option', { value: code, selected: code === currentLanguage() }, t(`language.${code}`))));
  const feedback = h('div', { id: 'staff-invite-feedback', 'aria-live': 'polite' });
  let invited = null;
  const confirmed = await openDialog({ id: 'invite-staff', title: t('staff.inviteTitle'),
    content: [h('div', { class: 'staff-fields' },
      h('label', { for: 'staff-email' }, t('staff.email')), email,
      h('label', { for: 'staff-name' }, t('staff.displayName')), name,
      h('label', { for: 'staff-role' }, t('staff.role')), role,
      h('label', { for: 'staff-language' }, t('staff.language')), language),
    feedback],
    confirmLabel: t('staff.inviteConfirm'),
    onConfirm: async () => {
      feedback.replaceChildren();
      try {
        invited = await send('POST', '/api/v1/staff', { email: email.value.trim(), displayName: name.value.trim(),
          role: role.value, language: language.value });
        return true;
      } catch (error) {
        feedback.replaceChildren(refusal(error));
        return false;
      }
    } });
  return confirmed ? invited : null;
}

async function changeRole(member, note, refresh) {
  const role = roleSelect('staff-new-role', member.role);
  const feedback = h('div', { id: 'staff-role-feedback', 'aria-live': 'polite' });
  const confirmed = await openDialog({ id: 'change-role', title: t('staff.changeRoleTitle'),
    content: [h('p', {}, t('staff.changeRoleText', { name: member.displayName || member.email })),
      h('div', { class: 'staff-fields' }, h('label', { for: 'staff-new-role' }, t('staff.role')), role), feedback],
    confirmLabel: t('staff.changeRoleConfirm'),
    onConfirm: async () => {
      try {
        await send('PATCH', `/api/v1/staff/${encodeURIComponent(member.id)}`, { role: role.value },
          { 'Content-Type': 'application/merge-patch+json' });
        return true;
      } catch (error) {
        feedback.replaceChildren(h('p', { class: 'problem', role: 'alert' }, refusalText(error)));
        return false;
      }
    } });
  if (confirmed) {
    note.textContent = t('staff.saved');
    await refresh();
  }
}

async function setStatus(member, next, note, refresh) {
  const disabling = next === 'DISABLED';
  const name = member.displayName || member.email;
  const confirmed = await confirmAction({ id: disabling ? 'disable-staff' : 'enable-staff',
    title: t(disabling ? 'staff.disableTitle' : 'staff.enableTitle'),
    text: t(disabling ? 'staff.disableText' : 'staff.enableText', { name }),
    confirmLabel: t(disabling ? 'staff.disable' : 'staff.enable'), danger: disabling });
  if (!confirmed) {
    return;
  }
  try {
    await send('PATCH', `/api/v1/staff/${encodeURIComponent(member.id)}`, { status: next },
      { 'Content-Type': 'application/merge-patch+json' });
    note.textContent = t(disabling ? 'staff.disabled' : 'staff.enabled', { name });
  } catch (error) {
    note.textContent = refusalText(error);
  }
  await refresh();
}

async function resend(member, note, refresh) {
  const confirmed = await confirmAction({ id: 'resend-invitation', title: t('staff.resendTitle'),
    text: t('staff.resendText', { name: member.displayName || member.email, email: member.email }),
    confirmLabel: t('staff.resendConfirm') });
  if (!confirmed) {
    return;
  }
  try {
    await send('POST', `/api/v1/staff/${encodeURIComponent(member.id)}/invitation`);
    note.textContent = t('staff.resent', { email: member.email });
  } catch (error) {
    note.textContent = refusalText(error);
  }
  await refresh();
}

function actions(member, self, note, refresh) {
  const label = member.displayName || member.email;
  const buttons = [];
  if (member.status === 'INVITED') {
    buttons.push(h('button', { type: 'button', class: 'link', 'data-resend': member.id,
      'aria-label': t('staff.resendFor', { name: label }), onclick: () => resend(member, note, refresh) },
    t('staff.resend')));
  }
  buttons.push(h('button', { type: 'button', class: 'link', 'data-role-change': member.id,
    'aria-label': t('staff.changeRoleFor', { name: label }), onclick: () => changeRole(member, note, refresh) },
  t('staff.changeRole')));
  if (member.status === 'ACTIVE' && member.id !== self) {
    buttons.push(h('button', { type: 'button', class: 'link', 'data-disable': member.id,
      'aria-label': t('staff.disableFor', { name: label }),
      onclick: () => setStatus(member, 'DISABLED', note, refresh) }, t('staff.disable')));
  }
  if (member.status === 'DISABLED') {
    buttons.push(h('button', { type: 'button', class: 'link', 'data-enable': member.id,
      'aria-label': t('staff.enableFor', { name: label }),
      onclick: () => setStatus(member, 'ACTIVE', note, refresh) }, t('staff.enable')));
  }
  return h('span', { class: 'staff-actions' }, buttons);
}

export async function staff(params) {
  const page = Number(params.get('page') || 0);
  const token = currentToken();
  const self = token ? claimsOf(token).sub : null;
  const note = h('p', { id: 'staff-note', role: 'status' });
  const results = h('div', { id: 'results', 'aria-busy': 'true' }, t('loading'));
  const refresh = async () => {
    try {
      const found = await get('/api/v1/staff', { page, size: PAGE_SIZE });
      results.removeAttribute('aria-busy');
      const pages = Math.max(1, Math.ceil(found.total / found.size));
      results.replaceChildren(...[
        table('staff', ['staff.displayName', 'staff.emailColumn', 'staff.role', 'staff.status', 'staff.actions'],
          found.items, (member) => [
            [member.displayName || '', member.id === self ? h('span', { class: 'muted' }, ` ${t('staff.you')}`) : ''],
            member.email,
            h('span', { 'data-role': member.role }, t(`role.${member.role}`)),
            [status(member.status), member.status === 'INVITED' && member.invitationExpiresAt
              ? h('span', { class: 'muted' }, ` ${t('staff.until', { when: when(member.invitationExpiresAt) })}`)
              : ''],
            actions(member, self, note, refresh),
          ]),
        pages > 1 ? h('nav', { class: 'pager', 'aria-label': t('pager.label') },
          h('button', { type: 'button', disabled: page === 0, onclick: () => go('/staff', { page: page - 1 }) },
            t('pager.previous')),
          h('span', {}, t('pager.pageOf', { page: page + 1, pages })),
          h('button', { type: 'button', disabled: page + 1 >= pages,
            onclick: () => go('/staff', { page: page + 1 }) }, t('pager.next'))) : null].filter(Boolean));
    } catch (error) {
      results.replaceChildren(problem(error));
    }
  };
  const invite = h('button', { type: 'button', id: 'staff-invite', onclick: async () => {
    const invited = await inviteDialog();
    if (invited) {
      note.textContent = t('staff.invited', { email: invited.email });
      await refresh();
    }
  } }, t('staff.invite'));
  show(t('staff.heading'), h('p', { class: 'muted' }, t('staff.intro')), h('p', {}, invite), note, results);
  await refresh();
}
