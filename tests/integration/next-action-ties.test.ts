import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { computeReport } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * "What they did next" follows the funnel's order: time, then arrival order (docs/funnel-semantics.md).
 * Events sent in one batch often share a millisecond; the one that arrived after the last step came
 * after it, and the one that arrived before it did not.
 */
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const HOURS = 3_600_000;
const page = (sessionId: string, path: string, ts: number) =>
  storedEvent({ sessionId, visitorId: sessionId, path, ts });
const steps = [
  { name: 'A', page: '/a' },
  { name: 'B', page: '/b' },
];
const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    { id: 'greedy', name: 'Sequential', site: 'shop', steps },
    // s2 feels the window (its two A's are 2 h apart), so it takes the ASOF programme.
    { id: 'windowed', name: 'Sequential in 1 h', site: 'shop', window: '1h', steps },
    { id: 'strict', name: 'Strict', site: 'shop', order: 'strict', steps },
    { id: 'any', name: 'Any order', site: 'shop', order: 'any', window: '1h', steps },
  ],
});

describe('next actions with equal timestamps', () => {
  it('counts the event that arrived after the last step at the same time, in every funnel order', async () => {
    const store = await Store.open(join(tempDir(), 'ties.duckdb'));
    // Arrival order is the order of this list.
    await appendEvents(store, [
      page('s1', '/before', T0),
      page('s1', '/a', T0),
      page('s1', '/after', T0),
      page('s2', '/a', T0),
      page('s2', '/a', T0 + 2 * HOURS),
      page('s2', '/later', T0 + 2 * HOURS),
    ]);
    const report = await computeReport(config, store);
    await store.close();
    const nextAfterA = Object.fromEntries(
      report.journeys.map((journey) => [journey.id, journey.steps[0]?.nextActions.map((n) => [n.action, n.units])]),
    );
    expect(nextAfterA).toEqual({
      greedy: [
        ['/after', 1],
        ['/later', 1],
      ],
      windowed: [
        ['/after', 1],
        ['/later', 1],
      ],
      // Strict and any order keep s2's earliest attempt (its first A), which the second A follows.
      strict: [
        ['/a', 1],
        ['/after', 1],
      ],
      any: [
        ['/a', 1],
        ['/after', 1],
      ],
    });
  });
});
