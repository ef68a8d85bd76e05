import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  keySeq,
  keyUs,
  lastKeyAt,
  NO_END_KEY,
  ORDER_KEY,
  type OrderKeyPlan,
  orderKey,
  orderKeyMacros,
  planOrderKey,
} from '../../reports/funnel/order-key.ts';
import { computeReport, journeyUnitLevels } from '../../reports/index.ts';
import { journeyStepCounts } from '../../reports/journey.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { seededRandom } from '../support/random.ts';
import { randomJourney, randomStoredEvents, randomUnits } from '../support/random-funnels.ts';
import { randomReportConfig, randomReportEvents } from '../support/random-report-events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Funnels and reports order events by (time, seq) packed into one integer (reports/funnel/order-key.ts):
 * a BIGINT when the stored events' bounds allow it, else a HUGEINT. Both must order, unpack and bound
 * events exactly alike, and a report must not depend on which one its store's events called for.
 */
let store: Store;

describe('order keys', () => {
  beforeAll(async () => {
    store = await Store.open(join(tempDir(), 'order-key.duckdb'));
  });
  afterAll(() => store?.close());

  const T = 1_772_366_400_000_000n; // 2026-03-01T12:00:00Z in microseconds
  // (us, seq) pairs in their (time, seq) order, with equal times, seq out of arrival order and the
  // plan's first and last values.
  const pairs: [bigint, bigint][] = [
    [T, 7n],
    [T, 9n],
    [T + 1000n, 5n],
    [T + 1000n, 6n],
    [T + 2000n, 5n],
    [T + 1_000_000n, 20n],
    [T + 1_000_000n, 21n],
  ];
  const bigint: OrderKeyPlan = { kind: 'bigint', firstUs: T, tickUs: 1000n, firstSeq: 5n, seqBits: 5 };
  for (const plan of [bigint, { kind: 'hugeint' } as const]) {
    it(`${plan.kind} keys order, unpack and bound events by (time, seq)`, async () => {
      for (const statement of orderKeyMacros(plan)) await store.query(statement);
      const values = pairs.map(([us, seq], index) => `(${index}, ${us}::bigint, ${seq}::bigint)`).join(', ');
      const rows = await store.query(
        `select i, (${keyUs(ORDER_KEY)} = us and ${keySeq(ORDER_KEY)} = seq) as unpacked,
          (${ORDER_KEY})::varchar as key, typeof(${ORDER_KEY}) as type,
          (row_number() over (order by ${ORDER_KEY}) - 1)::integer as rank,
          (select count(*) from (values ${values}) o(j, us, seq) where ${orderKey('o.us', 'o.seq')} <= ${lastKeyAt(`v.us`)})::integer as at_or_before,
          (${ORDER_KEY} < ${NO_END_KEY}) as below_end
        from (values ${values}) v(i, us, seq) order by i`,
      );
      expect(rows.map((row) => row.type)).toEqual(pairs.map(() => (plan.kind === 'bigint' ? 'BIGINT' : 'HUGEINT')));
      expect(rows.map((row) => [row.rank, row.unpacked, row.below_end])).toEqual(
        pairs.map((_, index) => [index, true, true]),
      );
      // lastKeyAt(us) bounds every event at or before that time, whatever its seq.
      expect(rows.map((row) => row.at_or_before)).toEqual([2, 2, 4, 4, 5, 7, 7]);
      if (plan.kind === 'bigint')
        expect(rows.map((row) => row.key)).toEqual(['2', '4', '32', '33', '64', '32015', '32016']);
    });
  }

  it('gives the same funnels and report with BIGINT keys as with the HUGEINT ones that far-off times call for', async () => {
    const random = seededRandom(20261203);
    // Crowded units (many equal timestamps, shuffled arrival) and the random report traffic.
    await appendEvents(store, randomStoredEvents(randomUnits(random, 150)));
    await appendEvents(store, randomReportEvents(random, 150));
    const journeys = Array.from({ length: 12 }, (_, index) => randomJourney(random, index));
    const config = randomReportConfig();
    const measure = async () => ({
      plan: (await planOrderKey(store)).kind,
      levels: await Promise.all(journeys.map(async (journey) => [...(await journeyUnitLevels(store, journey))].sort())),
      counts: await Promise.all(journeys.map((journey) => journeyStepCounts(store, journey))),
      report: await computeReport(config, store),
    });
    const packed = await measure();
    // One event of another site in the year 200000: its milliseconds no longer fit beside the seq.
    await appendEvents(store, [storedEvent({ site: 'elsewhere', ts: Date.UTC(200_000, 0, 1) })]);
    const wide = await measure();
    expect([packed.plan, wide.plan]).toEqual(['bigint', 'hugeint']);
    expect(wide).toEqual({ ...packed, plan: 'hugeint' });
    // Not vacuous: the journeys count units at several levels.
    expect(
      packed.counts.filter((counts) => (counts[1] ?? 0) > 0 && (counts[0] ?? 0) > (counts[1] ?? 0)),
    ).not.toHaveLength(0);
  });
});
