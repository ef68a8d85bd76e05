import type { ReportData, SessionDetail } from '../../reports/index.ts';
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
}
