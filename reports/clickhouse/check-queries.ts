/**
 * The two queries of `polku check` (reports/check-queries.ts) on a cluster, giving the same rows so
 * reports/check.ts's checkConfigAgainstRows finds the same things. Events are read FINAL (an event
 * sent twice is one event, as DuckDB's primary key on `id` keeps it); every config value is a
 * literal from store/clickhouse/literal.ts.
 */
import type { PolkuConfig } from '../../config/index.ts';
import type { ClickHouseClient } from '../../store/clickhouse/client.ts';
import { sqlString } from '../../store/clickhouse/literal.ts';
import type { CampaignTagging, CheckRows } from '../check.ts';
import { trimSpacesSql } from './journey/feedback-events.ts';
import { clickHouseMatchCondition } from './match-conditions.ts';
import { clickHouseTrimLower } from './session-facts.ts';
import { compareText } from './text-order.ts';

/** Both queries' rows, from `client`, the shard that holds the Distributed `events`. */
export async function clickHouseCheckRows(config: PolkuConfig, client: ClickHouseClient): Promise<CheckRows> {
  return {
    stepEvents: await clickHouseStepEventCounts(config, client),
    tagging: await clickHouseCampaignTagging(config, client),
  };
}

/** Per journey and step, the events of its site it matches: one scan counting every step at once. */
export async function clickHouseStepEventCounts(config: PolkuConfig, client: ClickHouseClient): Promise<number[][]> {
  const columns = config.journeys.flatMap((journey, j) =>
    journey.steps.map(
      (step, s) => `countIf(site = ${sqlString(journey.site)} AND ${clickHouseMatchCondition(step)}) AS j${j}_s${s}`,
    ),
  );
  if (columns.length === 0) return config.journeys.map(() => []);
  // One row: an aggregate without GROUP BY always returns one. Counts (UInt64) arrive as text.
  const [row] = await client.query<Record<string, string>>(`SELECT ${columns.join(', ')} FROM events FINAL`);
  return config.journeys.map((journey, j) => journey.steps.map((_, s) => Number(row?.[`j${j}_s${s}`] ?? 0)));
}

/** The configured sites' campaigns by DuckDB's `lower(trim(utm_campaign))`, with how they are tagged. */
export async function clickHouseCampaignTagging(
  config: PolkuConfig,
  client: ClickHouseClient,
): Promise<CampaignTagging[]> {
  const sites = config.sites.map((site) => sqlString(site.id)).join(', ');
  // DuckDB's lower and trim, not lowerUTF8/trimBoth: the same text must make the same campaign and
  // medium. A value is missing when null or only Unicode spaces; lowering never empties a text, so
  // `medium = ''` is DuckDB's `utm_medium is null or trim(utm_medium) = ''`.
  const rows = await client.query<{
    campaign: string;
    events: string;
    spellings: string[];
    no_source: string;
    no_medium: string;
    mediums: string[];
  }>(
    `SELECT campaign, count() AS events, groupUniqArray(raw) AS spellings,
      countIf(${trimSpacesSql('source')} = '') AS no_source,
      countIf(medium = '') AS no_medium,
      groupUniqArrayIf(medium, medium != '') AS mediums
    FROM (
      SELECT assumeNotNull(utm_campaign) AS raw, ${clickHouseTrimLower('raw')} AS campaign,
        ifNull(utm_source, '') AS source, ${clickHouseTrimLower("ifNull(utm_medium, '')")} AS medium
      FROM events FINAL
      WHERE site IN (${sites}) AND utm_campaign IS NOT NULL
    )
    WHERE campaign != ''
    GROUP BY campaign`,
  );
  // DuckDB's `order by` compares the UTF-8 bytes: sorted here so, whatever order the shards answer in.
  return rows
    .map((row) => ({
      campaign: row.campaign,
      events: Number(row.events),
      spellings: [...row.spellings].sort(compareText),
      no_source: Number(row.no_source),
      no_medium: Number(row.no_medium),
      mediums: [...row.mediums].sort(compareText),
    }))
    .sort((a, b) => compareText(a.campaign, b.campaign));
}
