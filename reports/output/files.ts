import type { CampaignReport, JourneyReport, ReportData } from '../model.ts';
import { ratio } from '../stats.ts';
import type { CsvValue } from './csv.ts';

/** One output file: its path inside the output folder and its content before the checksum is added. */
export interface ReportFile {
  path: string;
  kind: 'json' | 'csv';
  /** For JSON: the document (without meta and checksum); for CSV: header and rows. */
  json?: Record<string, unknown>;
  csv?: { header: string[]; rows: CsvValue[][] };
}

/** Every file `polku report` writes, in a fixed order: index, then each journey, then each campaign. */
export function reportFiles(data: ReportData): ReportFile[] {
  const files: ReportFile[] = [];
  files.push({
    path: 'index.json',
    kind: 'json',
    json: {
      title: data.title,
      timezone: data.timezone,
      currency: data.currency,
      journeys: data.journeys.map((j) => ({
        id: j.id,
        name: j.name,
        file: `journeys/${j.id}.json`,
        started: j.steps[0]?.count ?? 0,
        converted: j.steps.at(-1)?.count ?? 0,
        conversion: j.conversion.rate,
      })),
      campaigns: data.campaigns.map((c) => ({
        campaign: c.campaign,
        file: `campaigns/${c.slug}.json`,
        sessions: c.sessions,
        visitors: c.visitors,
      })),
      // Added within version 2: the campaigns without files of their own, summed.
      otherCampaigns: data.otherCampaigns,
      limits: data.limits,
      // Added within version 2: what needs attention first (reports/overview.ts).
      overview: data.overview,
    },
  });
  files.push(
    csv(
      'journeys.csv',
      ['id', 'name', 'started', 'converted', 'conversion', 'conversion_low', 'conversion_high'],
      data.journeys.map((j) => [
        j.id,
        j.name,
        j.steps[0]?.count,
        j.steps.at(-1)?.count,
        j.conversion.rate,
        j.conversion.interval.low,
        j.conversion.interval.high,
      ]),
    ),
    csv(
      'campaigns.csv',
      [
        'campaign',
        'configured',
        'visitors',
        'sessions',
        'bounce_rate',
        'pages_per_session',
        'conversions',
        'conversion_rate',
        'value',
      ],
      data.campaigns.map((c) => [
        c.campaign,
        c.configured,
        c.visitors,
        c.sessions,
        c.bounceRate,
        c.pagesPerSession,
        c.journey?.conversions,
        c.journey?.rate,
        c.value.total,
      ]),
    ),
  );
  for (const journey of data.journeys) files.push(...journeyFiles(journey));
  const journeys = new Map(data.journeys.map((journey) => [journey.id, journey]));
  for (const campaign of data.campaigns) {
    files.push(...campaignFiles(campaign, campaign.journey === null ? undefined : journeys.get(campaign.journey.id)));
  }
  return files;
}

function csv(path: string, header: string[], rows: CsvValue[][]): ReportFile {
  return { path, kind: 'csv', csv: { header, rows } };
}

