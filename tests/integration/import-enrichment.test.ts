import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Store } from '../../store/index.ts';
import { startTestCollector } from '../support/collector.ts';
import { runPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';
import { CHROME_UA } from '../support/user-agent.ts';

const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const TABLET_UA =
  'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0';

/** Visits as a browser would send them and as another tool would have recorded them. */
const VISITS = [
  { url: 'https://shop.example/a?gclid=x1', referrer: 'https://www.google.com/', ua: IPHONE_UA, tz: 'Europe/Helsinki' },
  {
    url: 'https://shop.example/b?utm_source=Newsletter&utm_medium=E-mail&utm_campaign=March%20Sale',
    referrer: '',
    ua: TABLET_UA,
    tz: 'America/New_York',
  },
  {
    url: 'https://shop.example/c',
    referrer: 'https://news.ycombinator.com/item?id=1',
    ua: CHROME_UA,
    tz: 'Europe/Berlin',
  },
  { url: 'https://shop.example/d', referrer: 'https://shop.example/c', ua: FIREFOX_UA, tz: 'UTC' },
  { url: 'https://shop.example/e?fbclid=abc', referrer: 'https://l.facebook.com/', ua: IPHONE_UA, tz: 'Asia/Tokyo' },
  { url: 'https://shop.example/f', referrer: 'https://chatgpt.com/', ua: CHROME_UA, tz: 'Europe/Helsinki' },
];

const DERIVED = `path, hostname, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content, channel,
  device, browser, os, country`;

const csvField = (text: string) => `"${text.replaceAll('"', '""')}"`;

it('derives UTM, channel, device and country on import exactly as on collection', async () => {
  const collector = await startTestCollector();
  for (const visit of VISITS) {
    const batch = {
      site: 'shop',
      tz: visit.tz,
      events: [
        { id: randomUUID(), name: 'pageview', url: visit.url, ...(visit.referrer ? { referrer: visit.referrer } : {}) },
      ],
    };
    const response = await collector.post('/api/events', JSON.stringify(batch), { 'User-Agent': visit.ua });
    expect(response.status).toBe(202);
  }
  const collected = await collector.query(`select ${DERIVED} from events order by path`);
  await collector.close();

  const dir = tempDir();
  const file = join(dir, 'events.csv');
  writeFileSync(
    file,
    [
      'app_id,event,event_id,collector_tstamp,derived_tstamp,domain_userid,domain_sessionid,page_url,page_referrer,useragent,os_timezone',
      ...VISITS.map((visit, i) =>
        [
          'shop',
          'page_view',
          randomUUID(),
          '2026-03-02 09:00:00+00',
          `2026-03-02 09:0${i}:00+00`,
          `du-${i}`,
          `ds-${i}`,
          csvField(visit.url),
          csvField(visit.referrer),
          csvField(visit.ua),
          visit.tz,
        ].join(','),
      ),
    ].join('\n'),
  );
  const db = join(dir, 'imported.duckdb');
  const result = await runPolku(['import', '--from', 'snowplow', '--site', 'shop', '--db', db, file]);
  expect(result.code).toBe(0);
  const store = await Store.open(db, { readOnly: true });
  const imported = await store.query(`select ${DERIVED} from events order by path`);
  await store.close();

  expect(imported).toEqual(collected);
  // And the derivation did something: one row per channel rule exercised.
  expect(imported.map((row) => `${row.channel} ${row.device} ${row.country}`)).toEqual([
    'Paid Search mobile FI',
    'Email tablet US',
    'Referral desktop DE',
    'Internal desktop null',
    'Organic Social mobile JP',
    'AI Assistant desktop FI',
  ]);
});
