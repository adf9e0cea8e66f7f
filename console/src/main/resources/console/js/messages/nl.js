// Nederlands: the shell so far; every other key falls back to English until translated (ADR 024).
export default {
  'brand.title': 'Provisio-console',
  'brand.product': 'console',
  'nav.skip': 'Naar de inhoud',
  'nav.customers': 'Klanten',
  'nav.onboardings': 'Onboardings',
  'nav.inventory': 'Voorraad',
  'nav.signOut': 'Afmelden',
  'nav.language': 'Taal',
  'landing.heading': 'Provisio-partnerconsole',
  'landing.intro': 'Klanten aanmelden en beheren. Meld u aan met uw Provisio-medewerkersaccount.',
  'landing.signIn': 'Aanmelden',
  'loading': 'Laden…',
  'customers.heading': 'Klanten',
  'customers.search': 'Zoeken',
  'customers.searchButton': 'Zoeken',
};
