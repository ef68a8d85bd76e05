import type { SiteSecrets } from '../site-secrets.ts';
import type { Sessionizer } from './sessions.ts';
import type { VisitorHasher } from './visitor.ts';

/** What a request says about who sent it, strongest first. */
export interface IdentityHints {
  site: string;
  /** Raw user id: hashed here with the site's key, never kept. */
  userId?: string | undefined;
  clientId?: string | undefined;
  /** Page loads the events belong to. */
  pageIds: readonly string[];
  /** Event time the visit must be open at. */
  at: number;
}

interface IdentityParts {
  visitors: VisitorHasher;
  sessions: Sessionizer;
  secrets?: SiteSecrets | undefined;
}

/**
 * The visitor id of a request, by identity level (DESIGN.md "Growing beyond one browser session"):
 * the keyed hash of a user id, then the consented client id, then (browsers only) the daily-salted
 * hash of IP and user agent, computed by `weak` only when needed.
 *
 * A stronger identity that shows up while its visit is already open under another visitor id (the
 * visitor consented or logged in mid-visit, or a backend names the page load) inherits that visit:
 * the rest of it keeps the visitor and session it started with, instead of being cut in two. The
 * stronger id becomes the visitor id from the next visit on.
 *
 * `pageFirst`: for server events the page load they name is the most specific link; a browser's
 * own identities come first, and its page ids only link a visit it started before consenting.
 */
export function resolveVisitor(
  hints: IdentityHints,
  { visitors, sessions, secrets }: IdentityParts,
  { weak, pageFirst }: { weak?: () => string; pageFirst: boolean },
): string {
  const { site, at } = hints;
  const strong: string[] = [];
  if (hints.userId !== undefined) {
    const user = secrets?.userVisitorId(site, hints.userId);
    if (user !== undefined) strong.push(user);
  }
  if (hints.clientId !== undefined) strong.push(visitors.visitorId(site, '', '', at, hints.clientId));
  if (strong.length === 0 && !pageFirst && weak) return weak();

  const currentVisit = (id: string) => (sessions.isOpen(id, at) ? id : sessions.inheritedBy(id, at));
  const ownVisit = () => firstDefined(strong, currentVisit);
  const pageVisit = () => firstDefined(hints.pageIds, (pageId) => sessions.visitorOfPage(site, pageId, at));
  // The address-and-browser hash is shared by everyone behind one NAT with the same browser: one
  // consenting person may take its open visit over, a second one starts a visit of their own.
  const weakVisit = () => {
    if (!weak) return undefined;
    const id = weak();
    return sessions.isOpen(id, at) && !sessions.isClaimed(id, at) ? id : undefined;
  };
  const visit = pageFirst ? (pageVisit() ?? ownVisit()) : (ownVisit() ?? pageVisit() ?? weakVisit());
  const visitorId = visit ?? strong[0] ?? weak?.() ?? pageOnlyVisitor(visitors, site, hints.pageIds[0] ?? '', at);
  for (const id of strong) {
    if (currentVisit(id) === undefined) sessions.inherit(id, visitorId);
  }
  return visitorId;
}

/**
 * A server event naming only a page load the collector no longer remembers (older than a visit,
 * or before a restart): it gets a visitor of its own, the same for every event naming that page.
 */
function pageOnlyVisitor(visitors: VisitorHasher, site: string, pageId: string, at: number): string {
  return visitors.visitorId(site, '', '', at, `page\u0000${pageId}`);
}

function firstDefined<T>(items: readonly T[], pick: (item: T) => string | undefined): string | undefined {
  for (const item of items) {
    const found = pick(item);
    if (found !== undefined) return found;
  }
  return undefined;
}
