import type { StoredEvent } from '../../store/index.ts';
import { LIMITS, type ServerBatch } from '../protocol.ts';
import { type Enrichers, notePages } from './enrich.ts';
import { resolveVisitor } from './identity.ts';
import { scrubFeedbackComment } from './scrub-comment.ts';

/**
 * Turns a validated batch from a backend into stored events. Nothing about the backend's own
 * request (its address, user agent, time zone) describes the visitor, so page, referrer, channel,
 * device and country stay empty; each event joins a visit through its own identity.
 */
export function enrichServerBatch(
  batch: ServerBatch,
  receivedAt: number,
  { visitors, sessions, secrets }: Enrichers,
): StoredEvent[] {
  const skew = batch.sent_at === undefined ? 0 : receivedAt - batch.sent_at;
  const events = batch.events.map((event): StoredEvent => {
    const corrected = event.ts === undefined ? receivedAt : event.ts + skew;
    const ts = Math.max(Math.min(corrected, receivedAt), receivedAt - LIMITS.maxEventAgeMs);
    const visitorId = resolveVisitor(
      {
        site: batch.site,
        userId: event.user_id,
        clientId: event.client_id,
        pageIds: event.page_id === undefined ? [] : [event.page_id],
        at: ts,
      },
      { visitors, sessions, secrets },
      { pageFirst: true },
    );
    return {
      id: event.id.toLowerCase(),
      ts,
      receivedAt,
      site: batch.site,
      name: event.name,
      url: null,
      path: null,
      hostname: null,
      referrer: null,
      referrerHost: null,
      utmSource: null,
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      channel: null,
      visitorId,
      sessionId: sessions.sessionId(visitorId, ts),
      pageId: event.page_id ?? null,
      device: null,
      browser: null,
      os: null,
      country: null,
      // A backend may relay feedback too: contact details are removed from comments as for browsers.
      props: scrubFeedbackComment(event) ?? null,
      value: event.value ?? null,
    };
  });
  notePages(sessions, events);
  return events;
}
