import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type JourneyConfig, type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import { journeyStepCounts } from '../../reports/journey.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/** Hand-made cases, one rule of docs/funnel-semantics.md each, with the exact counts expected. */
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const at = (minutes: number, seconds = 0) => T0 + minutes * 60_000 + seconds * 1000;

type JourneyInput = Partial<PolkuConfigInput['journeys'] extends (infer J)[] | undefined ? J : never>;
function journey(input: JourneyInput): JourneyConfig {
  const [parsed] = parseConfig({
    sites: [{ id: 'shop', origins: ['https://shop.example'] }],
    journeys: [
      {
        id: 'j',
        name: 'J',
        site: 'shop',
        steps: [
          { name: 'A', page: '/a' },
          { name: 'B', page: '/b' },
        ],
        ...input,
      },
    ],
  }).journeys;
  return parsed as JourneyConfig;
}
const page = (sessionId: string, path: string, ts: number, extra: Partial<StoredEvent> = {}) =>
  storedEvent({ sessionId, visitorId: sessionId, path, ts, ...extra });
const event = (sessionId: string, name: string, ts: number, extra: Partial<StoredEvent> = {}) =>
  storedEvent({ sessionId, visitorId: sessionId, name, ts, ...extra });
const abc = [
  { name: 'A', page: '/a' },
  { name: 'B', page: '/b' },
  { name: 'C', page: '/c' },
];

let store: Store;
beforeEach(async () => {
  store = await Store.open(join(tempDir(), 'polku.duckdb'));
});
afterEach(() => store.close());
const counts = (j: JourneyConfig) => journeyStepCounts(store, j);

describe('unit: each unit counted at most once per step', () => {
  it('counts a session that saw A then B at both steps, and one that saw only A at step 1', async () => {
    await appendEvents(store, [
      page('s1', '/a', at(0)),
      page('s1', '/other', at(1)),
      page('s1', '/b', at(2)),
      page('s2', '/a', at(0)),
    ]);
    expect(await counts(journey({}))).toEqual([2, 1]);
  });

  it('does not count B before A, and counts a session with repeated steps once', async () => {
    await appendEvents(store, [
      ...[page('s1', '/b', at(0)), page('s1', '/a', at(1))],
      ...[page('s2', '/a', at(0)), page('s2', '/a', at(1)), page('s2', '/b', at(2)), page('s2', '/b', at(3))],
    ]);
    expect(await counts(journey({}))).toEqual([2, 1]);
  });

  it('visitor unit follows one visitor across sessions; session unit does not', async () => {
    await appendEvents(store, [
      storedEvent({ visitorId: 'v1', sessionId: 's1', path: '/a', ts: at(0) }),
      storedEvent({ visitorId: 'v1', sessionId: 's2', path: '/b', ts: at(60) }),
    ]);
    expect(await counts(journey({ unit: 'visitor' }))).toEqual([1, 1]);
    expect(await counts(journey({ unit: 'session' }))).toEqual([1, 0]);
  });

  it('matches event steps with property filters, and ignores other sites', async () => {
    await appendEvents(store, [
      event('s1', 'add_to_cart', at(0), { props: { currency: 'EUR' } }),
      event('s1', 'purchase', at(1)),
      event('s2', 'add_to_cart', at(0), { props: { currency: 'USD' } }),
      event('s2', 'purchase', at(1)),
      event('s3', 'add_to_cart', at(0), { site: 'blog', props: { currency: 'EUR' } }),
    ]);
    const steps = [
      { name: 'Cart', event: 'add_to_cart', props: { currency: 'EUR' } },
      { name: 'Paid', event: 'purchase' },
    ];
    expect(await counts(journey({ steps }))).toEqual([1, 1]);
  });
});

describe('attempts and windows', () => {
  it('counts the best attempt: a later step-1 event may complete inside the window', async () => {
    await appendEvents(store, [page('s1', '/a', at(0)), page('s1', '/a', at(10)), page('s1', '/b', at(12))]);
    expect(await counts(journey({ window: '5m' }))).toEqual([1, 1]);
  });

  it('window from step 1 is inclusive: exactly 5m completes, 5m 1s does not', async () => {
    await appendEvents(store, [
      page('s1', '/a', at(0)),
      page('s1', '/b', at(5)),
      page('s2', '/a', at(0)),
      page('s2', '/b', at(5, 1)),
    ]);
    expect(await counts(journey({ window: '5m' }))).toEqual([2, 1]);
  });

  it('per-step within is inclusive and measured from the previous step', async () => {
    await appendEvents(store, [
      page('s1', '/a', at(0)),
      page('s1', '/b', at(2)),
      page('s2', '/a', at(0)),
      page('s2', '/b', at(2, 1)),
    ]);
    const steps = [
      { name: 'A', page: '/a' },
      { name: 'B', page: '/b', within: '2m' },
    ];
    expect(await counts(journey({ steps }))).toEqual([2, 1]);
  });

  it('finds a chain the earliest match would miss: C within 1m needs the later B', async () => {
    await appendEvents(store, [
      page('s1', '/a', at(0)),
      page('s1', '/b', at(1)),
      page('s1', '/b', at(5)),
      page('s1', '/c', at(5, 30)),
    ]);
    const steps = [...abc.slice(0, 2), { name: 'C', page: '/c', within: '1m' }];
    expect(await counts(journey({ steps, window: '10m' }))).toEqual([1, 1, 1]);
  });
});

