import type { JourneyConfig, PolkuConfig } from '../../config/index.ts';
import { sqlString } from '../../store/clickhouse/literal.ts';
import type { ReportData } from '../model.ts';
import {
  dropOffSamplesOf,
  MAX_TIMELINE_EVENTS,
  type SessionDetail,
  type SessionDetails,
  sampleSessions,
  sessionKey,
} from '../session-details.ts';
import { clickHouseMatchCondition } from './match-conditions.ts';
import { clickHouseRows } from './rows.ts';
import type { ClickHouseReportRun } from './run-tables.ts';
import { isoOfMicros } from './timestamps.ts';

/**
 * The session pages' data for the report's drop-off samples (reports/session-details.ts
 * sessionDetails): each sampled unit's events, at most MAX_TIMELINE_EVENTS in (ts, seq) order, with
 * the journey steps each one matches. A sample id is the first 12 hex digits of md5(unit): the
 * units are found again by the same expression, one query per journey over its site's events (the
 * shards scan their own; only the samples' events travel). ClickHouse keeps no session replays
 * (docs/clickhouse.md): no sample has one, as with DuckDB when no chunks were stored.
 */
export async function clickHouseSessionDetails(
  config: PolkuConfig,
  run: ClickHouseReportRun,
  data: ReportData,
): Promise<SessionDetails> {
  const samples = dropOffSamplesOf(config, data);
  const timelines = new Map<string, SessionDetail['timeline']>();
  for (const journey of config.journeys) {
    const ids = samples.filter((sample) => sample.journey.id === journey.id).map(({ sample }) => sample.id);
    if (ids.length > 0) {
      for (const [id, timeline] of await journeyTimelines(run, journey, ids)) {
        timelines.set(sessionKey(journey.id, id), timeline);
      }
    }
  }
  return { sessions: sampleSessions(samples, timelines, new Map()), replays: new Map() };
}

/** The sampled units' events of one journey (sample id → timeline), with the steps each event matches. */
async function journeyTimelines(
  run: ClickHouseReportRun,
  journey: JourneyConfig,
  sampleIds: readonly string[],
): Promise<Map<string, SessionDetail['timeline']>> {
  const unitColumn = journey.unit === 'visitor' ? 'visitor_id' : 'session_id';
  const stepFlags = journey.steps.map((step, i) => `if(${clickHouseMatchCondition(step)}, ${i + 1}, 0)`);
  const rows = await clickHouseRows(
    run.shards.first,
    'session timelines',
    `SELECT substring(lower(hex(MD5(${unitColumn}))), 1, 12) AS sample_id, ts_us, seq, name, ifNull(path, '') AS page_path, arrayFilter(s -> s != 0, [${stepFlags.join(', ')}]) AS steps
    FROM events FINAL
    WHERE site = ${sqlString(journey.site)}
      AND sample_id IN (${[...new Set(sampleIds)].map(sqlString).join(', ')})
    ORDER BY sample_id, ts_us, seq
    LIMIT ${MAX_TIMELINE_EVENTS} BY sample_id`,
    { sample_id: 'string', ts_us: 'string', seq: 'string', name: 'string', page_path: 'string', steps: 'integer[]' },
  );
  // Each shard caps its own rows; the cap and order hold for the merged rows too (a sample id could
  // match units on two shards).
  rows.sort((a, b) => compareBig(a.ts_us, b.ts_us) || compareBig(a.seq, b.seq));
  const timelines = new Map<string, SessionDetail['timeline']>();
  for (const row of rows) {
    const timeline = timelines.get(row.sample_id) ?? [];
    if (timeline.length < MAX_TIMELINE_EVENTS) {
      timeline.push({ at: isoOfMicros(row.ts_us), name: row.name, path: row.page_path, steps: [...row.steps] });
    }
    timelines.set(row.sample_id, timeline);
  }
  return timelines;
}

function compareBig(a: string, b: string): number {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
