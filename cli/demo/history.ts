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

/**
 * An event the shop's backend sends (`polku/server`): no page, and who it belongs to, the page load
 * (the page id the checkout form posted) or the member's user id or consented client id.
 */
export interface BackendEvent {
  id: string;
  ts: number;
  name: string;
  page_id?: string;
  user_id?: string;
  client_id?: string;
  props?: Record<string, string | number | boolean>;
  value?: number;
}

/**
 * One request the tracker (or the shop's backend) would have sent, at `at` (true time). `userId`:
 * the user id the tracker's batch carried, once the member was identified (`polku('identify')`).
 */
export type Delivery =
  | { kind: 'events'; at: number; visitor: Visitor; userId?: string; events: HistoricEvent[] }
  | { kind: 'server'; at: number; events: BackendEvent[] }
  | { kind: 'replay'; at: number; visitor: Visitor; pageId: string; seq: number; events: unknown[]; plain: boolean };

/** The backend's tracker sends what it queued within a second (server/index.ts flushIntervalMs). */
const BACKEND_FLUSH_MS = 1_000;

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
      // Members the shop may write to come back: to buy for the first time, then again; a signed-in
      // member orders again from their other device (the user id joins the two).
      if (visit.visitor.clientId && outcome.signedUp && random.chance(0.8)) {
        schedule(day + random.int(1, 12), { visitor: visit.visitor, source: memberSource(random), intent: 'buy' });
      }
      if (visit.visitor.clientId && outcome.purchased && visit.visitor.purchases === 1 && random.chance(0.7)) {
        const next = visit.visitor.userId ? otherDeviceOf(random, visit.visitor) : visit.visitor;
        schedule(day + random.int(7, 25), { visitor: next, source: memberSource(random), intent: 'buy' });
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
  const events = deliveries.reduce((n, d) => n + (d.kind === 'replay' ? 0 : d.events.length), 0);
  return { deliveries, sessions, events, replays };
}

/** The member's phone if they signed up on a computer, else their computer: consented, signed in. */
function otherDeviceOf(random: Random, visitor: Visitor): Visitor {
  if (!visitor.otherDevice) {
    const device: Device = visitor.device === 'desktop' ? 'mobile' : 'desktop';
    visitor.otherDevice = {
      ...newVisitor(random, device),
      clientId: random.token(22),
      signedUp: true,
      purchases: visitor.purchases,
      ...(visitor.userId ? { userId: visitor.userId } : {}),
    };
  }
  return visitor.otherDevice;
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
    const userId = visitor.userId ? { userId: visitor.userId } : {};
    out.push({ kind: 'events', at: event.ts + FLUSH_MS, visitor, ...userId, events: [full] });
  };
  const backend = (event: Omit<BackendEvent, 'id'>) => {
    if (event.ts + BACKEND_FLUSH_MS >= HISTORY.start + HISTORY.days * DAY_MS) return;
    out.push({ kind: 'server', at: event.ts + BACKEND_FLUSH_MS, events: [{ id: random.uuid(), ...event }] });
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
    // Signed in from now on: the shop calls polku('identify', id) (it counts only with consent).
    if (visitor.clientId && random.chance(0.6)) visitor.userId = `member-${random.token(10)}`;
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
  // The feedback prompt (polku.config.ts `feedback`) asks on the checkout page: when the pointer
  // leaves towards the tabs, or once the order is paid and the page sits idle.
  const asked = random.chance(FEEDBACK_RATE) && random.chance(0.6);
  if (!random.chance(chances.purchase)) {
    if (asked) answerPrompt(random, 'left', visitor.device, paidAt - 2000, send);
    return { signedUp, purchased: false, leftAt: { kind: 'checkout', ...current } };
  }
  const checkoutPage = current.pageId;
  // Some close the tab on the payment provider's page: the browser never says "purchase", the
  // shop's backend still confirms the payment, joined to the visit by the page id the form posted.
  const sawThankYou = random.chance(0.92);
  if (sawThankYou) send({ ts: paidAt - 20_000, name: 'purchase', props: { product: id } });
  // The value only on the backend's confirmation: campaign revenue sums every event's value.
  backend({
    ts: paidAt - 15_000,
    name: 'payment_confirmed',
    page_id: checkoutPage,
    props: { product: id },
    value: price,
  });
  visitor.purchases += 1;
  if (sawThankYou && asked) answerPrompt(random, 'paid', visitor.device, paidAt - 5000, send);
  // Days later the warehouse ships: the backend names the member (or the consented device), not a page.
  const owner = visitor.userId
    ? { user_id: visitor.userId }
    : visitor.clientId
      ? { client_id: visitor.clientId }
      : undefined;
  if (owner)
    backend({ ts: paidAt + random.int(20, 70) * 3_600_000, name: 'order_shipped', ...owner, props: { product: id } });
  return { signedUp, purchased: true };
}

/** The prompt's `rate` in polku.config.ts: the share of checkout page loads it asks on. */
const FEEDBACK_RATE = 0.5;
/** The prompt's `question` in polku.config.ts, which it sends along with the score. */
const NPS_QUESTION = 'How likely are you to recommend Valo to a friend?';

/** "How likely are you to recommend us?" 0–10, the scale the report's NPS reads. */
const SCORES = {
  paid: {
    desktop: { 10: 30, 9: 28, 8: 16, 7: 10, 6: 6, 5: 4, 4: 2, 3: 2, 2: 1, 1: 1, 0: 0 },
    mobile: { 10: 14, 9: 16, 8: 16, 7: 14, 6: 10, 5: 9, 4: 7, 3: 6, 2: 4, 1: 2, 0: 2 },
  },
  left: {
    desktop: { 10: 4, 9: 6, 8: 10, 7: 14, 6: 14, 5: 12, 4: 10, 3: 10, 2: 8, 1: 6, 0: 6 },
    mobile: { 10: 1, 9: 2, 8: 4, 7: 6, 6: 10, 5: 12, 4: 14, 3: 14, 2: 14, 1: 11, 0: 12 },
  },
} as const;

/**
 * What people type in the prompt's comment box. Some write their e-mail address or phone number
 * ("call me"): the collector replaces them with [email] / [phone] before storing.
 */
const COMMENTS = {
  detractor: [
    'The card number field zooms and jumps on my phone, gave up.',
    'Shipping cost only shows at the very end.',
    'Payment failed twice. Please call me on 040 123 4567.',
    'Could not pay on my phone, write to maija.virtanen@example.com when it works',
    'Too many fields just to buy a lamp.',
    'No MobilePay? Contact me: +358 50 765 4321',
  ],
  passive: [
    'Fine, but I miss MobilePay.',
    'Delivery time to Tallinn is unclear.',
    'Nice lamps, the checkout is a bit slow.',
    'Does the pendant come with a bulb? Answer to timo.k@example.fi please',
  ],
  promoter: [
    'Smooth and quick!',
    'Lovely lamps, easy checkout.',
    'Second order already. Send the new catalogue to anna@example.com',
    'Great service, thanks!',
  ],
} as const;

function answerPrompt(
  random: Random,
  outcome: 'paid' | 'left',
  device: Device,
  ts: number,
  send: (event: Omit<HistoricEvent, 'id' | 'page_id' | 'url'>) => void,
): void {
  const score = Number(random.weighted(SCORES[outcome][device === 'desktop' ? 'desktop' : 'mobile']));
  const kind = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  const props: Record<string, string | number> = { score, question: NPS_QUESTION };
  if (random.chance(0.45)) props.comment = random.pick(COMMENTS[kind]);
  send({ ts, name: 'feedback', props });
}

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
