import type { DuckDBConnection } from '@duckdb/node-api';
import type { StoredEvent } from './event.ts';

/** Staging table the appender fills; rows move into `events` in one statement per batch. */
const STAGING = 'events_incoming';

export async function createStaging(connection: DuckDBConnection): Promise<void> {
  // Temporary: lives only in this connection, never in the database file.
  await connection.run(`
    create temporary table ${STAGING} (
      id varchar, seq bigint, ts_ms bigint, received_ms bigint, site varchar, name varchar, url varchar,
      path varchar, hostname varchar, referrer varchar, referrer_host varchar, utm_source varchar,
      utm_medium varchar, utm_campaign varchar, utm_term varchar, utm_content varchar, channel varchar,
      visitor_id varchar, session_id varchar, page_id varchar, device varchar, browser varchar, os varchar,
      country varchar, props varchar, value double
    )`);
}

/**
 * Appends a batch in bulk (appender into staging, one insert), skipping ids already stored so that
 * a retried batch never counts twice. Returns how many events were new. The caller serialises calls.
 */
export async function appendEvents(
  connection: DuckDBConnection,
  events: readonly StoredEvent[],
  firstSeq: number,
): Promise<number> {
  if (events.length === 0) return 0;
  const appender = await connection.createAppender(STAGING, 'main', 'temp');
  events.forEach((event, index) => {
    appender.appendVarchar(event.id);
    appender.appendBigInt(BigInt(firstSeq + index));
    appender.appendBigInt(BigInt(Math.round(event.ts)));
    appender.appendBigInt(BigInt(Math.round(event.receivedAt)));
    for (const text of [event.site, event.name, event.url, event.path, event.hostname]) appender.appendVarchar(text);
    for (const text of [
      event.referrer,
      event.referrerHost,
      event.utmSource,
      event.utmMedium,
      event.utmCampaign,
      event.utmTerm,
      event.utmContent,
      event.channel,
    ]) {
      appendNullableVarchar(appender, text);
    }
    appender.appendVarchar(event.visitorId);
    appender.appendVarchar(event.sessionId);
    for (const text of [event.pageId, event.device, event.browser, event.os, event.country]) {
      appendNullableVarchar(appender, text);
    }
    appendNullableVarchar(appender, event.props === null ? null : JSON.stringify(event.props));
    if (event.value === null) appender.appendNull();
    else appender.appendDouble(event.value);
    appender.endRow();
  });
  appender.closeSync();

  await connection.run('begin transaction');
  try {
    const result = await connection.run(`
      insert or ignore into events
      select distinct on (id)
        id::uuid, seq, make_timestamp(ts_ms * 1000), make_timestamp(received_ms * 1000), site, name, url,
        path, hostname, referrer, referrer_host, utm_source, utm_medium, utm_campaign, utm_term,
        utm_content, channel, visitor_id, session_id, page_id, device, browser, os, country,
        props::json, value
      from ${STAGING}
      order by id, seq`);
    await connection.run(`delete from ${STAGING}`);
    await connection.run('commit');
    return Number(result.rowsChanged);
  } catch (error) {
    await connection.run('rollback');
    await connection.run(`delete from ${STAGING}`);
    throw error;
  }
}

function appendNullableVarchar(appender: { appendNull(): void; appendVarchar(v: string): void }, text: string | null) {
  if (text === null) appender.appendNull();
  else appender.appendVarchar(text);
}
