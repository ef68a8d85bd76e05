import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyConfig, parseConfig } from '../../config/index.ts';
import { defineOrderKey, keySeq } from '../../reports/funnel/order-key.ts';
import { defineStepFlags, dropStepFlags } from '../../reports/funnel/step-flags.ts';
import { computeJourneyUnits, JOURNEY_UNITS_WITH_IDS } from '../../reports/funnel/units.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { seededRandom } from '../support/random.ts';
import { RANDOM_UNITS_START, randomJourney, randomStoredEvents, randomUnits } from '../support/random-funnels.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * A report matches each site's events against every journey's steps and exclusions once
 * (reports/funnel/step-flags.ts), and its journeys read those bits instead of the events. The bits
 * must say exactly what the matchers say, and the units must be those read from the events.
 */
let store: Store;
const T = Date.UTC(2026, 2, 1, 12, 0, 0);

function journeys(input: object[]): JourneyConfig[] {
  return parseConfig({
    sites: [
      { id: 'shop', origins: ['https://shop.example'] },
      { id: 'blog', origins: ['https://blog.example'] },
    ],
    journeys: input,
  }).journeys;
}

describe('step flags', () => {
  beforeAll(async () => {
    store = await Store.open(join(tempDir(), 'step-flags.duckdb'));
  });
  afterAll(() => store?.close());

  it('gives each distinct matcher of a site one bit and keeps the events its journeys need', async () => {
    await appendEvents(store, [
      storedEvent({ sessionId: 's1', ts: T, path: '/p/1' }),
      storedEvent({ sessionId: 's1', ts: T + 1000, name: 'a', props: { k: 'x' } }),
      storedEvent({ sessionId: 's1', ts: T + 2000, name: 'a', props: { k: 'y' } }),
      storedEvent({ sessionId: 's2', ts: T + 3000, name: 'd' }),
      storedEvent({ sessionId: 's2', ts: T + 4000, path: '/other' }),
      storedEvent({ site: 'blog', sessionId: 'b1', ts: T, path: '/p/1' }),
      storedEvent({ site: 'blog', sessionId: 'b1', ts: T + 1000, path: '/other' }),
    ]);
    await defineOrderKey(store);
    const config = journeys([
      {
        id: 'one',
        name: 'One',
        site: 'shop',
        steps: [
          { name: 'P1', page: '/p/1' },
          { name: 'Ax', event: 'a', props: { k: 'x' } },
        ],
      },
      // The same matchers again share their bits; `/p/*` and `a` get their own.
      {
        id: 'two',
        name: 'Two',
        site: 'shop',
        order: 'any',
        steps: [
          { name: 'P', page: '/p/*' },
          { name: 'A', event: 'a' },
          { name: 'P1 again', page: '/p/1' },
        ],
        exclude: [{ event: 'd' }],
      },
      {
        id: 'strict',
        name: 'Strict',
        site: 'blog',
        order: 'strict',
        steps: [
          { name: 'P1', page: '/p/1' },
          { name: 'P', page: '/p/*' },
        ],
      },
    ]);
    const read = async (range = {}) => {
      const flags = await defineStepFlags(store, config, range);
      const tables = Object.fromEntries(
        await Promise.all(
          [...flags].map(async ([site, { table, bits }]) => [
            site,
            {
              bits: [...bits],
              rows: (
                await store.query(
                  `select ${keySeq('key')}::integer as seq, flags::integer as flags from ${table} order by key`,
                )
              ).map((row) => [row.seq, row.flags]),
            },
          ]),
        ),
      );
      await dropStepFlags(store, flags);
      return tables;
    };
    const p1 = '["/p/1",null,[]]';
    expect(await read()).toEqual({
      shop: {
        bits: [
          [p1, 0],
          ['[null,"a",[["k","x"]]]', 1],
          ['["/p/*",null,[]]', 2],
          ['[null,"a",[]]', 3],
          ['[null,"d",[]]', 4],
        ],
        // /p/1 is also /p/*; a k=x is also a; the unmatched /other is left out.
        rows: [
          [1, 1 + 4],
          [2, 2 + 8],
          [3, 8],
          [4, 16],
        ],
      },
      // A strict journey needs the events between its steps: every event stays.
      blog: {
        bits: [
          [p1, 0],
          ['["/p/*",null,[]]', 1],
        ],
        rows: [
          [6, 1 + 2],
          [7, 0],
        ],
      },
    });
    const ranged = await read({ from: new Date(T + 1000).toISOString(), to: new Date(T + 3000).toISOString() });
    expect([ranged.shop?.rows, ranged.blog?.rows]).toEqual([
      [
        [2, 10],
        [3, 8],
      ],
      [[7, 0]],
    ]);
  });

  it('gives the same units as reading the events, which a site with more than 64 matchers still does', async () => {
    const random = seededRandom(20261204);
    await appendEvents(store, randomStoredEvents(randomUnits(random, 200)));
    await defineOrderKey(store);
    const randomJourneys = Array.from({ length: 16 }, (_, index) => randomJourney(random, index));
    // 33 journeys of two steps each that nothing matches: 66 more matchers than a flags column holds.
    const fillers = journeys(
      Array.from({ length: 33 }, (_, index) => ({
        id: `filler-${index}`,
        name: `Filler ${index}`,
        site: 'shop',
        steps: [
          { name: 'One', event: `none-${index}` },
          { name: 'Two', event: `nothing-${index}` },
        ],
      })),
    );
    expect((await defineStepFlags(store, [...randomJourneys, ...fillers], {})).size).toBe(0);
    const range = {
      from: new Date(RANDOM_UNITS_START + 2 * 60_000).toISOString(),
      to: new Date(RANDOM_UNITS_START + 10 * 60_000).toISOString(),
    };
    const units = async (config: JourneyConfig[], within = {}) => {
      await computeJourneyUnits(store, config, within);
      return store.query(
        `select journey, unit, level, reached_us::varchar as reached, last_us::varchar as last_us, last_seq::varchar as last_seq,
          last_session, convert_us::varchar as convert_us
        from ${JOURNEY_UNITS_WITH_IDS} where not starts_with(journey, 'filler') order by journey, unit`,
      );
    };
    for (const within of [{}, range]) {
      const flagged = await units(randomJourneys, within);
      const fromEvents = await units([...randomJourneys, ...fillers], within);
      expect(flagged).toEqual(fromEvents);
      // Not vacuous: every journey counts units, at more than one level among them.
      expect(new Set(flagged.map((row) => row.journey)).size).toBe(16);
      expect(new Set(flagged.map((row) => row.level)).size).toBeGreaterThan(2);
    }
  });
});
