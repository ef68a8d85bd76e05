import type { PolkuConfig } from '../../config/index.ts';
import type { PlainRow } from '../../store/index.ts';
import type { CampaignReport, Ranked, TargetResult } from '../model.ts';
import { ratio, round, wilson } from '../stats.ts';
import { normaliseCampaign } from './campaign-queries.ts';

export interface CampaignRows {
  totals: PlainRow[];
  rankings: PlainRow[];
  concentration: PlainRow[];
  periods: PlainRow[];
  siteAverages: PlainRow[];
  /** Per (journey, campaign): attributed units per step (JSON list) inside the campaign period. */
  journeys: PlainRow[];
  /** Per journey: its site, step count, and started and converted units, for the site averages. */
  journeyTotals: Map<string, { site: string; stepCount: number; started: number; converted: number }>;
}

type CampaignConfig = PolkuConfig['campaigns'][string];
const num = (value: unknown) => Number(value ?? 0);

/** A campaign's file name: its normalised name with anything but letters, digits, "-" and "_" replaced. */
export function campaignSlug(campaign: string): string {
  return campaign.replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'campaign';
}

/** Every campaign seen in the data or configured, sorted by name, with its slice of each query. */
export function assembleCampaigns(config: PolkuConfig, rows: CampaignRows): CampaignReport[] {
  const configured = new Map(Object.entries(config.campaigns).map(([name, c]) => [normaliseCampaign(name), c]));
  const names = new Set([...configured.keys(), ...rows.totals.map((row) => String(row.campaign))]);
  const slugs = new Map<string, number>();
  return [...names].sort().map((name) => {
    // Two names that differ only in punctuation would share a slug: number the later ones.
    const base = campaignSlug(name);
    const seen = slugs.get(base) ?? 0;
    slugs.set(base, seen + 1);
    return assembleCampaign(name, seen === 0 ? base : `${base}-${seen + 1}`, configured.get(name), rows);
  });
}

function assembleCampaign(
  name: string,
  slug: string,
  campaign: CampaignConfig | undefined,
  rows: CampaignRows,
): CampaignReport {
  const totals = rows.totals.find((row) => row.campaign === name);
  const visitors = num(totals?.visitors);
  const sessions = num(totals?.sessions);
  const value = num(totals?.value);
  const ranked = (kind: string): Ranked[] =>
    rows.rankings
      .filter((row) => row.campaign === name && row.kind === kind)
      .map((row) => ({ value: String(row.value), sessions: num(row.sessions) }))
      .sort((a, b) => b.sessions - a.sessions || a.value.localeCompare(b.value))
      .slice(0, 10);
  const journeyId = campaign?.journey;
  const siteJourney = journeyId === undefined ? undefined : rows.journeyTotals.get(journeyId);
  const journeyRow = rows.journeys.find((row) => row.journey === journeyId && row.campaign === name);
  const counted = journeyRow === undefined ? [] : (JSON.parse(String(journeyRow.steps)) as number[]);
  const journeySteps = Array.from({ length: siteJourney?.stepCount ?? 0 }, (_, index) => num(counted[index]));
  const started = journeySteps[0] ?? 0;
  const conversions = journeySteps.at(-1) ?? 0;
  const concentration = rows.concentration.find((row) => row.campaign === name);
  const period = rows.periods.find((row) => row.campaign === name);
  const campaignSites = rows.rankings.filter((row) => row.campaign === name && row.kind === 'site');
  const averagedSites = siteAverageSites(
    siteJourney?.site,
    campaignSites.map((row) => String(row.value)),
    rows.siteAverages,
  );
  const site = rows.siteAverages
    .filter((row) => averagedSites.has(String(row.site)))
    .reduce<{ sessions: number; bounces: number; pageviews: number }>(
      (sum, row) => ({
        sessions: sum.sessions + num(row.sessions),
        bounces: sum.bounces + num(row.bounces),
        pageviews: sum.pageviews + num(row.pageviews),
      }),
      { sessions: 0, bounces: 0, pageviews: 0 },
    );
  return {
    campaign: name,
    slug,
    variants: ranked('variant').map((row) => ({ spelling: row.value, sessions: row.sessions })),
    configured: campaign !== undefined,
    period: { from: campaign?.from ?? null, to: campaign?.to ?? null },
    visitors,
    sessions,
    bounceRate: ratio(num(totals?.bounces), sessions),
    pagesPerSession: ratio(num(totals?.pageviews), sessions),
    landingPages: ranked('landing_page'),
    sources: ranked('source'),
    mediums: ranked('medium'),
    contents: ranked('content'),
    terms: ranked('term'),
    journey:
      journeyId === undefined
        ? null
        : {
            id: journeyId,
            steps: journeySteps,
            started,
            conversions,
            rate: ratio(conversions, started),
            interval: wilson(conversions, started),
          },
    targets: targets(campaign, period?.elapsed ?? null, { visitors, conversions, started, revenue: value }),
    value: {
      total: round(value, 2),
      perVisitor: round(visitors === 0 ? 0 : value / visitors, 2),
      top10Share: ratio(num(concentration?.top10), num(concentration?.total)),
      top20Share: ratio(num(concentration?.top20), num(concentration?.total)),
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
 * The sites whose sessions make a campaign's "site average": the site of its journey, so that a
 * shop campaign is not compared with a blog's bounces; without a journey, the sites its sessions
 * came from; without either, every site.
 */
function siteAverageSites(journeySite: string | undefined, campaignSites: string[], siteRows: PlainRow[]): Set<string> {
  if (journeySite !== undefined) return new Set([journeySite]);
  if (campaignSites.length > 0) return new Set(campaignSites);
  return new Set(siteRows.map((row) => String(row.site)));
}

/**
 * Targets against actuals with pace. Counts and revenue are expected to grow evenly over the
 * period: expected by now = target × elapsed share (the whole target without a period). A rate is
 * expected to hold all along. on-track: actual ≥ expected; at-risk: ≥ 90 % of it; behind: below that.
 */
function targets(
  campaign: CampaignConfig | undefined,
  elapsed: unknown,
  actual: { visitors: number; conversions: number; started: number; revenue: number },
): TargetResult[] {
  const share = elapsed === null || elapsed === undefined ? 1 : num(elapsed);
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
