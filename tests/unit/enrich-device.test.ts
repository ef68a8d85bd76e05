import { describe, expect, it } from 'vitest';
import { countryOfTimeZone } from '../../collector/enrich/country.ts';
import { DeviceParser } from '../../collector/enrich/device.ts';
import { Sessionizer } from '../../collector/enrich/sessions.ts';
import { VisitorHasher } from '../../collector/enrich/visitor.ts';

describe('device, browser and OS from the user agent', () => {
  const devices = new DeviceParser();
  it.each([
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      { device: 'mobile', browser: 'Safari', os: 'iOS' },
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
      { device: 'desktop', browser: 'Chrome', os: 'Linux' },
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
      { device: 'tablet', browser: 'Safari', os: 'iOS' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
      { device: 'desktop', browser: 'Firefox', os: 'Windows' },
    ],
    ['', { device: null, browser: null, os: null }],
  ])('%s', (userAgent, expected) => {
    expect(devices.parse(userAgent)).toEqual(expected);
    expect(devices.parse(userAgent)).toEqual(expected); // and from the cache
  });
});

describe('country from the time zone, never the IP', () => {
  it.each([
    ['Europe/Helsinki', 'FI'],
    ['America/New_York', 'US'],
    ['Asia/Tokyo', 'JP'],
    ['UTC', null],
    ['Mars/Olympus_Mons', null],
    [undefined, null],
  ])('%s → %s', (timeZone, country) => {
    expect(countryOfTimeZone(timeZone)).toBe(country);
    // The second answer comes from the cache, a remembered null included.
    expect(countryOfTimeZone(timeZone)).toBe(country);
  });
});

describe('durable salts and consented ids', () => {
  const day = Date.UTC(2026, 2, 1, 10);
  const DAY = 86_400_000;

  it('hands new salts to the writer once, and forgets salts older than yesterday', () => {
    const hasher = new VisitorHasher();
    hasher.visitorId('shop', 'ip', 'UA', day);
    const first = hasher.takeUnsaved(day);
    expect([...first.keys()]).toEqual([Math.floor(day / DAY)]);
    expect(hasher.takeUnsaved(day).size).toBe(0);
    hasher.visitorId('shop', 'ip', 'UA', day + DAY);
    hasher.visitorId('shop', 'ip', 'UA', day + 2 * DAY);
    expect([...hasher.takeUnsaved(day + 2 * DAY).keys()]).toEqual([
      Math.floor(day / DAY) + 1,
      Math.floor(day / DAY) + 2,
    ]);
  });

  it('hands a salt over again when the writer could not store it', () => {
    const hasher = new VisitorHasher();
    hasher.visitorId('shop', 'ip', 'UA', day);
    const failed = hasher.takeUnsaved(day);
    hasher.keepUnsaved(failed);
    expect(hasher.takeUnsaved(day)).toEqual(failed);
  });

  it('uses the salt the database already has for a day', () => {
    const before = new VisitorHasher();
    const id = before.visitorId('shop', 'ip', 'UA', day);
    const after = new VisitorHasher();
    after.adopt(before.takeUnsaved(day));
    expect(after.visitorId('shop', 'ip', 'UA', day)).toBe(id);
    expect(after.takeUnsaved(day).size).toBe(0);
  });

  it('hashes sha256(salt ‖ site NUL address NUL user agent), pinned to known ids', () => {
    const hasher = new VisitorHasher();
    hasher.adopt(new Map([[Math.floor(day / DAY), Buffer.alloc(32, 7)]]));
    // Computed with createHash('sha256').update(salt).update(message): ids must not change on upgrade.
    expect(hasher.visitorId('shop', '203.0.113.9', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130', day)).toBe(
      'RzzPMT-QVhjqIpkbm687SZ',
    );
    expect(hasher.visitorId('shop', '2001:db8::1', 'Ünïcødé 🚀 agent', day)).toBe('uSbAnM8YFXSznGmPqsXf3t');
    expect(
      hasher.previousDayVisitorId('shop', '203.0.113.9', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130', day + DAY),
    ).toBe('RzzPMT-QVhjqIpkbm687SZ');
  });

  it('keys a consenting visitor by the client id alone, across days, addresses and browsers', () => {
    const hasher = new VisitorHasher();
    const id = hasher.visitorId('shop', 'ip1', 'UA1', day, 'c0ns3nted-client-id');
    expect(hasher.visitorId('shop', 'ip2', 'UA2', day + 10 * DAY, 'c0ns3nted-client-id')).toBe(id);
    expect(hasher.visitorId('blog', 'ip1', 'UA1', day, 'c0ns3nted-client-id')).not.toBe(id);
    expect(hasher.visitorId('shop', 'ip1', 'UA1', day)).not.toBe(id);
  });
});

describe('session seeding after a restart', () => {
  it('continues a seeded session within 30 minutes and starts a new one after', () => {
    const sessions = new Sessionizer();
    const t0 = Date.UTC(2026, 2, 1, 10);
    sessions.seed('v', 'before-restart', t0);
    expect(sessions.sessionId('v', t0 + 29 * 60_000)).toBe('before-restart');
    expect(sessions.sessionId('v', t0 + 90 * 60_000)).not.toBe('before-restart');
  });
});
