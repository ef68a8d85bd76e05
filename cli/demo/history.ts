import { Random } from './random.ts';
import { type RecordedScene, rebaseScene } from './replays.ts';
import {
  type CampaignName,
  campaignSessions,
  campaignSource,
  type Device,
  deviceFor,
  everydaySessions,
  everydaySource,
  HOUR_WEIGHTS,
  newVisitor,
  PRODUCT_PATHS,
  PRODUCTS,
  type ProductPath,
  propensity,
  type Source,
  type Visitor,
} from './traffic.ts';

/** The simulated history: 60 days ending 2026-11-29, on the shop's public address. */
export const HISTORY = {
  start: Date.UTC(2026, 9, 1),
  days: 60,
  origin: 'https://valo.example',
} as const;

const DAY_MS = 86_400_000;
/** The tracker sends what it queued two seconds after the first event (collector/tracker FLUSH_MS). */
const FLUSH_MS = 2_000;

/** An event as the tracker makes it, with its true time (the seeder applies the device's clock skew). */
export interface HistoricEvent {
  id: string;
  ts: number;
  name: string;
  url: string;
  referrer?: string;
  page_id: string;
  props?: Record<string, string | number | boolean>;
  value?: number;
}

/** One request the tracker would have sent, at `at` (true time). */
export type Delivery =
  | { kind: 'events'; at: number; visitor: Visitor; events: HistoricEvent[] }
  | { kind: 'replay'; at: number; visitor: Visitor; pageId: string; seq: number; events: unknown[]; plain: boolean };

export interface History {
  /** In the order they are sent. */
  deliveries: Delivery[];
  sessions: number;
  events: number;
  replays: number;
}

interface Visit {
  visitor: Visitor;
  source: Source;
  intent: 'browse' | 'buy';
}

/**
 * Generates the demo's history from a seed: every visit as the page views and events the tracker
 * would send, and for some visits that left mid-way, the replay of the page where they left.
 */
export function generateHistory(seed: number, scenes: RecordedScene[]): History {
  const random = new Random(seed);
  const deliveries: Delivery[] = [];
  const pool: Visitor[] = [];
  const known = new Set<Visitor>();
  const scheduled = new Map<number, Visit[]>();
  let sessions = 0;
  let replays = 0;

  const schedule = (day: number, visit: Visit) => {
    if (day >= HISTORY.days) return;
    scheduled.set(day, [...(scheduled.get(day) ?? []), visit]);
  };

  for (let day = 0; day < HISTORY.days; day++) {
    const visits: Visit[] = [...(scheduled.get(day) ?? [])];
    for (let i = 0; i < everydaySessions(day); i++) {
      const source = everydaySource(random);
      const returning = pool.length > 0 && random.chance(0.25);
      const visitor = returning ? random.pick(pool) : newVisitor(random, deviceFor(random, source));
      visits.push({ visitor, source, intent: 'browse' });
    }
    for (const { campaign, sessions: count } of campaignSessions(day)) {
      for (let i = 0; i < count; i++) {
        const source = campaignSource(random, campaign);
        visits.push({ visitor: newVisitor(random, deviceFor(random, source)), source, intent: 'browse' });
      }
    }
    for (const visit of visits) {
      if (!known.has(visit.visitor)) {
        known.add(visit.visitor);
        pool.push(visit.visitor);
      }
      const start = HISTORY.start + day * DAY_MS + startOfVisit(random);
      const outcome = simulateVisit(random, visit, start, deliveries);
      sessions += 1;
      // Members the shop may write to come back: to buy for the first time, then again.
      if (visit.visitor.clientId && outcome.signedUp && random.chance(0.8)) {
        schedule(day + random.int(1, 12), { visitor: visit.visitor, source: memberSource(random), intent: 'buy' });
      }
      if (visit.visitor.clientId && outcome.purchased && visit.visitor.purchases === 1 && random.chance(0.7)) {
        schedule(day + random.int(7, 25), { visitor: visit.visitor, source: memberSource(random), intent: 'buy' });
      }
      if (outcome.leftAt) {
        const scene = sceneFor(random, scenes, outcome.leftAt, visit.visitor.device);
        if (scene) {
          replays += 1;
          deliverReplay(scene, outcome.leftAt, visit.visitor, deliveries);
        }
      }
    }
  }
  // Stable: requests sent at the same moment keep the order they were made in.
  deliveries.sort((a, b) => a.at - b.at);
  const events = deliveries.reduce((n, d) => n + (d.kind === 'events' ? d.events.length : 0), 0);
  return { deliveries, sessions, events, replays };
}

function memberSource(random: Random): Source {
  return random.chance(0.6) ? campaignSource(random, 'members-letter' satisfies CampaignName) : { kind: 'direct' };
}

function startOfVisit(random: Random): number {
  const hours = Object.fromEntries(HOUR_WEIGHTS.map((weight, hour) => [String(hour), weight]));
  return Number(random.weighted(hours)) * 3_600_000 + random.int(0, 3_599) * 1000;
}

interface LeftAt {
  kind: 'product' | 'cart' | 'checkout';
  path: string;
  pageId: string;
  ts: number;
}

interface Outcome {
  signedUp: boolean;
  purchased: boolean;
  /** The page where a visit that had started buying left, for its replay. */
  leftAt?: LeftAt;
}

