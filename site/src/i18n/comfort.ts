import { catalogue } from './catalogue.ts';

/**
 * Words for reading comfort: the replay notice for a report opened from disk, the time before
 * leaving, and the journey a campaign without one is measured on.
 */
export const comfortText = catalogue(
  {
    replayFromFile:
      'A replay plays only when the report is served by a web server; opened from a file (file://) it cannot load. To watch it, serve this folder with',
    replayFromFileCommand: 'polku preview --out FOLDER',
    replayFromFileEnd: 'and open the address it prints.',
    timeBeforeLeaving: 'Time before leaving',
    timeBeforeLeavingIntro: (units: string) =>
      `How long ${units} that left at a step stayed on the site after reaching it, until the end of their session.`,
    step: 'Step',
    leftHere: 'Left here',
    median: 'Median',
    p75: '75 % left within',
    unitsPlural: (unit: 'session' | 'visitor'): string => (unit === 'visitor' ? 'visitors' : 'sessions'),
    journeyByDefault: (journey: string) =>
      `This campaign names no journey in the configuration, so its conversions are counted on “${journey}”, the first journey of the site most of its sessions came from.`,
  },
  {
    replayFromFile:
      'Tallenne toistuu vain, kun raporttia selataan verkkopalvelimen kautta; tiedostona avattuna (file://) se ei lataudu. Katso tallenne käynnistämällä tälle kansiolle palvelin komennolla',
    replayFromFileCommand: 'polku preview --out KANSIO',
    replayFromFileEnd: 'ja avaamalla osoite, jonka se tulostaa.',
    timeBeforeLeaving: 'Aika ennen poistumista',
    timeBeforeLeavingIntro: (units: string) =>
      `Kuinka kauan vaiheessa poistuneet ${units} viipyivät sivustolla vaiheen saavuttamisen jälkeen, istunnon loppuun asti.`,
    step: 'Vaihe',
    leftHere: 'Poistui tässä',
    median: 'Mediaani',
    p75: '75 % poistui viimeistään',
    unitsPlural: (unit: 'session' | 'visitor'): string => (unit === 'visitor' ? 'kävijät' : 'istunnot'),
    journeyByDefault: (journey: string) =>
      `Kampanjalle ei ole määritetty polkua, joten sen konversiot lasketaan polulta ”${journey}”, joka on ensimmäinen polku sillä sivustolla, jolle suurin osa kampanjan istunnoista tuli.`,
  },
);
