import { describe, expect, it } from 'vitest';
import { campaignVerdict } from '../../reports/campaign/verdict.ts';
import type { CampaignReport, CampaignVerdict, JourneyReport, PreviousPeriod } from '../../reports/index.ts';
import { overview } from '../../reports/overview.ts';

/** Only the fields the overview rules read; the rest of a report does not matter to them. */
const journey = (id: string, conversion: number, previousPeriod: PreviousPeriod | null): JourneyReport =>
  ({
    id,
    name: id.toUpperCase(),
    unit: 'session',
    steps: [],
    biggestDropOff: null,
    conversion: { rate: conversion },
    previousPeriod,
  }) as unknown as JourneyReport;
const previous = (conversion: number, change: number, significant: boolean): PreviousPeriod => ({
  // An interval of ±0.01 around the change; only `significant` matters to the rule.
  from: '2026-02-01T00:00:00.000Z',
  to: '2026-03-01T00:00:00.000Z',
  steps: [100, 10],
  conversion,
  change,
  changeInterval: { low: Math.round((change - 0.01) * 100) / 100, high: Math.round((change + 0.01) * 100) / 100 },
  significant,
});
const verdict = (status: CampaignVerdict['status'], pace: number | null): CampaignVerdict => ({
  status,
  metric: 'visitors',
  target: 100,
  actual: 50,
  expectedByNow: 50,
  pace,
  elapsed: 0.5,
  projected: 100,
  projectedVsTarget: 0,
});
const campaign = (name: string, v: CampaignVerdict | null) =>
  ({ campaign: name, slug: name, verdict: v }) as unknown as CampaignReport;

describe('overview: the biggest significant change', () => {
  it('takes the largest change in either direction among significant ones only', () => {
    const journeys = [
      journey('a', 0.2, previous(0.1, 0.1, true)),
      journey('b', 0.1, previous(0.25, -0.15, true)),
      // Larger still, but within chance: not a finding.
      journey('c', 0.5, previous(0.2, 0.3, false)),
      journey('d', 0.5, null),
    ];
    expect(overview(journeys, []).biggestChange).toEqual({
      journey: 'b',
      name: 'B',
      conversion: 0.1,
      previousConversion: 0.25,
      change: -0.15,
      changeInterval: { low: -0.16, high: -0.14 },
    });
  });

  it('has none when no change is significant', () => {
    expect(overview([journey('c', 0.5, previous(0.2, 0.3, false))], []).biggestChange).toBeNull();
  });
});

describe('overview: the campaign furthest behind', () => {
  it('takes the lowest pace among campaigns at risk or behind, never one on track or ahead', () => {
    const campaigns = [
      campaign('a', verdict('at-risk', -0.05)),
      campaign('b', verdict('behind', -0.3)),
      campaign('c', verdict('behind', -0.2)),
      campaign('d', verdict('ahead', 0.5)),
      campaign('e', null),
    ];
    expect(overview([], campaigns).furthestBehind?.campaign).toBe('b');
    expect(overview([], [campaigns[3] as CampaignReport]).furthestBehind).toBeNull();
  });
});

describe('campaign verdict edge cases', () => {
  const target = (metric: 'visitors' | 'conversionRate', t: number, actual: number, expected: number) => ({
    metric,
    target: t,
    actual,
    expectedByNow: expected,
    status: (actual >= expected ? 'on-track' : actual >= 0.9 * expected ? 'at-risk' : 'behind') as 'on-track',
  });

  it('is decided by the target furthest behind its pace; a rate is projected to stay where it is', () => {
    const v = campaignVerdict([target('visitors', 100, 30, 25), target('conversionRate', 0.05, 0.04, 0.05)], 0.25);
    expect(v).toEqual({
      status: 'behind',
      metric: 'conversionRate',
      target: 0.05,
      actual: 0.04,
      expectedByNow: 0.05,
      pace: -0.2,
      elapsed: 0.25,
      projected: 0.04,
      projectedVsTarget: -0.2,
    });
  });

  it('projects nothing at the very start of the period, and the actual once it is over or without one', () => {
    expect(campaignVerdict([target('visitors', 100, 0, 0)], 0)).toMatchObject({
      status: 'on-track',
      pace: null,
      projected: null,
    });
    expect(campaignVerdict([target('visitors', 100, 120, 100)], 1)).toMatchObject({ status: 'ahead', projected: 120 });
    expect(campaignVerdict([target('visitors', 100, 95, 100)], null)).toMatchObject({
      status: 'at-risk',
      projected: 95,
      elapsed: null,
    });
    expect(campaignVerdict([], 0.5)).toBeNull();
  });
});
