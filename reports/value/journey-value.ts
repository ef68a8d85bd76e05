import type { Store } from '../../store/index.ts';
import type { JourneyValue } from '../model.ts';
import { round } from '../stats.ts';
import { concentrationOf, type DecileRow } from './deciles.ts';
import { CONVERSION_VALUES, valueSumSql } from './tables.ts';

/** Value of each journey's last-step events (rule `journey:<id>`), journey id → total. */
export async function journeyValues(store: Store): Promise<Map<string, number>> {
  const rows = await store.rows(
    'journey values',
    `select substr(rule, 9) as journey, ${valueSumSql('amount')}::double as total
    from ${CONVERSION_VALUES} where starts_with(rule, 'journey:') group by rule`,
    { journey: 'string', total: 'number' },
  );
  return new Map(rows.map((row) => [row.journey, row.total]));
}

/** A journey's value and its concentration; without last-step value, 0 and no payers. */
export function journeyValue(id: string, totals: Map<string, number>, deciles: DecileRow[]): JourneyValue {
  return { total: round(totals.get(id) ?? 0, 2), ...concentrationOf(deciles.find((row) => row.grp === id)) };
}
