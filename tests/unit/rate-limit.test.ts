import { describe, expect, it } from 'vitest';
import { clientNetwork, RateLimiter } from '../../collector/rate-limit.ts';

describe('rate limit keys', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:85a3:1234:5678:8a2e:370:7334', '2001:db8:85a3:1234::/64'],
    ['2001:db8:85a3:1234::1', '2001:db8:85a3:1234::/64'],
    ['2001:0db8:0000:0001:ffff::9', '2001:db8:0:1::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s → %s', (address, key) => {
    expect(clientNetwork(address)).toBe(key);
  });
});

describe('token bucket', () => {
  it('allows the burst, then the rate, per /64', () => {
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 });
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('2001:db8:1:2::1', t))).toEqual([0, 0, 0, 1]);
    // Another address in the same /64 shares the bucket; another /64 has its own.
    expect(limiter.take('2001:db8:1:2::ffff', t)).toBe(1);
    expect(limiter.take('2001:db8:1:3::1', t)).toBe(0);
    expect(limiter.take('2001:db8:1:2::1', t + 500)).toBe(0);
    expect(limiter.take('2001:db8:1:2::1', t + 500)).toBe(1);
  });
});
