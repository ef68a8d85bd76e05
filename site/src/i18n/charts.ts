import { catalogue } from './catalogue.ts';

/** Axis titles, legends and text alternatives of the charts (site/src/charts/). */
export const chartText = catalogue(
  {
    day: 'day',
    week: 'week',
    sessions: 'sessions',
    conversion: 'conversion',
    sessionsPerDay: 'Sessions per day',
    conversionBy: (granularity: 'day' | 'week') => `Conversion by ${granularity}`,
    continued: 'continued',
    leftHere: 'left here',
    countAndLeft: (count: string, left: string) => `${count} (${left} left)`,
    funnel: (units: string) => `Funnel (${units})`,
    funnelStep: (name: string, count: string, left: string) => `${name} ${count}, ${left} left here`,
  },
  {
    day: 'päivä',
    week: 'viikko',
    sessions: 'istunnot',
    conversion: 'konversio',
    sessionsPerDay: 'Istunnot päivittäin',
    conversionBy: (granularity: 'day' | 'week') => `Konversio ${granularity === 'week' ? 'viikoittain' : 'päivittäin'}`,
    continued: 'jatkoi',
    leftHere: 'poistui tässä',
    countAndLeft: (count: string, left: string) => `${count} (${left} poistui)`,
    funnel: (units: string) => `Suppilo (${units})`,
    funnelStep: (name: string, count: string, left: string) => `${name} ${count}, ${left} poistui tässä`,
  },
);
