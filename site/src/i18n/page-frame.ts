import { catalogue } from './catalogue.ts';

/** The words of the frame around every page: navigation, freshness line and footer. */
export const pageFrameText = catalogue(
  {
    methodology: 'Methodology',
    dataUpTo: (time: string, events: string) => `Data up to ${time} · ${events} events`,
    noData: 'No data yet',
    builtFrom: (time: string) => `Built by Polku from data up to ${time};`,
    checksum: 'report checksum',
  },
  {
    methodology: 'Menetelmät',
    dataUpTo: (time: string, events: string) => `Tiedot ${time} asti · ${events} tapahtumaa`,
    noData: 'Ei vielä tietoja',
    builtFrom: (time: string) => `Polku koosti raportin ${time} asti kertyneistä tiedoista;`,
    checksum: 'raportin tarkistussumma',
  },
);
