/**
 * For ClickHouse report stages and metric queries tested against DuckDB's: one set of events in both
 * engines, and DuckDB's stage tables copied into a ClickHouse report run, so a metric query can be
 * checked on exactly the per-unit rows its DuckDB original reads (a stage is checked by comparing its
 * own run table with DuckDB's, with dumpRunTable and duckDbStageRows).
 *
 *   const both = await startReportEngines(events);            // DuckDB file + 2-shard cluster
 *   await computeReport(config, both.store);                    // leaves DuckDB's stage tables
 *   const run = await openReportRun(both.shards, ['shop']);
 *   await copyStageTables(both.store, run, ['journey_list', 'journey_units']);
 *   expect(await clickHouseStepCounts(run)).toEqual(await stepCounts(both.store));
 */
import { join } from 'node:path';
import { RUN_TABLES, type RunTableName } from '../../reports/clickhouse/run-schema.ts';
import {
  type ClickHouseReportRun,
  createPerUnitTable,
  createReplicatedTable,
} from '../../reports/clickhouse/run-tables.ts';
import { JOURNEY_UNITS_WITH_IDS } from '../../reports/funnel/units.ts';
import { type ClickHouseShards, connectShards } from '../../store/clickhouse/cluster.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import {
  type ClickHouseEventsCluster,
  insertClickHouseEvents,
  startClickHouseEventsCluster,
} from './clickhouse-events.ts';
import { appendEvents } from './seed-events.ts';
import { tempDir } from './temp.ts';

export interface ReportEngines {
  store: Store;
  clickHouse: ClickHouseEventsCluster;
  shards: ClickHouseShards;
  /** Closes the DuckDB file and stops the cluster. */
  stop(): Promise<void>;
}

/** The same events in a DuckDB file and on a fresh 2-shard cluster (arrival order as given, on both). */
export async function startReportEngines(events: readonly StoredEvent[]): Promise<ReportEngines> {
  const clickHouse = await startClickHouseEventsCluster();
  const store = await Store.open(join(tempDir(), 'report-engines.duckdb'));
  await appendEvents(store, [...events]);
  await insertClickHouseEvents(clickHouse.client, events);
  const shards = await connectShards(clickHouse.cluster.shardUrls);
  return {
    store,
    clickHouse,
    shards,
    async stop() {
      store.close();
      await clickHouse.stop();
    },
  };
}

/**
 * DuckDB's rows of a stage table in the run table's columns (times as epoch µs, ids as text, a
 * visitor_id on per-unit rows), read from the temporary tables computeReport leaves on the store.
 */
export function duckDbStageSql(name: RunTableName): string {
  // Sessions belong to one visitor: a session unit's visitor is that of its session. Units are
  // numbers in DuckDB (store/unit-numbers.ts) and text ids on the cluster.
  const visitorOf = (unitKind: string, unit: string, site: string) =>
    `case when ${unitKind} = 'visitor' then ${unit} else (select any_value(e.visitor_id) from events e where e.session_id = ${unit} and e.site = ${site}) end`;
  const textId = (unitKind: string, unit: string) =>
    `case when ${unitKind} = 'visitor' then (select visitor_id from visitor_numbers where no = ${unit})
      else (select session_id from session_numbers where no = ${unit}) end`;
  switch (name) {
    case 'journey_list':
      return 'select journey_index, journey, site, unit_kind, steps from journey_list';
    case 'journey_units':
      return `select journey_index, ${visitorOf('unit_kind', 'unit', 'site')} as visitor_id, site, unit, level, reached_us,
        last_us, last_seq, last_session, convert_us from ${JOURNEY_UNITS_WITH_IDS}`;
    case 'session_facts':
      return `select session_id, site, visitor_id, epoch_us(started_at) as started_us, epoch_us(ended_at) as ended_us,
        campaign, campaign_raw, source, medium, content, term, channel, device, country, landing_page, pageviews, events
        from session_facts`;
    case 'unit_dimensions':
      return `select d.journey_index, ${visitorOf('j.unit_kind', 'd.unit', 'j.site')} as visitor_id, d.unit, d.level, d.steps,
        d.started_us, d.channel, d.campaign, d.source_medium, d.device, d.landing_page, d.country
        from (select d.* replace (${textId('j.unit_kind', 'd.unit')} as unit)
          from unit_dimensions d join journey_list j using (journey_index)) d join journey_list j using (journey_index)`;
    case 'conversion_values':
      return `select c.rule, e.id::varchar as id, e.session_id, e.site, c.visitor_id, c.amount
        from conversion_values c join events e on e.seq = c.seq`;
    case 'campaign_value_rules':
      return 'select campaign, rule from campaign_value_rules';
    case 'campaign_periods':
      return 'select campaign, epoch_us(starts_at) as starts_us, epoch_us(ends_at) as ends_us, elapsed from campaign_periods';
    case 'segment_levels':
      return 'select journey, dimension, value, second, second_value, level, steps, units, converted from segment_levels';
  }
}

/** DuckDB's rows of a stage table as JSON objects in the run table's columns, sorted (for equality tests). */
export async function duckDbStageRows(store: Store, name: RunTableName): Promise<Record<string, unknown>[]> {
  const rows = await store.query(`select to_json(t)::varchar as line from (${duckDbStageSql(name)}) t`);
  return sortRows(rows.map((row) => JSON.parse(String(row.line)) as Record<string, unknown>));
}

/**
 * A run table's rows as JSON objects, sorted, with 64-bit integers as numbers: comparable with
 * duckDbStageRows.
 */
export async function dumpRunTable(run: ClickHouseReportRun, name: RunTableName): Promise<Record<string, unknown>[]> {
  const table = RUN_TABLES[name].perUnit ? run.distributed(name) : run.local(name);
  const rows = await run.shards.first.query<Record<string, unknown>>(`SELECT * FROM ${table}`, {
    output_format_json_quote_64bit_integers: 0,
  });
  return sortRows(rows);
}

/** Creates the named run tables and fills them with DuckDB's rows of the same stages. */
export async function copyStageTables(store: Store, run: ClickHouseReportRun, names: readonly RunTableName[]) {
  for (const name of names) {
    const { columns, perUnit } = RUN_TABLES[name];
    const rows = await store.query(`select to_json(t)::varchar as line from (${duckDbStageSql(name)}) t`);
    const lines = rows.map((row) => `${row.line}\n`).join('');
    if (perUnit) {
      await createPerUnitTable(run, name, columns);
      // Through the Distributed table, which places each row on its visitor's shard, as it placed the events.
      if (lines !== '')
        await run.shards.first.insertJsonLines(run.distributed(name), lines, { insert_distributed_sync: 1 });
    } else {
      await createReplicatedTable(run, name, columns);
      if (lines !== '') {
        for (const shard of run.shards.shards) await shard.insertJsonLines(run.local(name), lines);
      }
    }
  }
}

function sortRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const keyed = rows.map((row) => [JSON.stringify(row), row] as const);
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return keyed.map(([, row]) => row);
}
