import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { computeReport, type ReportData } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const T0 = Date.UTC(2026, 2, 1, 12);

const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'by-session',
      name: 'By session',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
    {
      id: 'by-visitor',
      name: 'By visitor',
      site: 'shop',
      unit: 'visitor',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
  report: { timezone: 'UTC' },
});

/** A sample id is the first 12 hex digits of md5(unit): the report model's anonymous id. */
const sampleId = (unit: string) => createHash('md5').update(unit).digest('hex').slice(0, 12);

/**
 * Eight visitors, one session each, all viewing a product and never paying. Sessions 3 and 6 have
 * a replay of their product page; session 8's page load has a page id but no replay was stored.
 */
let report: ReportData;
beforeAll(async () => {
  const store = await Store.open(join(tempDir(), 'samples.duckdb'));
  const units = Array.from({ length: 8 }, (_, i) => i + 1);
  await appendEvents(
    store,
    units.map((n) =>
      storedEvent({
        sessionId: `s${n}`,
        visitorId: `v${n}`,
        path: '/products/lamp',
        pageId: n === 3 || n === 6 || n === 8 ? `page-${n}` : null,
        ts: T0 + n * 60_000,
      }),
    ),
  );
  await store.exclusive(async (connection) => {
    for (const n of [3, 6]) {
      await connection.run(
        `insert into replay_chunks values ('shop', $page, 0, make_timestamp($at * 1000), from_base64($data))`,
        { page: `page-${n}`, at: T0, data: gzipSync('[]').toString('base64') },
      );
    }
  });
  report = await computeReport(config, store);
  await store.close();
});

describe('drop-off samples', () => {
  it('prefer units with a replay, then pick the rest by hash, and say which have one', () => {
    const withoutReplay = [1, 2, 4, 5, 7, 8].map((n) => sampleId(`s${n}`)).sort();
    const expected = [
      ...[sampleId('s3'), sampleId('s6')].sort().map((id) => ({ id, hasReplay: true })),
      ...withoutReplay.slice(0, 3).map((id) => ({ id, hasReplay: false })),
    ];
    const samples = report.journeys[0]?.steps[0]?.samples ?? [];
    expect(samples.map(({ id, hasReplay }) => ({ id, hasReplay }))).toEqual(expected);
  });

  it('link a visitor unit to the replays of its sessions', () => {
    const samples = report.journeys[1]?.steps[0]?.samples ?? [];
    expect(samples.filter((s) => s.hasReplay).map((s) => s.id)).toEqual([sampleId('v3'), sampleId('v6')].sort());
    expect(samples).toHaveLength(5);
  });

  it('give the time of the last step reached', () => {
    const samples = report.journeys[0]?.steps[0]?.samples ?? [];
    const s3 = samples.find((s) => s.id === sampleId('s3'));
    expect(s3?.lastStepAt).toBe('2026-03-01T12:03:00.000Z');
  });
});
