import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { computeJourney } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { tempDir } from '../support/temp.ts';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const minutes = (n: number) => T0 + n * 60_000;

const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'two-pages',
      name: 'A then B',
      site: 'shop',
      steps: [
        { name: 'A', page: '/a' },
        { name: 'B', page: '/b' },
      ],
    },
    {
      id: 'cart',
      name: 'Product to paid',
      site: 'shop',
      unit: 'visitor',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Cart', event: 'add_to_cart', props: { currency: 'EUR' } },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
});
const [twoPages, cart] = config.journeys as [(typeof config.journeys)[0], (typeof config.journeys)[0]];

let store: Store;
beforeEach(async () => {
  store = await Store.open(join(tempDir(), 'polku.duckdb'));
});
afterEach(() => store.close());

describe('sequential journey, per session', () => {
  it('counts a session that saw A then B at both steps, and one that saw only A at step 1', async () => {
    await store.appendEvents([
      storedEvent({ sessionId: 's1', path: '/a', ts: minutes(0) }),
      storedEvent({ sessionId: 's1', path: '/other', ts: minutes(1) }),
      storedEvent({ sessionId: 's1', path: '/b', ts: minutes(2) }),
      storedEvent({ sessionId: 's2', path: '/a', ts: minutes(0) }),
    ]);
    const report = await computeJourney(store, twoPages);
    expect(report.steps).toEqual([
      { name: 'A', units: 2, ofStart: 1, ofPrevious: 1, droppedHere: 1 },
      { name: 'B', units: 1, ofStart: 0.5, ofPrevious: 0.5, droppedHere: 0 },
    ]);
  });

  it('does not count B before A, and counts each session once per step', async () => {
    await store.appendEvents([
      storedEvent({ sessionId: 's1', path: '/b', ts: minutes(0) }),
      storedEvent({ sessionId: 's1', path: '/a', ts: minutes(1) }),
      storedEvent({ sessionId: 's2', path: '/a', ts: minutes(0) }),
      storedEvent({ sessionId: 's2', path: '/a', ts: minutes(1) }),
      storedEvent({ sessionId: 's2', path: '/b', ts: minutes(2) }),
      storedEvent({ sessionId: 's2', path: '/b', ts: minutes(3) }),
    ]);
    const steps = (await computeJourney(store, twoPages)).steps.map((step) => step.units);
    expect(steps).toEqual([2, 1]);
  });

  it('breaks equal timestamps by arrival order', async () => {
    await store.appendEvents([storedEvent({ sessionId: 's1', path: '/a', ts: minutes(0) })]);
    await store.appendEvents([storedEvent({ sessionId: 's1', path: '/b', ts: minutes(0) })]);
    await store.appendEvents([storedEvent({ sessionId: 's2', path: '/b', ts: minutes(0) })]);
    await store.appendEvents([storedEvent({ sessionId: 's2', path: '/a', ts: minutes(0) })]);
    expect((await computeJourney(store, twoPages)).steps.map((step) => step.units)).toEqual([2, 1]);
  });

  it('ignores events of other sites', async () => {
    await store.appendEvents([
      storedEvent({ site: 'blog', sessionId: 's1', path: '/a', ts: minutes(0) }),
      storedEvent({ site: 'blog', sessionId: 's1', path: '/b', ts: minutes(1) }),
    ]);
    expect((await computeJourney(store, twoPages)).steps.map((step) => step.units)).toEqual([0, 0]);
  });
});

describe('sequential journey, per visitor, with event and property steps', () => {
  it('follows a visitor across sessions and matches event props', async () => {
    await store.appendEvents([
      storedEvent({ visitorId: 'v1', sessionId: 's1', path: '/products/lamp', ts: minutes(0) }),
      storedEvent({
        visitorId: 'v1',
        sessionId: 's2',
        name: 'add_to_cart',
        props: { currency: 'EUR' },
        ts: minutes(60),
      }),
      storedEvent({ visitorId: 'v1', sessionId: 's2', name: 'purchase', ts: minutes(61) }),
      storedEvent({ visitorId: 'v2', sessionId: 's3', path: '/products/chair', ts: minutes(0) }),
      storedEvent({
        visitorId: 'v2',
        sessionId: 's3',
        name: 'add_to_cart',
        props: { currency: 'USD' },
        ts: minutes(1),
      }),
      storedEvent({ visitorId: 'v3', sessionId: 's4', path: '/products/chair/reviews', ts: minutes(0) }),
    ]);
    const report = await computeJourney(store, cart);
    expect(report.unit).toBe('visitor');
    expect(report.steps.map((step) => [step.units, step.droppedHere])).toEqual([
      [2, 1],
      [1, 0],
      [1, 0],
    ]);
  });
});
