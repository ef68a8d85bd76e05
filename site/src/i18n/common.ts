import { catalogue } from './catalogue.ts';

/** Words many pages share: downloads, empty states, the names of breakdown dimensions and statuses. */
export const commonText = catalogue(
  {
    downloadCsv: 'Download CSV',
    noDataYet: 'No data yet.',
    none: 'None.',
    /** A segment without a value (no campaign, no source): the report model writes it "(none)". */
    noValue: '(none)',
    /** A rate with its 95 % interval in words: "12% (likely 9% – 16%)". */
    likely: (rate: string, range: string) => `${rate} (likely ${range})`,
    stepName: (number: number, name: string) => `${number}. ${name}`,
    step: 'Step',
    started: 'Started',
    completed: 'Completed',
    converted: 'Converted',
    conversion: 'Conversion',
    ofStart: '% of start',
    dimensions: {
      channel: 'Channel',
      campaign: 'Campaign',
      source_medium: 'Source / medium',
      device: 'Device',
      landing_page: 'Landing page',
      country: 'Country',
    } as Record<string, string>,
    status: { behind: 'behind', 'at-risk': 'at risk', 'on-track': 'on track' },
  },
  {
    downloadCsv: 'Lataa CSV',
    noDataYet: 'Ei vielä tietoja.',
    none: 'Ei yhtään.',
    noValue: '(ei arvoa)',
    likely: (rate: string, range: string) => `${rate} (todennäköisesti ${range})`,
    stepName: (number: number, name: string) => `${number}. ${name}`,
    step: 'Vaihe',
    started: 'Aloitti',
    completed: 'Suoritti loppuun',
    converted: 'Konvertoi',
    conversion: 'Konversio',
    ofStart: '% aloittaneista',
    dimensions: {
      channel: 'Kanava',
      campaign: 'Kampanja',
      source_medium: 'Lähde / väline',
      device: 'Laite',
      landing_page: 'Laskeutumissivu',
      country: 'Maa',
    },
    status: { behind: 'jäljessä', 'at-risk': 'vaarassa', 'on-track': 'tavoitteessa' },
  },
);
