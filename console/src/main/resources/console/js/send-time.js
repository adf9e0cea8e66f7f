// The send time of a scheduled e-mail as a <input type="datetime-local"> holds it (the browser's local time, to the
// minute) and as the API takes it (an ISO-8601 instant). No DOM here, so the Node tests can check it.

/** The API's limit: a new send time is in the future and at most a year ahead. */
export const MAX_AHEAD_DAYS = 365;

/** An instant as the local "YYYY-MM-DDTHH:mm" a datetime-local input shows. */
export function toLocalInput(instant) {
  const date = new Date(instant);
  const two = (value) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}`
    + `:${two(date.getMinutes())}`;
}

/** The instant a datetime-local value means in the browser's time zone, or null for an empty or malformed value. */
export function fromLocalInput(value) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value || '')) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The message key of what is wrong with a new send time, or null when the API should accept it. The API checks
 * again (and its answer is shown at the same field); this only saves a round trip for the obvious mistakes.
 */
export function sendTimeProblem(value, now = new Date()) {
  const instant = fromLocalInput(value);
  if (instant === null) {
    return 'emails.sendAt.required';
  }
  const at = new Date(instant).getTime();
  if (at <= now.getTime()) {
    return 'emails.sendAt.past';
  }
  if (at > now.getTime() + MAX_AHEAD_DAYS * 24 * 60 * 60 * 1000) {
    return 'emails.sendAt.tooFar';
  }
  return null;
}
