import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { defineReportEvents, REPORT_EVENTS } from './report-events.ts';

/**
 * Time of the newest event of the configured sites (ISO, UTC), or null without events: the day
 * named periods such as last-7-days count back from when no `--now` is given (reports/periods.ts).
 */
export async function newestEventTime(config: PolkuConfig, store: Store): Promise<string | null> {
  await defineReportEvents(store, config);
  const [row] = await store.rows('newest event', `select max(ts) as last from ${REPORT_EVENTS}`, { last: 'string?' });
  return row?.last ?? null;
}
