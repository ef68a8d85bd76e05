import { catalogue } from './catalogue.ts';
import type { JourneyUnit } from './units.ts';

type Order = 'sequential' | 'strict' | 'any';

/** A journey page (site/src/pages/journeys/[id].astro) and its step table. */
export const journeyText = catalogue(
  {
    facts: (steps: string, unit: JourneyUnit, order: Order, site: string) =>
      `${steps} · counted per ${unit} · ${order} order · site ${site}`,
    noData: (unit: JourneyUnit) => `No data yet: no ${unit} has reached the first step.`,
    conversionLabel: 'Conversion:',
    conversionOf: (range: string, units: string) => ` (likely ${range}) of ${units}.`,
    funnelCaption: (unit: JourneyUnit) =>
      `${unit === 'visitor' ? 'Visitors' : 'Sessions'} reaching each step; in vermillion those that left at it. The table below holds the same numbers.`,
    previousPeriod: 'Compared with the previous period',
    noPreviousPeriod: 'No previous period to compare with.',
    previousCaption: (from: string, to: string, before: string, now: string, change: string) =>
      `${from} – ${to}: conversion ${before}, now ${now} (${change})`,
    previous: 'Previous',
    thisPeriod: 'This period',
    trend: 'Trend',
    trendCaption: (unit: JourneyUnit, granularity: 'day' | 'week') =>
      `Conversion of the ${unit}s that started each ${granularity}.`,
    trendTable: 'Trend as a table',
    weekOf: 'Week of',
    day: 'Day',
    timeToConvert: 'Time to convert',
    nobodyConverted: 'Nobody converted yet.',
    timeToConvertSummary: (median: string, p75: string, share: string, conversions: string) =>
      `Median ${median}, ${share} within ${p75} (${conversions}).`,
    convertedUnits: (unit: JourneyUnit) => `converted ${unit}s`,
    timeToConvertTitle: 'Time from first to last step',
    timeToConvertCaption: (unit: JourneyUnit) => `Converted ${unit}s by time from the first to the last step.`,
    within: 'Within',
    stepTableCaption: (unit: JourneyUnit) => `Units per step (${unit}s)`,
    ofPrevious: '% of previous',
    droppedHere: 'Dropped here',
    medianTimeFromPrevious: 'Median time from previous',
    nps: 'NPS',
  },
  {
    facts: (steps: string, unit: JourneyUnit, order: Order, site: string) =>
      `${steps} · laskettu ${unit === 'visitor' ? 'kävijöittäin' : 'istunnoittain'} · ${
        {
          sequential: 'vaiheet järjestyksessä',
          strict: 'vaiheet peräkkäin',
          any: 'vaiheet missä järjestyksessä tahansa',
        }[order]
      } · sivusto ${site}`,
    noData: (unit: JourneyUnit) =>
      `Ei vielä tietoja: yksikään ${unit === 'visitor' ? 'kävijä' : 'istunto'} ei ole päässyt ensimmäiseen vaiheeseen.`,
    conversionLabel: 'Konversio:',
    conversionOf: (range: string, units: string) => ` (todennäköisesti ${range}), aloittaneita ${units}.`,
    funnelCaption: (unit: JourneyUnit) =>
      `Kuhunkin vaiheeseen päässeet ${unit === 'visitor' ? 'kävijät' : 'istunnot'}; oranssinpunaisella ne, jotka poistuivat siinä vaiheessa. Alla olevassa taulukossa ovat samat luvut.`,
    previousPeriod: 'Vertailu edelliseen jaksoon',
    noPreviousPeriod: 'Edellistä jaksoa ei ole vertailtavaksi.',
    previousCaption: (from: string, to: string, before: string, now: string, change: string) =>
      `${from} – ${to}: konversio ${before}, nyt ${now} (${change})`,
    previous: 'Edellinen jakso',
    thisPeriod: 'Tämä jakso',
    trend: 'Kehitys',
    trendCaption: (unit: JourneyUnit, granularity: 'day' | 'week') =>
      `${granularity === 'week' ? 'Kullakin viikolla' : 'Kunakin päivänä'} aloittaneiden ${unit === 'visitor' ? 'kävijöiden' : 'istuntojen'} konversio.`,
    trendTable: 'Kehitys taulukkona',
    weekOf: 'Viikko alkaen',
    day: 'Päivä',
    timeToConvert: 'Aika konversioon',
    nobodyConverted: 'Kukaan ei ole vielä konvertoinut.',
    timeToConvertSummary: (median: string, p75: string, share: string, conversions: string) =>
      `Mediaani ${median}; ${share} konvertoi ajassa ${p75} (${conversions}).`,
    convertedUnits: (unit: JourneyUnit) => `konvertoineet ${unit === 'visitor' ? 'kävijät' : 'istunnot'}`,
    timeToConvertTitle: 'Aika ensimmäisestä vaiheesta viimeiseen',
    timeToConvertCaption: (unit: JourneyUnit) =>
      `Konvertoineet ${unit === 'visitor' ? 'kävijät' : 'istunnot'} sen mukaan, kauanko ensimmäisestä vaiheesta viimeiseen kului.`,
    within: 'Ajassa',
    stepTableCaption: (unit: JourneyUnit) => `${unit === 'visitor' ? 'Kävijät' : 'Istunnot'} vaiheittain`,
    ofPrevious: '% edellisestä',
    droppedHere: 'Poistui tässä',
    medianTimeFromPrevious: 'Aika edellisestä (mediaani)',
    nps: 'NPS',
  },
);

