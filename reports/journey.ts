import type { JourneyConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { type ReportRange, unitNumberColumn } from './funnel/journey-events.ts';
import { defineOrderKey } from './funnel/order-key.ts';
import { withUnitPerfectHash } from './funnel/perfect-hash.ts';
import { journeyStepCountsSql } from './funnel/units.ts';
import { SqlParams } from './sql-params.ts';

/** Units reaching each step of one journey (a unit at level L reached steps 1..L). */
export async function journeyStepCounts(
  store: Store,
  journey: JourneyConfig,
  range: ReportRange = {},
): Promise<number[]> {
  await defineOrderKey(store);
  const params = new SqlParams();
  const numbers = unitNumberColumn(journey.unit === 'visitor' ? 'visitor_id' : 'session_id');
  const rows = await withUnitPerfectHash(store, numbers, () =>
    store.rows(
      'journey step counts',
      journeyStepCountsSql(journey, params, range),
      { step: 'integer', units: 'integer' },
      params.values,
    ),
  );
  // A step no unit reached has no row.
  return journey.steps.map((_, index) => rows.find((row) => row.step === index + 1)?.units ?? 0);
}
