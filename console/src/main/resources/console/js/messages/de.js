// Deutsch: the shell so far; every other key falls back to English until translated (ADR 024).
export default {
  'brand.title': 'Provisio-Konsole',
  'brand.product': 'Konsole',
  'nav.skip': 'Zum Inhalt springen',
  'nav.customers': 'Kunden',
  'nav.onboardings': 'Onboardings',
  'nav.inventory': 'Bestand',
  'nav.signOut': 'Abmelden',
  'nav.language': 'Sprache',
  'landing.heading': 'Provisio-Partnerkonsole',
  'landing.intro': 'Kunden einrichten und betreuen. Melden Sie sich mit Ihrem Provisio-Mitarbeiterkonto an.',
  'landing.signIn': 'Anmelden',
  'loading': 'Wird geladen…',
  'customers.heading': 'Kunden',
  'customers.search': 'Suche',
  'customers.searchButton': 'Suchen',
};
