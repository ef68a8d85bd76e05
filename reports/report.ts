import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { computeJourney } from './journey.ts';
import { REPORT_MODEL_VERSION, type ReportData } from './model.ts';

/** Computes the whole report model from the database: one pass over the configured journeys. */
export async function computeReport(config: PolkuConfig, store: Store): Promise<ReportData> {
  const [summary] = await store.query(
    `select count(*)::integer as events, min(ts) as first, max(ts) as last from events`,
  );
  const first = summary?.first;
  const last = summary?.last;
  const journeys = [];
  for (const journey of config.journeys) journeys.push(await computeJourney(store, journey));
  return {
    version: REPORT_MODEL_VERSION,
    title: config.report.title,
    timezone: config.report.timezone,
    generatedAt: typeof last === 'string' ? last : null,
    range: typeof first === 'string' && typeof last === 'string' ? { from: first, to: last } : null,
    eventCount: Number(summary?.events ?? 0),
    journeys,
  };
}
