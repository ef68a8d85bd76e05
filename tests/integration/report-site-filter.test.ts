import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { computeReport, type ReportData } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendReportFixture, reportConfig, reportConfigInput } from '../support/report-fixture.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * One database, two sites; the build's config names only the shop. The blog's sessions reuse the
 * shop's session and visitor ids, its campaign name, its journey's pages and events and come later,
 * so any query that reads events without the configured sites would change a number below.
 */
const blogEvents = () => [
  storedEvent({ site: 'blog', sessionId: 's1', visitorId: 'v1', path: '/products/pen', ts: Date.UTC(2026, 2, 9, 8) }),
  storedEvent({ site: 'blog', sessionId: 's1', visitorId: 'v1', name: 'add_to_cart', ts: Date.UTC(2026, 2, 9, 8, 1) }),
  storedEvent({
    site: 'blog',
    sessionId: 's1',
    visitorId: 'v1',
    name: 'purchase',
    value: 500,
    ts: Date.UTC(2026, 2, 9, 8, 2),
  }),
  storedEvent({
    site: 'blog',
    sessionId: 'b2',
    visitorId: 'r2',
    path: '/products/ink',
    utmCampaign: 'spring-sale',
    ts: Date.UTC(2026, 2, 9, 9),
  }),
  storedEvent({
    site: 'blog',
    sessionId: 'b3',
    visitorId: 'r3',
    utmCampaign: 'blog-news',
    ts: Date.UTC(2026, 2, 9, 10),
  }),
];

const bothSites = parseConfig({
  ...reportConfigInput,
  sites: [...reportConfigInput.sites, { id: 'blog', origins: ['https://blog.example'] }],
  // Every campaign seen gets its report, however few its sessions.
  report: { ...reportConfigInput.report, campaigns: { minSessions: 1 } },
});

let store: Store;
let shopOnly: ReportData;
let both: ReportData;
beforeAll(async () => {
  store = await Store.open(join(tempDir(), 'two-sites.duckdb'));
  await appendReportFixture(store);
  await appendEvents(store, blogEvents());
  shopOnly = await computeReport(reportConfig, store);
  both = await computeReport(bothSites, store);
});
afterAll(() => store.close());

describe('a report of the sites in its config only', () => {
  it("counts only the shop's events and spans only their times", () => {
    // Shop: s1 4 events, s2 2, s3 1. The blog's 5 events are later than all of them.
    expect(shopOnly.eventCount).toBe(7);
    expect(shopOnly.range).toEqual({ from: '2026-03-01T12:00:00.000Z', to: '2026-03-04T12:00:00.000Z' });
    expect(shopOnly.generatedAt).toBe('2026-03-04T12:00:00.000Z');
  });

  it('lists no campaign seen only on the other site and counts none of its sessions', () => {
    expect(shopOnly.campaigns.map((c) => c.campaign)).toEqual(['spring-sale']);
    const [spring] = shopOnly.campaigns;
    expect(spring?.visitors).toBe(2);
    expect(spring?.sessions).toBe(2);
    expect(spring?.landingPages).toEqual([
      { value: '/products/chair', sessions: 1 },
      { value: '/products/lamp', sessions: 1 },
    ]);
    expect(spring?.value.total).toBe(120);
    expect(spring?.journey?.steps).toEqual([2, 1, 1]);
    expect(spring?.siteAverage).toEqual({ bounceRate: 0.333333, pagesPerSession: 1.333333, conversionRate: 0.5 });
  });

  it("draws the campaign's daily trend from the shop's sessions only", () => {
    expect(Object.fromEntries(shopOnly.campaigns.map((c) => [c.campaign, c.daily]))).toEqual({
      'spring-sale': [{ day: '2026-03-01', sessions: 2, visitors: 2, value: 120 }],
    });
  });

  it("keeps the shop's journey as it is", () => {
    expect(shopOnly.journeys.map((j) => [j.id, j.steps.map((s) => s.count)])).toEqual([['checkout', [2, 1, 1]]]);
  });

  it('counts the other site too once the config names it', () => {
    expect(both.eventCount).toBe(12);
    expect(both.range).toEqual({ from: '2026-03-01T12:00:00.000Z', to: '2026-03-09T10:00:00.000Z' });
    expect(both.campaigns.map((c) => [c.campaign, c.sessions]).sort()).toEqual([
      ['blog-news', 1],
      ['spring-sale', 3],
    ]);
  });
});
