import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JourneyConfig, parseConfig } from '../../config/index.ts';
import { computeJourneyUnits, JOURNEY_UNITS, journeyUnitLevels } from '../../reports/funnel/units.ts';
import { journeyStepCounts } from '../../reports/journey.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { type ReferenceEvent, type ReferenceJourney, referenceLevel } from '../support/funnel-reference.ts';
import { pickOne, seededRandom } from '../support/random.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * The SQL funnel engine against the plain reference implementation, on random units whose events
 * are crowded into a few minutes (many equal timestamps, arrival order shuffled) and random journeys
 * (every order, overlapping steps, windows, `within`, exclusions). Every unit's level must agree.
 */
const SEED = 20260301;
const UNITS = 1500;
const JOURNEYS = 80;
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

type Step = JourneyConfig['steps'][number];
const STEP_POOL: Step[] = [
  { name: 'page 1', page: '/p/1' },
  { name: 'page 2', page: '/p/2' },
  { name: 'any p page', page: '/p/*' },
  { name: 'event a', event: 'a' },
  { name: 'event a with k=x', event: 'a', props: { k: 'x' } },
  { name: 'event b', event: 'b' },
  { name: 'event c', event: 'c' },
];
const EXCLUSION_POOL = [{ event: 'd' }, { page: '/q' }, { event: 'b' }];

interface RandomEvent {
  /** The visitor; each visitor's events are split over two sessions, `<visitor>-a` and `<visitor>-b`. */
  unit: string;
  session: string;
  ts: number;
  name: string;
  path: string;
  props: Record<string, string> | null;
}

function randomUnits(random: () => number): RandomEvent[] {
  const events: RandomEvent[] = [];
  for (let u = 0; u < UNITS; u++) {
    const count = 1 + Math.floor(random() * 9);
    for (let i = 0; i < count; i++) {
      const name = pickOne(random, ['pageview', 'pageview', 'a', 'b', 'c', 'd']);
      events.push({
        unit: `u${u}`,
        session: `u${u}-${random() < 0.5 ? 'a' : 'b'}`,
        ts: T0 + Math.floor(random() * 12) * 60_000,
        name,
        path: name === 'pageview' ? pickOne(random, ['/p/1', '/p/2', '/q']) : '/',
        props: name === 'a' ? pickOne(random, [{ k: 'x' }, { k: 'y' }, null]) : null,
      });
    }
  }
  // Shuffle arrival order so that it is unrelated to timestamps.
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [events[i], events[j]] = [events[j] as RandomEvent, events[i] as RandomEvent];
  }
  return events;
}

function randomJourney(random: () => number, index: number): JourneyConfig {
  const steps = Array.from({ length: 2 + Math.floor(random() * 3) }, () => {
    const step = { ...pickOne(random, STEP_POOL) };
    return random() < 0.3 ? { ...step, within: pickOne(random, ['1m', '2m', '4m']) } : step;
  });
  const [config] = parseConfig({
    sites: [{ id: 'shop', origins: ['https://shop.example'] }],
    journeys: [
      {
        id: `j${index}`,
        name: `Journey ${index}`,
        site: 'shop',
        order: pickOne(random, ['sequential', 'sequential', 'strict', 'any'] as const),
        unit: pickOne(random, ['session', 'session', 'visitor'] as const),
        ...(random() < 0.6 ? { window: pickOne(random, ['2m', '5m', '8m']) } : {}),
        steps,
        exclude: random() < 0.4 ? [pickOne(random, EXCLUSION_POOL)] : [],
      },
    ],
  }).journeys;
  return config as JourneyConfig;
}

function matches(event: RandomEvent, rule: { page?: string; event?: string; props?: Record<string, unknown> }) {
  if (rule.page !== undefined) {
    if (event.name !== 'pageview') return false;
    if (rule.page.endsWith('/*') ? !event.path.startsWith(rule.page.slice(0, -1)) : event.path !== rule.page)
      return false;
  }
  if (rule.event !== undefined && event.name !== rule.event) return false;
  return Object.entries(rule.props ?? {}).every(([key, value]) => event.props?.[key] === value);
}

function referenceLevels(events: readonly RandomEvent[], journey: JourneyConfig): Map<string, number> {
  const shape: ReferenceJourney = {
    order: journey.order,
    steps: journey.steps.length,
    windowMs: journey.window,
    withinMs: journey.steps.map((step, k) => (k === 0 ? undefined : step.within)),
  };
  const byUnit = new Map<string, ReferenceEvent[]>();
  events.forEach((event, seq) => {
    const unit = journey.unit === 'visitor' ? event.unit : event.session;
    const list = byUnit.get(unit) ?? [];
    list.push({
      ts: event.ts,
      seq,
      matches: journey.steps.map((step) => matches(event, step)),
      excluded: journey.exclude.some((rule) => matches(event, rule)),
    });
    byUnit.set(unit, list);
  });
  const levels = new Map<string, number>();
  for (const [unit, list] of byUnit) {
    const level = referenceLevel(list, shape);
    if (level > 0) levels.set(unit, level);
  }
  return levels;
}

describe('SQL funnel engine agrees with the reference implementation', () => {
  const random = seededRandom(SEED);
  const events = randomUnits(random);
  let store: Store;

  beforeAll(async () => {
    store = await Store.open(join(tempDir(), 'crosscheck.duckdb'));
    // One append keeps arrival order (seq) equal to the array order the reference uses.
    await appendEvents(
      store,
      events.map(
        (event): StoredEvent =>
          storedEvent({
            sessionId: event.session,
            visitorId: event.unit,
            ts: event.ts,
            name: event.name,
            path: event.path,
            props: event.props,
          }),
      ),
    );
  });
  afterAll(() => store.close());

  const journeys = Array.from({ length: JOURNEYS }, (_, index) => randomJourney(random, index));
  it.each(journeys.map((journey) => [journey.id, journey]))('%s', async (_id, journey) => {
    const actual = await journeyUnitLevels(store, journey);
    const expected = referenceLevels(events, journey);
    const sorted = (levels: Map<string, number>) => [...levels].sort(([a], [b]) => a.localeCompare(b));
    expect({ journey, levels: sorted(actual) }).toEqual({ journey, levels: sorted(expected) });
    // The step-count path (a separate, faster query for some journeys) must agree as well.
    const counts = journey.steps.map((_, k) => [...expected.values()].filter((level) => level > k).length);
    expect({ journey, counts: await journeyStepCounts(store, journey) }).toEqual({ journey, counts });
  });

  it('all journeys at once, each sequential one with a plain twin sharing its greedy units', async () => {
    // computeJourneyUnits shares one greedy result between sequential journeys with the same steps.
    const twins = journeys
      .filter((journey) => journey.order === 'sequential')
      .map(
        ({ window: _window, ...journey }): JourneyConfig => ({
          ...journey,
          id: `${journey.id}-plain`,
          exclude: [],
          steps: journey.steps.map(({ within: _within, ...step }) => step),
        }),
      );
    const all = [...journeys, ...twins];
    await computeJourneyUnits(store, all);
    const rows = await store.query(`select journey, unit, level from ${JOURNEY_UNITS}`);
    const sorted = (levels: Map<string, number>) => [...levels].sort(([a], [b]) => a.localeCompare(b));
    for (const journey of all) {
      const actual = new Map(
        rows.filter((row) => row.journey === journey.id).map((row) => [String(row.unit), Number(row.level)]),
      );
      expect({ journey, levels: sorted(actual) }).toEqual({
        journey,
        levels: sorted(referenceLevels(events, journey)),
      });
    }
  });
});
