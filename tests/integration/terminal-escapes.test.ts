import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeImportFile, writeShopConfig } from '../support/ndjson-events.ts';
import { runPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

/** What a terminal acts on instead of showing: C0 except the line feed (0x00–0x1f), DEL, C1 (0x80–0x9f). */
const RAW_CONTROL = /(?!\n)\p{Cc}/u;

/**
 * An utm_campaign that would set the window title, hide the rest of the line, plant an OSC 8
 * hyperlink, return to the line start to overwrite it, and clear the screen with a C1 CSI.
 */
const CAMPAIGN = 'x\x1b]0;owned\x07\x1b[8mhidden\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\\rok\u009b2j';
const SHOWN =
  'x\\x1b]0;owned\\x07\\x1b[8mhidden\\x1b]8;;https://evil.example\\x1b\\link\\x1b]8;;\\x1b\\\\x0dok\\u009b2j';

describe('outside text on the operator terminal', () => {
  it('polku check, report and build show control characters from the data as escapes', async () => {
    const dir = tempDir();
    const [config, events, db] = [join(dir, 'polku.config.json'), join(dir, 'events.ndjson'), join(dir, 'db.duckdb')];
    writeShopConfig(config);
    writeImportFile(events, [
      {
        session: 1,
        minute: 1,
        path: '/products/lamp',
        utm_campaign: 'spring',
        utm_source: 'news',
        utm_medium: 'email',
      },
      { session: 1, minute: 2, name: 'purchase' },
      { session: 2, minute: 3, path: '/products/chair', utm_campaign: CAMPAIGN, utm_medium: 'cpc\u009b8m' },
    ]);
    expect((await runPolku(['import', '--db', db, events])).code).toBe(0);

    const check = await runPolku(['check', '--config', config, '--db', db]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe(
      [
        `warning: utm_campaign "${SHOWN}": 1 events without utm_source`,
        `warning: utm_campaign "${SHOWN}": unknown utm_medium "cpc\\u009b8m"; known: affiliate, affiliates, banner, cpa, cpc, cpm, cpm-social, cpv, display, e-mail, email, newsletter, organic, paid, paid-search, paid-social, paidsearch, paidsocial, ppc, programmatic, push, qr, referral, retargeting, sem, sm, sms, social, social-network, social-paid, socialnetwork, socialpaid, video`,
        '0 error(s), 2 warning(s)',
        '',
      ].join('\n'),
    );
    expect(check.code).toBe(0);

    const report = await runPolku(['report', '--config', config, '--db', db, '--out', join(dir, 'report')]);
    const build = await runPolku(['build', '--config', config, '--db', db, '--out', join(dir, 'site')]);
    expect([report.code, build.code]).toEqual([0, 0]);
    for (const output of [check, report, build]) {
      expect(RAW_CONTROL.test(output.stdout + output.stderr)).toBe(false);
    }
  });

  it('an error naming an imported file shows its control characters as escapes', async () => {
    const dir = tempDir();
    const file = join(dir, 'events\x1b]0;owned\x07\u009b2J.ndjson');
    writeFileSync(file, '{"id": 1}\n');
    const result = await runPolku(['import', '--db', join(dir, 'db.duckdb'), file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${join(dir, 'events\\x1b]0;owned\\x07\\u009b2J.ndjson')}: missing columns ts, site, name; ` +
        '--from polku reads the export shape (polku export), which needs id, ts, site, name\n',
    );
    expect(RAW_CONTROL.test(result.stdout + result.stderr)).toBe(false);
  });
});