function journeyFiles(journey: JourneyReport): ReportFile[] {
  const base = `journeys/${journey.id}`;
  const previous = journey.previousPeriod;
  return [
    { path: `${base}.json`, kind: 'json', json: { ...journey } },
    csv(
      `${base}.steps.csv`,
      [
        'step',
        'name',
        'count',
        'of_start',
        'of_previous',
        'low',
        'high',
        'dropped_here',
        'median_seconds_from_previous',
        'p75_seconds_from_previous',
        'nps',
        'nps_responses',
        // Added within version 2: appended, so the columns before keep their positions.
        'median_seconds_before_leaving',
        'p75_seconds_before_leaving',
        'nps_promoters',
        'nps_passives',
        'nps_detractors',
        // Added within version 2 (visitor journeys only).
        'median_days_from_previous',
        'p75_days_from_previous',
      ],
      journey.steps.map((s, i) => [
        i + 1,
        s.name,
        s.count,
        s.ofStart,
        s.ofPrevious,
        s.interval.low,
        s.interval.high,
        s.droppedHere,
        s.timeFromPrevious?.medianSeconds,
        s.timeFromPrevious?.p75Seconds,
        s.nps?.score,
        s.nps?.responses,
        s.timeBeforeLeaving?.medianSeconds,
        s.timeBeforeLeaving?.p75Seconds,
        s.nps?.promoters,
        s.nps?.passives,
        s.nps?.detractors,
        s.daysFromPrevious?.medianDays,
        s.daysFromPrevious?.p75Days,
      ]),
    ),
    // Added within version 2: the newest comments of each step, with their scores.
    csv(
      `${base}.comments.csv`,
      ['step', 'name', 'at', 'score', 'comment'],
      journey.steps.flatMap((s, i) => s.comments.newest.map((c) => [i + 1, s.name, c.at, c.score, c.comment])),
    ),
    csv(
      `${base}.samples.csv`,
      ['step', 'id', 'last_step_at', 'has_replay'],
      journey.steps.flatMap((s, i) =>
        s.samples.map((sample) => [i + 1, sample.id, sample.lastStepAt, sample.hasReplay]),
      ),
    ),
    csv(
      `${base}.next-actions.csv`,
      // `other` (added within version 2): on the row that sums the actions beyond the top ones, how many.
      ['step', 'action', 'units', 'share', 'other'],
      journey.steps.flatMap((s, i) => s.nextActions.map((a) => [i + 1, a.action, a.units, a.share, a.other])),
    ),
    csv(
      `${base}.breakdowns.csv`,
      [
        'dimension',
        'value',
        ...journey.steps.map((_, i) => `step_${i + 1}`),
        'conversion',
        'low',
        'high',
        'small_sample',
        'worse',
        // Added within version 2: on the row that sums the segments beyond the cap, how many.
        'other',
      ],
      journey.breakdowns.flatMap((b) =>
        b.segments.map((s) => [
          b.dimension,
          s.value,
          ...s.steps,
          s.conversion,
          s.interval.low,
          s.interval.high,
          s.smallSample,
          s.worse,
          s.other,
        ]),
      ),
    ),
    csv(
      `${base}.cross-segments.csv`,
      [
        'first_dimension',
        'first_value',
        'second_dimension',
        'second_value',
        'started',
        'converted',
        'conversion',
        'low',
        'high',
        'rest_started',
        'rest_converted',
        'rest_conversion',
        'p_value',
        'adjusted_p_value',
      ],
      journey.crossSegments.findings.map((f) => [
        f.dimensions[0],
        f.values[0],
        f.dimensions[1],
        f.values[1],
        f.started,
        f.converted,
        f.conversion,
        f.interval.low,
        f.interval.high,
        f.rest.started,
        f.rest.converted,
        f.rest.conversion,
        f.pValue,
        f.adjustedPValue,
      ]),
    ),
    csv(
      `${base}.trend.csv`,
      ['period', 'started', 'converted', 'conversion'],
      journey.trend.points.map((p) => [p.period, p.started, p.converted, p.conversion]),
    ),
    csv(
      `${base}.time-to-convert.csv`,
      ['bucket', 'up_to_seconds', 'units'],
      journey.timeToConvert.buckets.map((b) => [b.label, b.upToSeconds, b.units]),
    ),
    // Header only for journeys without cohorts (session and any-order journeys).
    csv(
      `${base}.cohorts.csv`,
      ['cohort_week', 'cohort_units', 'step', 'name', 'weeks_since_step_1', 'units', 'share', 'complete'],
      cohortRows(journey),
    ),
    // Header only when there is no previous period to compare with.
    csv(
      `${base}.previous-period.csv`,
      ['step', 'name', 'previous_from', 'previous_to', 'previous_count', 'count'],
      previous === null
        ? []
        : journey.steps.map((s, i) => [i + 1, s.name, previous.from, previous.to, previous.steps[i], s.count]),
    ),
  ];
}

