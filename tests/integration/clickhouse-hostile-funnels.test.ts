import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyConfig, type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import { clickHouseJourneyStepCounts, clickHouseJourneyUnitLevels } from '../../reports/clickhouse/journey.ts';
import { journeyUnitLevels } from '../../reports/funnel/units.ts';
import { journeyStepCounts } from '../../reports/journey.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import {
  type ClickHouseEventsCluster,
  insertClickHouseEvents,
  startClickHouseEventsCluster,
} from '../support/clickhouse-events.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Outside strings in paths, event names, props and unit ids, and the same strings in journey globs,
 * names and property filters: the ClickHouse engine matches exactly the events DuckDB matches, and no
 * string ends a literal or turns into SQL or regex syntax.
 */
const HOSTILE = [
  "'",
  '"',
  '\\',
  "\\'",
  '\u0000',
  'a\u0000b',
  'line\nbreak',
  '.*',
  '.',
  '[x]',
  '(?i)A',
  '^$',
  '|',
  '+{2}',
  '%_',
  '\\x00',
  '\\E',
  "'); DROP TABLE events; --",
  'é🙂',
];
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

type JourneyInput = Partial<PolkuConfigInput['journeys'] extends (infer J)[] | undefined ? J : never>;
function journey(id: string, input: JourneyInput): JourneyConfig {
  const [parsed] = parseConfig({
    sites: [{ id: 'shop', origins: ['https://shop.example'] }],
    journeys: [{ id, name: id, site: 'shop', steps: [], ...input }],
  }).journeys;
  return parsed as JourneyConfig;
}

// Per string: a session that views `/<h>`, then sends the event `<h>` with the prop `<h>: <h>`,
// then views `/x/<h>/y`; a near miss with `/<h>x`, the prop's key only, and an event `<h> `.
const events: StoredEvent[] = HOSTILE.flatMap((h, i) => {
  const hit = `hit-${i}-${h}`;
  const miss = `miss-${i}-${h}`;
  const at = (minutes: number) => T0 + minutes * 60_000;
  return [
    storedEvent({ sessionId: hit, visitorId: hit, path: `/${h}`, ts: at(0) }),
    storedEvent({ sessionId: hit, visitorId: hit, name: h, path: `/${h}`, props: { [h]: h }, ts: at(1) }),
    storedEvent({ sessionId: hit, visitorId: hit, path: `/x/${h}/y`, ts: at(2) }),
    storedEvent({ sessionId: miss, visitorId: miss, path: `/${h}x`, ts: at(0) }),
    storedEvent({ sessionId: miss, visitorId: miss, name: `${h} `, props: { [h]: `${h} ` }, ts: at(1) }),
    storedEvent({ sessionId: miss, visitorId: miss, path: `/x/${h}/y/z`, ts: at(2) }),
  ];
});

const journeys = HOSTILE.flatMap((h, i) => [
  // Page glob with the string, then the event named by it with the property filter.
  journey(`page-event-${i}`, {
    steps: [
      { name: 'page', page: `/${h}` },
      { name: 'event', event: h, props: { [h]: h } },
    ],
  }),
  // The string inside a glob with wildcards, strict order, excluded by the near miss's event.
  journey(`glob-${i}`, {
    order: 'strict',
    steps: [
      { name: 'any', page: '/**' },
      { name: 'event', event: h },
      { name: 'x', page: `/x/*${h}/**` },
    ],
    exclude: [{ event: `${h} ` }],
  }),
  // Any order with a window, by visitor.
  journey(`any-${i}`, {
    order: 'any',
    unit: 'visitor',
    window: '5m',
    steps: [
      { name: 'y', page: `/x/${h}/?` },
      { name: 'page', page: `/${h}*` },
    ],
  }),
]);

let store: Store;
let clickHouse: ClickHouseEventsCluster;
// Every test needs the cluster: without a server they are skipped loudly (and fail under CI=true).
describeClickHouse('hostile strings in ClickHouse journey funnels', () => {
  beforeAll(async () => {
    clickHouse = await startClickHouseEventsCluster();
    store = await Store.open(join(tempDir(), 'hostile.duckdb'));
    await appendEvents(store, events);
    await insertClickHouseEvents(clickHouse.client, events);
  });
  afterAll(async () => {
    store?.close();
    await clickHouse?.stop();
  });

  const sorted = (levels: Map<string, number>) => [...levels].sort(([a], [b]) => a.localeCompare(b));

  describe('hostile strings in events and journeys', () => {
    it.each(journeys.map((each) => [JSON.stringify(each.steps.map((step) => step.page ?? step.event)), each]))(
      '%s',
      async (_name, each) => {
        const expected = await journeyUnitLevels(store, each);
        expect({ levels: sorted(await clickHouseJourneyUnitLevels(clickHouse.client, each)) }).toEqual({
          levels: sorted(expected),
        });
        expect(await clickHouseJourneyStepCounts(clickHouse.client, each)).toEqual(
          await journeyStepCounts(store, each),
        );
      },
    );

    it('pins the plain page-then-event journeys: exactly the hit session completes each', async () => {
      const plain = HOSTILE.flatMap((h, i) => (/[*?]/.test(h) ? [] : [i]));
      for (const i of plain) {
        const each = journeys.find((candidate) => candidate.id === `page-event-${i}`) as JourneyConfig;
        const levels = await clickHouseJourneyUnitLevels(clickHouse.client, each);
        expect({ string: HOSTILE[i], levels: [...levels] }).toEqual({
          string: HOSTILE[i],
          levels: [[`hit-${i}-${HOSTILE[i]}`, 2]],
        });
      }
    });
  });
});
