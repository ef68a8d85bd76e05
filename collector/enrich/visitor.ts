import { createHmac, randomBytes } from 'node:crypto';

const DAY_MS = 86_400_000;

/**
 * Visitor ids without cookies: a keyed hash of (site, IP, user agent) with a random salt per UTC day.
 * The raw IP only passes through this function; it is never stored or logged.
 * Salts live in memory for now, so ids change when the collector restarts (the durable, rotated salt
 * table belongs to the store).
 */
export class VisitorHasher {
  readonly #salts = new Map<number, Buffer>();

  visitorId(site: string, ip: string, userAgent: string, now: number): string {
    const day = Math.floor(now / DAY_MS);
    let salt = this.#salts.get(day);
    if (!salt) {
      salt = randomBytes(32);
      this.#salts.set(day, salt);
      // Keep yesterday's salt for continuity around midnight; anything older is forgotten.
      for (const key of this.#salts.keys()) if (key < day - 1) this.#salts.delete(key);
    }
    return createHmac('sha256', salt).update(`${site}\u0000${ip}\u0000${userAgent}`).digest('base64url').slice(0, 22);
  }
}
