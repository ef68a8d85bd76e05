import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyConfig, parseConfig } from '../../config/index.ts';
import { journeyEventsSql, journeyShape } from '../../reports/funnel/journey-events.ts';
import { defineOrderKey } from '../../reports/funnel/order-key.ts';
import { sequentialUnitsSql } from '../../reports/funnel/sequential.ts';
import { segmentedGreedyUnitsSql } from '../../reports/funnel/sequential-segmented.ts';
import { UNIT_RESULT_COLUMNS } from '../../reports/funnel/unit-result.ts';
import { SqlParams } from '../../reports/sql-params.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { seededRandom } from '../support/random.ts';
import { randomJourney, randomStoredEvents, randomUnits } from '../support/random-funnels.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Sequential journeys with exclusions and no time rule take the segmented greedy programme
 * (reports/funnel/sequential-segmented.ts) instead of the ASOF programme (sequential.ts). Every
 * column of every unit's row must be the programme's: levels, first times per step, the last step's
 * time, arrival order and session, and the time to convert. Random units crowd their events into a
 * few minutes (equal timestamps, shuffled arrival), and the exclusions overlap the steps (an event
 * `b` can be a step and an exclusion at once).
 */
const SEED = 20261203;
const EXCLUSIONS = [[{ event: 'd' }], [{ page: '/q' }], [{ event: 'b' }], [{ event: 'b' }, { event: 'd' }]];

function exclusionJourneys(): JourneyConfig[] {
  const random = seededRandom(SEED + 1);
  return Array.from({ length: 48 }, (_, index) => {
    const journey = randomJourney(random, index);
    return {
      ...journey,
      order: 'sequential',
      window: undefined,
      steps: journey.steps.map(({ within: _within, ...step }) => step),
      exclude: EXCLUSIONS[index % EXCLUSIONS.length] ?? [],
    };
  });
}

describe('segmented greedy programme for exclusions without time rules', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(join(tempDir(), 'segmented.duckdb'));
    await appendEvents(store, randomStoredEvents(randomUnits(seededRandom(SEED), 1200)));
    await defineOrderKey(store);
  });
  afterAll(() => store?.close());

  const rows = async (journey: JourneyConfig, programme: typeof sequentialUnitsSql) => {
    const params = new SqlParams();
    const events = journeyEventsSql(journey, params, {});
    return store.query(
      `select ${UNIT_RESULT_COLUMNS} from (${programme(events, journeyShape(journey, params))}) order by unit`,
      params.values,
    );
  };

  it.each(exclusionJourneys().map((journey) => [journey.id, journey.unit, journey]))(
    '%s (%s units) gives the ASOF programme’s rows',
    async (_id, _unit, journey) => {
      const expected = await rows(journey, sequentialUnitsSql);
      expect(expected.length).toBeGreaterThan(0);
      expect(await rows(journey, segmentedGreedyUnitsSql)).toEqual(expected);
    },
  );

  it('takes a unit that completed before an exclusion from that segment, and drops one cut off', async () => {
    // P1 → a without d. s1 completes, then a d, then starts again without completing: level 2 with
    // the first segment's times. s2 starts, a d cuts it off before its `a`: no row. s3 starts only
    // after its d and completes.
    const own = await Store.open(join(tempDir(), 'segmented-cases.duckdb'));
    try {
      const t = Date.UTC(2026, 2, 1, 12, 0, 0);
      const at = (seconds: number) => t + seconds * 1000;
      await appendEvents(own, [
        storedEvent({ sessionId: 's1', ts: at(0), path: '/p/1' }),
        storedEvent({ sessionId: 's1', ts: at(10), name: 'a' }),
        storedEvent({ sessionId: 's1', ts: at(20), name: 'd' }),
        storedEvent({ sessionId: 's1', ts: at(30), path: '/p/1' }),
        storedEvent({ sessionId: 's2', ts: at(0), path: '/p/1' }),
        storedEvent({ sessionId: 's2', ts: at(10), name: 'd' }),
        storedEvent({ sessionId: 's2', ts: at(20), name: 'a' }),
        storedEvent({ sessionId: 's3', ts: at(0), name: 'd' }),
        storedEvent({ sessionId: 's3', ts: at(10), path: '/p/1' }),
        storedEvent({ sessionId: 's3', ts: at(40), name: 'a' }),
      ]);
      await defineOrderKey(own);
      const [journey] = parseConfig({
        sites: [{ id: 'shop', origins: ['https://shop.example'] }],
        journeys: [
          {
            id: 'no-d',
            name: 'No d',
            site: 'shop',
            steps: [
              { name: 'P1', page: '/p/1' },
              { name: 'A', event: 'a' },
            ],
            exclude: [{ event: 'd' }],
          },
        ],
      }).journeys;
      const unitRows = async (programme: typeof sequentialUnitsSql) => {
        const params = new SqlParams();
        const events = journeyEventsSql(journey as JourneyConfig, params, {});
        return own.query(
          `select s.session_id, u.level, u.reached_us, u.last_us, u.convert_us
          from (${programme(events, journeyShape(journey as JourneyConfig, params))}) u
          join session_numbers s on s.no = u.unit order by s.session_id`,
          params.values,
        );
      };
      // Microseconds (below 2^53, so exact as numbers); lists come back as text.
      const us = (seconds: number) => at(seconds) * 1000;
      const expected = [
        { session_id: 's1', level: 2, reached_us: `[${us(0)},${us(10)}]`, last_us: us(10), convert_us: 10_000_000 },
        { session_id: 's3', level: 2, reached_us: `[${us(10)},${us(40)}]`, last_us: us(40), convert_us: 30_000_000 },
      ];
      expect(await unitRows(segmentedGreedyUnitsSql)).toEqual(expected);
      expect(await unitRows(sequentialUnitsSql)).toEqual(expected);
    } finally {
      await own.close();
    }
  });
});
