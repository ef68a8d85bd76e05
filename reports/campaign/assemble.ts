import type { PolkuConfig } from '../../config/index.ts';
import { capRows, otherLabel, total } from '../capped-rows.ts';
import type { CampaignReport, OtherCampaigns, Ranked, TargetResult } from '../model.ts';
import { ratio, round, wilson } from '../stats.ts';
import { campaignValueSource } from '../value/conversion-values.ts';
import { concentrationOf, type DecileRow } from '../value/deciles.ts';
import type { CampaignJourneyRow } from './campaign-journeys.ts';
import {
  type CampaignPeriodRow,
  type CampaignRankingRow,
  type CampaignTotalsRow,
  normaliseCampaign,
  type SiteAverageRow,
} from './campaign-queries.ts';
import { campaignSlugs } from './slug.ts';
import { campaignVerdict } from './verdict.ts';

export interface CampaignRows {
  totals: CampaignTotalsRow[];
  rankings: CampaignRankingRow[];
  /** Value deciles of each campaign's paying visitors (campaigns without payers have no row). */
  concentration: DecileRow[];
  periods: CampaignPeriodRow[];
  siteAverages: SiteAverageRow[];
  /** Per (journey, campaign): attributed units per step inside the campaign period. */
  journeys: CampaignJourneyRow[];
  /** Per journey: its site, step count, and started and converted units, for the site averages. */
  journeyTotals: Map<string, { site: string; stepCount: number; started: number; converted: number }>;
}

type CampaignConfig = PolkuConfig['campaigns'][string];

/** A configured campaign no session came from has no totals row: all zero. */
const NO_SESSIONS: Omit<CampaignTotalsRow, 'campaign'> = {
  visitors: 0,
  sessions: 0,
  bounces: 0,
  pageviews: 0,
  value: 0,
};

/** A campaign's report before its daily trend and tagging warnings are added (reports/report.ts). */
export type AssembledCampaign = Omit<CampaignReport, 'daily' | 'utmWarnings' | 'explanation'>;

/**
 * Every configured campaign, and the campaigns seen in the data with at least
 * `report.campaigns.minSessions` sessions, up to the `report.campaigns.maxUnconfigured` largest;
 * sorted by name, each with its slice of each query. The campaigns left out are summed.
 */
export function assembleCampaigns(
  config: PolkuConfig,
  rows: CampaignRows,
): { campaigns: AssembledCampaign[]; other: OtherCampaigns | null } {
  const configured = new Map(Object.entries(config.campaigns).map(([name, c]) => [normaliseCampaign(name), c]));
  const { minSessions, maxUnconfigured } = config.report.campaigns;
  const seen = rows.totals
    .filter((row) => !configured.has(row.campaign))
    .map((row) => ({ name: row.campaign, sessions: row.sessions, value: row.value }))
    .sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name));
  const large = seen.filter((campaign) => campaign.sessions >= minSessions);
  const reported = large.slice(0, maxUnconfigured);
  const left = [...seen.filter((campaign) => campaign.sessions < minSessions), ...large.slice(maxUnconfigured)];
  const slugs = campaignSlugs(
    [...configured.keys()],
    reported.map((campaign) => campaign.name),
  );
  const names = [...configured.keys(), ...reported.map((campaign) => campaign.name)].sort();
  const ownRows = rowsOfEachCampaign(rows);
  const campaigns = names.map((name) =>
    assembleCampaign(
      name,
      slugs.get(name) ?? name,
      configured.get(name),
      campaignValueSource(config, configured.get(name)),
      ownRows(name),
      config.report.tables.maxRows,
    ),
  );
  const other =
    left.length === 0
      ? null
      : {
          campaigns: left.length,
          sessions: total(left, (campaign) => campaign.sessions),
          value: round(
            total(left, (campaign) => campaign.value),
            2,
          ),
        };
  return { campaigns, other };
}

/**
 * Each campaign's own rows (the site averages and journey totals are shared). Filtering every row for
 * each campaign was quadratic: 2.6 s of a report with 200 campaigns on 10 M events.
 */
