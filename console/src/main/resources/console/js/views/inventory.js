// What the partner holds of each plan, has allocated and has left.
import { get } from '../api.js';
import { t } from '../i18n.js';
import { h, problem, show, table } from '../dom.js';

export async function inventory() {
  const results = h('div', { id: 'results' }, t('loading'));
  show(t('inventory.heading'), results);
  try {
    const found = await get('/api/v1/inventory', { size: 100 });
    results.replaceChildren(table('inventory', ['inventory.plan', 'inventory.units', 'inventory.allocated',
      'inventory.available'], found.items, (line) => [line.planCode, line.units, line.allocated, line.available]));
  } catch (error) {
    results.replaceChildren(problem(error));
  }
}
