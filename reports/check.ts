import { isKnownMedium, KNOWN_MEDIUMS, type PolkuConfig, readCampaignNotes } from '../config/index.ts';
import type { RowOf, Store } from '../store/index.ts';
import { normaliseCampaign } from './campaign/campaign-queries.ts';
import { emptyNotes, localToday } from './empty-notes.ts';
import { SqlParams } from './sql-params.ts';
import { stepCondition } from './step-match.ts';

export interface CheckFinding {
  /** error: the config cannot be right for this data; warning: the data's tagging needs care. */
  level: 'error' | 'warning';
  /** Config path (journeys.0.steps.1) or data subject (utm_campaign "spring"). */
  path: string;
  message: string;
}

const CAMPAIGN_TAGGING = {
  campaign: 'string',
  events: 'integer',
  spellings: 'string',
  no_source: 'integer',
  no_medium: 'integer',
  mediums: 'string?',
} as const;
type CampaignTagging = RowOf<typeof CAMPAIGN_TAGGING>;

export interface CheckOptions {
  /** The config file campaign `notes` paths are relative to (default: the working directory). */
  configFile?: string;
  /** Today's local date (YYYY-MM-DD) for "has this campaign ended?" (default: the clock's, in the report time zone). */
  today?: string;
}

/** Validates the config against the data: each check is one query over the events. */
export async function checkConfigAgainstData(
  config: PolkuConfig,
  store: Store,
  { configFile, today = localToday(config.report.timezone) }: CheckOptions = {},
): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = [];
  findings.push(...(await unmatchedSteps(config, store)));
  const params = new SqlParams();
  // Only the configured sites' campaigns, as in the reports (another site's tagging is not ours to check).
  const sites = config.sites.map((site, index) => params.bind(site.id, `site${index}`)).join(', ');
  const seen = await store.rows(
    'campaign tagging',
    `select lower(trim(utm_campaign)) as campaign, count(*)::integer as events,
      list(distinct utm_campaign order by utm_campaign) as spellings,
      count(*) filter (where utm_source is null or trim(utm_source) = '')::integer as no_source,
      count(*) filter (where utm_medium is null or trim(utm_medium) = '')::integer as no_medium,
      list(distinct lower(trim(utm_medium)) order by lower(trim(utm_medium))) filter (
        where utm_medium is not null and trim(utm_medium) <> ''
      ) as mediums
    from events where site in (${sites}) and utm_campaign is not null and trim(utm_campaign) <> ''
    group by all order by campaign`,
    CAMPAIGN_TAGGING,
    params.values,
  );
  const seenNames = new Set(seen.map((row) => row.campaign));
  for (const name of Object.keys(config.campaigns)) {
    if (!seenNames.has(normaliseCampaign(name))) {
      findings.push({
        level: 'error',
        path: `campaigns.${name}`,
        message: `campaign "${name}" never appears in the data as utm_campaign (compared trimmed and lower-cased)`,
      });
    }
  }
  findings.push(...emptyNotes(config, readCampaignNotes(config, configFile), today));
  findings.push(...spellingVariants(seen));
  for (const row of seen) {
    const subject = `utm_campaign "${row.campaign}"`;
    if (row.no_source > 0) {
      findings.push({ level: 'warning', path: subject, message: `${row.no_source} events without utm_source` });
    }
    if (row.no_medium > 0) {
      findings.push({ level: 'warning', path: subject, message: `${row.no_medium} events without utm_medium` });
    }
    // The same table decides the collector's channels (config/utm-mediums.ts).
    const mediums = row.mediums === null ? [] : (JSON.parse(row.mediums) as string[]);
    const unknown = mediums.filter((medium) => !isKnownMedium(medium));
    if (unknown.length > 0) {
      findings.push({
        level: 'warning',
        path: subject,
        message: `unknown utm_medium ${unknown.map((m) => JSON.stringify(m)).join(', ')}; known: ${KNOWN_MEDIUMS.join(', ')}`,
      });
    }
  }
  return findings;
}

/**
 * Campaign names that are one campaign spelled several ways. The collector stores utm_campaign
 * trimmed and lower-cased, so case and spaces cannot differ in collected data; separators can
 * ("spring-sale", "spring_sale", "spring sale", "springsale"). Imported history may also differ in
 * case, which the raw spellings show.
 */
function spellingVariants(seen: readonly CampaignTagging[]): CheckFinding[] {
  const groups = new Map<string, CampaignTagging[]>();
  for (const row of seen) {
    const key = row.campaign.replace(/[^\p{L}\p{N}]+/gu, '');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].flatMap((rows): CheckFinding[] => {
    // DuckDB lists arrive as JSON text.
    const spellings = [...new Set(rows.flatMap((row) => JSON.parse(row.spellings) as string[]))].sort();
    if (spellings.length < 2) return [];
    // Named after its most used spelling (ties: the first by name), as the owner would look it up.
    const [main] = [...rows].sort((a, b) => b.events - a.events || a.campaign.localeCompare(b.campaign));
    return [
      {
        level: 'warning',
        path: `utm_campaign "${main?.campaign}"`,
        message: `spelled ${spellings.length} ways: ${spellings.map((s) => JSON.stringify(s)).join(', ')}`,
      },
    ];
  });
}

/** Journey steps that match no event of their site: one scan counting every step at once. */
async function unmatchedSteps(config: PolkuConfig, store: Store): Promise<CheckFinding[]> {
  const params = new SqlParams();
  const columns = config.journeys.flatMap((journey, j) =>
    journey.steps.map(
      (step, s) =>
        `count(*) filter (where site = ${params.bind(journey.site, 'site')} and ${stepCondition(step, params, 'events')})::integer as j${j}_s${s}`,
    ),
  );
  if (columns.length === 0) return [];
  const shape = Object.fromEntries(
    config.journeys.flatMap((journey, j) => journey.steps.map((_, s) => [`j${j}_s${s}`, 'integer' as const])),
  );
  // One row: an aggregate without GROUP BY always returns one.
  const [row] = await store.rows('unmatched steps', `select ${columns.join(', ')} from events`, shape, params.values);
  return config.journeys.flatMap((journey, j) =>
    journey.steps.flatMap((step, s): CheckFinding[] =>
      (row?.[`j${j}_s${s}`] ?? 0) > 0
        ? []
        : [
            {
              level: 'error',
              path: `journeys.${j}.steps.${s}`,
              message: `step "${step.name}" of journey "${journey.id}" matches no event of site "${journey.site}"`,
            },
          ],
    ),
  );
}
