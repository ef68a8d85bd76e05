import type { JourneyConfig } from '../../config/index.ts';
import type { RowOf, Store } from '../../store/index.ts';
import { CAMPAIGN_VALUES } from '../campaign/campaign-queries.ts';
import type { ValueConcentration } from '../model.ts';
import { SqlParams } from '../sql-params.ts';
import { ratio } from '../stats.ts';
import { journeyRule } from './conversion-values.ts';
import { CONVERSION_VALUES, VALUE_UNITS, valueUnitsSql } from './tables.ts';

const TOP = Array.from({ length: 10 }, (_, index) => index + 1);

/** Per group: paying visitors, their total, and the value of the top 10 %, 20 %, … 100 % of them (`top1`..`top10`). */
export const DECILE_SHAPE = {
  grp: 'string',
  payers: 'integer',
  total: 'number',
  ...Object.fromEntries(TOP.map((k) => [`top${k}`, 'number'])),
} as { grp: 'string'; payers: 'integer'; total: 'number' } & Record<`top${number}`, 'number'>;
export type DecileRow = RowOf<typeof DECILE_SHAPE>;

/**
 * The value of the top k·10 % of paying visitors (a visitor whose conversion events add up to more
 * than 0) for k = 1..10, per group, from `source` (columns grp, visitor_id, amount). When k·10 % of
 * the payers is not a whole number of visitors, the next visitor counts with the fraction left
 * (the top 10 % of 3 payers is 0.3 of the largest payer): points on the Lorenz curve, so equal
 * payers always give 10 %, 20 %, … whatever their number, and ties order no differently from each
 * other. One query for all groups; payers are ranked by value, then visitor id (deterministic).
 * Values are added as exact whole millionths (tables.ts: valueUnitsSql) and divided at the end, so the
 * ranking, the running sums and the total do not depend on the order rows are added in.
 */
export function decileSql(source: string): string {
  const top = TOP.map((k) => `sum(share) filter (where k = ${k})::double as top${k}`);
  return `with payers as (
      select grp, visitor_id, sum(${valueUnitsSql('amount')}) as v from ${source} group by grp, visitor_id
      having sum(${valueUnitsSql('amount')}) > 0),
    ranked as (
      select grp, v, row_number() over (partition by grp order by v desc, visitor_id) as rank,
        sum(v) over (partition by grp order by v desc, visitor_id rows between unbounded preceding and current row) as cum
      from payers),
    totals as (select grp, count(*) as n, sum(v) as total from payers group by grp),
    points as (
      select grp, n, total, k, (k * n) // 10 as whole, ((k * n) % 10) / 10 as fraction
      from totals cross join range(1, 11) t(k))
    select p.grp, p.n::integer as payers, (p.total / ${VALUE_UNITS})::double as total, ${top.join(', ')}
    from (select p.grp, p.n, p.total, p.k,
        coalesce(a.cum, 0) / ${VALUE_UNITS} + p.fraction * (coalesce(b.v, 0) / ${VALUE_UNITS}) as share
      from points p left join ranked a on a.grp = p.grp and a.rank = p.whole
      left join ranked b on b.grp = p.grp and b.rank = p.whole + 1) p
    group by p.grp, p.n, p.total`;
}

/** Deciles of each campaign's paying visitors, from its conversion events (CAMPAIGN_VALUES). */
export function campaignDeciles(store: Store): Promise<DecileRow[]> {
  return store.rows(
    'campaign value deciles',
    decileSql(`(select campaign as grp, visitor_id, amount from ${CAMPAIGN_VALUES})`),
    DECILE_SHAPE,
  );
}

/**
 * Deciles of each journey's paying visitors, from the events of its last step (rule `journey:<id>`).
 * Journeys that end in the same step of the same site have the same conversion events, so the same
 * deciles: each such group is ranked once and its rows repeated for the others (ranking is the cost:
 * 8 of the benchmark's 10 journeys end in a purchase, 1.9 s ranked one by one on 10 M events).
 */
export async function journeyDeciles(store: Store, journeys: readonly JourneyConfig[]): Promise<DecileRow[]> {
  const rankedAs = journeysRankedAs(journeys);
  if (rankedAs.size === 0) return [];
  const params = new SqlParams();
  const rules = [...new Set(rankedAs.values())].map((id) => params.bind(journeyRule(id), 'rule'));
  const rows = await store.rows(
    'journey value deciles',
    decileSql(
      `(select substr(rule, 9) as grp, visitor_id, amount from ${CONVERSION_VALUES} where rule in (${rules.join(', ')}))`,
    ),
    DECILE_SHAPE,
    params.values,
  );
  return repeatForJourneys(rows, rankedAs);
}

/**
 * Journey → the journey whose deciles it takes: the first journey (in config order) that ends in the
 * same step of the same site, whose conversion events are the same.
 */
export function journeysRankedAs(journeys: readonly JourneyConfig[]): Map<string, string> {
  const ranked = new Map<string, string>(); // last step's signature → the journey ranked for it
  const rankedAs = new Map<string, string>(); // journey → the journey whose rows it takes
  for (const journey of journeys) {
    const last = journey.steps.at(-1);
    if (last === undefined) continue;
    const signature = JSON.stringify([journey.site, last.page ?? null, last.event ?? null, last.props ?? null]);
    if (!ranked.has(signature)) ranked.set(signature, journey.id);
    rankedAs.set(journey.id, ranked.get(signature) as string);
  }
  return rankedAs;
}

/** The ranked journeys' rows, each repeated for the journeys that take it (journeysRankedAs), in config order. */
export function repeatForJourneys(rows: readonly DecileRow[], rankedAs: ReadonlyMap<string, string>): DecileRow[] {
  return [...rankedAs].flatMap(([journey, source]) =>
    rows.filter((row) => row.grp === source).map((row) => ({ ...row, grp: journey })),
  );
}

/** A group without paying visitors has no row: nothing to share. */
export function concentrationOf(row: DecileRow | undefined): ValueConcentration {
  if (row === undefined) return { payers: 0, deciles: [] };
  return { payers: row.payers, deciles: TOP.map((k) => ratio(row[`top${k}`] ?? 0, row.total)) };
}
