import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { type CampaignReport, computeReport, type ReportData } from '../../reports/index.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/** Visitors per campaign for the visitors target, and value per campaign for the revenue target. */
const VISITORS = { v50: 50, v46: 46, v45: 45, v44: 44 } as const;
const REVENUE = { r50: 50, 'r49-99': 49.99, r45: 45, 'r44-99': 44.99 } as const;

// Every campaign runs 1–2 March in Helsinki (2026-02-28T22:00Z..2026-03-02T22:00Z) with a target of
// 100; the newest event is at 2026-03-01T22:00Z, half-way, so 50 is expected by now.
const period = { from: '2026-03-01', to: '2026-03-02' };
const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  campaigns: {
    ...Object.fromEntries(Object.keys(VISITORS).map((name) => [name, { ...period, targets: { visitors: 100 } }])),
    ...Object.fromEntries(Object.keys(REVENUE).map((name) => [name, { ...period, targets: { revenue: 100 } }])),
  },
  // Only conversion events carry revenue (docs/report-model.md): here, purchases.
  revenue: { event: 'purchase' },
  report: { timezone: 'Europe/Helsinki' },
});
const MORNING = Date.UTC(2026, 2, 1, 10);

let report: ReportData;
/** The same data reported up to 12:00Z on 1 March: the newest event in that range is at 10:00Z. */
let pastReport: ReportData;
beforeAll(async () => {
  const store = await Store.open(join(tempDir(), 'pace.duckdb'));
  const events: StoredEvent[] = [];
  for (const [campaign, visitors] of Object.entries(VISITORS)) {
    for (let i = 0; i < visitors; i++) {
      const id = `${campaign}-${i}`;
      events.push(storedEvent({ sessionId: id, visitorId: id, ts: MORNING, utmCampaign: campaign }));
    }
  }
  for (const [campaign, value] of Object.entries(REVENUE)) {
    events.push(
      storedEvent({
        sessionId: campaign,
        visitorId: campaign,
        ts: MORNING,
        utmCampaign: campaign,
        name: 'purchase',
        value,
      }),
    );
  }
  events.push(storedEvent({ sessionId: 'newest', visitorId: 'newest', ts: Date.UTC(2026, 2, 1, 22) }));
  await appendEvents(store, events);
  report = await computeReport(config, store);
  pastReport = await computeReport(config, store, { range: { to: '2026-03-01T12:00:00.000Z' } });
  await store.close();
});

const target = (name: string) => {
  const [result] = (report.campaigns.find((c) => c.campaign === name) as CampaignReport).targets;
  return [result?.actual, result?.expectedByNow, result?.status];
};

describe('pace: on-track at ≥ expected, at-risk at ≥ 90 % of it (45 of 50), behind below', () => {
  it('rates a count target on both sides of each boundary', () => {
    expect(target('v50')).toEqual([50, 50, 'on-track']);
    expect(target('v46')).toEqual([46, 50, 'at-risk']);
    expect(target('v45')).toEqual([45, 50, 'at-risk']);
    expect(target('v44')).toEqual([44, 50, 'behind']);
  });

  it('rates revenue just below each boundary', () => {
    expect(target('r50')).toEqual([50, 50, 'on-track']);
    expect(target('r49-99')).toEqual([49.99, 50, 'at-risk']);
    expect(target('r45')).toEqual([45, 50, 'at-risk']);
    expect(target('r44-99')).toEqual([44.99, 50, 'behind']);
  });
});

describe('pace of a past range', () => {
  it('is measured at the newest event inside the range, not the newest in the database', () => {
    // 10:00Z is 12 of the period's 48 hours: a quarter, so 25 of 100 are expected.
    const [visitors] = (pastReport.campaigns.find((c) => c.campaign === 'v44') as CampaignReport).targets;
    expect([visitors?.actual, visitors?.expectedByNow, visitors?.status]).toEqual([44, 25, 'on-track']);
  });
});
