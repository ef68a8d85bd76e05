/**
 * ClickHouse's own `windowFunnel` for a journey, the peer the funnel benchmarks compare with (its
 * semantics differ from ours: whole seconds, ties by step number; the benches print both counts).
 */
import { globToRegex } from '../config/glob.ts';
import type { JourneyConfig } from '../config/index.ts';

/** The journey's steps as windowFunnel conditions over `name` and `path`. */
export function windowFunnelConditions(steps: JourneyConfig['steps']): string {
  return steps
    .map((step) => {
      if (step.page !== undefined) return `name = 'pageview' and match(path, '^${globToRegex(step.page)}$')`;
      if (step.event !== undefined && step.props === undefined) return `name = '${step.event.replace(/'/g, "\\'")}'`;
      throw new Error(`the windowFunnel peer has no condition for step "${step.name}"`);
    })
    .join(', ');
}

/** windowFunnel gives each unit its level; a unit at level k reached steps 1..k. */
export function reachedPerStep(levels: readonly { level: number; units: number }[], steps: number): number[] {
  return Array.from({ length: steps }, (_, index) =>
    levels.filter((row) => row.level > index).reduce((sum, row) => sum + row.units, 0),
  );
}
