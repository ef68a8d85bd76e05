import type { DuckDBConnection } from '@duckdb/node-api';
import { numberNewUnitsSql } from './unit-numbers.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Versioned schema changes, applied in order and recorded in `schema_migrations`.
 * Never edit a migration that has shipped: add a new one, so existing databases upgrade.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      create table events (
        id            uuid primary key,   -- made by the client, kept across retries: the dedup key
        seq           bigint not null,    -- arrival order, breaks ties between equal timestamps
        ts            timestamp not null, -- UTC, client time corrected for skew
        received_at   timestamp not null, -- UTC, server time
        site          varchar not null,
        name          varchar not null,   -- 'pageview' or a custom event name
        url           varchar not null,
        path          varchar not null,
        hostname      varchar not null,
        referrer      varchar,
        referrer_host varchar,
        utm_source    varchar,
        utm_medium    varchar,
        utm_campaign  varchar,
        utm_term      varchar,
        utm_content   varchar,
        channel       varchar,
        visitor_id    varchar not null,
        session_id    varchar not null,
        page_id       varchar,
        device        varchar,
        browser       varchar,
        os            varchar,
        country       varchar,
        props         json,
        value         double
      );
      create index events_site_ts on events (site, ts);
    `,
  },
  {
    version: 2,
    name: 'salts, replay chunks, rejected payloads, metadata',
    sql: `
      -- One random salt per UTC day keys the visitor hash; purged after two days.
      create table salts (
        day     date primary key,
        salt    blob not null
      );
      -- Compressed rrweb events of one page load, in order; linked to events through page_id.
      create table replay_chunks (
        site        varchar not null,
        page_id     varchar not null,
        seq         integer not null,
        received_at timestamp not null,
        data        blob not null,       -- gzip of a JSON array of rrweb events, as the tracker sent it
        primary key (site, page_id, seq)
      );
      -- A capped sample of refused bodies, so an operator can see what clients send wrong.
      create table rejected_payloads (
        received_at timestamp not null,
        reason      varchar not null,
        status      integer not null,
        body        varchar not null     -- the first 4 KiB of the (decompressed) body
      );
      create table metadata (
        key   varchar primary key,
        value varchar not null
      );
    `,
  },
  {
    version: 3,
    name: 'drop the events (site, ts) index',
    // DuckDB prunes by the min/max of each row group, which a time-ordered append gives for free;
    // the ART index only cost the single writer time on every insert (about a third of a bulk load).
    sql: 'drop index if exists events_site_ts;',
  },
  {
    version: 4,
    name: 'events without a page',
    // Server events (a payment confirmed by the shop's backend) and imported history may have no URL.
    sql: `
      alter table events alter column url drop not null;
      alter table events alter column path drop not null;
      alter table events alter column hostname drop not null;
    `,
  },
  {
    version: 5,
    name: 'session and visitor numbers',
    // Reports group and join units by dense integers instead of UUID-length text (unit-numbers.ts).
    // Not in EVENT_COLUMNS: store-internal, never on the wire, in exports or on the cluster.
    sql: `
      alter table events add column session_no bigint;
      alter table events add column visitor_no bigint;
      create table session_numbers (site varchar not null, session_id varchar not null, no bigint not null, h bigint not null);
      create table visitor_numbers (site varchar not null, visitor_id varchar not null, no bigint not null, h bigint not null);
      ${numberNewUnitsSql().join(';\n')};
    `,
  },
];

export async function migrate(connection: DuckDBConnection): Promise<number[]> {
  await connection.run(`
    create table if not exists schema_migrations (
      version integer primary key,
      name varchar not null,
      applied_at timestamp not null default current_timestamp
    )`);
  const reader = await connection.runAndReadAll('select version from schema_migrations');
  const applied = new Set(reader.getRowObjectsJS().map((row) => Number(row.version)));
  const newlyApplied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await connection.run('begin transaction');
    try {
      await connection.run(migration.sql);
      await connection.run('insert into schema_migrations (version, name) values ($version, $name)', {
        version: migration.version,
        name: migration.name,
      });
      await connection.run('commit');
    } catch (error) {
      await connection.run('rollback');
      throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
    }
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
