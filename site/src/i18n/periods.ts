import { catalogue } from './catalogue.ts';

/**
 * The words of the period switcher in the header, of the comparison with the previous period on
 * journey pages, and of the methodology page's section on periods. Numbers and dates arrive
 * formatted (site/src/period-format.ts, site/src/format.ts).
 */
export const periodsText = catalogue(
  {
    switcher: 'Period',
    lastDays: (days: number) => (days === 1 ? 'Last day' : `Last ${days} days`),
    campaign: (name: string) => `Campaign ${name}`,
    allData: 'All data',
    from: (day: string) => `from ${day}`,

    heading: 'Compared with the previous period',
    allDataNoComparison:
      'This report covers all the data from the first event on, so there is no earlier period to compare it with. Reports for a period (such as the last 30 days or a month) compare it with the period of the same length just before.',
    noPreviousData:
      'The period of the same length just before this one holds no events from this site, so there is nothing to compare with.',
    previousWindow: (span: string) => `Previous period: ${span}`,
    conversionNowBefore: (now: string, before: string, change: string) =>
      `Conversion ${now} in this period, ${before} in the previous one: ${change}.`,
    change: (points: string) => `${points} percentage points`,
    noChange: 'no change',
    changeRange: (low: string, high: string) =>
      `With 95 % confidence the change lies between ${low} and ${high} percentage points.`,
    significant: 'The change is significant: it is unlikely to be chance.',
    notSignificant: 'The change is not significant: it may well be chance.',
    step: 'Step',
    previous: 'Previous period',
    current: 'This period',
    conversion: 'Conversion',

    methodHeading: 'Periods and comparison',
    methodPeriods:
      'A report covers either all the data or one period of whole local days in the report’s time zone: a range of dates, a calendar month, a campaign’s configured period, or the last 7, 30 or N days. The last N days end with the day of the build time when one is given, else with the day of the newest event, and include that day: the same data always gives the same period.',
    methodPrevious:
      'Each journey is compared with the period of the same number of days just before. The change is this period’s conversion minus the previous one’s, in percentage points. Its 95 % interval is Newcombe’s hybrid score interval for the difference of two proportions (built from the Wilson interval of each conversion; Newcombe 1998). The change is called significant when that interval does not include zero. Each journey is a comparison of its own: among twenty journeys that did not change, about one may still look significant.',
    methodAllData:
      'A report over all the data has no earlier period, so it shows no comparison. When several periods are built side by side, the links in the header lead from one to another.',
  },
  {
    switcher: 'Jakso',
    lastDays: (days: number) => (days === 1 ? 'Viimeinen päivä' : `Viimeiset ${days} päivää`),
    campaign: (name: string) => `Kampanja ${name}`,
    allData: 'Kaikki tiedot',
    from: (day: string) => `${day} alkaen`,

    heading: 'Verrattuna edelliseen jaksoon',
    allDataNoComparison:
      'Raportti kattaa kaikki tiedot ensimmäisestä tapahtumasta alkaen, joten aiempaa jaksoa, johon sitä verrata, ei ole. Kun raportti koskee tiettyä jaksoa (esimerkiksi viimeisiä 30 päivää tai kuukautta), sitä verrataan yhtä pitkään jaksoon juuri ennen sitä.',
    noPreviousData:
      'Juuri tätä edeltävällä, yhtä pitkällä jaksolla ei ole tämän sivuston tapahtumia, joten vertailukohtaa ei ole.',
    previousWindow: (span: string) => `Edellinen jakso: ${span}`,
    conversionNowBefore: (now: string, before: string, change: string) =>
      `Konversio tällä jaksolla ${now}, edellisellä ${before}: ${change}.`,
    change: (points: string) => `${points} prosenttiyksikköä`,
    noChange: 'ei muutosta',
    changeRange: (low: string, high: string) =>
      `Muutos on 95 %:n varmuudella ${low} ja ${high} prosenttiyksikön välillä.`,
    significant: 'Muutos on tilastollisesti merkitsevä: se tuskin on sattumaa.',
    notSignificant: 'Muutos ei ole tilastollisesti merkitsevä: se voi hyvin olla sattumaa.',
    step: 'Vaihe',
    previous: 'Edellinen jakso',
    current: 'Tämä jakso',
    conversion: 'Konversio',

    methodHeading: 'Jaksot ja vertailu',
    methodPeriods:
      'Raportti kattaa joko kaikki tiedot tai yhden jakson kokonaisia päiviä raportin aikavyöhykkeellä: päivämäärävälin, kalenterikuukauden, kampanjalle määritetyn jakson tai viimeiset 7, 30 tai N päivää. Viimeiset N päivää päättyvät koostamishetken päivään, jos sellainen on annettu, muuten uusimman tapahtuman päivään, ja sisältävät sen: samoista tiedoista saadaan aina sama jakso.',
    methodPrevious:
      'Kutakin polkua verrataan yhtä monen päivän jaksoon juuri ennen tätä jaksoa. Muutos on tämän jakson konversio miinus edellisen jakson konversio prosenttiyksikköinä. Sen 95 %:n luottamusväli on Newcomben hybridi-score-väli kahden osuuden erotukselle (laskettu kummankin konversion Wilson-välistä; Newcombe 1998). Muutosta sanotaan merkitseväksi, kun väli ei sisällä nollaa. Jokainen polku on oma vertailunsa: kahdestakymmenestä muuttumattomasta polusta noin yksi voi silti näyttää merkitsevältä.',
    methodAllData:
      'Kaikkien tietojen raportilla ei ole aiempaa jaksoa, joten siinä ei ole vertailua. Kun samalla kertaa koostetaan useita jaksoja, sivun yläreunan linkit vievät jaksosta toiseen.',
  },
);
