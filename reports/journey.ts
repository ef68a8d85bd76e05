import type { JourneyConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import type { ReportRange } from './funnel/journey-events.ts';
import { journeyUnitLevels } from './funnel/units.ts';

/** Units reaching each step of one journey (a unit at level L reached steps 1..L). */
export async function journeyStepCounts(
  store: Store,
  journey: JourneyConfig,
  range: ReportRange = {},
): Promise<number[]> {
  const levels = [...(await journeyUnitLevels(store, journey, range)).values()];
  return journey.steps.map((_, index) => levels.filter((level) => level > index).length);
}
