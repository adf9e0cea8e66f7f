// An onboarding's saga as a timeline (GET /api/v1/onboardings/{id}): pure functions, tested with node --test.

/** The console asks again this often while the saga runs (polling, ADR 024); it stops at COMPLETED or FAILED. */
export const POLL_MILLIS = 2000;

export function isFinished(onboarding) {
  return onboarding.status === 'COMPLETED' || onboarding.status === 'FAILED';
}

/** Message keys for a step's name and status, and its error's code when it failed. */
export function stepLines(onboarding) {
  return (onboarding.steps || []).map((step) => ({
    name: step.name,
    status: step.status,
    nameKey: `step.${step.name}`,
    statusKey: `stepStatus.${step.status}`,
    startedAt: step.startedAt || null,
    finishedAt: step.finishedAt || null,
    errorKey: step.error ? `failure.${step.error.code}` : null,
    errorMessage: step.error ? step.error.message : null,
  }));
}

/**
 * What moved since {@code before} (the previous answer, or null), for the page's live line: each step whose status
 * changed, then the onboarding's status. Nothing on the first answer (the page is read whole then) or when nothing
 * moved, so a poll that finds the same saga says nothing.
 */
export function changesSince(before, onboarding) {
  if (!before) {
    return [];
  }
  const was = new Map((before.steps || []).map((step) => [step.name, step.status]));
  const moved = stepLines(onboarding).filter((step) => was.get(step.name) !== step.status)
    .map((step) => ({ nameKey: step.nameKey, statusKey: step.statusKey }));
  if (moved.length === 0 && before.status === onboarding.status) {
    return [];
  }
  return [...moved, { nameKey: 'onboarding.status', statusKey: `status.${onboarding.status}` }];
}

/** The failure in words: its code's sentence, with the step it happened in. */
export function failureLine(onboarding) {
  if (!onboarding.failure) {
    return null;
  }
  return { key: `failure.${onboarding.failure.code}`, stepKey: `step.${onboarding.failure.step}`,
    message: onboarding.failure.message };
}
