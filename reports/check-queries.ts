/**
 * The two queries `polku check` runs on the DuckDB store; reports/check.ts turns their rows into
 * findings (reports/clickhouse/check-queries.ts reads the same rows from a cluster).
 */
import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import type { CampaignTagging, CheckRows } from './check.ts';
import { SqlParams } from './sql-params.ts';
import { stepCondition } from './step-match.ts';

const CAMPAIGN_TAGGING = {
  campaign: 'string',
  events: 'integer',
  spellings: 'string',
  no_source: 'integer',
  no_medium: 'integer',
  mediums: 'string?',
} as const;

/** Both queries' rows. */
export async function checkRows(config: PolkuConfig, store: Store): Promise<CheckRows> {
  return { stepEvents: await stepEventCounts(config, store), tagging: await campaignTagging(config, store) };
}

/** Per journey and step, the events of its site it matches: one scan counting every step at once. */
export async function stepEventCounts(config: PolkuConfig, store: Store): Promise<number[][]> {
  const params = new SqlParams();
  const columns = config.journeys.flatMap((journey, j) =>
    journey.steps.map(
      (step, s) =>
        `count(*) filter (where site = ${params.bind(journey.site, 'site')} and ${stepCondition(step, params, 'events')})::integer as j${j}_s${s}`,
    ),
  );
  if (columns.length === 0) return config.journeys.map(() => []);
  const shape = Object.fromEntries(
    config.journeys.flatMap((journey, j) => journey.steps.map((_, s) => [`j${j}_s${s}`, 'integer' as const])),
  );
  // One row: an aggregate without GROUP BY always returns one.
  const [row] = await store.rows('unmatched steps', `select ${columns.join(', ')} from events`, shape, params.values);
  return config.journeys.map((journey, j) => journey.steps.map((_, s) => row?.[`j${j}_s${s}`] ?? 0));
}

/** The configured sites' campaigns by `lower(trim(utm_campaign))`, with how they are tagged. */
export async function campaignTagging(config: PolkuConfig, store: Store): Promise<CampaignTagging[]> {
  const params = new SqlParams();
  // Only the configured sites' campaigns, as in the reports (another site's tagging is not ours to check).
  const sites = config.sites.map((site, index) => params.bind(site.id, `site${index}`)).join(', ');
  const rows = await store.rows(
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
  // DuckDB lists arrive as JSON text; a list aggregate over no rows is null.
  return rows.map((row) => ({
    ...row,
    spellings: JSON.parse(row.spellings) as string[],
    mediums: row.mediums === null ? [] : (JSON.parse(row.mediums) as string[]),
  }));
}
