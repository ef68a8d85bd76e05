import { EVENT_INSERT_COLUMNS } from '../store/event-columns.ts';
import { Store } from '../store/index.ts';
import { numberNewUnits } from '../store/unit-numbers.ts';

/**
 * Fills a fresh database with synthetic events generated inside DuckDB (seconds, not minutes, for
 * ten million rows): sessions of ten events, two sessions per visitor, spread over 60 days, each a
 * random walk through product pages, cart, checkout, purchase and feedback; a third of sessions land
 * from one of 200 campaigns. Deterministic: hash() of the row number drives every choice. Session
 * and visitor ids have the collector's shapes (UUIDs, 22-character keyed hashes).
 */
export async function generateSyntheticEvents(file: string, events: number): Promise<void> {
  const store = await Store.open(file);
  try {
    await store.query(
      `insert into events ${EVENT_INSERT_COLUMNS}
      select
        uuid() as id, i as seq, ts, ts as received_at, 'shop' as site, name,
        'https://shop.example' || path as url, path, 'shop.example' as hostname,
        null as referrer, null as referrer_host,
        case when k = 0 and campaign is not null then pick(['newsletter', 'google', 'facebook'], s) end as utm_source,
        case when k = 0 and campaign is not null then pick(['email', 'cpc', 'social'], s) end as utm_medium,
        case when k = 0 then campaign end as utm_campaign,
        null as utm_term, null as utm_content,
        case when campaign is null then 'Direct' else pick(['Email', 'Paid Search', 'Social'], s) end as channel,
        -- Ids shaped like the collector's: a 36-character UUID per session, a 22-character keyed
        -- hash per visitor (short ids like 's123' are packed into integers by DuckDB and flatter it).
        left(replace(replace(to_base64(unhex(md5('v' || (s // 2)))), '+', '-'), '/', '_'), 22) as visitor_id,
        md5('s' || s)::uuid::varchar as session_id, 'p' || i as page_id,
        pick(['desktop', 'mobile', 'tablet'], s // 7) as device, 'Firefox' as browser, 'Linux' as os,
        pick(['FI', 'SE', 'DE', 'US', 'EE'], s // 3) as country,
        case when name = 'feedback' then json_object('score', r % 11) when name = 'add_to_cart' then json_object('currency', 'EUR') end as props,
        case when name = 'purchase' then (r % 200) + 10 end as value
      from (
        select *,
          case when r < 60 then 'pageview' when r < 72 then 'pageview' when r < 84 then 'add_to_cart'
            when r < 91 then 'begin_checkout' when r < 96 then 'purchase' when r < 98 then 'feedback' else 'pageview' end as name,
          case when r < 60 then '/products/' || (hash(i, 1) % 500) when r < 72 then '/' when r < 84 then '/cart'
            when r < 91 then '/checkout' when r < 96 then '/thanks' when r < 98 then '/thanks' else '/blog/' || (r % 7) end as path,
          timestamp '2026-01-01' + to_seconds((hash(s) % 5184000)::bigint + k * 60 + (hash(i, 2) % 50)::bigint) as ts,
          case when hash(s, 3) % 3 = 0 then 'campaign-' || (hash(s, 4) % 200) end as campaign
        from (select i, i // 10 as s, i % 10 as k, (hash(i, 0) % 100)::integer as r from range($events) t(i))
      )`.replace(
        /pick\((\[[^\]]*\]), ([^)]*)\)/g,
        (_, list, key) => `${list}[1 + (hash(${key}) % len(${list}))::integer]`,
      ),
      { events },
    );
    await store.exclusive((connection) => numberNewUnits(connection));
  } finally {
    await store.close();
  }
}