/** Walks one visit through the shop, appending what the tracker would send. */
function simulateVisit(random: Random, { visitor, source, intent }: Visit, start: number, out: Delivery[]): Outcome {
  let t = start;
  let previousUrl: string | undefined;
  let current = { path: '', pageId: '', ts: 0 };
  const chances = propensity(source, visitor.device, intent);
  const query = source.utm
    ? `?${new URLSearchParams({
        utm_source: source.utm.source,
        utm_medium: source.utm.medium,
        utm_campaign: source.utm.campaign,
        ...(source.utm.content ? { utm_content: source.utm.content } : {}),
      })}`
    : '';

  const send = (event: Omit<HistoricEvent, 'id' | 'page_id' | 'url'>) => {
    const url = `${HISTORY.origin}${current.path}${current.path === landing ? query : ''}`;
    const full: HistoricEvent = { id: random.uuid(), url, page_id: current.pageId, ...event };
    out.push({ kind: 'events', at: event.ts + FLUSH_MS, visitor, events: [full] });
  };
  /** A page view, then `dwell` seconds on the page (events on it happen within that time). */
  const view = (path: string, dwellSeconds: [number, number]) => {
    current = { path, pageId: random.uuid(), ts: t };
    const referrer = previousUrl ?? source.referrer;
    send({ ts: t, name: 'pageview', ...(referrer ? { referrer } : {}) });
    previousUrl = `${HISTORY.origin}${path}`;
    const dwell = random.int(dwellSeconds[0], dwellSeconds[1]) * 1000;
    t += dwell;
    return current.ts + dwell;
  };
  const at = (from: number, seconds: [number, number]) => from + random.int(seconds[0], seconds[1]) * 1000;

  const landing = firstPage(random, source);
  view(landing, [8, 60]);
  let signedUp = false;
  if (landing === '/demo/' && !visitor.signedUp && random.chance(visitor.clientId ? 0.5 : 0.06)) {
    view('/demo/signup/', [25, 70]);
    send({ ts: t - 3000, name: 'sign_up' });
    visitor.signedUp = signedUp = true;
    view('/demo/', [5, 30]);
  }
  let product = PRODUCT_PATHS.includes(landing as ProductPath) ? (landing as ProductPath) : undefined;
  if (!product) {
    if (!random.chance(chances.product)) return { signedUp, purchased: false };
    product = random.pick(PRODUCT_PATHS);
    view(product, [10, 70]);
  }
  const seen = new Set<string>([product]);
  while (seen.size < 3 && random.chance(0.3)) {
    product = random.pick(PRODUCT_PATHS.filter((path) => !seen.has(path)));
    seen.add(product);
    view(product, [10, 60]);
  }
  if (random.chance(0.1)) {
    view('/demo/help/shipping/', [15, 50]);
    view(product, [5, 25]);
  }
  if (!random.chance(chances.addToCart)) return { signedUp, purchased: false, leftAt: { kind: 'product', ...current } };
  const { id, price } = PRODUCTS[product];
  // No `value` on add_to_cart: campaign revenue sums the value of every event, and only a purchase earns.
  send({ ts: at(current.ts, [4, 8]), name: 'add_to_cart', props: { product: id, price } });
  if (!random.chance(chances.checkout)) return { signedUp, purchased: false, leftAt: { kind: 'cart', ...current } };
  if (random.chance(0.12)) view('/demo/', [4, 15]);
  const paidAt = view('/demo/checkout/', [60, 180]);
  if (!random.chance(chances.purchase)) return { signedUp, purchased: false, leftAt: { kind: 'checkout', ...current } };
  send({ ts: paidAt - 20_000, name: 'purchase', props: { product: id }, value: price });
  visitor.purchases += 1;
  if (random.chance(0.55)) {
    const score = Number(random.weighted(visitor.device === 'desktop' ? DESKTOP_SCORES : MOBILE_SCORES));
    send({ ts: paidAt - 8000, name: 'feedback', props: { score, step: 'purchase' } });
  }
  return { signedUp, purchased: true };
}

/** "How likely are you to recommend Valo?" 0–10, the scale the report's NPS reads. */
const DESKTOP_SCORES = { 10: 30, 9: 28, 8: 16, 7: 10, 6: 6, 5: 4, 4: 2, 3: 2, 2: 1, 1: 1, 0: 0 };
const MOBILE_SCORES = { 10: 10, 9: 12, 8: 14, 7: 14, 6: 12, 5: 10, 4: 8, 3: 7, 2: 5, 1: 4, 0: 4 };

function firstPage(random: Random, source: Source): string {
  switch (source.campaign) {
    case 'floor-lamp-launch':
      return '/demo/products/floor/';
    case 'winter-stories':
      return '/demo/products/pendant/';
    case 'autumn-sale':
      return source.kind === 'email' ? '/demo/products/lamp/' : '/demo/';
    default:
  }
  if (source.kind === 'referral' || source.kind === 'ai') return random.pick(PRODUCT_PATHS);
  if (source.kind === 'search') return random.chance(0.5) ? '/demo/' : random.pick(PRODUCT_PATHS);
  return '/demo/';
}

const REPLAY_CHANCE = { product: 0.03, cart: 0.12, checkout: 0.3 } as const;

/** A recording of the same kind of page on the same kind of device, for a share of the visits that left. */
function sceneFor(random: Random, scenes: RecordedScene[], left: LeftAt, device: Device): RecordedScene | undefined {
  if (!random.chance(REPLAY_CHANCE[left.kind])) return undefined;
  const shown = device === 'tablet' ? 'desktop' : device;
  return scenes.find((scene) => scene.name === `${left.kind}-${shown}`);
}

/** The recorder's chunks, as it sends them: gzip every few seconds, the last one plain at page hide. */
function deliverReplay(scene: RecordedScene, left: LeftAt, visitor: Visitor, out: Delivery[]): void {
  const chunks = rebaseScene(scene, left.ts + 300);
  chunks.forEach(({ events, lastMs }, seq) => {
    const plain = seq === chunks.length - 1;
    out.push({ kind: 'replay', at: lastMs + (plain ? 100 : 1000), visitor, pageId: left.pageId, seq, events, plain });
  });
}
