import { type JourneyConfig, parseConfig } from '../../config/index.ts';
import type { StoredEvent } from '../../store/index.ts';
import { storedEvent } from './events.ts';
import { pickOne } from './random.ts';

/**
 * Random units and random journeys for cross-checking funnel engines (the SQL engine against the
 * reference implementation, ClickHouse against DuckDB): units whose events are crowded into a few
 * minutes (many equal timestamps, arrival order shuffled) and journeys of every order with
 * overlapping steps, windows, `within` and exclusions. Everything comes from the seeded `random`.
 */
/** The first minute of the random units; their events fall in the 12 minutes from here. */
export const RANDOM_UNITS_START = Date.UTC(2026, 2, 1, 12, 0, 0);
const T0 = RANDOM_UNITS_START;

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

export interface RandomEvent {
  /** The visitor; each visitor's events are split over two sessions, `<visitor>-a` and `<visitor>-b`. */
  unit: string;
  session: string;
  ts: number;
  name: string;
  path: string;
  props: Record<string, string> | null;
}

/** `units` visitors of 1–9 events each, in shuffled arrival order (the array order is arrival order). */
export function randomUnits(random: () => number, units: number): RandomEvent[] {
  const events: RandomEvent[] = [];
  for (let u = 0; u < units; u++) {
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

/** The random events as stored events of site `shop`, in the same (arrival) order. */
export function randomStoredEvents(events: readonly RandomEvent[]): StoredEvent[] {
  return events.map((event) =>
    storedEvent({
      sessionId: event.session,
      visitorId: event.unit,
      ts: event.ts,
      name: event.name,
      path: event.path,
      props: event.props,
    }),
  );
}

export function randomJourney(random: () => number, index: number): JourneyConfig {
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

/**
 * The longest journeys allowed (20 steps), one per order, with a window, `within` on every third step
 * and an exclusion: the array programme nests one binding per step, so these check it stays correct
 * (and accepted) at the limit.
 */
export function longJourneys(): JourneyConfig[] {
  const matchers = [
    { page: '/p/1' },
    { event: 'a' },
    { page: '/p/*' },
    { event: 'b' },
    { event: 'a', props: { k: 'x' } },
  ];
  return (['sequential', 'strict', 'any'] as const).map((order) => {
    const [config] = parseConfig({
      sites: [{ id: 'shop', origins: ['https://shop.example'] }],
      journeys: [
        {
          id: `long-${order}`,
          name: `Long ${order}`,
          site: 'shop',
          order,
          unit: 'visitor',
          window: '10m',
          steps: Array.from({ length: 20 }, (_, index) => ({
            name: `step ${index + 1}`,
            ...matchers[index % matchers.length],
            ...(index % 3 === 2 ? { within: '3m' } : {}),
          })),
          exclude: [{ event: 'd' }],
        },
      ],
    }).journeys;
    return config as JourneyConfig;
  });
}
