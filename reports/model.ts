/**
 * The report data model: what `reports/` computes, `polku report` writes as JSON and `site/` renders.
 * Versioned, because analysts keep and diff these files; bump the version on any incompatible change.
 * Field-by-field documentation: docs/report-model.md.
 *
 * Conventions: times are ISO instants in UTC; durations are seconds; rates and shares are 0..1,
 * rounded to 6 digits; every interval is a Wilson 95 % interval; lists are sorted deterministically.
 */
export const REPORT_MODEL_VERSION = 2;

export interface Interval {
  low: number;
  high: number;
}

export interface ReportData {
  version: typeof REPORT_MODEL_VERSION;
  title: string;
  timezone: string;
  currency: string;
  /** Time of the newest event in the range (ISO, UTC), so the same data gives the same report. */
  generatedAt: string | null;
  /** First and last event in the range (or null without events). */
  range: { from: string; to: string } | null;
  /** The range asked for (`polku report --from/--to`), if any. */
  requested: { from: string | null; to: string | null };
  eventCount: number;
  journeys: JourneyReport[];
  /** Configured campaigns, and those seen in the data with enough sessions (see `otherCampaigns`). */
  campaigns: CampaignReport[];
  /**
   * Campaigns seen in the data without a report of their own: not configured and below
   * `report.campaigns.minSessions` sessions, or beyond the `report.campaigns.maxUnconfigured` largest.
   * Null when every campaign has its report.
   */
  otherCampaigns: OtherCampaigns | null;
  /** The caps this report was made with (`report.campaigns` and `report.tables` in the config). */
  limits: ReportLimits;
  /**
   * The config's revenue definition: the events whose value campaigns count (CampaignValue.source
   * `revenue`). Null without one: campaigns count their journey's last step.
   */
  revenue: RevenueDefinition | null;
  /** What needs attention first, by the rules of reports/overview.ts. */
  overview: Overview;
  /**
   * Added within version 2: `clickhouse` when the report was computed on a ClickHouse cluster
   * (`--backend clickhouse`); absent for the embedded DuckDB, so its files stay as they were.
   */
  backend?: 'clickhouse';
}

export interface RevenueDefinition {
  event: string;
  /** Property filters the event must match, or null. */
  props: Record<string, string | number | boolean> | null;
  /** The property the amount is read from; null: the event's `value`. */
  valueProp: string | null;
}

export interface Overview {
  /** Of every journey's biggest drop-off (by share), the one losing the most units. */
  biggestDropOff: {
    journey: string;
    name: string;
    unit: JourneyReport['unit'];
    afterStep: number;
    /** Names of the step left and the step not reached. */
    from: string;
    to: string;
    /** Units at the step left. */
    atStep: number;
    dropped: number;
    share: number;
  } | null;
  /** The campaign whose verdict is at risk or behind with the lowest pace. */
  furthestBehind: { campaign: string; slug: string; verdict: CampaignVerdict } | null;
  /** The journey whose conversion changed most against the previous period, significantly. */
  biggestChange: {
    journey: string;
    name: string;
    conversion: number;
    previousConversion: number;
    change: number;
    changeInterval: Interval;
  } | null;
}

export interface ReportLimits {
  /** Fewest sessions of an unconfigured campaign with a report of its own. */
  campaignMinSessions: number;
  /** Most unconfigured campaigns with a report of their own. */
  maxUnconfiguredCampaigns: number;
  /** Rows per breakdown and per campaign ranking before the rest are summed ("other (N)"). */
  maxRows: number;
  /** Next actions per step before the rest are summed. */
  nextActions: number;
}

export interface OtherCampaigns {
  /** How many campaigns are summed here. */
  campaigns: number;
  sessions: number;
  value: number;
}

export interface JourneyReport {
  id: string;
  name: string;
  site: string;
  unit: 'session' | 'visitor';
  order: 'sequential' | 'strict' | 'any';
  steps: StepResult[];
  /** The step after which the largest share of units left, or null when nobody left. */
  biggestDropOff: BiggestDropOff | null;
  /** Conversion (last step / first step) with its interval. */
  conversion: { rate: number; interval: Interval };
  timeToConvert: TimeToConvert;
  breakdowns: Breakdown[];
  /** Two-dimension combinations (device × channel, …) converting significantly worse than the rest. */
  crossSegments: CrossSegments;
  trend: Trend;
  previousPeriod: PreviousPeriod | null;
  /**
   * Visitor journeys in sequential or strict order: units grouped by the local week of their step 1,
   * with the share reaching each later step by weeks since step 1. Null for session journeys and
   * any-order journeys (which keep no time per step). Oldest week first.
   */
  cohorts: Cohort[] | null;
  /** Value of the events that match the journey's last step (its conversion events) in the range. */
  value: JourneyValue;
}