function rowsOfEachCampaign(rows: CampaignRows): (name: string) => CampaignRows {
  const rankings = groupRows(rows.rankings, (row) => row.campaign);
  const totals = groupRows(rows.totals, (row) => row.campaign);
  const concentration = groupRows(rows.concentration, (row) => row.grp);
  const periods = groupRows(rows.periods, (row) => row.campaign);
  const journeys = groupRows(rows.journeys, (row) => row.campaign);
  return (name) => ({
    ...rows,
    rankings: rankings.get(name) ?? [],
    totals: totals.get(name) ?? [],
    concentration: concentration.get(name) ?? [],
    periods: periods.get(name) ?? [],
    journeys: journeys.get(name) ?? [],
  });
}

function groupRows<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group === undefined) groups.set(key(row), [row]);
    else group.push(row);
  }
  return groups;
}

function assembleCampaign(
  name: string,
  slug: string,
  campaign: CampaignConfig | undefined,
  valueSource: CampaignReport['value']['source'],
  rows: CampaignRows,
  maxRows: number,
): AssembledCampaign {
  const totals = rows.totals.find((row) => row.campaign === name) ?? NO_SESSIONS;
  const { visitors, sessions, value } = totals;
  const ranked = (kind: string): Ranked[] =>
    rows.rankings
      .filter((row) => row.campaign === name && row.kind === kind)
      .map((row) => ({ value: row.value, sessions: row.sessions }))
      .sort((a, b) => b.sessions - a.sessions || a.value.localeCompare(b.value));
  // Each session has one value of each kind, so the rows beyond the cap add up.
  const capped = (kind: string): Ranked[] =>
    capRows(ranked(kind), maxRows, (rest) => ({
      value: otherLabel(rest.length),
      sessions: total(rest, (row) => row.sessions),
      other: rest.length,
    }));
  const campaignSites = rows.rankings.filter((row) => row.campaign === name && row.kind === 'site');
  const journeyId = campaign?.journey ?? defaultJourney(campaignSites, rows.journeyTotals);
  const siteJourney = journeyId === undefined ? undefined : rows.journeyTotals.get(journeyId);
  const journeyRow = rows.journeys.find((row) => row.journey === journeyId && row.campaign === name);
  // No unit attributed to the campaign (no row): 0 at every step. A row lists all 20 steps.
  const counted = journeyRow?.steps ?? [];
  const journeySteps = Array.from({ length: siteJourney?.stepCount ?? 0 }, (_, index) => counted[index] ?? 0);
  const started = journeySteps[0] ?? 0;
  const conversions = journeySteps.at(-1) ?? 0;
  const concentration = concentrationOf(rows.concentration.find((row) => row.grp === name));
  const period = rows.periods.find((row) => row.campaign === name);
  const targetResults = targets(campaign, period?.elapsed ?? null, { visitors, conversions, started, revenue: value });
  const averagedSites = siteAverageSites(
    siteJourney?.site,
    campaignSites.map((row) => row.value),
    rows.siteAverages,
  );
  const site = rows.siteAverages
    .filter((row) => averagedSites.has(row.site))
    .reduce<{ sessions: number; bounces: number; pageviews: number }>(
      (sum, row) => ({
        sessions: sum.sessions + row.sessions,
        bounces: sum.bounces + row.bounces,
        pageviews: sum.pageviews + row.pageviews,
      }),
      { sessions: 0, bounces: 0, pageviews: 0 },
    );
  return {
    campaign: name,
    slug,
    variants: capped('variant').map(({ value, ...row }) => ({ spelling: value, ...row })),
    configured: campaign !== undefined,
    owner: campaign?.owner ?? null,
    goal: campaign?.goal ?? null,
    period: { from: campaign?.from ?? null, to: campaign?.to ?? null },
    visitors,
    sessions,
    bounceRate: ratio(totals.bounces, sessions),
    pagesPerSession: ratio(totals.pageviews, sessions),
    landingPages: capped('landing_page'),
    sources: capped('source'),
    mediums: capped('medium'),
    contents: capped('content'),
    terms: capped('term'),
    journey:
      journeyId === undefined
        ? null
        : {
            id: journeyId,
            byDefault: campaign?.journey === undefined,
            steps: journeySteps,
            started,
            conversions,
            rate: ratio(conversions, started),
            interval: wilson(conversions, started),
          },
    // No period (no row, or no `from`/`to`): null, the whole target is due.
    targets: targetResults,
    verdict: campaignVerdict(targetResults, period?.elapsed ?? null),
    value: {
      source: valueSource,
      total: round(value, 2),
      perVisitor: round(visitors === 0 ? 0 : value / visitors, 2),
      top10Share: concentration.deciles[0] ?? 0,
      top20Share: concentration.deciles[1] ?? 0,
      ...concentration,
    },
    budget:
      campaign?.budget === undefined
        ? null
        : {
            amount: campaign.budget,
            costPerConversion: conversions === 0 ? null : round(campaign.budget / conversions, 2),
            returnOnSpend: ratio(value, campaign.budget),
          },
    siteAverage: {
      bounceRate: ratio(site.bounces, site.sessions),
      pagesPerSession: ratio(site.pageviews, site.sessions),
      conversionRate: siteJourney === undefined ? null : ratio(siteJourney.converted, siteJourney.started),
    },
  };
}

