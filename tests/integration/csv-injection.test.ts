import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postBatch } from '../support/load.ts';
import { writeImportFile, writeShopConfig } from '../support/ndjson-events.ts';
import { runPolku, startPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

/** A CSV's lines after its `# polku-report` comment line. */
const csvLines = (file: string) => readFileSync(file, 'utf8').split('\n').slice(1);

const csvFilesUnder = (root: string) =>
  readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.csv'))
    .sort();

describe('formula injection through outside text in CSV files', () => {
  it('neutralises utm values, event names and campaign names in polku report and the site data', async () => {
    const dir = tempDir();
    const [config, events, db] = [join(dir, 'polku.config.json'), join(dir, 'events.ndjson'), join(dir, 'db.duckdb')];
    writeShopConfig(config);
    writeImportFile(events, [
      {
        session: 1,
        minute: 1,
        path: '/products/lamp',
        utm_campaign: 'spring',
        utm_source: "=cmd|' /C calc'!A0",
        utm_medium: '+x',
        utm_content: '@SUM(1)',
        utm_term: '-2+3',
      },
      { session: 1, minute: 2, name: '=HYPERLINK("http://evil.example","x")' },
      { session: 2, minute: 3, path: '/products/chair', utm_campaign: '@evil', utm_source: '\t=1', utm_medium: 'cpc' },
    ]);
    expect((await runPolku(['import', '--db', db, events])).code).toBe(0);
    const out = join(dir, 'report');
    const report = await runPolku(['report', '--config', config, '--db', db, '--out', out]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);

    expect(csvLines(join(out, 'campaigns.csv'))).toEqual([
      'campaign,configured,visitors,sessions,bounce_rate,pages_per_session,conversions,conversion_rate,value',
      // Not configured: measured on the site's first journey (reports/campaign/assemble.ts), 0 conversions.
      `"'@evil",false,1,1,1,1,0,0,0`,
      'spring,true,1,1,0,1,0,0,0',
      '',
    ]);
    expect(csvLines(join(out, 'campaigns', 'spring.traffic.csv'))).toEqual([
      'kind,value,sessions,other',
      'landing_page,/products/lamp,1,',
      `source,"'=cmd|' /C calc'!A0",1,`,
      `medium,"'+x",1,`,
      `content,"'@SUM(1)",1,`,
      `term,"'-2+3",1,`,
      'variant,spring,1,',
      '',
    ]);
    expect(csvLines(join(out, 'journeys', 'checkout.next-actions.csv'))).toContain(
      `1,"'=HYPERLINK(""http://evil.example"",""x"")",1,0.5,`,
    );
    const breakdowns = csvLines(join(out, 'journeys', 'checkout.breakdowns.csv'));
    expect(breakdowns).toContain(`campaign,"'@evil",1,0,0,0,0.793451,true,false,`);
    expect(breakdowns).toContain(`source_medium,"'\t=1 / cpc",1,0,0,0,0.793451,true,false,`);
    // Numbers are never prefixed: the rule applies to text cells only.
    expect(breakdowns.join('\n')).not.toMatch(/'\d|'-\d/);

    // The report site publishes the same bytes under data/, through the same writer.
    const site = join(dir, 'site');
    const build = await runPolku(['build', '--config', config, '--db', db, '--out', site]);
    expect(build.code).toBe(0);
    const reportCsvs = csvFilesUnder(out);
    expect(csvFilesUnder(join(site, 'data'))).toEqual(reportCsvs);
    for (const file of reportCsvs) {
      expect(readFileSync(join(site, 'data', file), 'utf8'), file).toBe(readFileSync(join(out, file), 'utf8'));
    }
    // No cell of any CSV the site serves starts with a formula character.
    for (const file of csvFilesUnder(site)) {
      const text = readFileSync(join(site, file), 'utf8');
      expect(text, file).not.toMatch(/(^|,)"?([=+@\t\r]|-(?!\d))/m);
    }
  });

  it('neutralises what anyone posts to a running collector: utm values in the URL and event names', async () => {
    const dir = tempDir();
    const [config, db] = [join(dir, 'polku.config.json'), join(dir, 'db.duckdb')];
    writeShopConfig(config);
    const collector = await startPolku(['collect', '--config', config, '--db', db, '--port', '0']);
    const utm = new URLSearchParams({
      utm_campaign: 'spring',
      utm_source: "=cmd|' /C calc'!A0",
      utm_medium: '+x',
      utm_content: '@SUM(1)',
      utm_term: '-2+3',
    });
    const now = Date.now();
    const answer = await postBatch(collector.url, {
      site: 'shop',
      events: [
        { id: randomUUID(), ts: now - 2000, name: 'pageview', url: `https://shop.example/products/lamp?${utm}` },
        {
          id: randomUUID(),
          ts: now - 1000,
          name: '=HYPERLINK("http://evil.example","x")',
          url: 'https://shop.example/products/lamp',
        },
      ],
      sent_at: now,
    });
    expect(answer.status).toBe(202);
    // SIGTERM moves the spool into the database before the collector exits.
    expect(await collector.stop()).toBe(0);

    const out = join(dir, 'report');
    expect((await runPolku(['report', '--config', config, '--db', db, '--out', out])).code).toBe(0);
    expect(csvLines(join(out, 'campaigns', 'spring.traffic.csv'))).toEqual([
      'kind,value,sessions,other',
      'landing_page,/products/lamp,1,',
      // The collector stores utm values trimmed and lower-cased.
      `source,"'=cmd|' /c calc'!a0",1,`,
      `medium,"'+x",1,`,
      `content,"'@sum(1)",1,`,
      `term,"'-2+3",1,`,
      'variant,spring,1,',
      '',
    ]);
    expect(csvLines(join(out, 'journeys', 'checkout.next-actions.csv'))).toEqual([
      'step,action,units,share,other',
      `1,"'=HYPERLINK(""http://evil.example"",""x"")",1,1,`,
      '',
    ]);
  });
});
