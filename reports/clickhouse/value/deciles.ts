import type { JourneyConfig } from '../../../config/index.ts';
import { sqlString } from '../../../store/clickhouse/literal.ts';
import { journeyRule } from '../../value/conversion-values.ts';
import { DECILE_SHAPE, type DecileRow, journeysRankedAs, repeatForJourneys } from '../../value/deciles.ts';
import { VALUE_UNITS } from '../../value/tables.ts';
import { campaignValuesFrom } from '../campaign/campaign-sessions.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { valueUnits } from './value-sum.ts';

const TOP = Array.from({ length: 10 }, (_, index) => index + 1);

/**
 * reports/value/deciles.ts's decileSql on ClickHouse, without window functions: `payers` (a SELECT of
 * grp and v, one row per paying visitor with v its value in whole millionths, over a Distributed
 * table so each shard sums its own visitors) is gathered per group into one array sorted by value,
 * largest first, and its running sum (exact integers, as DuckDB's window sum of the same integers);
 * the top k·10 % is the running sum at the whole visitors plus the fraction of the next one, with
 * DuckDB's `coalesce(cum, 0) / units + fraction * (coalesce(v, 0) / units)` (an index past either
 * end of a ClickHouse array gives 0). Payers tied in value add the same to every point in whichever
 * order, so the visitor id DuckDB breaks ties with need not travel: one number per payer does. The
 * arrays are as long as the payers: a few MB for a million payers, on the server that took the query.
 */
function clickHouseDecileSql(payers: string): string {
  const top = TOP.map((k) => {
    const whole = `intDiv(${k} * payers, 10)`;
    return `cum[${whole}] / ${VALUE_UNITS} + ((${k} * payers) % 10) / 10 * (ranked[${whole} + 1] / ${VALUE_UNITS}) AS top${k}`;
  });
  return `SELECT grp, payers, total_units / ${VALUE_UNITS} AS total, ${top.join(', ')}
    FROM (SELECT grp, count() AS payers, sum(v) AS total_units, arrayReverseSort(groupArray(v)) AS ranked,
        arrayCumSum(ranked) AS cum
      FROM (${payers}) GROUP BY grp)`;
}

/** A SELECT of (grp, v) per paying visitor (value above 0, in whole millionths) from a FROM…WHERE with grp, visitor_id and amount. */
function payersSql(grp: string, from: string): string {
  return `SELECT ${grp} AS grp, visitor_id, sum(${valueUnits('amount')}) AS v ${from} GROUP BY grp, visitor_id HAVING v > 0`;
}

/** Deciles of each campaign's paying visitors, from its conversion events (the campaign values). */
export function clickHouseCampaignDeciles(run: ClickHouseReportRun): Promise<DecileRow[]> {
  return clickHouseRows(
    run.shards.first,
    'campaign value deciles',
    clickHouseDecileSql(payersSql('assumeNotNull(campaign)', campaignValuesFrom(run))),
    DECILE_SHAPE,
  );
}

/**
 * Deciles of each journey's paying visitors, from the events of its last step (rule `journey:<id>`);
 * journeys ending in the same step are ranked once, as in DuckDB's journeyDeciles.
 */
export async function clickHouseJourneyDeciles(
  run: ClickHouseReportRun,
  journeys: readonly JourneyConfig[],
): Promise<DecileRow[]> {
  const rankedAs = journeysRankedAs(journeys);
  if (rankedAs.size === 0) return [];
  const rules = [...new Set(rankedAs.values())].map((id) => sqlString(journeyRule(id)));
  const rows = await clickHouseRows(
    run.shards.first,
    'journey value deciles',
    clickHouseDecileSql(
      payersSql(
        'substring(rule, 9)',
        `FROM ${run.distributed('conversion_values')} WHERE rule IN (${rules.join(', ')})`,
      ),
    ),
    DECILE_SHAPE,
  );
  return repeatForJourneys(rows, rankedAs);
}
