import { globToRegex } from '../glob.ts';
import type { EventMatcher } from '../step-match.ts';

/**
 * Groups a journey's steps into sets that one event might satisfy together (for example the pages
 * "/products/*" and "/products/lamp"). Steps in different groups can never match the same event, so
 * an any-order level is the sum of each group's best assignment. When unsure, steps share a group:
 * that is never wrong, only slower.
 */
export function overlappingStepGroups<T extends EventMatcher>(steps: readonly T[]): number[][] {
  const group = steps.map((_, index) => index);
  const root = (index: number): number => {
    while (group[index] !== index) index = group[index] as number;
    return index;
  };
  steps.forEach((a, i) => {
    steps.forEach((b, j) => {
      if (j > i && mayOverlap(a, b)) group[root(j)] = root(i);
    });
  });
  const groups = new Map<number, number[]>();
  steps.forEach((_, index) => {
    const members = groups.get(root(index)) ?? [];
    members.push(index + 1);
    groups.set(root(index), members);
  });
  return [...groups.values()];
}

function mayOverlap(a: EventMatcher, b: EventMatcher): boolean {
  const nameA = a.page !== undefined ? 'pageview' : a.event;
  const nameB = b.page !== undefined ? 'pageview' : b.event;
  if (nameA !== nameB) return false;
  if (a.page !== undefined && b.page !== undefined && !pagesMayOverlap(a.page, b.page)) return false;
  for (const [key, value] of Object.entries(a.props ?? {})) {
    const other = b.props?.[key];
    if (other !== undefined && String(other) !== String(value)) return false;
  }
  return true;
}

function pagesMayOverlap(a: string, b: string): boolean {
  const literal = (glob: string) => !/[*?]/.test(glob);
  if (literal(a)) return new RegExp(`^${globToRegex(b)}$`).test(a);
  if (literal(b)) return new RegExp(`^${globToRegex(a)}$`).test(b);
  return true;
}