/**
 * For a campaign whose config names no journey (or that is not configured at all): the first
 * journey (in config order) of the site most of its sessions came from (ties: the first site by
 * name), so that its conversions are still counted. Undefined when that site has no journey.
 */
function defaultJourney(
  sites: readonly { value: string; sessions: number }[],
  journeyTotals: CampaignRows['journeyTotals'],
): string | undefined {
  const main = [...sites].sort((a, b) => b.sessions - a.sessions || a.value.localeCompare(b.value))[0];
  if (main === undefined) return undefined;
  for (const [id, journey] of journeyTotals) if (journey.site === main.value) return id;
  return undefined;
}

/**
 * The sites whose sessions make a campaign's "site average": the site of its journey, so that a
 * shop campaign is not compared with a blog's bounces; without a journey, the sites its sessions
 * came from; without either, every site.
 */
function siteAverageSites(
  journeySite: string | undefined,
  campaignSites: string[],
  siteRows: SiteAverageRow[],
): Set<string> {
  if (journeySite !== undefined) return new Set([journeySite]);
  if (campaignSites.length > 0) return new Set(campaignSites);
  return new Set(siteRows.map((row) => row.site));
}

/**
 * Targets against actuals with pace. Counts and revenue are expected to grow evenly over the
 * period: expected by now = target × elapsed share (the whole target without a period). A rate is
 * expected to hold all along. on-track: actual ≥ expected; at-risk: ≥ 90 % of it; behind: below that.
 */
function targets(
  campaign: CampaignConfig | undefined,
  elapsed: number | null,
  actual: { visitors: number; conversions: number; started: number; revenue: number },
): TargetResult[] {
  const share = elapsed ?? 1;
  const wanted = campaign?.targets ?? {};
  const results: TargetResult[] = [];
  const add = (metric: TargetResult['metric'], target: number | undefined, value: number, scaled: boolean) => {
    if (target === undefined) return;
    const expectedByNow = round(scaled ? target * share : target, 6);
    const status = value >= expectedByNow ? 'on-track' : value >= 0.9 * expectedByNow ? 'at-risk' : 'behind';
    results.push({ metric, target, actual: round(value, 6), expectedByNow, status });
  };
  add('visitors', wanted.visitors, actual.visitors, true);
  add('conversions', wanted.conversions, actual.conversions, true);
  add('conversionRate', wanted.conversionRate, ratio(actual.conversions, actual.started), false);
  add('revenue', wanted.revenue, actual.revenue, true);
  return results;
}
