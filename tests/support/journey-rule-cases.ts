import { type JourneyConfig, type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import type { StoredEvent } from '../../store/index.ts';
import { storedEvent } from './events.ts';

/**
 * Hand-made cases, one rule of docs/funnel-semantics.md each, with the exact step counts expected:
 * the same table runs against every funnel engine (DuckDB in tests/integration/journey.test.ts,
 * ClickHouse in tests/integration/clickhouse-journey-rules.test.ts).
 */
export interface JourneyRuleCase {
  /** The rule of the semantics the case checks (a describe block). */
  rule: string;
  name: string;
  /** Stored one batch after another, so a later batch arrives later (ties break by arrival order). */
  batches: StoredEvent[][];
  expected: { journey: JourneyConfig; counts: number[] }[];
}

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
const exclude = [{ event: 'refund' }];

/** Fresh events (new ids) on every call. */
export function journeyRuleCases(): JourneyRuleCase[] {
  const unit = 'unit: each unit counted at most once per step';
  const attempts = 'attempts and windows';
  const order = 'order';
  const ties = 'one event per step, and ties';
  const exclusions = 'exclusions';
  return [
    {
      rule: unit,
      name: 'counts a session that saw A then B at both steps, and one that saw only A at step 1',
      batches: [
        [page('s1', '/a', at(0)), page('s1', '/other', at(1)), page('s1', '/b', at(2)), page('s2', '/a', at(0))],
      ],
      expected: [{ journey: journey({}), counts: [2, 1] }],
    },
    {
      rule: unit,
      name: 'does not count B before A, and counts a session with repeated steps once',
      batches: [
        [
          ...[page('s1', '/b', at(0)), page('s1', '/a', at(1))],
          ...[page('s2', '/a', at(0)), page('s2', '/a', at(1)), page('s2', '/b', at(2)), page('s2', '/b', at(3))],
        ],
      ],
      expected: [{ journey: journey({}), counts: [2, 1] }],
    },
    {
      rule: unit,
      name: 'visitor unit follows one visitor across sessions; session unit does not',
      batches: [
        [
          storedEvent({ visitorId: 'v1', sessionId: 's1', path: '/a', ts: at(0) }),
          storedEvent({ visitorId: 'v1', sessionId: 's2', path: '/b', ts: at(60) }),
        ],
      ],
      expected: [
        { journey: journey({ unit: 'visitor' }), counts: [1, 1] },
        { journey: journey({ unit: 'session' }), counts: [1, 0] },
      ],
    },
    {
      rule: unit,
      name: 'matches event steps with property filters, and ignores other sites',
      batches: [
        [
          event('s1', 'add_to_cart', at(0), { props: { currency: 'EUR' } }),
          event('s1', 'purchase', at(1)),
          event('s2', 'add_to_cart', at(0), { props: { currency: 'USD' } }),
          event('s2', 'purchase', at(1)),
          event('s3', 'add_to_cart', at(0), { site: 'blog', props: { currency: 'EUR' } }),
        ],
      ],
      expected: [
        {
          journey: journey({
            steps: [
              { name: 'Cart', event: 'add_to_cart', props: { currency: 'EUR' } },
              { name: 'Paid', event: 'purchase' },
            ],
          }),
          counts: [1, 1],
        },
      ],
    },
    {
      rule: attempts,
      name: 'counts the best attempt: a later step-1 event may complete inside the window',
      batches: [[page('s1', '/a', at(0)), page('s1', '/a', at(10)), page('s1', '/b', at(12))]],
      expected: [{ journey: journey({ window: '5m' }), counts: [1, 1] }],
    },
    {
      rule: attempts,
      name: 'window from step 1 is inclusive: exactly 5m completes, 5m 1s does not',
      batches: [
        [page('s1', '/a', at(0)), page('s1', '/b', at(5)), page('s2', '/a', at(0)), page('s2', '/b', at(5, 1))],
      ],
      expected: [{ journey: journey({ window: '5m' }), counts: [2, 1] }],
    },
    {
      rule: attempts,
      name: 'per-step within is inclusive and measured from the previous step',
      batches: [
        [page('s1', '/a', at(0)), page('s1', '/b', at(2)), page('s2', '/a', at(0)), page('s2', '/b', at(2, 1))],
      ],
      expected: [
        {
          journey: journey({
            steps: [
              { name: 'A', page: '/a' },
              { name: 'B', page: '/b', within: '2m' },
            ],
          }),
          counts: [2, 1],
        },
      ],
    },
    {
      rule: attempts,
      name: 'finds a chain the earliest match would miss: C within 1m needs the later B',
      batches: [
        [page('s1', '/a', at(0)), page('s1', '/b', at(1)), page('s1', '/b', at(5)), page('s1', '/c', at(5, 30))],
      ],
      expected: [
        {
          journey: journey({ steps: [...abc.slice(0, 2), { name: 'C', page: '/c', within: '1m' }], window: '10m' }),
          counts: [1, 1, 1],
        },
      ],
    },
    {
      rule: order,
      name: 'sequential lets other events come between steps; strict does not',
      batches: [
        [
          page('s1', '/a', at(0)),
          page('s1', '/x', at(1)),
          page('s1', '/b', at(2)),
          page('s2', '/a', at(0)),
          page('s2', '/b', at(1)),
        ],
      ],
      expected: [
        { journey: journey({ order: 'sequential' }), counts: [2, 2] },
        { journey: journey({ order: 'strict' }), counts: [2, 1] },
      ],
    },
    {
      rule: order,
      name: 'strict: a repeated step event breaks the chain; a later attempt may still succeed',
      batches: [
        [
          ...[page('s1', '/a', at(0)), page('s1', '/b', at(1)), page('s1', '/b', at(2)), page('s1', '/c', at(3))],
          ...[page('s2', '/a', at(0)), page('s2', '/a', at(1)), page('s2', '/b', at(2)), page('s2', '/c', at(3))],
        ],
      ],
      expected: [{ journey: journey({ order: 'strict', steps: abc }), counts: [2, 2, 1] }],
    },
    {
      rule: order,
      name: 'any order: level is the number of distinct steps done inside the window of the first',
      batches: [
        [
          ...[page('s1', '/c', at(0)), page('s1', '/a', at(1))],
          ...[page('s2', '/b', at(0)), page('s2', '/c', at(1)), page('s2', '/a', at(2))],
          ...[page('s3', '/a', at(0)), page('s3', '/b', at(9)), page('s3', '/c', at(10))],
        ],
      ],
      expected: [{ journey: journey({ order: 'any', steps: abc, window: '5m' }), counts: [3, 3, 1] }],
    },
    {
      rule: ties,
      name: 'a journey /a → /a needs two /a page views',
      batches: [[page('s1', '/a', at(0)), page('s2', '/a', at(0)), page('s2', '/a', at(1))]],
      expected: [
        {
          journey: journey({
            steps: [
              { name: 'A', page: '/a' },
              { name: 'A again', page: '/a' },
            ],
          }),
          counts: [2, 1],
        },
        {
          journey: journey({
            steps: [
              { name: 'A', page: '/a' },
              { name: 'A again', page: '/a' },
            ],
            order: 'any',
          }),
          counts: [2, 1],
        },
      ],
    },
    {
      rule: ties,
      name: 'any order: one /products/lamp view cannot be both "any product" and "the lamp"',
      batches: [
        [
          page('s1', '/products/lamp', at(0)),
          page('s2', '/products/lamp', at(0)),
          page('s2', '/products/chair', at(1)),
        ],
      ],
      expected: [
        {
          journey: journey({
            steps: [
              { name: 'Lamp', page: '/products/lamp' },
              { name: 'Any product', page: '/products/*' },
            ],
            order: 'any',
          }),
          counts: [2, 1],
        },
      ],
    },
    {
      rule: ties,
      name: 'equal timestamps may advance the journey, in arrival order',
      batches: [
        [page('s1', '/a', at(0))],
        [page('s1', '/b', at(0))],
        [page('s2', '/b', at(0))],
        [page('s2', '/a', at(0))],
      ],
      expected: [
        { journey: journey({}), counts: [2, 1] },
        { journey: journey({ order: 'strict' }), counts: [2, 1] },
      ],
    },
    {
      rule: exclusions,
      name: 'discards an attempt with an exclusion before its completion, and a unit with no attempt left',
      batches: [[page('s1', '/a', at(0)), event('s1', 'refund', at(1)), page('s1', '/b', at(2))]],
      expected: [{ journey: journey({ exclude }), counts: [0, 0] }],
    },
    {
      rule: exclusions,
      name: 'keeps an attempt whose exclusion comes after it completed',
      batches: [[page('s1', '/a', at(0)), page('s1', '/b', at(1)), event('s1', 'refund', at(2))]],
      expected: [{ journey: journey({ exclude }), counts: [1, 1] }],
    },
    {
      rule: exclusions,
      name: 'an incomplete attempt is discarded by an exclusion inside its window, not by one after it',
      batches: [
        [
          page('s1', '/a', at(0)),
          event('s1', 'refund', at(5)),
          page('s2', '/a', at(0)),
          event('s2', 'refund', at(5, 1)),
        ],
      ],
      expected: [
        { journey: journey({ exclude, window: '5m' }), counts: [1, 0] },
        { journey: journey({ exclude }), counts: [0, 0] },
      ],
    },
    {
      rule: exclusions,
      name: 'a later clean attempt still counts after an earlier one was discarded',
      batches: [
        [page('s1', '/a', at(0)), event('s1', 'refund', at(1)), page('s1', '/a', at(2)), page('s1', '/b', at(3))],
      ],
      expected: [
        { journey: journey({ exclude }), counts: [1, 1] },
        { journey: journey({ exclude, order: 'strict' }), counts: [1, 1] },
        { journey: journey({ exclude, order: 'any' }), counts: [1, 1] },
      ],
    },
  ];
}
