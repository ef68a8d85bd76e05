import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { type CampaignReport, computeReport } from '../../reports/index.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/** A one-day campaign (1 March, Helsinki) that drives a two-step checkout. */
const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
  campaigns: {
    spring: {
      journey: 'checkout',
      from: '2026-03-01',
      to: '2026-03-01',
      targets: { visitors: 1, conversions: 2, conversionRate: 0.5 },
    },
  },
  report: { timezone: 'Europe/Helsinki' },
});

let store: Store;
beforeEach(async () => {
  store = await Store.open(join(tempDir(), 'campaign-period.duckdb'));
});
afterEach(() => store.close());

/** A campaign session that views a product and buys one minute later. */
function converting(id: string, at: number): StoredEvent[] {
  return [
    storedEvent({ sessionId: id, visitorId: id, path: '/products/lamp', ts: at, utmCampaign: 'spring' }),
    storedEvent({ sessionId: id, visitorId: id, name: 'purchase', ts: at + 60_000 }),
  ];
}

describe('campaign journey inside the campaign period', () => {
  it('counts only units whose step 1 lies inside the period, and measures targets against them', async () => {
    await appendEvents(store, [
      // 1 March 12:00 UTC is 14:00 in Helsinki: inside.
      ...converting('inside', Date.UTC(2026, 2, 1, 12)),
      // Outside: the day before and the day after.
      ...converting('before', Date.UTC(2026, 1, 28, 12)),
      ...converting('after', Date.UTC(2026, 2, 2, 12)),
    ]);
    const campaign = (await computeReport(config, store)).campaigns[0] as CampaignReport;
    expect([campaign.sessions, campaign.visitors]).toEqual([1, 1]);
    expect(campaign.journey).toEqual({
      id: 'checkout',
      byDefault: false,
      steps: [1, 1],
      started: 1,
      conversions: 1,
      rate: 1,
      interval: { low: 0.206549, high: 1 },
    });
    // The period is over (the newest event is a day after it): the whole target is expected.
    expect(campaign.targets.map((t) => [t.metric, t.actual, t.expectedByNow, t.status])).toEqual([
      ['visitors', 1, 1, 'on-track'],
      ['conversions', 1, 2, 'behind'],
      ['conversionRate', 1, 0.5, 'on-track'],
    ]);
  });

  it('uses local days of the report time zone for the period bounds', async () => {
    await appendEvents(store, [
      // 22:30 UTC on 28 February is 00:30 on 1 March in Helsinki: inside.
      ...converting('just-after-midnight', Date.UTC(2026, 1, 28, 22, 30)),
      // 21:30 UTC on 1 March is 23:30 in Helsinki: inside; 22:30 UTC is 2 March: outside.
      ...converting('late', Date.UTC(2026, 2, 1, 21, 30)),
      ...converting('next-day', Date.UTC(2026, 2, 1, 22, 30)),
    ]);
    const campaign = (await computeReport(config, store)).campaigns[0] as CampaignReport;
    expect([campaign.journey?.started, campaign.journey?.conversions]).toEqual([2, 2]);
  });
});
