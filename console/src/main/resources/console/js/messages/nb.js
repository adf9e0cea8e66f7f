// Norsk bokmål: the shell so far; every other key falls back to English until translated (ADR 024).
export default {
  'brand.title': 'Provisio-konsollen',
  'brand.product': 'konsoll',
  'nav.skip': 'Gå til innholdet',
  'nav.customers': 'Kunder',
  'nav.onboardings': 'Registreringer',
  'nav.inventory': 'Lager',
  'nav.signOut': 'Logg ut',
  'nav.language': 'Språk',
  'landing.heading': 'Provisios partnerkonsoll',
  'landing.intro': 'Registrer og følg opp kundene dine. Logg inn med din ansattkonto hos Provisio.',
  'landing.signIn': 'Logg inn',
  'loading': 'Laster…',
  'customers.heading': 'Kunder',
  'customers.search': 'Søk',
  'customers.searchButton': 'Søk',
};
