import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { journeyStepCounts } from './journey.ts';
import { REPORT_MODEL_VERSION, type ReportData } from './model.ts';

/** Computes the whole report model from the database: one pass over the configured journeys. */
export async function computeReport(config: PolkuConfig, store: Store): Promise<ReportData> {
  const [summary] = await store.query(
    `select count(*)::integer as events, min(ts) as first, max(ts) as last from events`,
  );
  const first = summary?.first;
  const last = summary?.last;
  const journeys = [];
  for (const journey of config.journeys) {
    const units = await journeyStepCounts(store, journey);
    journeys.push({
      id: journey.id,
      name: journey.name,
      site: journey.site,
      unit: journey.unit,
      steps: journey.steps.map((step, index) => {
        const reached = units[index] ?? 0;
        const start = units[0] ?? 0;
        const previous = index === 0 ? reached : (units[index - 1] ?? 0);
        const next = units[index + 1];
        return {
          name: step.name,
          units: reached,
          ofStart: start === 0 ? 0 : reached / start,
          ofPrevious: previous === 0 ? 0 : reached / previous,
          droppedHere: next === undefined ? 0 : reached - next,
        };
      }),
    });
  }
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
