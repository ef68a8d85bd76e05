import type { DuckDBValue } from '@duckdb/node-api';
import type { JourneyConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import type { JourneyReport, StepResult } from './model.ts';
import { stepCondition } from './step-match.ts';

/**
 * Sequential funnel: for each unit, the earliest step-1 event, then the earliest matching event
 * strictly after the previous step (timestamp, then arrival order), and so on. Taking the earliest
 * event at every step finds the furthest step any attempt reaches when there is no time window.
 * (Windows, strict and any-order journeys, exclusions: see the funnel semantics in DESIGN.md.)
 */
export async function computeJourney(store: Store, journey: JourneyConfig): Promise<JourneyReport> {
  const params: Record<string, DuckDBValue> = { site: journey.site };
  const unitColumn = journey.unit === 'visitor' ? 'visitor_id' : 'session_id';
  const ctes = journey.steps.map((step, index) => {
    const condition = stepCondition(step, `s${index}`, params, 'e');
    if (index === 0) {
      return `step0 as (
        select e.${unitColumn} as unit, e.ts, e.seq from events e where e.site = $site and ${condition}
        qualify row_number() over (partition by e.${unitColumn} order by e.ts, e.seq) = 1)`;
    }
    return `step${index} as (
      select e.${unitColumn} as unit, e.ts, e.seq
      from events e join step${index - 1} p on e.${unitColumn} = p.unit
      where e.site = $site and (e.ts > p.ts or (e.ts = p.ts and e.seq > p.seq)) and ${condition}
      qualify row_number() over (partition by e.${unitColumn} order by e.ts, e.seq) = 1)`;
  });
  const counts = journey.steps.map((_, index) => `(select count(*)::integer from step${index}) as n${index}`);
  const [row] = await store.query(`with ${ctes.join(',\n')} select ${counts.join(', ')}`, params);
  const units = journey.steps.map((_, index) => Number(row?.[`n${index}`] ?? 0));
  return {
    id: journey.id,
    name: journey.name,
    site: journey.site,
    unit: journey.unit,
    steps: journey.steps.map((step, index): StepResult => {
      const reached = units[index] ?? 0;
      const start = units[0] ?? 0;
      const previous = index === 0 ? reached : (units[index - 1] ?? 0);
      const next = units[index + 1];
      return {
        name: step.name,
        units: reached,
        ofStart: start === 0 ? 0 : reached / start,
        ofPrevious: previous === 0 ? 0 : reached / previous,
        droppedHere: next === undefined ? 0 : reached - next,
      };
    }),
  };
}
