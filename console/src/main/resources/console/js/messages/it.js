// Italiano: the shell so far; every other key falls back to English until translated (ADR 024).
export default {
  'brand.title': 'Console Provisio',
  'brand.product': 'console',
  'nav.skip': 'Vai al contenuto',
  'nav.customers': 'Clienti',
  'nav.onboardings': 'Attivazioni',
  'nav.inventory': 'Inventario',
  'nav.signOut': 'Esci',
  'nav.language': 'Lingua',
  'landing.heading': 'Console partner di Provisio',
  'landing.intro': 'Attiva e segui i tuoi clienti. Accedi con il tuo account del personale Provisio.',
  'landing.signIn': 'Accedi',
  'loading': 'Caricamento…',
  'customers.heading': 'Clienti',
  'customers.search': 'Cerca',
  'customers.searchButton': 'Cerca',
};
