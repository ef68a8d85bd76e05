/**
 * A plain, obviously correct funnel: the semantics of docs/funnel-semantics.md written as exhaustive search per
 * attempt, with no cleverness. Exponential in the worst case, so only for the small random units the
 * cross-check test feeds to both this and the SQL engine.
 */
export interface ReferenceEvent {
  /** Epoch milliseconds. */
  ts: number;
  /** Arrival order; breaks timestamp ties. */
  seq: number;
  /** matches[k]: does this event match step k+1? */
  matches: boolean[];
  excluded: boolean;
}

export interface ReferenceJourney {
  order: 'sequential' | 'strict' | 'any';
  steps: number;
  windowMs?: number;
  /** withinMs[k]: the `within` of step k+1 (index 0 unused). */
  withinMs: (number | undefined)[];
}

/** The unit's level (0 when it is not counted at all). `events` are one unit's events, any order. */
export function referenceLevel(unitEvents: readonly ReferenceEvent[], journey: ReferenceJourney): number {
  const events = [...unitEvents].sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  let best = 0;
  events.forEach((start, i) => {
    const attempt = journey.order === 'any' ? anyAttempt(events, i, journey) : orderedAttempt(events, i, journey);
    if (attempt === undefined) return;
    const { level, completedAt } = attempt;
    const inWindow = (event: ReferenceEvent) =>
      journey.windowMs === undefined || event.ts <= start.ts + journey.windowMs;
    const discarded =
      completedAt !== undefined
        ? events.slice(i + 1, completedAt).some((event) => event.excluded)
        : events.slice(i + 1).some((event) => event.excluded && inWindow(event));
    if (!discarded) best = Math.max(best, level);
  });
  return best;
}

interface Attempt {
  level: number;
  /** Index of the earliest event that completes the journey from this attempt. */
  completedAt?: number;
}

/** Sequential and strict: every chain from events[i] as step 1, searched exhaustively. */
function orderedAttempt(events: readonly ReferenceEvent[], i: number, journey: ReferenceJourney): Attempt | undefined {
  const start = events[i] as ReferenceEvent;
  if (!start.matches[0]) return undefined;
  let level = 1;
  let completedAt: number | undefined;
  const extend = (last: number, step: number) => {
    // `step` is the 0-based index of the step to find next.
    level = Math.max(level, step);
    if (step === journey.steps) {
      completedAt = completedAt === undefined ? last : Math.min(completedAt, last);
      return;
    }
    const candidates = journey.order === 'strict' ? [last + 1] : range(last + 1, events.length);
    for (const j of candidates) {
      const event = events[j];
      if (event === undefined || !event.matches[step]) continue;
      if (journey.windowMs !== undefined && event.ts > start.ts + journey.windowMs) continue;
      const within = journey.withinMs[step];
      if (within !== undefined && event.ts - (events[last] as ReferenceEvent).ts > within) continue;
      extend(j, step + 1);
    }
  };
  extend(i, 1);
  return { level, completedAt };
}

/** Any order: the most steps done by distinct events among events[i] and later ones in its window. */
function anyAttempt(events: readonly ReferenceEvent[], i: number, journey: ReferenceJourney): Attempt | undefined {
  const start = events[i] as ReferenceEvent;
  if (!start.matches.some(Boolean)) return undefined;
  let end = i;
  while (
    end + 1 < events.length &&
    (journey.windowMs === undefined || (events[end + 1] as ReferenceEvent).ts <= start.ts + journey.windowMs)
  ) {
    end++;
  }
  const level = bestMatching(events.slice(i, end + 1), journey.steps);
  let completedAt: number | undefined;
  if (level === journey.steps) {
    for (let j = i; j <= end && completedAt === undefined; j++) {
      if (bestMatching(events.slice(i, j + 1), journey.steps) === journey.steps) completedAt = j;
    }
  }
  return { level, completedAt };
}

/**
 * Largest number of steps that distinct events can each satisfy: a maximum bipartite matching by
 * augmenting paths (Kuhn's algorithm), the textbook method.
 */
function bestMatching(events: readonly ReferenceEvent[], steps: number): number {
  const eventOfStep = new Map<number, number>();
  const stepOfEvent = new Map<number, number>();
  const augment = (step: number, seen: Set<number>): boolean => {
    for (let index = 0; index < events.length; index++) {
      if (!(events[index] as ReferenceEvent).matches[step] || seen.has(index)) continue;
      seen.add(index);
      const holder = stepOfEvent.get(index);
      if (holder === undefined || augment(holder, seen)) {
        stepOfEvent.set(index, step);
        eventOfStep.set(step, index);
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (let step = 0; step < steps; step++) if (augment(step, new Set())) matched++;
  return matched;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index);
}
