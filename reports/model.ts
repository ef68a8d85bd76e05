/**
 * The report data model: what `reports/` computes and `site/` renders. Versioned, because analysts
 * keep and diff these files; bump `version` on any incompatible change.
 */
export const REPORT_MODEL_VERSION = 1;

export interface ReportData {
  version: typeof REPORT_MODEL_VERSION;
  title: string;
  timezone: string;
  /** Time of the newest event in the data (ISO, UTC), so the same data gives the same report. */
  generatedAt: string | null;
  range: { from: string; to: string } | null;
  eventCount: number;
  journeys: JourneyReport[];
}

export interface JourneyReport {
  id: string;
  name: string;
  site: string;
  unit: 'session' | 'visitor';
  steps: StepResult[];
}

export interface StepResult {
  name: string;
  /** Units (sessions or visitors) that reached this step. */
  units: number;
  /** Share of the units that started the journey, 0..1. */
  ofStart: number;
  /** Share of the units at the previous step, 0..1 (1 for the first step). */
  ofPrevious: number;
  /** Units that reached this step but not the next one (0 for the last step). */
  droppedHere: number;
}
