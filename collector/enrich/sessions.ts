import { randomUUID } from 'node:crypto';

export const SESSION_GAP_MS = 30 * 60_000;

/**
 * Assigns session ids server-side: a visitor's session ends after 30 minutes without events.
 * Kept in memory, pruned as sessions expire, and seeded at start-up from the last 30 minutes of
 * stored and spooled events, so sessions go on across a restart.
 *
 * It also remembers, for as long as their visit is open, which visitor each recent page load
 * (`page_id`) belongs to, and which visitor a stronger identity (a consented client id, a user id)
 * took over mid-visit: that identity inherits the visit instead of splitting it in two.
 */
export class Sessionizer {
  readonly #open = new Map<string, { id: string; lastTs: number }>();
  /** Per site, page_id → the visitor of that page load (its visit's openness is the visitor's). */
  readonly #pages = new Map<string, Map<string, string>>();
  /** A stronger identity's own visitor id → the visitor whose open visit it inherited. */
  readonly #inherited = new Map<string, string>();
  /** Visitors whose visit a stronger identity inherited: no other identity may take it over by address. */
  readonly #claimed = new Set<string>();
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

  /** Remembers that a page load's events went to `visitorId`. */
  notePage(site: string, pageId: string, visitorId: string): void {
    let pages = this.#pages.get(site);
    if (!pages) {
      pages = new Map();
      this.#pages.set(site, pages);
    }
    pages.set(pageId, visitorId);
  }

  /** The visitor of a page load whose visit is still open at `ts`, if the page was seen. */
  visitorOfPage(site: string, pageId: string, ts: number): string | undefined {
    const visitorId = this.#pages.get(site)?.get(pageId);
    return visitorId !== undefined && this.isOpen(visitorId, ts) ? visitorId : undefined;
  }

  /** From now until that visit ends, `ownId` (a consented or user id) goes on as `visitorId`. */
  inherit(ownId: string, visitorId: string): void {
    if (ownId === visitorId) return;
    this.#inherited.set(ownId, visitorId);
    this.#claimed.add(visitorId);
  }

  /** Whether a stronger identity already inherited this visitor's open visit. */
  isClaimed(visitorId: string, ts: number): boolean {
    return this.#claimed.has(visitorId) && this.isOpen(visitorId, ts);
  }

  /** The visitor `ownId` inherited, while that visit is open. */
  inheritedBy(ownId: string, ts: number): string | undefined {
    const visitorId = this.#inherited.get(ownId);
    return visitorId !== undefined && this.isOpen(visitorId, ts) ? visitorId : undefined;
  }

  #prune(now: number): void {
    if (now - this.#lastPrune < SESSION_GAP_MS) return;
    this.#lastPrune = now;
    for (const [visitor, session] of this.#open) {
      if (now - session.lastTs > SESSION_GAP_MS) this.#open.delete(visitor);
    }
    for (const pages of this.#pages.values()) {
      for (const [pageId, visitorId] of pages) if (!this.isOpen(visitorId, now)) pages.delete(pageId);
    }
    for (const [ownId, visitorId] of this.#inherited) if (!this.isOpen(visitorId, now)) this.#inherited.delete(ownId);
    for (const visitorId of this.#claimed) if (!this.isOpen(visitorId, now)) this.#claimed.delete(visitorId);
  }
}
