import { join } from 'node:path';
import { expect, it } from 'vitest';
import { type PlainRow, Store } from '../../store/index.ts';
import { runPolku } from '../support/polku-process.ts';
import { describeConformance, sharedFixture } from '../support/shared-fixtures.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Snowplow's e-commerce sample (dbt-snowplow-ecommerce's integration data, Apache-2.0): 834 atomic
 * events and the sessions table the dbt package derives from them. `polku import --from snowplow`
 * must keep every event (10 have no page URL and no domain ids, among them a transaction) and give
 * the same per-session facts where Polku's model and the package's say the same thing.
 */
const EVENTS = sharedFixture('snowplow-ecommerce/snowplow_ecommerce_events.csv');
const EXPECTED = sharedFixture('snowplow-ecommerce/snowplow_ecommerce_sessions_expected.csv');

/**
 * Per session, from Polku's events and from the package's table, the facts both have:
 * - start/end: the package uses `collector_tstamp`, which the import keeps as `received_at`;
 * - transactions and revenue: the package counts distinct `transaction_id`s, so a transaction
 *   event sent twice counts once; Polku keeps every event (`props.transaction_id` says which);
 * - add-to-cart and remove-from-cart events, and the first/last of each and of transactions
 *   (`derived_tstamp`, Polku's `ts`).
 */
const FACTS = `
  with polku as (
    select replace(session_id, 'snowplow:', '') as session, any_value(replace(visitor_id, 'snowplow:', '')) as visitor,
           min(received_at) as start_at, max(received_at) as end_at,
           count(distinct props->>'transaction_id') filter (where name = 'transaction') as transactions,
           count(*) filter (where name = 'transaction') as transaction_events,
           sum(value) filter (where name = 'transaction') as revenue_events,
           count(*) filter (where name = 'add_to_cart') as add_to_carts,
           count(*) filter (where name = 'remove_from_cart') as remove_from_carts,
           min(ts) filter (where name = 'transaction') as first_transaction,
           max(ts) filter (where name = 'transaction') as last_transaction,
           min(ts) filter (where name = 'add_to_cart') as first_add_to_cart,
           max(ts) filter (where name = 'add_to_cart') as last_add_to_cart
    from events group by session
  ), revenue as (
    -- one value per transaction id, as the package sums them
    select session, sum(value) as revenue from (
      select distinct replace(session_id, 'snowplow:', '') as session, props->>'transaction_id' as id, value
      from events where name = 'transaction') group by session
  ), expected as (
    select domain_sessionid as session, domain_userid as visitor,
           start_tstamp::timestamptz at time zone 'UTC' as start_at, end_tstamp::timestamptz at time zone 'UTC' as end_at,
           coalesce(total_number_transactions::integer, 0) as transactions,
           total_transaction_revenue::double as revenue,
           coalesce(number_add_to_carts::integer, 0) as add_to_carts,
           coalesce(number_remove_from_carts::integer, 0) as remove_from_carts,
           first_transaction_completed::timestamptz at time zone 'UTC' as first_transaction,
           last_transaction_completed::timestamptz at time zone 'UTC' as last_transaction,
           first_product_add_to_cart::timestamptz at time zone 'UTC' as first_add_to_cart,
           last_product_add_to_cart::timestamptz at time zone 'UTC' as last_add_to_cart
    from read_csv($expected, header = true, all_varchar = true)
  )
  select e.session, to_json(e)::varchar as expected,
         to_json({ session: p.session, visitor: p.visitor, start_at: p.start_at, end_at: p.end_at,
                   transactions: p.transactions, revenue: r.revenue, add_to_carts: p.add_to_carts,
                   remove_from_carts: p.remove_from_carts, first_transaction: p.first_transaction,
                   last_transaction: p.last_transaction, first_add_to_cart: p.first_add_to_cart,
                   last_add_to_cart: p.last_add_to_cart })::varchar as polku,
         p.transaction_events, p.revenue_events
  from expected e left join polku p using (session) left join revenue r using (session)
  order by e.session`;

describeConformance('polku import --from snowplow on a real Snowplow e-commerce export', () => {
  it('keeps all 834 events in 64 sessions and agrees with the dbt package per session', async () => {
    const db = join(tempDir(), 'polku.duckdb');
    const result = await runPolku(['import', '--from', 'snowplow', '--site', 'shop', '--db', db, EVENTS]);
    expect(result).toEqual({
      code: 0,
      stdout: `[1/1] snowplow_ecommerce_events.csv: 834 rows, 834 new\nimported 834 new events into ${db}\n`,
      stderr: '',
    });
    const store = await Store.open(db, { readOnly: true });
    try {
      expect(
        await store.query(`select count(*)::integer as events, count(distinct session_id)::integer as sessions,
                                  count(*) filter (where url is null)::integer as without_page from events`),
      ).toEqual([{ events: 834, sessions: 64, without_page: 10 }]);
      // The transaction that was lost before: no page, no domain ids (the client_session context has them).
      expect(
        await store.query(`select visitor_id, session_id, value, props->>'transaction_id' as transaction
                           from events where name = 'transaction' and url is null`),
      ).toEqual([
        {
          visitor_id: 'snowplow:a16349a5-b57e-4afe-9737-87cd074b9edd',
          session_id: 'snowplow:c04bddd7-81ad-4f02-a468-f53a47079637',
          value: 231231,
          transaction: 'id-123',
        },
      ]);
      // The package leaves out app_id "skip-me" (one event, one session); Polku imports what it is given.
      expect(
        await store.query(
          `select replace(session_id, 'snowplow:', '') as session from events
                           where session_id not in (select 'snowplow:' || domain_sessionid
                                                    from read_csv($expected, header = true, all_varchar = true))`,
          {
            expected: EXPECTED,
          },
        ),
      ).toEqual([{ session: '9681591f679e7c40886ef5d7213108bf90224960b494fd2b5742524b033afad9' }]);

      const sessions = await store.query(FACTS, { expected: EXPECTED });
      expect(sessions).toHaveLength(63);
      const differing: PlainRow[] = [];
      for (const row of sessions) {
        const polku = JSON.parse(String(row.polku)) as Record<string, unknown>;
        const expected = JSON.parse(String(row.expected)) as Record<string, unknown>;
        if (JSON.stringify(polku) !== JSON.stringify(expected))
          differing.push({ polku: String(row.polku), expected: String(row.expected) });
      }
      expect(differing).toEqual([]);
      // Where Polku counts events: one session sent one transaction (TtlZ3b, 13.0) twice.
      expect(
        sessions
          .filter(
            (row) =>
              Number(row.transaction_events) !==
              (JSON.parse(String(row.expected)) as { transactions: number }).transactions,
          )
          .map((row) => ({ session: row.session, events: row.transaction_events, revenue: row.revenue_events })),
      ).toEqual([
        {
          session: '0a42e1e29bd84c4f87003cb8c4c7098e31a93eed89b10f10c83e0c9c3810318d',
          events: 4,
          revenue: 1234606.89,
        },
      ]);
    } finally {
      await store.close();
    }
  });
});
