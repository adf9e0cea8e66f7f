// The partner's drafts (#/drafts, ADR 027): unfinished onboardings any of its staff may resume or delete.
import { get, send } from '../api.js';
import { claimsOf, currentToken } from '../auth.js';
import { t, when } from '../i18n.js';
import { PAGE_SIZE, go, h, problem, show, table } from '../dom.js';

export async function drafts(params) {
  const page = Number(params.get('page') || 0);
  const saved = params.get('saved');
  const results = h('div', { id: 'results', 'aria-busy': 'true' }, t('loading'));
  show(t('drafts.heading'),
    saved ? h('p', { id: 'draft-saved', role: 'status', class: 'notice' }, t('drafts.saved')) : null,
    h('p', {}, t('drafts.intro'), ' ', h('a', { href: '#/onboard', id: 'new-onboarding' }, t('nav.onboard'))),
    results);
  const token = currentToken();
  const me = token ? claimsOf(token).sub : null;
  try {
    const found = await get('/api/v1/onboarding-drafts', { page, size: PAGE_SIZE });
    results.removeAttribute('aria-busy');
    results.replaceChildren(table('drafts', ['drafts.name', 'drafts.account', 'drafts.updatedAt', 'drafts.updatedBy',
      'drafts.actions'], found.items, (draft) => [
      h('a', { href: `#/onboard?draft=${encodeURIComponent(draft.id)}`, id: `resume-${draft.id}`,
        'data-draft': draft.id }, draft.name || draft.companyName || t('drafts.untitled')),
      draft.accountName || '–',
      when(draft.updatedAt),
      draft.updatedBy && draft.updatedBy === me ? t('drafts.byYou') : t('drafts.byColleague'),
      h('button', { type: 'button', class: 'secondary', id: `delete-${draft.id}`,
        'aria-label': t('drafts.deleteOf', { name: draft.name || draft.companyName || t('drafts.untitled') }),
        onclick: async () => {
          if (!window.confirm(t('drafts.confirmDelete'))) {
            return;
          }
          await send('DELETE', `/api/v1/onboarding-drafts/${encodeURIComponent(draft.id)}`).catch(() => null);
          go('/drafts', { page });
          if (location.hash === `#/drafts${page ? `?page=${page}` : ''}`) {
            await drafts(new URLSearchParams(page ? { page } : {}));
          }
        } }, t('drafts.delete'))]));
  } catch (error) {
    results.removeAttribute('aria-busy');
    results.replaceChildren(problem(error));
  }
}
