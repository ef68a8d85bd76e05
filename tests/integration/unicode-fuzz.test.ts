import { afterEach, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../support/collector.ts';

let collector: TestCollector;
afterEach(() => collector?.close());

/** A seeded generator, so a failure names its own reproduction. */
function generator(seed: number) {
  let state = seed;
  const rnd = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  // ASCII (controls included), any UTF-16 unit (lone surrogates included), any code point.
  const char = () => {
    const r = rnd();
    if (r < 0.3) return String.fromCharCode(Math.floor(rnd() * 0x80));
    if (r < 0.6) return String.fromCharCode(Math.floor(rnd() * 0xffff));
    return String.fromCodePoint(Math.floor(rnd() * 0x10ffff));
  };
  const text = (max: number) => Array.from({ length: Math.floor(rnd() * max) + 1 }, char).join('');
  const numbers = [1e308, -1e308, 5e-324, -0, 0, 1.5, -2, 2 ** 53];
  const number = () => numbers[Math.floor(rnd() * numbers.length)] ?? 0;
  return () => ({
    id: crypto.randomUUID(),
    name: text(20),
    url: `https://shop.example/${encodeURIComponent(text(10).toWellFormed())}?q=${text(5).replace(/[#\s]/g, '')}`,
    referrer: text(30),
    props: { [text(10)]: text(40), n: number(), b: rnd() < 0.5 },
    value: number(),
    page_id: text(10),
  });
}

describe('every acknowledged event is stored, whatever its text', () => {
  it('stores 2,000 events of random Unicode (controls, lone surrogates, astral) and extreme numbers', async () => {
    collector = await startTestCollector({ now: () => Date.UTC(2026, 2, 1, 12) });
    const next = generator(7);
    const statuses = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const events = Array.from({ length: 5 }, next);
      statuses.add((await collector.post('/api/events', JSON.stringify({ site: 'shop', events }))).status);
    }
    expect(statuses).toEqual(new Set([202]));
    expect(await collector.query('select count(*)::integer as n from events')).toEqual([{ n: 2000 }]);
    expect(collector.ingest.status.ready).toBe(true);
  });
});
