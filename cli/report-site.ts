import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { type PolkuConfig, readCampaignNotes } from '../config/index.ts';
import { normaliseCampaign } from '../reports/campaign/campaign-queries.ts';
import {
  computeReportWith,
  REPORT_MODEL_VERSION,
  type ReportData,
  type ReportSource,
  type ResolvedPeriod,
} from '../reports/index.ts';
import { buildSite } from '../site/build.ts';
import type { PeriodLink, SiteData } from '../site/src/site-data.ts';
import { POLKU_VERSION } from './version.ts';

export interface ReportSiteOptions {
  out: string;
  base?: string;
  /** Build time to show instead of the newest event's time (`polku build --now`). */
  now?: string;
  /**
   * The periods to build side by side (reports/periods.ts): the first at the root of `out`, each
   * other one as a complete site under `periods/<slug>/`. Default: one site over all the data.
   */
  periods?: readonly ResolvedPeriod[];
  /** Called at the start of each stage, for progress output. */
  onProgress?: (stage: string) => void;
  /** The config file, which campaign `notes` paths are relative to (default: the working directory). */
  configFile?: string;
}

/** Computes the report model from the source's events and builds the static site (one per period) from it. */
export async function buildReportSite(
  config: PolkuConfig,
  source: ReportSource,
  { out, base = '/', now, periods = [], onProgress, configFile }: ReportSiteOptions,
): Promise<{ data: ReportData; pages: number }> {
  const runs = periods.length === 0 ? [null] : periods;
  let first: ReportData | undefined;
  let pages = 0;
  for (const [index, period] of runs.entries()) {
    const path = index === 0 || period === null ? '' : `periods/${period.slug}/`;
    const say = (stage: string) => onProgress?.(period === null ? stage : `${period.name}: ${stage}`);
    const links = periods.map((p, j) => periodLink(p, j, index, base));
    const built = await buildOne(config, source, {
      out: path === '' ? out : join(out, path),
      base: `${base}${path}`,
      within: { base, path },
      now,
      configFile,
      period,
      links,
      say,
    });
    first ??= built.data;
    pages += built.pages;
  }
  if (first === undefined) throw new Error('no period to build');
  return { data: first, pages };
}

function periodLink(period: ResolvedPeriod, index: number, current: number, base: string): PeriodLink {
  return {
    spec: period.spec,
    days: period.days,
    href: index === 0 ? base : `${base}periods/${period.slug}/`,
    current: index === current,
  };
}

async function buildOne(
  config: PolkuConfig,
  source: ReportSource,
  options: {
    out: string;
    base: string;
    within: { base: string; path: string };
    now: string | undefined;
    configFile: string | undefined;
    period: ResolvedPeriod | null;
    links: PeriodLink[];
    say: (stage: string) => void;
  },
): Promise<{ data: ReportData; pages: number }> {
  const { period, say } = options;
  say('computing reports');
  const engine = await source.openEngine(config);
  const data = await computeReportWith(config, engine, {
    ...(period ? { range: period.range } : {}),
    ...(period?.previous ? { previous: period.previous } : {}),
    onTiming: (label, seconds) => say(`  ${label} took ${seconds.toFixed(1)} s`),
  });
  say('collecting drop-off sessions and replays');
  const { sessions, replays } = await engine.sessionDetails(config, data);
  const site: SiteData = {
    report: data,
    sessions,
    campaignNotes: Object.fromEntries(
      Object.entries(readCampaignNotes(config, options.configFile)).map(([name, text]) => [
        normaliseCampaign(name),
        text,
      ]),
    ),
    build: {
      generatedAt: options.now ?? data.generatedAt,
      checksum: createHash('sha256').update(JSON.stringify(data)).digest('hex'),
      polkuVersion: POLKU_VERSION,
      reportModelVersion: REPORT_MODEL_VERSION,
      locale: config.report.locale,
      config: { journeys: config.journeys, campaigns: config.campaigns, report: config.report },
      ...(options.links.length > 0 ? { periods: options.links } : {}),
    },
  };
  // Overview and methodology, then one page per journey, campaign and sampled session.
  const pages = 2 + data.journeys.length + data.campaigns.length + sessions.length;
  say(`rendering ${pages} pages`);
  await buildSite({ data: site, replays, outDir: options.out, base: options.base, within: options.within });
  return { data, pages };
}