describe('order', () => {
  it('sequential lets other events come between steps; strict does not', async () => {
    await appendEvents(store, [
      page('s1', '/a', at(0)),
      page('s1', '/x', at(1)),
      page('s1', '/b', at(2)),
      page('s2', '/a', at(0)),
      page('s2', '/b', at(1)),
    ]);
    expect(await counts(journey({ order: 'sequential' }))).toEqual([2, 2]);
    expect(await counts(journey({ order: 'strict' }))).toEqual([2, 1]);
  });

  it('strict: a repeated step event breaks the chain; a later attempt may still succeed', async () => {
    await appendEvents(store, [
      ...[page('s1', '/a', at(0)), page('s1', '/b', at(1)), page('s1', '/b', at(2)), page('s1', '/c', at(3))],
      ...[page('s2', '/a', at(0)), page('s2', '/a', at(1)), page('s2', '/b', at(2)), page('s2', '/c', at(3))],
    ]);
    expect(await counts(journey({ order: 'strict', steps: abc }))).toEqual([2, 2, 1]);
  });

  it('any order: level is the number of distinct steps done inside the window of the first', async () => {
    await appendEvents(store, [
      ...[page('s1', '/c', at(0)), page('s1', '/a', at(1))],
      ...[page('s2', '/b', at(0)), page('s2', '/c', at(1)), page('s2', '/a', at(2))],
      ...[page('s3', '/a', at(0)), page('s3', '/b', at(9)), page('s3', '/c', at(10))],
    ]);
    expect(await counts(journey({ order: 'any', steps: abc, window: '5m' }))).toEqual([3, 3, 1]);
  });
});

describe('one event per step, and ties', () => {
  it('a journey /a → /a needs two /a page views', async () => {
    await appendEvents(store, [page('s1', '/a', at(0)), page('s2', '/a', at(0)), page('s2', '/a', at(1))]);
    const steps = [
      { name: 'A', page: '/a' },
      { name: 'A again', page: '/a' },
    ];
    expect(await counts(journey({ steps }))).toEqual([2, 1]);
    expect(await counts(journey({ steps, order: 'any' }))).toEqual([2, 1]);
  });

  it('any order: one /products/lamp view cannot be both "any product" and "the lamp"', async () => {
    await appendEvents(store, [
      page('s1', '/products/lamp', at(0)),
      page('s2', '/products/lamp', at(0)),
      page('s2', '/products/chair', at(1)),
    ]);
    const steps = [
      { name: 'Lamp', page: '/products/lamp' },
      { name: 'Any product', page: '/products/*' },
    ];
    expect(await counts(journey({ steps, order: 'any' }))).toEqual([2, 1]);
  });

  it('equal timestamps may advance the journey, in arrival order', async () => {
    await appendEvents(store, [page('s1', '/a', at(0))]);
    await appendEvents(store, [page('s1', '/b', at(0))]);
    await appendEvents(store, [page('s2', '/b', at(0))]);
    await appendEvents(store, [page('s2', '/a', at(0))]);
    expect(await counts(journey({}))).toEqual([2, 1]);
    expect(await counts(journey({ order: 'strict' }))).toEqual([2, 1]);
  });
});

describe('exclusions', () => {
  const exclude = [{ event: 'refund' }];
  it('discards an attempt with an exclusion before its completion, and a unit with no attempt left', async () => {
    await appendEvents(store, [page('s1', '/a', at(0)), event('s1', 'refund', at(1)), page('s1', '/b', at(2))]);
    expect(await counts(journey({ exclude }))).toEqual([0, 0]);
  });

  it('keeps an attempt whose exclusion comes after it completed', async () => {
    await appendEvents(store, [page('s1', '/a', at(0)), page('s1', '/b', at(1)), event('s1', 'refund', at(2))]);
    expect(await counts(journey({ exclude }))).toEqual([1, 1]);
  });

  it('an incomplete attempt is discarded by an exclusion inside its window, not by one after it', async () => {
    await appendEvents(store, [
      page('s1', '/a', at(0)),
      event('s1', 'refund', at(5)),
      page('s2', '/a', at(0)),
      event('s2', 'refund', at(5, 1)),
    ]);
    expect(await counts(journey({ exclude, window: '5m' }))).toEqual([1, 0]);
    expect(await counts(journey({ exclude }))).toEqual([0, 0]);
  });

  it('a later clean attempt still counts after an earlier one was discarded', async () => {
    await appendEvents(store, [
      page('s1', '/a', at(0)),
      event('s1', 'refund', at(1)),
      page('s1', '/a', at(2)),
      page('s1', '/b', at(3)),
    ]);
    expect(await counts(journey({ exclude }))).toEqual([1, 1]);
    expect(await counts(journey({ exclude, order: 'strict' }))).toEqual([1, 1]);
    expect(await counts(journey({ exclude, order: 'any' }))).toEqual([1, 1]);
  });
});
