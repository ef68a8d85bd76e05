import { gzipSync } from 'node:zlib';
import type { StoredEvent } from '../../store/index.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from './events.ts';
import { appendEvents } from './seed-events.ts';

/** The committed fixture's configuration (also read by `polku build --config`). */
export const SITE_FIXTURE_CONFIG = new URL('../fixtures/site/polku.config.json', import.meta.url).pathname;

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 10, 9);

/**
 * 48 sessions over four days, made by a fixed rule so every number is reproducible:
 * - a third come from spring-sale (newsletter/email), a third from "Newsletter-March" / "newsletter-march"
 *   (two spellings, the medium spelled "e-mail"), a third direct; even sessions are mobile;
 * - all view a product; i % 4 ≠ 3 add to cart; i % 4 ∈ {0, 1} reach /checkout; i % 4 = 0 pay 60 € —
 *   except mobile spring-sale sessions, which never reach /checkout (the segment that leaves most);
 * - sessions that leave visit /help or /about next; every session records a short replay.
 * The signup journey and the autumn campaign get no events: their pages show "no data yet".
 */
export function siteFixtureEvents(): { events: StoredEvent[]; replays: ReplayChunk[] } {
  const events: StoredEvent[] = [];
  const replays: ReplayChunk[] = [];
  for (let i = 0; i < 48; i++) {
    const sessionId = `session-${i}`;
    const pageId = `page-${i}`;
    const start = T0 + (i % 4) * DAY + i * 7 * 60_000;
    const campaign =
      i % 3 === 0 ? 'spring-sale' : i % 3 === 1 ? (i % 2 ? 'Newsletter-March' : 'newsletter-march') : null;
    const mobile = i % 2 === 0;
    let t = start;
    const event = (overrides: Partial<StoredEvent>) => {
      events.push(
        storedEvent({
          id: `00000000-0000-4000-8000-${String(events.length).padStart(12, '0')}`,
          sessionId,
          visitorId: `visitor-${i}`,
          pageId,
          device: mobile ? 'mobile' : 'desktop',
          ts: t,
          ...overrides,
        }),
      );
      t += 40_000;
    };
    event({
      path: `/products/${i % 2 ? 'lamp' : 'chair'}`,
      utmCampaign: campaign,
      utmSource: campaign === null ? null : campaign === 'spring-sale' ? 'newsletter' : 'mail',
      utmMedium: campaign === null ? null : campaign === 'spring-sale' ? 'email' : 'e-mail',
      channel: campaign === null ? 'Direct' : 'Email',
    });
    const level = mobile && campaign === 'spring-sale' ? Math.min(2, stepsOf(i)) : stepsOf(i);
    if (level >= 2) event({ name: 'add_to_cart' });
    if (level >= 3) event({ path: '/checkout' });
    if (level >= 4) event({ name: 'purchase', value: 60 });
    if (level < 4) event({ path: i % 2 ? '/help' : '/about' });
    replays.push(replayOf(pageId, start, t));
  }
  return { events, replays };
}

function stepsOf(i: number): number {
  return [4, 3, 2, 1][i % 4] ?? 1;
}

export interface ReplayChunk {
  pageId: string;
  receivedAt: number;
  events: unknown[];
}

/** A tiny but real rrweb recording: meta, a full snapshot, then a mouse move every 2 s. */
function replayOf(pageId: string, from: number, to: number): ReplayChunk {
  const node = (id: number, tagName: string, childNodes: unknown[]) => ({
    type: 2,
    tagName,
    attributes: {},
    childNodes,
    id,
  });
  const events: unknown[] = [
    { type: 4, data: { href: 'https://shop.example/', width: 800, height: 600 }, timestamp: from },
    {
      type: 2,
      data: {
        node: {
          type: 0,
          id: 1,
          childNodes: [
            { type: 1, name: 'html', publicId: '', systemId: '', id: 2 },
            node(3, 'html', [node(4, 'head', []), node(5, 'body', [{ type: 3, textContent: '*** ****', id: 6 }])]),
          ],
        },
        initialOffset: { left: 0, top: 0 },
      },
      timestamp: from,
    },
  ];
  for (let at = from + 2000; at <= to; at += 2000) {
    events.push({
      type: 3,
      data: { source: 1, positions: [{ x: (at / 10) % 800, y: 100, id: 5, timeOffset: 0 }] },
      timestamp: at,
    });
  }
  return { pageId, receivedAt: to, events };
}

/** Writes the fixture into a new database file. */
export async function writeSiteFixture(db: string): Promise<void> {
  const store = await Store.open(db);
  try {
    const { events, replays } = siteFixtureEvents();
    await appendEvents(store, events);
    await store.exclusive(async (connection) => {
      for (const chunk of replays) {
        await connection.run(
          `insert into replay_chunks values ('shop', $page, 0, make_timestamp($at * 1000), from_base64($data))`,
          { page: chunk.pageId, at: chunk.receivedAt, data: gzipSync(JSON.stringify(chunk.events)).toString('base64') },
        );
      }
    });
    await store.checkpoint();
  } finally {
    await store.close();
  }
}
