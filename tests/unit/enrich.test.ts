import { describe, expect, it } from 'vitest';
import { channelOf } from '../../collector/enrich/channel.ts';
import { DeviceParser } from '../../collector/enrich/device.ts';
import { enrichBatch } from '../../collector/enrich/enrich.ts';
import { Sessionizer } from '../../collector/enrich/sessions.ts';
import { parsePageUrl, referrerHost } from '../../collector/enrich/url.ts';
import { VisitorHasher } from '../../collector/enrich/visitor.ts';
import type { WireBatch } from '../../collector/protocol.ts';

describe('page URL parsing', () => {
  it('reads path, host and normalised UTM values', () => {
    expect(
      parsePageUrl(
        'https://shop.example/products/lamp?utm_source=Newsletter&utm_medium=%20Email&utm_campaign=Spring-Sale%20&fbclid=x',
      ),
    ).toEqual({
      path: '/products/lamp',
      hostname: 'shop.example',
      utmSource: 'newsletter',
      utmMedium: 'email',
      utmCampaign: 'spring-sale',
      utmTerm: null,
      utmContent: null,
      clickId: 'fbclid',
    });
  });

  it('takes the referrer host without www', () => {
    expect(referrerHost('https://www.google.com/search?q=lamp')).toBe('google.com');
    expect(referrerHost('not a url')).toBeNull();
    expect(referrerHost(undefined)).toBeNull();
  });
});

describe('channel rules', () => {
  const base = { utmMedium: null, utmSource: null, clickId: null, referrerHost: null, pageHost: 'shop.example' };
  it.each([
    [{}, 'Direct'],
    [{ referrerHost: 'google.com' }, 'Organic Search'],
    [{ referrerHost: 'google.com', clickId: 'gclid' }, 'Paid Search'],
    [{ utmMedium: 'cpc', utmSource: 'google' }, 'Paid Search'],
    [{ referrerHost: 'facebook.com', clickId: 'fbclid' }, 'Organic Social'],
    [{ clickId: 'fbclid' }, 'Organic Social'],
    [{ utmMedium: 'cpc', clickId: 'fbclid' }, 'Paid Social'],
    [{ clickId: 'ttclid' }, 'Paid Social'],
    [{ referrerHost: 'linkedin.com', clickId: 'li_fat_id' }, 'Paid Social'],
    [{ clickId: 'gclid' }, 'Paid Search'],
    [{ referrerHost: 'linkedin.com' }, 'Organic Social'],
    [{ utmMedium: 'email' }, 'Email'],
    [{ utmMedium: 'display' }, 'Display'],
    [{ referrerHost: 'chatgpt.com' }, 'AI Assistant'],
    [{ referrerHost: 'blog.example' }, 'Referral'],
    [{ referrerHost: 'shop.example' }, 'Internal'],
    [{ referrerHost: 'bing.com', clickId: 'msclkid' }, 'Paid Search'],
    [{ utmMedium: 'ppc', referrerHost: 'duckduckgo.com' }, 'Paid Search'],
    [{ utmMedium: 'paid_social', utmSource: 'instagram' }, 'Paid Social'],
    [{ utmMedium: 'paid social', utmSource: 'newsletter' }, 'Paid Social'],
    [{ utmMedium: 'cpc', utmSource: 'facebook' }, 'Paid Social'],
    [{ utmMedium: 'social', utmSource: 'mastodon' }, 'Organic Social'],
    [{ utmSource: 'twitter' }, 'Organic Social'],
    [{ utmMedium: 'newsletter' }, 'Email'],
    [{ utmMedium: 'e-mail', referrerHost: 'google.com' }, 'Email'],
    [{ referrerHost: 'mail.google.com' }, 'Email'],
    [{ referrerHost: 'webmail.example.org' }, 'Email'],
    [{ utmMedium: 'banner' }, 'Display'],
    [{ utmMedium: 'retargeting' }, 'Display'],
    [{ utmMedium: 'affiliate', utmSource: 'partner' }, 'Affiliate'],
    [{ utmSource: 'chatgpt.com' }, 'AI Assistant'],
    [{ referrerHost: 'perplexity.ai' }, 'AI Assistant'],
    [{ referrerHost: 'gemini.google.com' }, 'AI Assistant'],
    [{ utmMedium: 'organic', utmSource: 'ecosia' }, 'Organic Search'],
    [{ referrerHost: 'news.ycombinator.com' }, 'Referral'],
  ] as const)('%j is %s', (input, channel) => {
    expect(channelOf({ ...base, ...input })).toBe(channel);
  });
});

