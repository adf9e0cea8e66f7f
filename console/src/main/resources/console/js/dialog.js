// A modal dialog (<dialog> with showModal: the rest of the page is inert, Escape closes it) that keeps Tab and Shift+Tab
// going round its own controls (the browser would leave for its address bar) and hands the focus back to whatever had
// it before, so a keyboard user continues where they were.
import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * Opens a dialog with a heading, content and two buttons. {@code onConfirm} runs on the confirm button (or the
 * form's submit); answering false keeps the dialog open (e.g. to show a field's error), anything else closes it.
 * Resolves true when confirmed, false when cancelled (button or Escape). Without {@code cancellable} there is only
 * the one button (a dialog that only shows something).
 */
export function openDialog({ id, title, content = [], confirmLabel, onConfirm = () => true, danger = false,
  describedBy = null, cancellable = true }) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    let confirmed = false;
    const heading = h('h2', { id: `${id}-title` }, title);
    const cancel = h('button', { type: 'button', class: 'secondary', id: `${id}-cancel`,
      onclick: () => dialog.close() }, t('dialog.cancel'));
    const confirm = h('button', { type: 'submit', id: `${id}-confirm`, class: danger ? 'danger' : null },
      confirmLabel);
    const form = h('form', { method: 'dialog', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      confirm.disabled = true;
      try {
        if (await onConfirm() !== false) {
          confirmed = true;
          dialog.close();
        }
      } finally {
        confirm.disabled = false;
      }
    } }, sentinel(), heading, content, h('p', { class: 'actions' }, cancellable ? cancel : null, confirm));
    const dialog = h('dialog', { id, 'aria-labelledby': `${id}-title`, 'aria-describedby': describedBy,
      onkeydown: keepFocusIn }, form);
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected && typeof opener.focus === 'function') {
        opener.focus();
      }
      resolve(confirmed);
    });
    document.body.append(dialog);
    dialog.showModal();
    // The first field if there is one, else the harmless choice: a stray Enter does not suspend a customer.
    (form.querySelector('input, select, textarea') || (cancellable ? cancel : confirm)).focus();
  });
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), '
  + 'textarea:not([disabled]), iframe, summary, [tabindex]:not([tabindex="-1"])';

function stopsOf(dialog) {
  return [...dialog.querySelectorAll(FOCUSABLE)]
    .filter((element) => element.getClientRects().length > 0 && !element.classList.contains('focus-sentinel'));
}

/**
 * Shift+Tab inside a frame (the e-mail preview) is the frame's own key press, which the dialog never hears: the
 * browser moves the focus to whatever comes before the frame, this stop, which hands it on to the dialog's last control.
 */
function sentinel() {
  return h('span', { tabindex: '0', class: 'focus-sentinel', onfocus: (event) => {
    const stops = stopsOf(event.target.closest('dialog'));
    stops[stops.length - 1]?.focus();
  } });
}

/** Tab on the dialog's last control goes to its first, Shift+Tab on the first to the last. */
function keepFocusIn(event) {
  if (event.key !== 'Tab') {
    return;
  }
  const stops = stopsOf(event.currentTarget);
  if (stops.length === 0) {
    return;
  }
  const [first, last] = [stops[0], stops[stops.length - 1]];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** A yes/no question before an action that changes something. */
export function confirmAction({ id, title, text, confirmLabel, danger = false }) {
  return openDialog({ id, title, content: [h('p', { id: `${id}-text` }, text)], confirmLabel, danger,
    describedBy: `${id}-text` });
}
