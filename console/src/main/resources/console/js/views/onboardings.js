// The onboardings: the partner's list and one onboarding's saga timeline, refreshed until it is finished.
import { get } from '../api.js';
import { t, when } from '../i18n.js';
import { PAGE_SIZE, h, later, problem, show, status, table, view } from '../dom.js';
import { POLL_MILLIS, changesSince, failureLine, isFinished, stepLines } from '../timeline.js';

export async function onboardings(params) {
  const page = Number(params.get('page') || 0);
  const results = h('div', { id: 'results' }, t('loading'));
  show(t('onboardings.heading'), results);
  try {
    const found = await get('/api/v1/onboardings', { page, size: PAGE_SIZE });
    results.replaceChildren(table('onboardings', ['onboarding.accountName', 'onboarding.status',
      'onboarding.createdAt'], found.items, (onboarding) => [
      h('a', { href: `#/onboardings/${encodeURIComponent(onboarding.id)}` }, onboarding.accountName || onboarding.id),
      status(onboarding.status), when(onboarding.createdAt)]));
  } catch (error) {
    results.replaceChildren(problem(error));
  }
}

function timeline(onboarding) {
  const failure = failureLine(onboarding);
  return [
    h('p', {}, t('onboarding.status'), ' ', status(onboarding.status)),
    failure ? h('p', { class: 'problem', id: 'failure', role: 'alert' },
      t('onboarding.failedIn', { step: t(failure.stepKey) }), ' ', t(failure.key)) : null,
    h('ol', { class: 'timeline', id: 'timeline' }, stepLines(onboarding).map((step) => h('li',
      { class: step.status, 'data-step': step.name, 'data-status': step.status },
      h('span', { class: 'step-name' }, t(step.nameKey)), status(step.status, 'stepStatus'),
      step.startedAt ? h('span', { class: 'step-time' }, t('onboarding.started', { at: when(step.startedAt) }),
        step.finishedAt ? ` · ${t('onboarding.finished', { at: when(step.finishedAt) })}` : '') : null,
      step.errorKey ? h('span', { class: 'step-error' }, t(step.errorKey)) : null))),
    onboarding.customerId && onboarding.status === 'COMPLETED'
      ? h('p', {}, h('a', { href: `#/customers/${encodeURIComponent(onboarding.customerId)}`, id: 'to-customer' },
        t('onboarding.toCustomer'))) : null,
  ];
}

export async function onboarding(id) {
  const body = h('div', { id: 'onboarding' }, t('loading'));
  // The timeline is redrawn on every poll; only what changed is spoken, from this line (not the whole list again).
  const news = h('p', { id: 'onboarding-news', role: 'status', class: 'sr-only' });
  show(t('onboarding.heading'), h('p', {}, h('a', { href: '#/onboardings' }, t('onboarding.back'))), body, news);
  const route = location.hash;
  let before = null;
  const refresh = async () => {
    try {
      const found = await get(`/api/v1/onboardings/${encodeURIComponent(id)}`);
      if (location.hash !== route) {
        return;
      }
      view.querySelector('h1').textContent = t('onboarding.headingOf', { account: found.accountName });
      body.replaceChildren(...timeline(found).filter(Boolean));
      body.dataset.status = found.status;
      const moved = changesSince(before, found);
      if (moved.length > 0) {
        news.textContent = moved.map((line) => `${t(line.nameKey)}: ${t(line.statusKey)}`).join('. ');
      }
      before = found;
      if (!isFinished(found)) {
        later(refresh, POLL_MILLIS);
      }
    } catch (error) {
      body.replaceChildren(problem(error));
    }
  };
  await refresh();
}
