import { isIPv6 } from 'node:net';

export interface RateLimitOptions {
  /** Requests per second one client may keep up. Default: 20. */
  perSecond?: number;
  /** Requests a client may send at once before the rate applies. Default: 200. */
  burst?: number;
}

/**
 * Token bucket per client network: an IPv4 address, or an IPv6 /64 (one household or host usually
 * owns a whole /64, so limiting single IPv6 addresses would be trivially dodged).
 * Keys live only in memory and only while a bucket is not full again.
 */
export class RateLimiter {
  readonly #perSecond: number;
  readonly #burst: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #lastPrune = 0;

  constructor({ perSecond = 20, burst = 200 }: RateLimitOptions = {}) {
    this.#perSecond = perSecond;
    this.#burst = burst;
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(address: string, now: number): number {
    this.#prune(now);
    const key = clientNetwork(address);
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perSecond));
  }

  #prune(now: number): void {
    if (now - this.#lastPrune < 10_000) return;
    this.#lastPrune = now;
    const refill = (this.#burst / this.#perSecond) * 1000;
    for (const [key, bucket] of this.#buckets) if (now - bucket.at > refill) this.#buckets.delete(key);
  }
}

/** The rate-limit key of an address: IPv4 as is (also when IPv4-mapped), IPv6 cut to its /64. */
export function clientNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
