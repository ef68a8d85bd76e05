import { createHash, hash, randomBytes } from 'node:crypto';
import { type Salts, utcDay } from '../../store/index.ts';

/**
 * Visitor ids without cookies: a keyed hash of (site, IP, user agent) with a random salt per UTC
 * day. The raw IP only passes through this function; it is never stored or logged.
 *
 * Salts are made here when a new UTC day starts, written to the salt journal at once and stored in
 * the database by the writer (so ids survive a restart, even a crash before the writer's tick); the
 * previous day's salt is kept for continuity around midnight, older ones deleted.
 * A salt the database already has for a day wins over one made here while it was unreachable.
 */
export class VisitorHasher {
  readonly #salts: Salts = new Map();
  readonly #unsaved = new Set<number>();
  readonly #onNewSalt: (day: number, salt: Buffer) => void;

  /**
   * `onNewSalt` runs (synchronously) when a day's salt is made, before any id from it is used:
   * the collector writes it durably there (store/salt-journal.ts).
   */
  constructor({ onNewSalt = () => {} }: { onNewSalt?: (day: number, salt: Buffer) => void } = {}) {
    this.#onNewSalt = onNewSalt;
  }

  /** `clientId`: the id a consenting visitor's browser keeps; it replaces IP and user agent. */
  visitorId(site: string, ip: string, userAgent: string, now: number, clientId?: string): string {
    if (clientId) {
      // Chosen at random by the browser, so hashing it needs no daily salt; it spans days by consent.
      return createHash('sha256').update(`${site}\u0000consented\u0000${clientId}`).digest('base64url').slice(0, 22);
    }
    return this.#hash(this.#saltFor(utcDay(now)), site, ip, userAgent);
  }

  /**
   * The id the same (site, IP, user agent) had yesterday, if yesterday's salt is still kept: a
   * visit going on across midnight keeps its visitor and session (see `continuingVisitorId`).
   */
  previousDayVisitorId(site: string, ip: string, userAgent: string, now: number): string | undefined {
    const salt = this.#salts.get(utcDay(now) - 1);
    return salt === undefined ? undefined : this.#hash(salt, site, ip, userAgent);
  }

  #hash(salt: Buffer, site: string, ip: string, userAgent: string): string {
    // sha256(salt ‖ message) with a fixed-size secret salt: a keyed hash like HMAC for this use
    // (nothing is ever appended to a known digest), at a fraction of HMAC's per-call key setup.
    // One-shot `hash` over one buffer: no Hash object to build and collect on every request.
    const message = `${site}\u0000${ip}\u0000${userAgent}`;
    const input = Buffer.allocUnsafe(salt.length + Buffer.byteLength(message));
    salt.copy(input, 0);
    input.write(message, salt.length);
    const digest = hash('sha256', input, 'base64url');
    // The pooled buffer held the address: wipe it rather than leave it for the next allocation.
    input.fill(0);
    return digest.slice(0, 22);
  }

  /** Takes salts kept outside the database (the salt journal): still to be stored there. */
  restore(salts: Salts): void {
    for (const [day, salt] of salts) {
      this.#salts.set(day, salt);
      this.#unsaved.add(day);
    }
  }

  /** Takes the salts stored in the database (they win over ones made here meanwhile). */
  adopt(stored: Salts): void {
    for (const [day, salt] of stored) {
      this.#salts.set(day, salt);
      this.#unsaved.delete(day);
    }
  }

  /** Salts the writer has to store, and forgets (here) those older than yesterday. */
  takeUnsaved(now: number): Salts {
    this.#forgetBefore(utcDay(now) - 1);
    const unsaved: Salts = new Map();
    for (const day of this.#unsaved) {
      const salt = this.#salts.get(day);
      if (salt) unsaved.set(day, salt);
    }
    this.#unsaved.clear();
    return unsaved;
  }

  /** Salts the writer could not store: handed over again next time. */
  keepUnsaved(salts: Salts): void {
    for (const day of salts.keys()) if (this.#salts.has(day)) this.#unsaved.add(day);
  }

  #saltFor(day: number): Buffer {
    let salt = this.#salts.get(day);
    if (!salt) {
      salt = randomBytes(32);
      this.#onNewSalt(day, salt);
      this.#salts.set(day, salt);
      this.#unsaved.add(day);
      this.#forgetBefore(day - 1);
    }
    return salt;
  }

  #forgetBefore(day: number): void {
    for (const key of this.#salts.keys()) if (key < day) this.#salts.delete(key);
  }
}