export interface JourneyValue extends ValueConcentration {
  /** Sum of the value of the journey's last-step events (every other event's value is left out). */
  total: number;
}

/**
 * How value is spread over the visitors who brought it (the 20/80 rule). A paying visitor is one
 * whose counted conversion events add up to more than 0.
 */
export interface ValueConcentration {
  payers: number;
  /**
   * Share of the paying visitors' value that came from the top 10 %, 20 %, … 100 % of them (ten
   * shares, the last 1; empty without payers). Where 10 % of the payers is not a whole number of
   * visitors, the next one counts with the fraction (the top 10 % of 3 payers is 0.3 of the largest
   * payer), so equally paying visitors always give 10 %, 20 %, …, 100 %.
   */
  deciles: number[];
}

export interface Cohort {
  /** Local date (report time zone) of the Monday that starts the week in which these units reached step 1. */
  week: string;
  /** Units whose step 1 lies in that week. */
  units: number;
  /**
   * Weeks since step 1 that are over for every unit of the cohort at the end of the data: cells at
   * these indexes are final; later non-null cells may still grow.
   */
  completeWeeks: number;
  /** Steps 2..N in order. */
  steps: CohortStep[];
}

export interface CohortStep {
  /** 1-based step number (2..N). */
  step: number;
  /**
   * Index w = weeks since step 1 (week 0 = the first 7 days): units that reached this step within
   * 7·(w+1) days of their own step 1, cumulative. Null when the data ends before any unit of the
   * cohort was w weeks past its step 1: not observed yet, which is not 0. Every cohort of a journey
   * has the same length: up to the latest week any cohort reaches, at most weeks 0..12.
   */
  weeks: (CohortCell | null)[];
}

export interface CohortCell {
  units: number;
  /** Of the cohort's units. */
  share: number;
}

export interface StepResult {
  name: string;
  /** Units (sessions or visitors) that reached this step. */
  count: number;
  /** Share of the units that started the journey. */
  ofStart: number;
  /** Share of the units at the previous step (1 for the first step). */
  ofPrevious: number;
  /** Interval for `ofPrevious`. */
  interval: Interval;
  /** Units that reached this step but not the next one (0 for the last step). */
  droppedHere: number;
  /** Time from first reaching the previous step to first reaching this one (null for step 1 / any order). */
  timeFromPrevious: DurationSummary | null;
  /** The same in days, for visitor journeys (null for session journeys, step 1 and any order). */
  daysFromPrevious: DaySummary | null;
  /** For units that dropped here: time from their last step to the end of that session. */
  timeBeforeLeaving: DurationSummary | null;
  /**
   * What units that dropped here did next in the same session: top 5 pages/events, or "(left)"; the
   * rest summed in one last row whose `other` says how many actions it holds.
   */
  nextActions: { action: string; units: number; share: number; other?: number }[];
  /** A few units that dropped here, with the time of their last step (anonymous ids). */
  samples: { id: string; lastStepAt: string; hasReplay: boolean }[];
  /** NPS from `feedback` events (props.score 0..10) sent while units were at this step. */
  nps: { responses: number; score: number; promoters: number; passives: number; detractors: number } | null;
  /**
   * Comments of those `feedback` events (e-mail addresses and phone numbers removed by the
   * collector), newest first, at most 20; `total` counts them all.
   */
  comments: { total: number; newest: StepComment[] };
}

export interface StepComment {
  /** When it was sent (ISO timestamp, UTC). */
  at: string;
  /** The score sent with it, 0..10. */
  score: number;
  comment: string;
}

export interface DurationSummary {
  units: number;
  medianSeconds: number;
  p75Seconds: number;
}

export interface DaySummary {
  units: number;
  medianDays: number;
  p75Days: number;
}

export interface BiggestDropOff {
  /** 1-based step the units left after. */
  afterStep: number;
  dropped: number;
  share: number;
  /** Is continuing from this step significantly (95 %) less likely than continuing from the other steps? */
  significantlyWorse: boolean;
}

