import type { CampaignVerdict, TargetResult } from '../model.ts';
import { round } from '../stats.ts';

/** At least this far above the pace (actual ≥ 1.1 × expected by now), a campaign is ahead, not just on track. */
export const AHEAD_BY = 0.1;

/**
 * A campaign's verdict is its weakest target's: the one furthest behind its pace (lowest actual ÷
 * expected by now). Its status is the target's, with on-track split into ahead (≥ 10 % above the pace)
 * and on track. The projection assumes the pace so far holds to the end of the period: counts and
 * revenue grow to actual ÷ elapsed share, a rate stays where it is. Null without targets.
 * `elapsed`: the share of the period before the report's newest event; null without a period, when
 * the whole target is due now.
 */
export function campaignVerdict(targets: readonly TargetResult[], elapsed: number | null): CampaignVerdict | null {
  let weakest: { target: TargetResult; pace: number | null } | null = null;
  for (const target of targets) {
    const pace = target.expectedByNow === 0 ? null : target.actual / target.expectedByNow - 1;
    // Nothing expected yet (the period has just begun) cannot be behind: weakest only if nothing else is.
    if (weakest === null || (pace !== null && (weakest.pace === null || pace < weakest.pace))) {
      weakest = { target, pace };
    }
  }
  if (weakest === null) return null;
  const { target, pace } = weakest;
  const scaled = target.metric !== 'conversionRate';
  const share = elapsed ?? 1;
  const projected = !scaled ? target.actual : share === 0 ? null : round(target.actual / share);
  return {
    status: target.status === 'on-track' && pace !== null && pace >= AHEAD_BY - 1e-9 ? 'ahead' : target.status,
    metric: target.metric,
    target: target.target,
    actual: target.actual,
    expectedByNow: target.expectedByNow,
    pace: pace === null ? null : round(pace),
    elapsed: elapsed === null ? null : round(elapsed),
    projected,
    projectedVsTarget: projected === null || target.target === 0 ? null : round(projected / target.target - 1),
  };
}
