import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyConfig } from '../../config/index.ts';
import { defineOrderKey } from '../../reports/funnel/order-key.ts';
import { computeJourneyUnits, JOURNEY_UNITS_WITH_IDS, journeyUnitLevels } from '../../reports/funnel/units.ts';
import { journeyStepCounts } from '../../reports/journey.ts';
import { Store } from '../../store/index.ts';
import { type ReferenceEvent, type ReferenceJourney, referenceLevel } from '../support/funnel-reference.ts';
import { seededRandom } from '../support/random.ts';
import { type RandomEvent, randomJourney, randomStoredEvents, randomUnits } from '../support/random-funnels.ts';
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
  const events = randomUnits(random, UNITS);
  let store: Store;

  beforeAll(async () => {
    store = await Store.open(join(tempDir(), 'crosscheck.duckdb'));
    // One append keeps arrival order (seq) equal to the array order the reference uses.
    // One append keeps arrival order (seq) equal to the array order the reference uses.
    await appendEvents(store, randomStoredEvents(events));
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

  it('all journeys at once, each sequential one with a plain and a ruled twin sharing its units', async () => {
    // computeJourneyUnits shares one greedy result between sequential journeys with the same steps,
    // and the per-unit bounds their rules compare when two or more of them have rules.
    const sequential = journeys.filter((journey) => journey.order === 'sequential');
    const plainSteps = (journey: JourneyConfig) => journey.steps.map(({ within: _within, ...step }) => step);
    const twins = sequential.flatMap(({ window: _window, ...journey }): JourneyConfig[] => [
      { ...journey, id: `${journey.id}-plain`, exclude: [], steps: plainSteps(journey) },
      {
        ...journey,
        id: `${journey.id}-ruled`,
        window: 180_000,
        steps: plainSteps(journey).map((step, index) =>
          index === journey.steps.length - 1 ? { ...step, within: 60_000 } : step,
        ),
      },
    ]);
    const all = [...journeys, ...twins];
    await defineOrderKey(store);
    await computeJourneyUnits(store, all);
    const rows = await store.query(`select journey, unit, level from ${JOURNEY_UNITS_WITH_IDS}`);
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
