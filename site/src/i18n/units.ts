import { formatCount } from '../format.ts';
import { catalogue, plural } from './catalogue.ts';

/** What a journey counts: its `unit` in the report model. */
export type JourneyUnit = 'session' | 'visitor';

type Forms = { one: string; other: string };

/**
 * The things pages count, as "1 session" / "2 sessions", "1 istunto" / "2 istuntoa" (after a number
 * Finnish takes the singular partitive), and the plural a column header or a sentence names them by.
 */
const nouns = catalogue<Record<string, Forms & { plural: string }>>(
  {
    session: { one: 'session', other: 'sessions', plural: 'sessions' },
    visitor: { one: 'visitor', other: 'visitors', plural: 'visitors' },
    event: { one: 'event', other: 'events', plural: 'events' },
    conversion: { one: 'conversion', other: 'conversions', plural: 'conversions' },
    comment: { one: 'comment', other: 'comments', plural: 'comments' },
    step: { one: 'step', other: 'steps', plural: 'steps' },
    campaign: { one: 'campaign', other: 'campaigns', plural: 'campaigns' },
    week: { one: 'week', other: 'weeks', plural: 'weeks' },
  },
  {
    session: { one: 'istunto', other: 'istuntoa', plural: 'istunnot' },
    visitor: { one: 'kävijä', other: 'kävijää', plural: 'kävijät' },
    event: { one: 'tapahtuma', other: 'tapahtumaa', plural: 'tapahtumat' },
    conversion: { one: 'konversio', other: 'konversiota', plural: 'konversiot' },
    comment: { one: 'kommentti', other: 'kommenttia', plural: 'kommentit' },
    step: { one: 'vaihe', other: 'vaihetta', plural: 'vaiheet' },
    campaign: { one: 'kampanja', other: 'kampanjaa', plural: 'kampanjat' },
    week: { one: 'viikko', other: 'viikkoa', plural: 'viikot' },
  },
);

export const unitText = {
  /** "4,210 sessions", "4 210 istuntoa"; an unknown unit is shown as given. */
  count(count: number, unit: string): string {
    const forms = nouns[unit] ?? { one: unit, other: unit };
    return `${formatCount(count)} ${plural(count, forms)}`;
  },
  /** The plural in running text: "sessions", "istunnot". */
  plural(unit: string): string {
    return nouns[unit]?.plural ?? unit;
  },
  /** The plural as a column header: "Sessions", "Istunnot". */
  header(unit: string): string {
    const word = nouns[unit]?.plural ?? unit;
    return word.charAt(0).toLocaleUpperCase() + word.slice(1);
  },
  percentagePoint: catalogue<Forms>(
    { one: 'percentage point', other: 'percentage points' },
    { one: 'prosenttiyksikkö', other: 'prosenttiyksikköä' },
  ),
};
