import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../collector/enrich/bounded-cache.ts';
import { parsePageUrl, referrerHost } from '../../collector/enrich/url.ts';

describe('bounded cache', () => {
  it('forgets the oldest entry once full, and remembers null results', () => {
    const cache = new BoundedCache<string, number | null>(2);
    expect(cache.set('a', 1)).toBe(1);
    cache.set('b', null);
    expect(cache.get('b')).toBeNull();
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeNull();
    expect(cache.get('c')).toBe(3);
  });
});

describe('cached URL parsing', () => {
  it('answers a repeated page URL and referrer exactly as the first time', () => {
    const url = 'https://shop.example/a%20b?utm_source=News&gclid=1';
    const first = parsePageUrl(url);
    expect(parsePageUrl(url)).toBe(first);
    expect(first).toEqual({
      path: '/a b',
      hostname: 'shop.example',
      utmSource: 'news',
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      clickId: 'gclid',
    });
    expect([referrerHost('https://www.bing.com/'), referrerHost('https://www.bing.com/')]).toEqual([
      'bing.com',
      'bing.com',
    ]);
    expect([referrerHost('not a url'), referrerHost('not a url')]).toEqual([null, null]);
    expect(() => parsePageUrl('not a url')).toThrow();
  });
});