/** The breakdowns, next actions and comments sections of a journey page. */
export const journeySectionText = catalogue(
  {
    breakdowns: 'Breakdowns',
    breakdownsLegend:
      'Segments that convert significantly (95%) worse than the rest are flagged; segments with fewer than 30 starts are shown in grey and never flagged.',
    worse: 'worse',
    smallerSegments: (count: number) => `${count} smaller ${count === 1 ? 'segment' : 'segments'} in the CSV.`,
    other: (count: string) => `other (${count})`,
    whereTheyWent: 'Where they went instead',
    nobodyLeft: 'Nobody left the journey.',
    leftAfter: (step: string, units: string) => `After “${step}”: ${units} left`,
    nextPageOrEvent: 'Next page or event',
    /** The report model's "(left)": nothing followed in the session. */
    leftTheSite: '(left the site)',
    share: 'Share',
    sessionsThatLeft: 'Sessions that left here:',
    replay: 'replay',
    whatTheySaid: 'What they said',
    noComments: 'No feedback comments.',
    commentsAt: (step: string, comments: string) => `At “${step}”: ${comments}`,
    newestComments: (shown: string, total: string) => `the newest ${shown} of ${total} comments`,
    sent: 'Sent',
    score: 'Score',
    comment: 'Comment',
  },
  {
    breakdowns: 'Erittelyt',
    breakdownsLegend:
      'Segmentit, joiden konversio on tilastollisesti merkitsevästi (95 %) heikompi kuin muiden, on merkitty; segmentit, joissa on alle 30 aloitusta, näkyvät harmaina eikä niitä merkitä.',
    worse: 'heikompi',
    smallerSegments: (count: number) =>
      count === 1 ? '1 pienempi segmentti on CSV-tiedostossa.' : `${count} pienempää segmenttiä on CSV-tiedostossa.`,
    other: (count: string) => `muut (${count})`,
    whereTheyWent: 'Mihin poistuneet menivät',
    nobodyLeft: 'Kukaan ei poistunut polulta.',
    leftAfter: (step: string, units: string) => `Vaiheen ”${step}” jälkeen poistui ${units}`,
    nextPageOrEvent: 'Seuraava sivu tai tapahtuma',
    leftTheSite: '(poistui sivustolta)',
    share: 'Osuus',
    sessionsThatLeft: 'Tässä vaiheessa poistuneita istuntoja:',
    replay: 'tallenne',
    whatTheySaid: 'Mitä he sanoivat',
    noComments: 'Ei palautekommentteja.',
    commentsAt: (step: string, comments: string) => `Vaiheessa ”${step}”: ${comments}`,
    newestComments: (shown: string, total: string) => `uusimmat ${shown}/${total} kommentista`,
    sent: 'Lähetetty',
    score: 'Pisteet',
    comment: 'Kommentti',
  },
);
