import type { StoredEvent } from '../../store/index.ts';
import { LIMITS, type WireBatch } from '../protocol.ts';
import type { SiteSecrets } from '../site-secrets.ts';
import { channelOf } from './channel.ts';
import { countryOfTimeZone } from './country.ts';
import type { DeviceParser } from './device.ts';
import { resolveVisitor } from './identity.ts';
import { scrubFeedbackComment } from './scrub-comment.ts';
import type { Sessionizer } from './sessions.ts';
import { parsePageUrl, referrerHost } from './url.ts';
import type { VisitorHasher } from './visitor.ts';

export interface RequestContext {
  ip: string;
  userAgent: string;
  /** Server receive time, epoch milliseconds. */
  receivedAt: number;
}

export interface Enrichers {
  visitors: VisitorHasher;
  sessions: Sessionizer;
  devices: DeviceParser;
  /** Per-site secrets: the key of the user-id hash. Without them user ids are ignored. */
  secrets?: SiteSecrets;
}

/**
 * The salted visitor id for a request. Salts change at UTC midnight, so the same browser gets a
 * new id then; a visit going on across midnight keeps yesterday's id (and so its session) for as
 * long as that session stays open. Yesterday's id is only computed when today's has no open
 * session, so this costs a second hash once per new session, not per request.
 */
function continuingVisitorId(
  site: string,
  { ip, userAgent, receivedAt }: RequestContext,
  visitors: VisitorHasher,
  sessions: Sessionizer,
): string {
  const today = visitors.visitorId(site, ip, userAgent, receivedAt);
  if (sessions.isOpen(today, receivedAt)) return today;
  const yesterday = visitors.previousDayVisitorId(site, ip, userAgent, receivedAt);
  return yesterday !== undefined && sessions.isOpen(yesterday, receivedAt) ? yesterday : today;
}

/** Page ids of a batch, each once, in order (a batch is nearly always one page load). */
export function pageIdsOf(events: readonly { page_id?: string | undefined }[]): string[] {
  const ids: string[] = [];
  for (const { page_id } of events) if (page_id !== undefined && !ids.includes(page_id)) ids.push(page_id);
  return ids;
}

/** Remembers which visitor each page load went to, so later events naming it join that visit. */
export function notePages(sessions: Sessionizer, events: readonly StoredEvent[]): void {
  let last: string | null = null;
  for (const event of events) {
    if (event.pageId === null || event.pageId === last) continue;
    last = event.pageId;
    sessions.notePage(event.site, event.pageId, event.visitorId);
  }
}

/**
 * Turns a validated batch into stored events. The client's clock is corrected by the difference
 * between when it says it sent the batch and when the server received it.
 */
export function enrichBatch(
  batch: WireBatch,
  request: RequestContext,
  { visitors, sessions, devices, secrets }: Enrichers,
): StoredEvent[] {
  const skew = batch.sent_at === undefined ? 0 : request.receivedAt - batch.sent_at;
  const visitorId = resolveVisitor(
    {
      site: batch.site,
      userId: batch.user_id,
      clientId: batch.client_id,
      // Only a stronger identity looks for the visit of a page load: the common batch skips this.
      pageIds: batch.client_id !== undefined || batch.user_id !== undefined ? pageIdsOf(batch.events) : [],
      at: request.receivedAt,
    },
    { visitors, sessions, secrets },
    { weak: () => continuingVisitorId(batch.site, request, visitors, sessions), pageFirst: false },
  );
  const { device, browser, os } = devices.parse(request.userAgent);
  const country = countryOfTimeZone(batch.tz);
  const events = batch.events.map((event): StoredEvent => {
    // An event can't have happened after it arrived, whatever the client's clock says, nor (for a
    // tracker that sends at once) long before.
    const corrected = event.ts === undefined ? request.receivedAt : event.ts + skew;
    const ts = Math.max(Math.min(corrected, request.receivedAt), request.receivedAt - LIMITS.maxEventAgeMs);
    const page = parsePageUrl(event.url);
    const fromHost = referrerHost(event.referrer);
    return {
      id: event.id.toLowerCase(),
      ts,
      receivedAt: request.receivedAt,
      site: batch.site,
      name: event.name,
      url: event.url,
      path: page.path,
      hostname: page.hostname,
      referrer: event.referrer || null,
      referrerHost: fromHost,
      utmSource: page.utmSource,
      utmMedium: page.utmMedium,
      utmCampaign: page.utmCampaign,
      utmTerm: page.utmTerm,
      utmContent: page.utmContent,
      channel: channelOf({
        utmMedium: page.utmMedium,
        utmSource: page.utmSource,
        clickId: page.clickId,
        referrerHost: fromHost,
        pageHost: page.hostname,
      }),
      visitorId,
      sessionId: sessions.sessionId(visitorId, ts),
      pageId: event.page_id ?? null,
      device,
      browser,
      os,
      country,
      props: scrubFeedbackComment(event) ?? null,
      value: event.value ?? null,
    };
  });
  notePages(sessions, events);
  return events;
}
