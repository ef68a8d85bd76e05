import { describe, expect, it } from 'vitest';
import { isKnownPageUrl, parsePageUrl } from '../../collector/enrich/url.ts';
import { batchSchema } from '../../collector/protocol.ts';
import { quickBatch } from '../../collector/quick-batch.ts';
import { pickOne, seededRandom } from '../support/random.ts';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const T = Date.UTC(2026, 2, 1);

function validBatch(): Record<string, unknown> {
  return {
    site: 'shop',
    sent_at: T,
    tz: 'Europe/Helsinki',
    events: [
      {
        id: ID,
        ts: T,
        name: 'pageview',
        url: 'https://shop.example/products/lamp?utm_source=newsletter',
        referrer: 'https://www.google.com/',
        page_id: 'p1',
      },
      {
        id: ID.toUpperCase(),
        name: 'add_to_cart',
        url: 'http://shop.example/',
        props: { sku: 'L1', n: 2, gift: false },
        value: 19.9,
      },
    ],
  };
}

/** The quick check must never accept what zod refuses, nor return anything but what zod returns. */
function expectAgreesWithZod(raw: unknown): 'quick' | 'zod' {
  const quick = quickBatch(raw);
  const parsed = batchSchema.safeParse(raw);
  if (quick === null) return 'zod';
  expect(parsed.success).toBe(true);
  expect(quick).toStrictEqual(parsed.data);
  return 'quick';
}

describe('quick batch check', () => {
  it('accepts what trackers send, returning exactly what zod returns', () => {
    expect(expectAgreesWithZod(validBatch())).toBe('quick');
    expect(expectAgreesWithZod({ site: 's', events: [{ id: ID, name: 'x', url: 'https://a.b' }] })).toBe('quick');
    expect(expectAgreesWithZod({ ...validBatch(), client_id: 'abcdefghijklmnop_-12', tz: 'Etc/GMT+2' })).toBe('quick');
    expect(expectAgreesWithZod({ ...validBatch(), user_id: 'u'.repeat(256) })).toBe('quick');
  });

  it.each([
    ['an unknown batch key', { ...validBatch(), extra: 1 }],
    ['a null sent_at', { ...validBatch(), sent_at: null }],
    ['seconds instead of milliseconds', { ...validBatch(), sent_at: 1_700_000_000 }],
    ['an empty site', { ...validBatch(), site: '' }],
    ['no events', { ...validBatch(), events: [] }],
    [
      '101 events',
      { ...validBatch(), events: Array.from({ length: 101 }, () => (validBatch().events as unknown[])[0]) },
    ],
    ['a bad time zone', { ...validBatch(), tz: 'Europe/Hel sinki' }],
    ['a short client id', { ...validBatch(), client_id: 'short' }],
    ['an empty user id', { ...validBatch(), user_id: '' }],
    ['a user id of 257 characters', { ...validBatch(), user_id: 'u'.repeat(257) }],
    ['a numeric user id', { ...validBatch(), user_id: 42 }],
    ['an array', [validBatch()]],
  ])('leaves %s to zod', (_name, raw) => {
    expect(quickBatch(raw)).toBeNull();
  });

  it.each([
    ['a URL with spaces around it', { url: ' https://shop.example/ ' }],
    ['a URL with a newline inside', { url: 'https://shop.\nexample/' }],
    ['a URL with a non-breaking space at the end', { url: 'https://shop.example/\u00a0' }],
    ['an ftp URL', { url: 'ftp://shop.example/' }],
    ['an upper-case scheme', { url: 'HTTPS://shop.example/' }],
    ['a URL that does not parse', { url: 'https://exa mple/' }],
    ['a URL of 2001 characters', { url: `https://shop.example/${'a'.repeat(1981)}` }],
    ['a version-0 uuid', { id: '0f8fad5b-d9cb-069f-a165-70867728950e' }],
    ['an empty name', { name: '' }],
    ['an unknown event key', { extra: true }],
    ['null props', { props: null }],
    ['a nested prop', { props: { a: { b: 1 } } }],
    ['an empty prop key', { props: { '': 1 } }],
    ['31 props', { props: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, i])) }],
    ['a prop value of 501 characters', { props: { a: 'x'.repeat(501) } }],
    ['a string value', { value: '3' }],
    ['an empty page id', { page_id: '' }],
    ['a fractional ts', { ts: T + 0.5 }],
  ])('leaves an event with %s to zod', (_name, change) => {
    const raw = validBatch();
    raw.events = [{ ...(raw.events as object[])[0], ...change }];
    expect(quickBatch(raw)).toBeNull();
  });

  it('agrees with zod on 5,000 seeded random variations of a valid batch', () => {
    const random = seededRandom(3);
    const values: unknown[] = [
      undefined,
      null,
      '',
      ' ',
      'x',
      'x'.repeat(65),
      'x'.repeat(2001),
      0,
      -0,
      1.5,
      T,
      T + 0.5,
      1e308,
      true,
      [],
      {},
      ID,
      'Europe/Helsinki',
      'https://a.b/c',
      'http://a.b',
      'https://a.b/\t',
      'https://a.b/\u0001',
      'https://a.b/\u007f\u2028',
      '\u0001https://a.b/',
      'mailto:x@y.z',
      { a: 1 },
      { a: [1] },
    ];
    const counts = { quick: 0, zod: 0 };
    for (let i = 0; i < 5_000; i++) {
      const raw = validBatch();
      const target = random() < 0.3 ? raw : ((raw.events as Record<string, unknown>[])[random() < 0.5 ? 0 : 1] ?? raw);
      const key = pickOne(random, [
        ...Object.keys(target),
        'props',
        'value',
        'ts',
        'referrer',
        'page_id',
        'client_id',
        'user_id',
        'tz',
        'other',
      ]);
      const value = pickOne(random, values);
      if (value === undefined) delete target[key];
      else target[key] = value;
      counts[expectAgreesWithZod(raw)]++;
    }
    // Both paths are exercised.
    expect(counts.quick).toBeGreaterThan(500);
    expect(counts.zod).toBeGreaterThan(500);
  });

  it('decides the same for a URL the page cache knows as for a new one', () => {
    const url = 'https://shop.example/cached-page?utm_source=x';
    const raw = validBatch();
    (raw.events as Record<string, unknown>[])[0] = { id: ID, name: 'pageview', url };
    expect(isKnownPageUrl(url)).toBe(false);
    expect(expectAgreesWithZod(raw)).toBe('quick');
    parsePageUrl(url);
    expect(isKnownPageUrl(url)).toBe(true);
    expect(expectAgreesWithZod(raw)).toBe('quick');
    // A URL that does not parse never reaches the cache, so it still goes to zod (and is refused).
    expect(() => parsePageUrl('https://exa mple.com/')).toThrow();
    expect(isKnownPageUrl('https://exa mple.com/')).toBe(false);
  });
});
