import { gzipSync } from 'node:zlib';

/** A small seeded PRNG (mulberry32), so a failing payload can be reproduced from its index. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Malformed {
  body: Buffer;
  headers: Record<string, string>;
}

const VALID = {
  site: 'shop',
  events: [{ id: '0b9d6c1e-5f1a-4a51-9f0e-6a2f3c4d5e6f', name: 'pageview', url: 'https://shop.example/' }],
};

const ODD_VALUES: unknown[] = [
  null,
  -1,
  1e308,
  'x'.repeat(3000),
  [],
  {},
  true,
  '\u0000',
  '../../etc/passwd',
  'javascript:alert(1)',
  { __proto__: { polluted: true } },
  Number.MAX_SAFE_INTEGER + 2,
];

/** The i-th of a family of malformed requests: broken JSON, wrong types, odd encodings, junk bytes. */
export function malformedPayload(i: number): Malformed {
  const rand = random(i + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const text = JSON.stringify(VALID);
  switch (i % 8) {
    case 0: // truncated JSON
      return { body: Buffer.from(text.slice(0, Math.floor(rand() * text.length))), headers: {} };
    case 1: {
      // a field replaced by an odd value
      const event: Record<string, unknown> = { ...VALID.events[0] };
      event[pick(['id', 'name', 'url', 'ts', 'props', 'value', 'page_id', 'referrer'])] = pick(ODD_VALUES);
      return { body: Buffer.from(JSON.stringify({ site: 'shop', events: [event] })), headers: {} };
    }
    case 2: // random bytes, including invalid UTF-8
      return {
        body: Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 300) }, () => Math.floor(rand() * 256))),
        headers: {},
      };
    case 3: // deeply nested JSON
      return { body: Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`), headers: {} };
    case 4: // claims gzip, is not (or is, of junk)
      return {
        body: rand() < 0.5 ? Buffer.from('not gzip') : gzipSync(Buffer.from(pick(['{', 'null', '[]', '"x"']))),
        headers: { 'Content-Encoding': 'gzip' },
      };
    case 5: // an odd top level
      return { body: Buffer.from(JSON.stringify(pick(ODD_VALUES))), headers: {} };
    case 6: // odd headers
      return {
        body: Buffer.from(text),
        headers: pick<Record<string, string>>([
          { 'Content-Type': 'multipart/form-data; boundary=x' },
          { 'Content-Encoding': 'compress' },
          { 'Content-Type': '' },
          { Origin: 'null' },
          { 'User-Agent': '' },
        ]),
      };
    default: {
      // too many events or props
      const many = Array.from({ length: 101 + Math.floor(rand() * 50) }, () => VALID.events[0]);
      return { body: Buffer.from(JSON.stringify({ site: 'shop', events: many })), headers: {} };
    }
  }
}