/** One row per (cohort, later step, week); `units` and `share` are empty for weeks not observed yet. */
function cohortRows(journey: JourneyReport): CsvValue[][] {
  return (journey.cohorts ?? []).flatMap((cohort) =>
    cohort.steps.flatMap((step) =>
      step.weeks.map((cell, week) => [
        cohort.week,
        cohort.units,
        step.step,
        journey.steps[step.step - 1]?.name,
        week,
        cell?.units,
        cell?.share,
        week < cohort.completeWeeks,
      ]),
    ),
  );
}

/** A campaign's files; `journey` is the report of the journey it drives, for step names and site counts. */
function campaignFiles(campaign: CampaignReport, journey: JourneyReport | undefined): ReportFile[] {
  const base = `campaigns/${campaign.slug}`;
  const siteStarted = journey?.steps[0]?.count ?? 0;
  const campaignSteps = campaign.journey?.steps ?? [];
  const campaignStarted = campaignSteps[0] ?? 0;
  const ranked = (kind: string, list: { value: string; sessions: number; other?: number }[]) =>
    list.map((r) => [kind, r.value, r.sessions, r.other]);
  return [
    { path: `${base}.json`, kind: 'json', json: { ...campaign } },
    csv(
      `${base}.targets.csv`,
      ['metric', 'target', 'actual', 'expected_by_now', 'status'],
      campaign.targets.map((t) => [t.metric, t.target, t.actual, t.expectedByNow, t.status]),
    ),
    csv(
      `${base}.traffic.csv`,
      // `other` (added within version 2): on the row that sums the values beyond the cap, how many.
      ['kind', 'value', 'sessions', 'other'],
      [
        ...ranked('landing_page', campaign.landingPages),
        ...ranked('source', campaign.sources),
        ...ranked('medium', campaign.mediums),
        ...ranked('content', campaign.contents),
        ...ranked('term', campaign.terms),
        ...ranked(
          'variant',
          campaign.variants.map((v) => ({ value: v.spelling, sessions: v.sessions, other: v.other })),
        ),
      ],
    ),
    // Header only for a campaign that drives no journey.
    csv(
      `${base}.funnel.csv`,
      ['step', 'name', 'units', 'of_start', 'site_units', 'site_of_start'],
      (journey?.steps ?? []).map((s, i) => [
        i + 1,
        s.name,
        campaignSteps[i] ?? 0,
        ratio(campaignSteps[i] ?? 0, campaignStarted),
        s.count,
        ratio(s.count, siteStarted),
      ]),
    ),
    // The campaign against its site; journey measures are empty without a journey, and the site
    // has no "average" of started or converted units.
    csv(
      `${base}.vs-site.csv`,
      ['measure', 'campaign', 'site_average'],
      [
        ['started', campaign.journey?.started, null],
        ['conversions', campaign.journey?.conversions, null],
        ['conversion_rate', campaign.journey?.rate, campaign.siteAverage.conversionRate],
        ['conversion_low', campaign.journey?.interval.low, null],
        ['conversion_high', campaign.journey?.interval.high, null],
        ['bounce_rate', campaign.bounceRate, campaign.siteAverage.bounceRate],
        ['pages_per_session', campaign.pagesPerSession, campaign.siteAverage.pagesPerSession],
      ],
    ),
    csv(
      `${base}.value.csv`,
      ['measure', 'value'],
      [
        ['total', campaign.value.total],
        ['per_visitor', campaign.value.perVisitor],
        ['top10_share', campaign.value.top10Share],
        ['top20_share', campaign.value.top20Share],
        // Added within version 2: where the value comes from, paying visitors and the other deciles.
        ['source', campaign.value.source],
        ['payers', campaign.value.payers],
        ...campaign.value.deciles.slice(2).map((share, index) => [`top${(index + 3) * 10}_share`, share]),
      ],
    ),
  ];
}
