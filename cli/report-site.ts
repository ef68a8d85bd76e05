import { createHash } from 'node:crypto';
import { type PolkuConfig, readCampaignNotes } from '../config/index.ts';
import { normaliseCampaign } from '../reports/campaign/campaign-queries.ts';
import { computeReport, REPORT_MODEL_VERSION, type ReportData, sessionDetails } from '../reports/index.ts';
import { buildSite } from '../site/build.ts';
import type { SiteData } from '../site/src/site-data.ts';
import type { Store } from '../store/index.ts';
import { POLKU_VERSION } from './version.ts';

export interface ReportSiteOptions {
  out: string;
  base?: string;
  /** Build time to show instead of the newest event's time (`polku build --now`). */
  now?: string;
  /** Called at the start of each stage, for progress output. */
  onProgress?: (stage: string) => void;
  /** The config file, which campaign `notes` paths are relative to (default: the working directory). */
  configFile?: string;
}

/** Computes the report model from the database and builds the static site from it. */
export async function buildReportSite(
  config: PolkuConfig,
  store: Store,
  { out, base = '/', now, onProgress, configFile }: ReportSiteOptions,
): Promise<{ data: ReportData; pages: number }> {
  onProgress?.('computing reports');
  const data = await computeReport(config, store, {
    onTiming: (label, seconds) => onProgress?.(`  ${label} took ${seconds.toFixed(1)} s`),
  });
  onProgress?.('collecting drop-off sessions and replays');
  const { sessions, replays } = await sessionDetails(config, store, data);
  const site: SiteData = {
    report: data,
    sessions,
    campaignNotes: Object.fromEntries(
      Object.entries(readCampaignNotes(config, configFile)).map(([name, text]) => [normaliseCampaign(name), text]),
    ),
    build: {
      generatedAt: now ?? data.generatedAt,
      checksum: createHash('sha256').update(JSON.stringify(data)).digest('hex'),
      polkuVersion: POLKU_VERSION,
      reportModelVersion: REPORT_MODEL_VERSION,
      locale: config.report.locale,
      config: { journeys: config.journeys, campaigns: config.campaigns, report: config.report },
    },
  };
  // Overview and methodology, then one page per journey, campaign and sampled session.
  const pages = 2 + data.journeys.length + data.campaigns.length + sessions.length;
  onProgress?.(`rendering ${pages} pages`);
  await buildSite({ data: site, replays, outDir: out, base });
  return { data, pages };
}
