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
    funnel: 'Funnel',
    funnelStep: (name: string, units: string, left: string) => `${name} ${units}, ${left} left here`,
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
    funnel: 'Suppilo',
    funnelStep: (name: string, units: string, left: string) => `${name} ${units}, ${left} poistui tässä`,
  },
);
