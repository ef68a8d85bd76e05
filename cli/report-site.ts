import type { PolkuConfig } from '../config/index.ts';
import { computeReport, type ReportData } from '../reports/index.ts';
import { buildSite } from '../site/build.ts';
import type { Store } from '../store/index.ts';

/** Computes the report model from the database and builds the static site from it. */
export async function buildReportSite(
  config: PolkuConfig,
  store: Store,
  { out, base = '/' }: { out: string; base?: string },
): Promise<ReportData> {
  const data = await computeReport(config, store);
  await buildSite({ data, outDir: out, base });
  return data;
}
