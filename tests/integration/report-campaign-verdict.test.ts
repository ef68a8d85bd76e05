import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { type CampaignReport, computeReport, type ReportData } from '../../reports/index.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/** Visitors per campaign against a target of 100, half of which is due by the newest event. */
const VISITORS = { ahead: 60, ontrack: 52, atrisk: 46, behind: 40 } as const;

// Every campaign runs 1–2 March in Helsinki (2026-02-28T22:00Z..2026-03-02T22:00Z); the newest
// event is at 2026-03-01T22:00Z: half the period has passed.
const period = { from: '2026-03-01', to: '2026-03-02' };
const config = parseConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'buy',
      name: 'Buy',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/a' },
        { name: 'Cart', page: '/b' },
        { name: 'Paid', page: '/c' },
      ],
    },
    {
      id: 'signup',
      name: 'Sign up',
      site: 'shop',
      steps: [
        { name: 'Form', page: '/s1' },
        { name: 'Done', page: '/s2' },
      ],
    },
    {
      id: 'tiny',
      name: 'Newsletter',
      site: 'shop',
      steps: [
        { name: 'Offer', page: '/n1' },
        { name: 'Joined', page: '/n2' },
      ],
    },
  ],
  campaigns: {
    ...Object.fromEntries(Object.keys(VISITORS).map((name) => [name, { ...period, targets: { visitors: 100 } }])),
    spring: { ...period, journey: 'buy', targets: { conversions: 200 } },
  },
  report: { timezone: 'Europe/Helsinki' },
});
const MORNING = Date.UTC(2026, 2, 1, 10);

/** A session through `paths` (one page view a minute). */
function session(id: string, paths: string[], extra: Partial<StoredEvent> = {}): StoredEvent[] {
  return paths.map((path, index) =>
    storedEvent({ sessionId: id, visitorId: id, path, ts: MORNING + index * 60_000, ...extra }),
  );
}
/** `count` sessions: the first `toB` reach /b, the first `toC` of those /c. */
function funnel(prefix: string, count: number, toB: number, toC: number, extra: Partial<StoredEvent> = {}) {
  return Array.from({ length: count }, (_, i) =>
    session(`${prefix}-${i}`, ['/a', '/b', '/c'].slice(0, i < toC ? 3 : i < toB ? 2 : 1), extra),
  ).flat();
}

let report: ReportData;
beforeAll(async () => {
  const store = await Store.open(join(tempDir(), 'verdict.duckdb'));
  const events: StoredEvent[] = [];
  for (const [campaign, visitors] of Object.entries(VISITORS)) {
    for (let i = 0; i < visitors; i++) events.push(...session(`${campaign}-${i}`, ['/x'], { utmCampaign: campaign }));
  }
  // Spring: 200 sessions, 160 reach the cart, 60 pay: mobile 10 of 100, desktop 50 of 100.
  events.push(...funnel('spring-m', 100, 80, 10, { utmCampaign: 'spring', device: 'mobile' }));
  events.push(...funnel('spring-d', 100, 80, 50, { utmCampaign: 'spring', device: 'desktop' }));
  // Everyone else: 400 sessions, 320 reach the cart (0.8, as spring), 240 pay (0.75 of the cart, spring 0.375).
  events.push(...funnel('other', 400, 320, 240, { device: 'desktop' }));
  // Sign up: 70 of 100 leave the form; the newsletter: all 10 leave, but 10 are too few to rank.
  for (let i = 0; i < 100; i++) events.push(...session(`signup-${i}`, i < 30 ? ['/s1', '/s2'] : ['/s1']));
  for (let i = 0; i < 10; i++) events.push(...session(`tiny-${i}`, ['/n1']));
  events.push(storedEvent({ sessionId: 'newest', visitorId: 'newest', ts: Date.UTC(2026, 2, 1, 22) }));
  await appendEvents(store, events);
  report = await computeReport(config, store);
  await store.close();
});

const campaign = (name: string) => report.campaigns.find((c) => c.campaign === name) as CampaignReport;

describe('campaign verdict', () => {
  it('says ahead, on track, at risk or behind by the pace, and projects the end of the period', () => {
    const verdicts = Object.keys(VISITORS).map((name) => {
      const v = campaign(name).verdict;
      return [name, v?.status, v?.actual, v?.expectedByNow, v?.pace, v?.elapsed, v?.projected, v?.projectedVsTarget];
    });
    expect(verdicts).toEqual([
      ['ahead', 'ahead', 60, 50, 0.2, 0.5, 120, 0.2],
      ['ontrack', 'on-track', 52, 50, 0.04, 0.5, 104, 0.04],
      ['atrisk', 'at-risk', 46, 50, -0.08, 0.5, 92, -0.08],
      ['behind', 'behind', 40, 50, -0.2, 0.5, 80, -0.2],
    ]);
  });

  it('judges a campaign with a journey by its conversions: 60 of 100 due, 120 of 200 projected', () => {
    expect(campaign('spring').verdict).toEqual({
      status: 'behind',
      metric: 'conversions',
      target: 200,
      actual: 60,
      expectedByNow: 100,
      pace: -0.4,
      elapsed: 0.5,
      projected: 120,
      projectedVsTarget: -0.4,
    });
  });
});

describe('campaign explanation', () => {
  it('names the step that falls furthest below the other units, and the segment converting worse', () => {
    const explanation = campaign('spring').explanation;
    expect(explanation?.weakestStep).toEqual({
      step: 3,
      name: 'Paid',
      from: 160,
      reached: 60,
      rate: 0.375,
      othersRate: 0.75,
      significant: true,
    });
    // Only the device splits spring's units (one landing page, channel, source and country): two
    // tests. z = (0.1 − 0.5) / √(0.3 · 0.7 · 2/100) = −6.1721, Φ(z) = 3.369e-10 (Python's math.erfc).
    expect(explanation?.worseSegments).toEqual([
      {
        dimension: 'device',
        value: 'mobile',
        started: 100,
        converted: 10,
        conversion: 0.1,
        rest: { started: 100, converted: 50, conversion: 0.5 },
        adjustedPValue: 6.737e-10,
      },
    ]);
  });

  it('gives a campaign without a journey no explanation', () => {
    expect(campaign('ahead').explanation).toBeNull();
  });
});

describe('overview', () => {
  it('names the biggest drop-off across journeys (most units lost) and the campaign furthest behind', () => {
    // Buy loses 180 of 480 in the cart (37.5 %); sign up 70 of 100 (70 %), the newsletter 10 of 10.
    expect(report.overview.biggestDropOff).toEqual({
      journey: 'buy',
      name: 'Buy',
      unit: 'session',
      afterStep: 2,
      from: 'Cart',
      to: 'Paid',
      atStep: 480,
      dropped: 180,
      share: 0.375,
    });
    expect(report.overview.furthestBehind?.campaign).toBe('spring');
    // The whole range is the period: there is no previous period to change against.
    expect(report.overview.biggestChange).toBeNull();
  });
});
