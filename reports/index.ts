/**
 * The public face of reports/: everything cli/ and site/ use comes from here. The modules behind it
 * may move; these names are the contract (and the report model's types, docs/report-model.md).
 */
export { type CheckFinding, checkConfigAgainstData, checkConfigAgainstRows } from './check.ts';
export { journeyUnitLevels } from './funnel/units.ts';
export { journeyStepCounts } from './journey.ts';
export { reportInstant } from './local-date.ts';
export type * from './model.ts';
export { REPORT_MODEL_VERSION } from './model.ts';
export { newestEventTime } from './newest-event.ts';
export { toCsv } from './output/csv.ts';
export { type ReportFile, reportFiles } from './output/files.ts';
export { reportFileContent, writeReport } from './output/write-report.ts';
export {
  PERIOD_NAMES_HELP,
  PeriodError,
  type PeriodName,
  parsePeriodName,
  type ResolvedPeriod,
  rangePeriod,
  resolvePeriod,
} from './periods.ts';
export { computeReport, computeReportWith, type ReportOptions } from './report.ts';
export type { ReportEngine } from './report-engine.ts';
export { duckDbReportSource, type ReportSource } from './report-source.ts';
export { type SessionDetail, sessionDetails, sessionKey } from './session-details.ts';
