import { catalogue, plural } from './catalogue.ts';

/** The words of the value sections of campaign and journey pages (site/src/components/*Value*.astro). */
export const valueText = catalogue(
  {
    heading: 'Where the value came from',
    measure: 'Measure',
    amount: 'Value',
    total: 'Total value',
    perVisitor: 'Per visitor',
    costPerConversion: 'Cost per conversion',
    returnOnSpend: 'Return on spend',
    noConversions: 'no conversions yet',
    fromRevenue: (event: string) =>
      `Only “${event}” events count (the revenue definition in the config); the value other events carry is left out.`,
    fromJourney: (step: string, journey: string) =>
      `Only the events of “${step}”, the last step of ${journey}, count; the value other events carry is left out.`,
    fromLastStep: (step: string) =>
      `Only the events of the last step, “${step}”, count; the value other events carry is left out.`,
    fromJourneys: (steps: readonly string[]) =>
      `This campaign drives no journey of its own: the events that end a journey (${steps.map((step) => `“${step}”`).join(', ')}) count, each once; the value other events carry is left out.`,
    noSource: 'No value is counted: the config defines no journey and no revenue event (“revenue”).',
    payers: (count: string, n: number) => `${count} ${plural(n, { one: 'paying visitor', other: 'paying visitors' })}`,
    noPayers: 'No paying visitors yet.',
    /** `tenth` and `fifth` are 10 % and 20 % in the page's number format; the shares likewise. */
    concentration: (tenth: string, fifth: string, top10: string, top20: string) =>
      `The top ${tenth} of paying visitors brought ${top10} of the value, the top ${fifth} ${top20}.`,
    fewPayers: (count: string) =>
      `With fewer than ten paying visitors (${count}), a tenth of them is less than one visitor: each bar counts that visitor's value in proportion.`,
    chartTitle: 'Share of the value from the top paying visitors',
    xLabel: 'top share of paying visitors',
    caption:
      'Bars: share of the value from the top tenth, fifth, … of paying visitors. Dashed line: the value spread evenly.',
    decilesTable: 'The same shares as a table',
    top: 'Top of paying visitors',
    share: 'Share of value',
    methodTerm: 'Value',
    method: (revenueEvent: string | null) =>
      `${revenueEvent === null ? 'A campaign counts the value of the last step of the journey it drives; a campaign that drives none, the last step of any journey.' : `Every campaign counts the value of its “${revenueEvent}” events (the revenue definition in the config).`} A journey counts the value of its last step. No other event's value counts, and no event counts twice, so a price that “add to cart” also carries is not added to the sale's. A paying visitor's counted events add up to more than 0. The value concentration is the share of the value from the top 10 %, 20 %, … of paying visitors; where a tenth of them is not a whole number of visitors, the next visitor counts in proportion.`,
  },
  {
    heading: 'Mistä arvo tuli',
    measure: 'Mittari',
    amount: 'Arvo',
    total: 'Arvo yhteensä',
    perVisitor: 'Kävijää kohden',
    costPerConversion: 'Kustannus konversiota kohden',
    returnOnSpend: 'Tuotto suhteessa budjettiin',
    noConversions: 'ei vielä konversioita',
    fromRevenue: (event: string) =>
      `Arvoon lasketaan vain tapahtumat ”${event}” (asetusten tulomääritys); muiden tapahtumien arvoa ei lasketa.`,
    fromJourney: (step: string, journey: string) =>
      `Arvoon lasketaan vain polun ${journey} viimeisen vaiheen ”${step}” tapahtumat; muiden tapahtumien arvoa ei lasketa.`,
    fromLastStep: (step: string) =>
      `Arvoon lasketaan vain viimeisen vaiheen ”${step}” tapahtumat; muiden tapahtumien arvoa ei lasketa.`,
    fromJourneys: (steps: readonly string[]) =>
      `Kampanjalla ei ole omaa polkua: arvoon lasketaan polkujen viimeisten vaiheiden (${steps.map((step) => `”${step}”`).join(', ')}) tapahtumat, kukin kerran; muiden tapahtumien arvoa ei lasketa.`,
    noSource: 'Arvoa ei lasketa: asetuksissa ei ole polkuja eikä tulotapahtumaa (”revenue”).',
    payers: (count: string, n: number) =>
      `${count} ${plural(n, { one: 'maksanut kävijä', other: 'maksanutta kävijää' })}`,
    noPayers: 'Maksaneita kävijöitä ei vielä ole.',
    concentration: (tenth: string, fifth: string, top10: string, top20: string) =>
      `Eniten maksaneet ${tenth} kävijöistä toivat ${top10} arvosta, eniten maksaneet ${fifth} toivat ${top20}.`,
    fewPayers: (count: string) =>
      `Maksaneita kävijöitä on alle kymmenen (${count}), joten kymmenesosa heistä on vajaa yksi kävijä: kukin pylväs laskee tämän kävijän arvosta vastaavan osan.`,
    chartTitle: 'Eniten maksaneiden kävijöiden osuus arvosta',
    xLabel: 'eniten maksaneiden osuus kävijöistä',
    caption:
      'Pylväät: osuus arvosta, jonka eniten maksanut kymmenesosa, viidesosa, … kävijöistä toi. Katkoviiva: arvo jakautuisi tasan.',
    decilesTable: 'Samat osuudet taulukkona',
    top: 'Eniten maksaneet',
    share: 'Osuus arvosta',
    methodTerm: 'Arvo',
    method: (revenueEvent: string | null) =>
      `${revenueEvent === null ? 'Kampanjan arvoon lasketaan sen polun viimeisen vaiheen tapahtumat; kampanjalle, jolla ei ole polkua, minkä tahansa polun viimeisen vaiheen tapahtumat.' : `Jokaisen kampanjan arvoon lasketaan sen tapahtumat ”${revenueEvent}” (asetusten tulomääritys).`} Polun arvoon lasketaan sen viimeisen vaiheen tapahtumat. Muiden tapahtumien arvoa ei lasketa, eikä mitään tapahtumaa lasketa kahdesti: jos myös ostoskoriin lisääminen kantaa hinnan, sitä ei lisätä oston arvoon. Maksanut kävijä on kävijä, jonka laskettujen tapahtumien arvo on yhteensä yli 0. Arvon keskittyminen on se osuus arvosta, jonka eniten maksaneet 10 %, 20 %, … kävijöistä toivat; jos kymmenesosa ei ole kokonainen määrä kävijöitä, seuraava kävijä lasketaan mukaan osuutensa verran.`,
  },
);
