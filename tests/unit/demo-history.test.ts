import { describe, expect, it } from 'vitest';
import { type Delivery, generateHistory, HISTORY, type HistoricEvent } from '../../cli/demo/history.ts';
import { loadRecordedScenes } from '../../cli/demo/replays.ts';

const scenes = loadRecordedScenes();
const history = generateHistory(1, scenes);
const batches = history.deliveries.filter((d): d is Extract<Delivery, { kind: 'events' }> => d.kind === 'events');
const events: HistoricEvent[] = batches.flatMap((d) => d.events);
const END = HISTORY.start + HISTORY.days * 86_400_000;

describe('demo history', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(JSON.stringify(generateHistory(1, scenes))).toBe(JSON.stringify(history));
    expect(generateHistory(2, scenes).events).not.toBe(history.events);
    expect({ sessions: history.sessions, events: history.events, replays: history.replays }).toEqual({
      sessions: 3688,
      events: 10514,
      replays: 210,
    });
  });

  it('lies within its 60 days, sent in time order, each event before the request that carries it', () => {
    const times = history.deliveries.map((d) => d.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const batch of batches) {
      for (const event of batch.events) {
        expect(event.ts).toBeGreaterThanOrEqual(HISTORY.start);
        expect(event.ts).toBeLessThan(batch.at);
      }
    }
    expect(Math.max(...times)).toBeLessThan(END);
  });

  it('has desktop and mobile visitors from every kind of source and three campaigns with targets', () => {
    const agents = new Set(batches.map((b) => b.visitor.device));
    expect([...agents].sort()).toEqual(['desktop', 'mobile', 'tablet']);
    const landings = events.filter((e) => e.name === 'pageview' && !e.referrer?.startsWith(HISTORY.origin));
    const referrers = new Set(landings.map((e) => (e.referrer ? new URL(e.referrer).hostname : '(direct)')));
    expect([...referrers].sort()).toEqual([
      '(direct)',
      'chatgpt.com',
      'duckduckgo.com',
      'www.bing.com',
      'www.designblog.example',
      'www.facebook.com',
      'www.google.com',
      'www.instagram.com',
    ]);
    const mediums = new Set(landings.map((e) => new URL(e.url).searchParams.get('utm_medium') ?? '(none)'));
    expect([...mediums].sort()).toEqual(['(none)', 'cpc', 'email', 'social']);
    const names = new Set(landings.map((e) => new URL(e.url).searchParams.get('utm_campaign') ?? '(none)'));
    expect([...names].sort()).toEqual([
      '(none)',
      'autumn-sale',
      'floor-lamp-launch',
      'members-letter',
      'winter-stories',
    ]);
  });

  it('has feedback scores from 0 to 10 and consented visitors whose journey spans days', () => {
    const scores = events.filter((e) => e.name === 'feedback').map((e) => e.props?.score);
    expect(scores.length).toBeGreaterThan(100);
    expect(new Set(scores)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    // Visitor -> days with a purchase, for those the shop may remember (client id).
    const buyingDays = new Map<string, Set<number>>();
    for (const batch of batches) {
      const id = batch.visitor.clientId;
      for (const event of batch.events) {
        if (!id || event.name !== 'purchase') continue;
        const days = buyingDays.get(id) ?? new Set();
        days.add(Math.floor(event.ts / 86_400_000));
        buyingDays.set(id, days);
      }
    }
    const repeatOnAnotherDay = [...buyingDays.values()].filter((days) => days.size >= 2).length;
    expect(repeatOnAnotherDay).toBe(45);
    // Only consented visitors carry a client id; most visitors do not.
    const withId = new Set(batches.filter((b) => b.visitor.clientId).map((b) => b.visitor));
    const all = new Set(batches.map((b) => b.visitor));
    expect(withId.size / all.size).toBeGreaterThan(0.2);
    expect(withId.size / all.size).toBeLessThan(0.5);
  });

  it('sends replays of pages where visitors left, in chunks: gzip, the last one plain', () => {
    const replays = history.deliveries.filter((d): d is Extract<Delivery, { kind: 'replay' }> => d.kind === 'replay');
    const pages = new Map<string, typeof replays>();
    for (const chunk of replays) pages.set(chunk.pageId, [...(pages.get(chunk.pageId) ?? []), chunk]);
    expect(pages.size).toBe(210);
    for (const chunks of pages.values()) {
      expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
      expect(chunks.map((c) => c.plain)).toEqual(chunks.map((_, i) => i === chunks.length - 1));
      // The recording is moved to the page's own time, so the player seeks to the drop-off.
      const pageview = events.find((e) => e.page_id === chunks[0]?.pageId && e.name === 'pageview');
      const first = (chunks[0]?.events[0] as { timestamp: number } | undefined)?.timestamp ?? 0;
      expect(first - (pageview?.ts ?? 0)).toBe(300);
    }
  });
});