describe('visitor ids', () => {
  const day = Date.UTC(2026, 2, 1, 10);
  it('are stable within a UTC day and differ per site, IP and user agent', () => {
    const hasher = new VisitorHasher();
    const id = hasher.visitorId('shop', '203.0.113.7', 'UA', day);
    expect(hasher.visitorId('shop', '203.0.113.7', 'UA', day + 3_600_000)).toBe(id);
    expect(hasher.visitorId('blog', '203.0.113.7', 'UA', day)).not.toBe(id);
    expect(hasher.visitorId('shop', '203.0.113.8', 'UA', day)).not.toBe(id);
    expect(hasher.visitorId('shop', '203.0.113.7', 'UA2', day)).not.toBe(id);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(id).not.toContain('203.0.113.7');
  });

  it('change when the daily salt rotates at UTC midnight', () => {
    const hasher = new VisitorHasher();
    const midnight = Date.UTC(2026, 2, 2);
    expect(hasher.visitorId('shop', 'ip', 'UA', midnight - 1)).not.toBe(hasher.visitorId('shop', 'ip', 'UA', midnight));
  });
});

describe('sessions', () => {
  it('end after 30 minutes of inactivity (inclusive)', () => {
    const sessions = new Sessionizer();
    const t0 = Date.UTC(2026, 2, 1, 10);
    const first = sessions.sessionId('v', t0);
    expect(sessions.sessionId('v', t0 + 30 * 60_000)).toBe(first);
    expect(sessions.sessionId('v', t0 + 60 * 60_000 + 1)).not.toBe(first);
    expect(sessions.sessionId('other', t0)).not.toBe(first);
  });
});

describe('a visit across UTC midnight', () => {
  const midnight = Date.UTC(2026, 2, 2);
  const minutes = (n: number) => midnight + n * 60_000;
  const batch = (ts: number): WireBatch => ({
    site: 'shop',
    events: [{ id: '0b9d6c1e-5f1a-4a51-9f0e-6a2f3c4d5e6f', ts, name: 'pageview', url: 'https://shop.example/' }],
  });
  const enrichers = () => ({ visitors: new VisitorHasher(), sessions: new Sessionizer(), devices: new DeviceParser() });
  const visit = (all: ReturnType<typeof enrichers>, at: number, userAgent = 'UA') => {
    const [event] = enrichBatch(batch(at), { ip: '203.0.113.7', userAgent, receivedAt: at }, all);
    return { visitor: event?.visitorId, session: event?.sessionId };
  };

  it("keeps yesterday's visitor and session while that session stays open, then takes today's id", () => {
    const all = enrichers();
    const before = visit(all, minutes(-10));
    expect(visit(all, minutes(5))).toEqual(before);
    expect(visit(all, minutes(34))).toEqual(before); // 29 minutes after the last event: still open
    const after = visit(all, minutes(65)); // 31 minutes of silence: the session ended
    expect(after.visitor).toBe(all.visitors.visitorId('shop', '203.0.113.7', 'UA', minutes(65)));
    expect(after.visitor).not.toBe(before.visitor);
    expect(after.session).not.toBe(before.session);
  });

  it("gives a browser first seen after midnight today's id", () => {
    const all = enrichers();
    visit(all, minutes(-10), 'UA');
    const other = visit(all, minutes(5), 'Other UA');
    expect(other.visitor).toBe(all.visitors.visitorId('shop', '203.0.113.7', 'Other UA', minutes(5)));
  });
});
