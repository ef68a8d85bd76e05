import { countOf, formatCount } from '../format.ts';
import { catalogue } from './catalogue.ts';
import type { JourneyUnit } from './units.ts';

/** How a segment reads in a sentence about the units in it ("mobile sessions", "sessions from email"). */
type SegmentPhrase = (value: string, unit: JourneyUnit) => string;

/** The headline sentence at the top of a journey page (site/src/headline.ts). */
export const headlineText = catalogue(
  {
    allCompleted: (unit: JourneyUnit, units: string) => `Every ${unit} that started completed the journey (${units}).`,
    biggestDropOff: (from: string, to: string, share: string, count: number, unit: JourneyUnit, range: string) =>
      `Biggest drop-off: ${from} → ${to} — ${share} of ${countOf(count, unit)} left (likely ${range})`,
    leftMost: (segment: string, share: string) => `; ${segment} left most (${share})`,
    segments: {
      device: (value, unit) => `${value} ${unit}s`,
      campaign: (value, unit) => `${unit}s from ${value}`,
      channel: (value, unit) => `${unit}s from ${value}`,
      source_medium: (value, unit) => `${unit}s from ${value}`,
      landing_page: (value, unit) => `${unit}s landing on ${value}`,
      country: (value, unit) => `${unit}s from ${value}`,
    } as Record<string, SegmentPhrase>,
    otherSegment: ((value, unit) => `${unit}s in ${value}`) as SegmentPhrase,
  },
  {
    allCompleted: (unit: JourneyUnit, units: string) =>
      `Jokainen aloittanut ${unit === 'visitor' ? 'kävijä' : 'istunto'} suoritti polun loppuun (${units}).`,
    biggestDropOff: (from: string, to: string, share: string, count: number, unit: JourneyUnit, range: string) =>
      `Suurin poistuma: ${from} → ${to} — ${formatCount(count)} ${unit === 'visitor' ? 'kävijästä' : 'istunnosta'} poistui ${share} (todennäköisesti ${range})`,
    leftMost: (segment: string, share: string) => `; eniten poistuivat ${segment} (${share})`,
    segments: {
      device: (value, unit) => `${plural(unit)} laitteella ${value}`,
      campaign: (value, unit) => `kampanjasta ${value} tulleet ${plural(unit)}`,
      channel: (value, unit) => `kanavasta ${value} tulleet ${plural(unit)}`,
      source_medium: (value, unit) => `lähteestä ${value} tulleet ${plural(unit)}`,
      landing_page: (value, unit) => `sivulle ${value} saapuneet ${plural(unit)}`,
      country: (value, unit) => `maasta ${value} tulleet ${plural(unit)}`,
    },
    otherSegment: (value, unit) => `segmentin ${value} ${plural(unit)}`,
  },
);

function plural(unit: JourneyUnit): string {
  return unit === 'visitor' ? 'kävijät' : 'istunnot';
}
