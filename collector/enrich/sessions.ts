import { randomUUID } from 'node:crypto';

export const SESSION_GAP_MS = 30 * 60_000;

/**
 * Assigns session ids server-side: a visitor's session ends after 30 minutes without events.
 * Kept in memory, pruned as sessions expire, and seeded at start-up from the last 30 minutes of
 * stored and spooled events, so sessions go on across a restart.
 */
export class Sessionizer {
  readonly #open = new Map<string, { id: string; lastTs: number }>();
  #lastPrune = 0;

  sessionId(visitorId: string, ts: number): string {
    this.#prune(ts);
    const open = this.#open.get(visitorId);
    if (open && ts - open.lastTs <= SESSION_GAP_MS) {
      open.lastTs = Math.max(open.lastTs, ts);
      return open.id;
    }
    const id = randomUUID();
    this.#open.set(visitorId, { id, lastTs: ts });
    return id;
  }

  /** Whether the visitor has a session that an event at `ts` would continue. */
  isOpen(visitorId: string, ts: number): boolean {
    const open = this.#open.get(visitorId);
    return open !== undefined && ts - open.lastTs <= SESSION_GAP_MS;
  }

  /** Remembers a session seen before a restart (keeps the later one if the visitor has two). */
  seed(visitorId: string, sessionId: string, lastTs: number): void {
    const open = this.#open.get(visitorId);
    if (!open || open.lastTs <= lastTs) this.#open.set(visitorId, { id: sessionId, lastTs });
  }

  #prune(now: number): void {
    if (now - this.#lastPrune < SESSION_GAP_MS) return;
    this.#lastPrune = now;
    for (const [visitor, session] of this.#open) {
      if (now - session.lastTs > SESSION_GAP_MS) this.#open.delete(visitor);
    }
  }
}
