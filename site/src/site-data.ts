import type { ReportData, ResolvedPeriod, SessionDetail } from '../../reports/index.ts';
import type { Locale } from './i18n/locale.ts';

/** Everything the pages render, written to a JSON file that site/src/data.ts reads at render time. */
export interface SiteData {
  report: ReportData;
  /** Sampled drop-off sessions (timelines); their replay events are separate files, never inlined. */
  sessions: SessionDetail[];
  /**
   * Each campaign owner's notes (`notes` in the config), read at build time: normalised campaign
   * name (CampaignReport.campaign) → the Markdown text as written. The text travels, not HTML: the
   * site renders it (site/src/notes/render-notes.ts), so the one safe renderer decides what it may become.
   */
  campaignNotes: Record<string, string>;
  build: BuildInfo;
}

export interface BuildInfo {
  /** `--now` when given, else the newest event's time, so the same data gives the same site. */
  generatedAt: string | null;
  /** SHA-256 of the report data the site was built from. */
  checksum: string;
  polkuVersion: string;
  reportModelVersion: number;
  /** The site's language (`report.locale` in the config). */
  locale: Locale;
  /** The parts of the configuration the numbers depend on (journeys, campaigns, report settings). */
  config: { journeys: unknown; campaigns: unknown; report: unknown };
  /**
   * The periods built side by side (`polku build --period/--periods`, `report.periods`), in order,
   * for the period switcher in the header; absent for one site over all the data.
   */
  periods?: PeriodLink[];
}

/** One period's site, as the period switcher links it. */
export interface PeriodLink {
  /** What the period is (reports/periods.ts), named on the page in the site's language. */
  spec: ResolvedPeriod['spec'];
  /** Its first and last local day (YYYY-MM-DD), when known. */
  days: ResolvedPeriod['days'];
  /** The path of the period's site with the base: "/" for the first, "/periods/<slug>/" for the others. */
  href: string;
  /** This site is that period's. */
  current: boolean;
}
