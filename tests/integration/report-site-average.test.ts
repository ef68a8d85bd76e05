import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { type CampaignReport, computeReport, type ReportData } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendReportFixture, reportConfigInput } from '../support/report-fixture.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

let report: ReportData;
let store: Store;
beforeAll(async () => {
  store = await Store.open(join(tempDir(), 'site-average.duckdb'));
  await appendReportFixture(store);
  // A second site in the same database: ten bouncing sessions, five of them from a blog campaign.
  await appendEvents(
    store,
    Array.from({ length: 10 }, (_, i) =>
      storedEvent({
        site: 'blog',
        sessionId: `blog${i}`,
        visitorId: `reader${i}`,
        ts: Date.UTC(2026, 2, 2, 12, i),
        utmCampaign: i < 5 ? 'blog-news' : null,
      }),
    ),
  );
  // The config names both sites: a build reports only the sites in its config. Five sessions are
  // below the default threshold for an unconfigured campaign's report: lower it.
  const bothSites = parseConfig({
    ...reportConfigInput,
    sites: [...reportConfigInput.sites, { id: 'blog', origins: ['https://blog.example'] }],
    report: { ...reportConfigInput.report, campaigns: { minSessions: 1, maxUnconfigured: 50 } },
  });
  report = await computeReport(bothSites, store);
});
afterAll(() => store.close());

const campaign = (name: string) => report.campaigns.find((c) => c.campaign === name) as CampaignReport;

describe('campaign site average', () => {
  it("compares a campaign with its journey's site only", () => {
    // Shop sessions: s1 (1 page view, 4 events), s2 (2 page views), s3 (a bounce). The blog's ten
    // bounces would make it 11 of 13 and 14 / 13 pages per session.
    expect(campaign('spring-sale').siteAverage).toEqual({
      bounceRate: 0.333333,
      pagesPerSession: 1.333333,
      conversionRate: 0.5,
    });
  });

  it('compares a campaign without a journey with the sites its sessions came from', () => {
    expect(campaign('blog-news').siteAverage).toEqual({ bounceRate: 1, pagesPerSession: 1, conversionRate: null });
  });
});
