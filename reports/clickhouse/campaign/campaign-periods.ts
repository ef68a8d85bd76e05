import type { PolkuConfig } from '../../../config/index.ts';
import { sqlBigInt, sqlFloat64, sqlString } from '../../../store/clickhouse/literal.ts';
import { CAMPAIGN_PERIODS, normaliseCampaign } from '../../campaign/campaign-queries.ts';
import { offsetAt } from '../../local-date.ts';
import { RUN_TABLES } from '../run-schema.ts';
import { type ClickHouseReportRun, createReplicatedTable, fillReplicatedTable } from '../run-tables.ts';

/** One configured campaign's period as reports/campaign/campaign-queries.ts's CAMPAIGN_PERIODS row holds it. */
export interface CampaignPeriodMicros {
  campaign: string;
  starts_us: bigint | null;
  ends_us: bigint | null;
  elapsed: number | null;
}

/**
 * Fills the run's `campaign_periods` (replicated), as computeCampaignPeriods does in DuckDB: config
 * arithmetic and `now` (the newest event in the range, an ISO string, or null), no events read.
 */
export async function clickHouseComputeCampaignPeriods(
  run: ClickHouseReportRun,
  config: PolkuConfig,
  now: string | null,
): Promise<void> {
  await createReplicatedTable(run, CAMPAIGN_PERIODS, RUN_TABLES.campaign_periods.columns);
  const rows = campaignPeriodRows(config, now);
  if (rows.length === 0) return;
  const nullable = <T>(value: T | null, literal: (value: T) => string, type: string) =>
    value === null ? `CAST(NULL AS Nullable(${type}))` : `toNullable(${literal(value)})`;
  const selects = rows.map(
    (row) =>
      `SELECT ${sqlString(row.campaign)}, ${nullable(row.starts_us, (us) => `toInt64(${sqlBigInt(us)})`, 'Int64')},
      ${nullable(row.ends_us, (us) => `toInt64(${sqlBigInt(us)})`, 'Int64')}, ${nullable(row.elapsed, sqlFloat64, 'Float64')}`,
  );
  await fillReplicatedTable(run, CAMPAIGN_PERIODS, selects.join(' UNION ALL '));
}

/**
 * The rows of CAMPAIGN_PERIODS: each configured campaign (name normalised), its `from` as local
 * midnight in the report time zone and its `to` as the next local midnight, in UTC, and the share of
 * the period before `now`, clamped to 0..1, computed as DuckDB does: `epoch()` seconds as doubles, and
 * greatest/least skipping a null, so without a `now` a campaign with a period has elapsed 1.
 */
export function campaignPeriodRows(config: PolkuConfig, now: string | null): CampaignPeriodMicros[] {
  const tz = config.report.timezone;
  const nowUs = now === null ? null : BigInt(Date.parse(now)) * 1000n;
  return Object.entries(config.campaigns).map(([name, campaign]) => {
    const starts = campaign.from === undefined ? null : localMidnightMicros(campaign.from, 0, tz);
    const ends = campaign.to === undefined ? null : localMidnightMicros(campaign.to, 1, tz);
    let elapsed: number | null = null;
    if (starts !== null && ends !== null) {
      const epoch = (us: bigint) => Number(us) / 1e6;
      const share = nowUs === null ? null : (epoch(nowUs) - epoch(starts)) / (epoch(ends) - epoch(starts));
      elapsed = share === null ? 1 : Math.max(0, Math.min(1, share));
    }
    return { campaign: normaliseCampaign(name), starts_us: starts, ends_us: ends, elapsed };
  });
}

/**
 * Local midnight of `date` (+ `days`) in `timezone` as UTC epoch µs, as DuckDB's ICU resolves a wall
 * time: a midnight that occurs twice (clocks turned back over it) is the later one, and one that never
 * occurs (clocks turned forward over it) is read with the offset before the change.
 */
export function localMidnightMicros(date: string, days: number, timezone: string): bigint {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day + days);
  const HOURS_36 = 36 * 3600 * 1000;
  const before = offsetAt(wall - HOURS_36, timezone);
  const after = offsetAt(wall + HOURS_36, timezone);
  const valid = [before, after]
    .map((offset) => wall - offset)
    .filter((instant) => wall - offsetAt(instant, timezone) === instant);
  const instant = valid.length > 0 ? Math.max(...valid) : wall - before;
  return BigInt(instant) * 1000n;
}
