/**
 * The one module through which pages read report data: the report model may gain fields, and
 * page paths all come from the lists here (never from crawling links).
 */
import { readFileSync } from 'node:fs';
import reportFile from 'virtual:polku/report-file';
import type { CampaignReport, JourneyReport, ReportData, SessionDetail } from '../../reports/index.ts';
import type { SiteData } from './site-data.ts';

export type {
  Breakdown,
  CampaignDay,
  CampaignReport,
  JourneyReport,
  ReportData,
  Segment,
  SessionDetail,
  StepResult,
  TargetResult,
  UtmWarning,
} from '../../reports/index.ts';

/** Read as data at render time, never bundled as source (see site/astro-build.ts). */
const site = JSON.parse(readFileSync(reportFile, 'utf8')) as SiteData;

export const report: ReportData = site.report;
export const sessions: SessionDetail[] = site.sessions;
/** Campaign owners' notes as Markdown (campaign → text); render them only with site/src/notes/render-notes.ts. */
export const campaignNotes: Record<string, string> = site.campaignNotes;
export const buildInfo = site.build;
/** The language every page is written in (site/src/i18n). */
export const locale = site.build.locale;
/** The daily campaign table's CSV lives beside the page (the report files have one JSON per campaign). */
export const campaignDaysCsvPath = (campaign: Pick<CampaignReport, 'slug'>): string =>
  `/campaigns/${campaign.slug}/daily.csv`;

/** The report index: every page of the site, by kind. */
export const pages = {
  journeys: report.journeys.map((journey) => ({ path: `/journeys/${journey.id}/`, journey })),
  campaigns: report.campaigns.map((campaign) => ({ path: `/campaigns/${campaign.slug}/`, campaign })),
  sessions: sessions.map((session) => ({ path: `/sessions/${session.id}/`, session })),
};

export const journeyPath = (journey: Pick<JourneyReport, 'id'>): string => `/journeys/${journey.id}/`;
export const campaignPath = (campaign: Pick<CampaignReport, 'slug'>): string => `/campaigns/${campaign.slug}/`;
export const sessionPath = (id: string): string => `/sessions/${id}/`;
/** Downloadable report files (the same bytes `polku report` writes) live under /data/. */
export const dataPath = (file: string): string => `/data/${file}`;

export const journeyById = new Map(report.journeys.map((journey) => [journey.id, journey]));
export const sessionById = new Map(sessions.map((session) => [session.id, session]));
