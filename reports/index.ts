export { journeyUnitLevels } from './funnel/units.ts';
export { journeyStepCounts } from './journey.ts';
export type { CampaignReport, JourneyReport, ReportData, StepResult } from './model.ts';
export { REPORT_MODEL_VERSION } from './model.ts';
export { computeReport } from './report.ts';
