import type { StoredEvent } from './event.ts';

/** A replay chunk as the collector accepted it: gzip bytes of a JSON array of rrweb events. */
export interface ReplayChunk {
  site: string;
  pageId: string;
  seq: number;
  receivedAt: number;
  data: Buffer;
}

/**
 * One spool line per event, in the column names of `events`, so DuckDB's read_json can load a
 * whole segment in one statement (on its own threads, with no per-value work in JavaScript).
 */
export function eventLine(event: StoredEvent): string {
  return `${JSON.stringify({
    id: event.id,
    ts: Math.round(event.ts),
    received_at: Math.round(event.receivedAt),
    site: event.site,
    name: event.name,
    url: event.url,
    path: event.path,
    hostname: event.hostname,
    referrer: event.referrer,
    referrer_host: event.referrerHost,
    utm_source: event.utmSource,
    utm_medium: event.utmMedium,
    utm_campaign: event.utmCampaign,
    utm_term: event.utmTerm,
    utm_content: event.utmContent,
    channel: event.channel,
    visitor_id: event.visitorId,
    session_id: event.sessionId,
    page_id: event.pageId,
    device: event.device,
    browser: event.browser,
    os: event.os,
    country: event.country,
    props: event.props,
    value: event.value,
  })}\n`;
}

export function replayLine(chunk: ReplayChunk): string {
  return `${JSON.stringify({
    site: chunk.site,
    page_id: chunk.pageId,
    seq: chunk.seq,
    received_at: chunk.receivedAt,
    data: chunk.data.toString('base64'),
  })}\n`;
}

/** Who was active when, as read back from spool lines (to restore sessions after a restart). */
export interface SpooledActivity {
  visitorId: string;
  sessionId: string;
  ts: number;
}

export function activityOfLine(line: string): SpooledActivity | null {
  try {
    const event = JSON.parse(line) as { visitor_id?: unknown; session_id?: unknown; ts?: unknown };
    if (typeof event.visitor_id !== 'string' || typeof event.session_id !== 'string') return null;
    if (typeof event.ts !== 'number') return null;
    return { visitorId: event.visitor_id, sessionId: event.session_id, ts: event.ts };
  } catch {
    // A line cut in half by a crash was never acknowledged.
    return null;
  }
}