export interface TimeToConvert extends Omit<DurationSummary, 'units'> {
  units: number;
  /** Converted units by time from step 1 to the last step. */
  buckets: { upToSeconds: number | null; label: string; units: number }[];
}

export interface Breakdown {
  dimension: 'channel' | 'campaign' | 'source_medium' | 'device' | 'landing_page' | 'country';
  segments: Segment[];
}

export type BreakdownDimension = Breakdown['dimension'];

export interface CrossSegments {
  /** Combinations with at least `minUnits` started units (and not all of them): the tests made. */
  tested: number;
  minUnits: number;
  /** Benjamini–Hochberg false discovery rate the findings are held to. */
  falseDiscoveryRate: number;
  /** At most 5, strongest evidence (smallest p-value) first. */
  findings: CrossSegment[];
}

export interface CrossSegment {
  /** Two breakdown dimensions, in the fixed order of reports/journey/cross-segments.ts. */
  dimensions: [BreakdownDimension, BreakdownDimension];
  /** The combination's value in each dimension. */
  values: [string, string];
  started: number;
  converted: number;
  conversion: number;
  interval: Interval;
  /** The journey's other units. */
  rest: { started: number; converted: number; conversion: number };
  /** One-sided p-value (pooled two-proportion z-test) that the combination converts worse than the rest. */
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value over every combination tested for the journey (≤ falseDiscoveryRate). */
  adjustedPValue: number;
}

export interface Segment {
  value: string;
  /** Units per step. */
  steps: number[];
  conversion: number;
  interval: Interval;
  /** Fewer than 30 units started: shown, but neither ranked nor flagged. */
  smallSample: boolean;
  /** Converts significantly (95 %) worse than the rest of the journey's units. */
  worse: boolean;
  /**
   * Only on the last row of a capped breakdown, which sums the segments beyond
   * `report.tables.maxRows`: how many it holds. Such a row is never ranked or flagged.
   */
  other?: number;
}

export interface Trend {
  granularity: 'day' | 'week';
  /** Periods start on local dates in the report time zone (weeks on Mondays). */
  points: { period: string; started: number; converted: number; conversion: number }[];
}

export interface PreviousPeriod {
  from: string;
  to: string;
  steps: number[];
  conversion: number;
  /** This period's conversion minus the previous one's. */
  change: number;
  /** 95 % interval of `change` (Newcombe's hybrid score interval for a difference of proportions). */
  changeInterval: Interval;
  /** The interval excludes 0: the change is unlikely to be chance. */
  significant: boolean;
}

export interface CampaignReport {
  /** Normalised utm_campaign: trimmed, lower-cased. */
  campaign: string;
  /**
   * Page and file name: the clean name itself for configured campaigns and for clean names from the
   * data; otherwise the shortened name plus a hash of the full name (see reports/campaign/slug.ts).
   */
  slug: string;
  /** Spellings seen in the data (raw utm_campaign values), with sessions; capped like `Ranked` lists. */
  variants: { spelling: string; sessions: number; other?: number }[];
  configured: boolean;
  /** Who answers for the campaign (`owner` in the config), or null. */
  owner: string | null;
  /** What the campaign is for, one line (`goal` in the config), or null. */
  goal: string | null;
  period: { from: string | null; to: string | null };
  visitors: number;
  sessions: number;
  bounceRate: number;
  pagesPerSession: number;
  landingPages: Ranked[];
  sources: Ranked[];
  mediums: Ranked[];
  contents: Ranked[];
  terms: Ranked[];
  /**
   * The configured journey (or, without one, the first journey of the site most of the campaign's
   * sessions came from): attributed units whose step 1 lies inside the campaign period.
   */
  journey: {
    id: string;
    /** True when the config names no journey for this campaign and `id` was chosen by that rule. */
    byDefault: boolean;
    /** Units per step. */
    steps: number[];
    started: number;
    conversions: number;
    rate: number;
    interval: Interval;
  } | null;
  targets: TargetResult[];
  /** The verdict of the target furthest behind its pace, with its projection; null without targets. */
  verdict: CampaignVerdict | null;
  /** What explains the campaign's conversion: its weakest journey step and worse segments; null without a journey or units in it. */
  explanation: CampaignExplanation | null;
  value: CampaignValue;
  budget: { amount: number; costPerConversion: number | null; returnOnSpend: number } | null;
  siteAverage: { bounceRate: number; pagesPerSession: number; conversionRate: number | null };
  /** Sessions, visitors and value per local day (report time zone) inside the campaign period. */
  daily: CampaignDay[];
  /** Tagging problems, by the rules `polku check` applies to the whole data. */
  utmWarnings: UtmWarning[];
}

