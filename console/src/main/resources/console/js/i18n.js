// The console's words in en, sv, de, it, nl and nb. English is complete and the fallback for any key another
// language lacks; the language is the one chosen in the header, else the browser's, else English.
import en from './messages/en.js';

export const LANGUAGES = ['en', 'sv', 'de', 'it', 'nl', 'nb'];
const CHOSEN = 'provisio.console.language';

let language = 'en';
let messages = en;

/** The first of the preferred languages the console speaks ("no" counts as Bokmål), else English. */
export function pickLanguage(chosen, preferred = []) {
  for (const tag of [chosen, ...preferred]) {
    if (!tag) {
      continue;
    }
    const code = tag.toLowerCase().split('-')[0];
    const known = code === 'no' || code === 'nn' ? 'nb' : code;
    if (LANGUAGES.includes(known)) {
      return known;
    }
  }
  return 'en';
}

export async function useLanguage(code) {
  language = LANGUAGES.includes(code) ? code : 'en';
  messages = language === 'en' ? en : { ...en, ...(await import(`./messages/${language}.js`)).default };
  localStorage.setItem(CHOSEN, language);
  document.documentElement.lang = language;
  return language;
}

export function initialLanguage() {
  return pickLanguage(localStorage.getItem(CHOSEN), navigator.languages || [navigator.language]);
}

export function currentLanguage() {
  return language;
}

/** The text of a key with its {placeholders} filled in. */
export function t(key, params = {}) {
  const text = messages[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A date and time in the console's language, or an empty string. */
export function when(instant) {
  if (!instant) {
    return '';
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

export function day(date) {
  if (!date) {
    return '';
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(date));
}
