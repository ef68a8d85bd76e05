import type { PolkuConfigInput } from '../../config/index.ts';
import type { StoredEvent } from '../../store/index.ts';
import { storedEvent } from './events.ts';

const STEPS = [
  { name: 'Visit', page: '/' },
  { name: 'Sign-up', event: 'signup' },
  { name: 'First purchase', event: 'purchase' },
  { name: 'Repeat purchase', event: 'purchase' },
];
/** A visitor journey, the same steps per session, and an any-order visitor journey. */
export const LIFECYCLE_CONFIG = {
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    { id: 'lifecycle', name: 'Lifecycle', site: 'shop', unit: 'visitor', steps: STEPS },
    { id: 'per-session', name: 'Per session', site: 'shop', steps: STEPS },
    { id: 'any-order', name: 'Any order', site: 'shop', unit: 'visitor', order: 'any', steps: STEPS },
  ],
  // Local weeks: Helsinki is UTC+2 until 29 March 2026, then UTC+3.
  report: { timezone: 'Europe/Helsinki' },
} satisfies PolkuConfigInput;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2 March 2026, 10:00 UTC. */
const MON_2_MAR = Date.UTC(2026, 2, 2, 10);

/**
 * Three cohorts by local week of the visit (every time UTC):
 * - week of Monday 2 March: a1 visits Mon 2 Mar 10:00, signs up a day later, buys 10 days after the
 *   visit (week 1) and again after 20 days (week 2); a2 visits Wed 4 Mar, signs up 3 h later and buys
 *   1 h after that (week 0); a3 visits Sun 8 Mar 21:30 (23:30 in Helsinki, still that week) and does
 *   nothing more; a4 visits Fri 6 Mar and signs up exactly 7 days later (week 1, not 0);
 * - week of Monday 9 March: b1 visits Sun 8 Mar 22:30 (00:30 on Monday in Helsinki), signs up 2 days
 *   later and buys 30 days after the visit (week 4); b2 visits Tue 10 Mar, nothing more;
 * - week of Monday 6 April: c1 visits Mon 6 Apr 10:00 and signs up 2 h later; c2 visits Sun 12 Apr.
 * The data ends with a page view of /about on Tue 14 Apr 10:00: 43 days after a1's visit.
 */
export function lifecycleEvents(): StoredEvent[] {
  const list: StoredEvent[] = [];
  const add = (visitor: string, at: number, fields: Partial<StoredEvent>) =>
    // One session per visitor and UTC day.
    list.push(storedEvent({ visitorId: visitor, sessionId: `${visitor}-${Math.floor(at / DAY)}`, ts: at, ...fields }));
  const visit = (visitor: string, at: number) => add(visitor, at, { path: '/' });
  const event = (visitor: string, at: number, name: string) => add(visitor, at, { name });

  visit('a1', MON_2_MAR);
  event('a1', MON_2_MAR + DAY, 'signup');
  event('a1', MON_2_MAR + 10 * DAY, 'purchase');
  event('a1', MON_2_MAR + 20 * DAY, 'purchase');
  const a2 = MON_2_MAR + 2 * DAY;
  visit('a2', a2);
  event('a2', a2 + 3 * HOUR, 'signup');
  event('a2', a2 + 4 * HOUR, 'purchase');
  visit('a3', Date.UTC(2026, 2, 8, 21, 30));
  const a4 = MON_2_MAR + 4 * DAY;
  visit('a4', a4);
  event('a4', a4 + 7 * DAY, 'signup');

  const b1 = Date.UTC(2026, 2, 8, 22, 30);
  visit('b1', b1);
  event('b1', b1 + 2 * DAY, 'signup');
  event('b1', b1 + 30 * DAY, 'purchase');
  visit('b2', MON_2_MAR + 8 * DAY);

  const c1 = Date.UTC(2026, 3, 6, 10);
  visit('c1', c1);
  event('c1', c1 + 2 * HOUR, 'signup');
  visit('c2', Date.UTC(2026, 3, 12, 10));

  add('z', Date.UTC(2026, 3, 14, 10), { path: '/about' });
  return list;
}