export interface CampaignValue extends ValueConcentration {
  /**
   * Where the value comes from: `revenue`, the config's revenue definition; `journey`, the last
   * step of the campaign's journey; `journeys`, for a campaign that drives no journey, the last
   * step of any journey (an event that ends two journeys counts once); null: no revenue definition
   * and no journeys, so the campaign counts no value.
   */
  source: 'revenue' | 'journey' | 'journeys' | null;
  /** Value of the conversion events in the campaign's sessions (inside its period). */
  total: number;
  perVisitor: number;
  /** `deciles[0]` and `deciles[1]` (0 without payers), kept for readers of earlier reports. */
  top10Share: number;
  top20Share: number;
}

export interface CampaignDay {
  /** Local date in the report time zone. */
  day: string;
  sessions: number;
  visitors: number;
  /** Value of the conversion events (as in CampaignValue) of the sessions that started that day. */
  value: number;
}

export type UtmWarning =
  /** utm_campaign is spelled this many ways (the spellings are `variants`). */
  | { kind: 'spellings'; spellings: number }
  | { kind: 'no-source'; sessions: number }
  | { kind: 'no-medium'; sessions: number }
  /** A medium that neither Polku's channel rules nor GA4 recognise. */
  | { kind: 'unknown-medium'; medium: string; sessions: number };

export interface Ranked {
  value: string;
  sessions: number;
  /** Only on the last row of a capped list: how many values beyond `report.tables.maxRows` it sums. */
  other?: number;
}

export interface TargetResult {
  metric: 'visitors' | 'conversions' | 'conversionRate' | 'revenue';
  target: number;
  actual: number;
  /** Target scaled to the share of the period that has passed (rates are not scaled). */
  expectedByNow: number;
  /** on-track: actual ≥ expected; at-risk: ≥ 90 % of expected; behind: less. */
  status: 'on-track' | 'at-risk' | 'behind';
}

export interface CampaignVerdict {
  /** The target's status, with on-track split: ahead when actual ≥ 1.1 × expected by now. */
  status: 'ahead' | 'on-track' | 'at-risk' | 'behind';
  metric: TargetResult['metric'];
  target: number;
  actual: number;
  expectedByNow: number;
  /** actual ÷ expectedByNow − 1 (−0.12: 12 % behind the pace); null when nothing is expected yet. */
  pace: number | null;
  /** Share of the campaign period before the report's newest event (0..1); null without a period. */
  elapsed: number | null;
  /**
   * The result at the end of the period if the pace so far holds: actual ÷ elapsed for counts and
   * revenue (actual without a period or once it is over), the actual itself for a rate; null at 0 elapsed.
   */
  projected: number | null;
  /** projected ÷ target − 1; null without a projection. */
  projectedVsTarget: number | null;
}

export interface CampaignExplanation {
  /**
   * The campaign's journey step whose step conversion (of the previous step) falls furthest below
   * the same step for the journey's other units; null when no step is below.
   */
  weakestStep: {
    /** 1-based step (2..N). */
    step: number;
    name: string;
    /** Campaign units at the previous step and at this one. */
    from: number;
    reached: number;
    rate: number;
    /** The same step for the journey's units not attributed to the campaign in its period. */
    othersRate: number;
    /** Significantly (95 %, one-sided) below the others. */
    significant: boolean;
  } | null;
  /**
   * The campaign's segments (device, channel, landing page, source / medium, country) whose units
   * convert significantly worse than the campaign's other units: ≥ 30 started, Benjamini–Hochberg at 5 %
   * over the segments tested for the campaign; at most 5, strongest evidence first.
   */
  worseSegments: CampaignSegment[];
}

export interface CampaignSegment {
  dimension: BreakdownDimension;
  value: string;
  started: number;
  converted: number;
  conversion: number;
  /** The campaign's other journey units in its period. */
  rest: { started: number; converted: number; conversion: number };
  adjustedPValue: number;
}
