import type { StoredEvent } from './event.ts';
import { SPOOLED_COLUMNS } from './event-columns.ts';

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
 *
 * This runs for every accepted event, so the function is generated once from the column list as an
 * object literal (a loop over the columns building the object took 5.4 µs per line, the literal
 * 1.7 µs). Only names from EVENT_COLUMNS, a constant of this module's own, go into the source, each
 * quoted by JSON.stringify: nothing from a request ever becomes code.
 */
export const eventLine = new Function(
  'event',
  `return JSON.stringify({ ${SPOOLED_COLUMNS.map(({ name, kind, field }) => {
    const value = `event[${JSON.stringify(field)}]`;
    return `${JSON.stringify(name)}: ${kind === 'time' ? `Math.round(${value})` : value}`;
  }).join(', ')} }) + '\\n';`,
) as (event: StoredEvent) => string;

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
