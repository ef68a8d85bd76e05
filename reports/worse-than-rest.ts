import { benjaminiHochberg, lowerTailPValue, ratio } from './stats.ts';

/** A group needs this many started units to be tested at all (as a breakdown's segment to be ranked). */
export const MIN_TESTED_UNITS = 30;
/** Benjamini–Hochberg false discovery rate: at most this share of the listed findings are expected to be chance. */
export const FALSE_DISCOVERY_RATE = 0.05;
/** Findings listed per journey or campaign, strongest evidence first. */
export const MAX_FINDINGS = 5;

export interface Counted {
  started: number;
  converted: number;
}

export type WorseGroup<T> = T & {
  rest: { started: number; converted: number; conversion: number };
  pValue: number;
  adjustedPValue: number;
};

/**
 * The groups (segments, combinations) of a population that convert significantly worse than the
 * population's other units. Each group with at least MIN_TESTED_UNITS started units (and not all of
 * them) is tested one-sided against the rest (pooled two-proportion z-test); then Benjamini–Hochberg
 * over all the tests, so that testing many groups at once does not turn noise into findings.
 * Returns how many were tested and the findings, smallest p-value first (ties by `key`).
 */
export function worseThanRest<T extends Counted>(
  groups: readonly T[],
  all: Counted,
  key: (group: T) => string,
): { tested: number; found: WorseGroup<T>[] } {
  const tested = groups.filter((group) => group.started >= MIN_TESTED_UNITS && group.started < all.started);
  const pValues = tested.map((group) =>
    lowerTailPValue(group.converted, group.started, all.converted - group.converted, all.started - group.started),
  );
  const adjusted = benjaminiHochberg(pValues);
  const found = tested
    .map((group, index) => ({ group, p: pValues[index] ?? 1, q: adjusted[index] ?? 1 }))
    .filter(({ q }) => q <= FALSE_DISCOVERY_RATE)
    .sort((a, b) => a.p - b.p || key(a.group).localeCompare(key(b.group)))
    .slice(0, MAX_FINDINGS)
    .map(({ group, p, q }) => {
      const restStarted = all.started - group.started;
      const restConverted = all.converted - group.converted;
      return {
        ...group,
        rest: { started: restStarted, converted: restConverted, conversion: ratio(restConverted, restStarted) },
        pValue: significant(p),
        adjustedPValue: significant(q),
      };
    });
  return { tested: tested.length, found };
}

/** P-values span many orders of magnitude: four significant digits keep them comparable and diffable. */
function significant(p: number): number {
  return Number(p.toPrecision(4));
}
