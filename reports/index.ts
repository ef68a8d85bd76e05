export { computeJourney } from './journey.ts';
export type { JourneyReport, ReportData, StepResult } from './model.ts';
export { REPORT_MODEL_VERSION } from './model.ts';
export { computeReport } from './report.ts';
