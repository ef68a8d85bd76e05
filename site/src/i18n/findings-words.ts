import type { Locale } from './locale.ts';

/**
 * The words of the findings (overview sentences, cross-segment findings, campaign verdict and its
 * explanation, and their methodology), in every locale. Kept apart from the catalogue pick
 * (findings.ts) so the sentence rules can be tested in both languages. Numbers arrive formatted.
 */
type Unit = 'session' | 'visitor';
type Status = 'ahead' | 'on-track' | 'at-risk' | 'behind';
type Metric = 'visitors' | 'conversions' | 'conversionRate' | 'revenue';
type Dimension = 'channel' | 'campaign' | 'source_medium' | 'device' | 'landing_page' | 'country';

const en = {
  // Overview
  overviewLabel: 'What needs attention',
  dropOff: (journey: string, share: string, units: string, from: string, to: string) =>
    `The biggest drop-off is in ${journey}: ${share} of ${units} at “${from}” did not reach “${to}”.`,
  furthestBehind: (campaign: string, metric: string, pace: string) =>
    `Campaign “${campaign}” is furthest behind: ${metric} ${pace} below the pace its targets need.`,
  furthestBehindProjected: (projected: string, target: string) =>
    ` At this pace it ends the period at ${projected} against a target of ${target}.`,
  change: (journey: string, before: string, now: string, change: string) =>
    `Conversion of ${journey} changed significantly against the previous period: from ${before} to ${now} (${change}).`,
  nothingToFlag:
    'Nothing stands out: no step loses a large share of enough units, no campaign is behind, and no conversion changed significantly.',
  // Units in sentences
  units: (unit: Unit, count: number, formatted: string) =>
    `${formatted} ${unit === 'visitor' ? (count === 1 ? 'visitor' : 'visitors') : count === 1 ? 'session' : 'sessions'}`,
  unitsPlural: (unit: Unit): string => (unit === 'visitor' ? 'visitors' : 'sessions'),
  unitsCapital: (unit: Unit): string => (unit === 'visitor' ? 'Visitors' : 'Sessions'),
  // A segment's value in a sentence about its units ("sessions on mobile from Email").
  segment: (dimension: Dimension, value: string) =>
    ({
      device: `on ${value}`,
      channel: `from ${value}`,
      campaign: `from campaign ${value}`,
      source_medium: `from ${value}`,
      landing_page: `landing on ${value}`,
      country: `in ${value}`,
    })[dimension],
  // Journey: cross-segment findings
  crossHeading: 'Combinations that convert worse',
  crossIntro: (tested: string, minUnits: string, units: string) =>
    `Every combination of two breakdowns with at least ${minUnits} ${units} (${tested} in all) was compared with the journey’s other ${units}; these convert significantly worse.`,
  crossFinding: (who: string, rate: string, converted: string, started: string, rest: string, units: string) =>
    `${who}: ${rate} (${converted} of ${started}) against ${rest} for the other ${units}.`,
  crossNone: (tested: string, minUnits: string, units: string) =>
    `No combination of two breakdowns converts significantly worse than the journey’s other ${units} (${tested} compared, each with at least ${minUnits} ${units}).`,
  crossTooFew: (minUnits: string, units: string) =>
    `Too few ${units} to compare combinations of two breakdowns: none has at least ${minUnits}.`,
  crossMethodLink: 'How combinations are tested',
  // Campaign verdict
  metric: (metric: Metric) =>
    ({ visitors: 'visitors', conversions: 'conversions', conversionRate: 'conversion rate', revenue: 'revenue' })[
      metric
    ],
  status: (status: Status) =>
    ({ ahead: 'Ahead', 'on-track': 'On track', 'at-risk': 'At risk', behind: 'Behind' })[status],
  verdictNow: (status: string, metric: string, actual: string, expected: string) =>
    `${status}: ${metric} ${actual} against ${expected} expected by now`,
  verdictAhead: (pace: string) => `, ${pace} ahead of the pace.`,
  verdictBehind: (pace: string) => `, ${pace} behind the pace.`,
  verdictOnPace: '.',
  verdictProjected: (metric: string, projected: string, target: string) =>
    ` At this pace, ${metric} by the end of the period: ${projected} (target ${target}).`,
  verdictProjectedRate: (metric: string, projected: string, target: string) =>
    ` If it holds, the ${metric} ends the period at ${projected} (target ${target}).`,
  verdictFinal: (status: string, metric: string, actual: string, target: string) =>
    `${status}: ${metric} ${actual} against a target of ${target}.`,
  verdictTooEarly: (metric: string, target: string) =>
    `Too early to tell: the campaign period has not begun yet (target: ${metric} ${target}).`,
  verdictLabel: 'Verdict',
  // Campaign: why
  whyHeading: 'Why',
  weakestStep: (step: string, rate: string, others: string, units: string) =>
    `The gap is widest at “${step}”: ${rate} of the campaign’s ${units} at the step before reached it, against ${others} of the other ${units}.`,
  weakestStepChance: ' The difference could still be chance.',
  worseSegment: (who: string, rate: string, converted: string, started: string, rest: string, units: string) =>
    `${who}: ${rate} (${converted} of ${started}) against ${rest} for the campaign’s other ${units}.`,
  whyNothing: (units: string) =>
    `No step falls below the journey’s other ${units}, and no segment of the campaign converts significantly worse than its other ${units}.`,
  // Methodology
  methodHeading: 'Findings',
  methodCross: (minUnits: string, rate: string) =>
    `A journey page lists combinations of two breakdowns (device × channel, device × campaign, device × landing page, device × country, channel × landing page, campaign × landing page) whose units convert significantly worse than the journey’s other units. Only combinations with at least ${minUnits} units that started are compared, and not those with the same units as one of their values alone (that segment is flagged in its breakdown). Each is compared with the rest by a one-sided two-proportion z-test. Because dozens of combinations are compared at once, some would look worse by chance alone; the list is therefore corrected with the Benjamini–Hochberg procedure at a false discovery rate of ${rate}: of the combinations listed, at most ${rate} are expected to be chance. We chose it over Holm–Bonferroni, which keeps the chance of even one false finding below ${rate}: with this many comparisons Holm hides real problems of moderate size, while a finding here is a lead to look into, where a rare false lead costs a look and a missed problem costs conversions. When nothing differs at all, both keep the chance of any finding below ${rate}. At most five are listed, strongest evidence first. A campaign’s worse segments are found the same way among its own units.`,
  methodVerdict: (ahead: string, atRisk: string) =>
    `A campaign’s verdict is that of its target furthest behind its pace, where the pace is the target scaled to the share of the campaign period that has passed (a rate is expected all along). Ahead: at least ${ahead} of the pace; on track: at least the pace; at risk: at least ${atRisk} of it; behind: below. The projection assumes the pace so far continues to the end of the period. The explanation names the journey step where the campaign’s units continue least often compared with the journey’s other units.`,
  methodOverview:
    'The overview names, of every journey’s biggest drop-off, the one that loses the most units; the campaign furthest behind its pace; and the largest change in conversion against the previous period whose 95 % interval excludes zero.',
};

export type FindingsWords = typeof en;

const fi: FindingsWords = {
  overviewLabel: 'Mikä vaatii huomiota',
  dropOff: (journey, share, units, from, to) =>
    `Suurin pudotus on polulla ${journey}: vaiheeseen ”${from}” päässeistä (${units}) ${share} ei edennyt vaiheeseen ”${to}”.`,
  furthestBehind: (campaign, metric, pace) =>
    `Kampanja ”${campaign}” on eniten jäljessä: ${metric} on ${pace} tavoitteiden vaatiman tahdin alapuolella.`,
  furthestBehindProjected: (projected, target) =>
    ` Tällä tahdilla jakso päättyy lukemaan ${projected}, kun tavoite on ${target}.`,
  change: (journey, before, now, change) =>
    `Polun ${journey} konversio muuttui merkitsevästi edelliseen jaksoon verrattuna: ${before} → ${now} (${change}).`,
  nothingToFlag:
    'Mikään ei erotu: yksikään vaihe ei menetä suurta osaa riittävän monesta, yksikään kampanja ei ole jäljessä eikä konversio muuttunut merkitsevästi.',
  units: (unit, count, formatted) =>
    `${formatted} ${unit === 'visitor' ? (count === 1 ? 'kävijä' : 'kävijää') : count === 1 ? 'istunto' : 'istuntoa'}`,
  unitsPlural: (unit) => (unit === 'visitor' ? 'kävijät' : 'istunnot'),
  unitsCapital: (unit) => (unit === 'visitor' ? 'Kävijät' : 'Istunnot'),
  segment: (dimension, value) =>
    ({
      device: `laitteella ${value}`,
      channel: `kanavasta ${value}`,
      campaign: `kampanjasta ${value}`,
      source_medium: `lähteestä ${value}`,
      landing_page: `aloitussivulta ${value}`,
      country: `maasta ${value}`,
    })[dimension],
  crossHeading: 'Heikommin konvertoivat yhdistelmät',
  crossIntro: (tested, minUnits) =>
    `Polun muihin verrattiin kaikkia kahden jaottelun yhdistelmiä, joissa aloittajia oli vähintään ${minUnits} (yhteensä ${tested}); nämä konvertoivat merkitsevästi heikommin.`,
  crossFinding: (who, rate, converted, started, rest, units) =>
    `${who}: ${rate} (${converted}/${started}), muut ${units} ${rest}.`,
  crossNone: (tested, minUnits, units) =>
    `Yksikään kahden jaottelun yhdistelmä ei konvertoi merkitsevästi heikommin kuin polun muut ${units} (yhdistelmiä verrattiin ${tested}, kussakin vähintään ${minUnits} aloittajaa).`,
  crossTooFew: (minUnits) =>
    `Liian vähän aineistoa kahden jaottelun yhdistelmien vertailuun: yhdessäkään ei ole vähintään ${minUnits} aloittajaa.`,
  crossMethodLink: 'Miten yhdistelmiä verrataan',
  metric: (metric) =>
    ({ visitors: 'kävijöitä', conversions: 'konversioita', conversionRate: 'konversioaste', revenue: 'tuottoa' })[
      metric
    ],
  status: (status) =>
    ({ ahead: 'Edellä', 'on-track': 'Aikataulussa', 'at-risk': 'Vaarassa', behind: 'Jäljessä' })[status],
  verdictNow: (status, metric, actual, expected) =>
    `${status}: ${metric} ${actual}, kun tähän mennessä odotettiin ${expected}`,
  verdictAhead: (pace) => `; ${pace} tahtia edellä.`,
  verdictBehind: (pace) => `; ${pace} tahdista jäljessä.`,
  verdictOnPace: '.',
  verdictProjected: (metric, projected, target) =>
    ` Tällä tahdilla jakson lopussa ${metric} on ${projected} (tavoite ${target}).`,
  verdictProjectedRate: (metric, projected, target) =>
    ` Jos taso pysyy, ${metric} on jakson lopussa ${projected} (tavoite ${target}).`,
  verdictFinal: (status, metric, actual, target) => `${status}: ${metric} ${actual}, tavoite ${target}.`,
  verdictTooEarly: (metric, target) =>
    `Vielä liian aikaista sanoa: kampanjajakso ei ole vielä alkanut (tavoite: ${metric} ${target}).`,
  verdictLabel: 'Arvio',
  whyHeading: 'Miksi',
  weakestStep: (step, rate, others, units) =>
    `Ero on suurin vaiheessa ”${step}”: kampanjan ${units} etenivät sinne edellisestä vaiheesta ${rate}, muut ${units} ${others}.`,
  weakestStepChance: ' Ero voi vielä olla sattumaa.',
  worseSegment: (who, rate, converted, started, rest, units) =>
    `${who}: ${rate} (${converted}/${started}), kampanjan muut ${units} ${rest}.`,
  whyNothing: (units) =>
    `Kampanjan ${units} eivät jää yhdessäkään vaiheessa jälkeen polun muista, eikä mikään kampanjan osa konvertoi merkitsevästi heikommin kuin sen muut ${units}.`,
  methodHeading: 'Havainnot',
  methodCross: (minUnits, rate) =>
    `Polun sivu luettelee kahden jaottelun yhdistelmät (laite × kanava, laite × kampanja, laite × aloitussivu, laite × maa, kanava × aloitussivu, kampanja × aloitussivu), jotka konvertoivat merkitsevästi heikommin kuin polun muut. Vertailuun otetaan vain yhdistelmät, joissa vähintään ${minUnits} aloitti, eikä niitä, joissa on samat yksiköt kuin jommassakummassa arvossa yksinään (se näkyy jo omassa jaottelussaan). Kutakin verrataan muihin yksisuuntaisella kahden osuuden z-testillä. Koska vertailuja on kymmeniä kerralla, osa näyttäisi heikommalta pelkästä sattumasta; siksi luettelo korjataan Benjaminin–Hochbergin menetelmällä ${rate}:n virheellisten löydösten osuudella: luetelluista yhdistelmistä enintään ${rate} on odotettavasti sattumaa. Valitsimme sen Holmin–Bonferronin sijaan, joka pitää jo yhdenkin virheellisen löydöksen todennäköisyyden alle ${rate}:n: näin monessa vertailussa se kätkisi kohtalaisen suuret todelliset ongelmat, kun taas löydös on tässä vihje tutkittavaksi – harvinainen väärä vihje maksaa yhden katsauksen, huomaamatta jäänyt ongelma konversioita. Jos mikään ei todellisuudessa eroa, kumpikin pitää minkään löydöksen todennäköisyyden alle ${rate}:n. Enintään viisi luetellaan, vahvin näyttö ensin. Kampanjan heikommat osat etsitään samoin sen omista yksiköistä.`,
  methodVerdict: (ahead, atRisk) =>
    `Kampanjan arvio on sen tavoitteen, joka on eniten jäljessä tahdistaan. Tahti on tavoite kerrottuna kampanjajakson kuluneella osuudella (osuustavoitteen odotetaan täyttyvän koko ajan). Edellä: vähintään ${ahead} tahdista; aikataulussa: vähintään tahti; vaarassa: vähintään ${atRisk} siitä; jäljessä: alle sen. Ennuste olettaa tähänastisen tahdin jatkuvan jakson loppuun. Selitys nimeää polun vaiheen, jossa kampanjan yksiköt etenevät harvimmin verrattuna polun muihin.`,
  methodOverview:
    'Yleiskatsaus nimeää polkujen suurimmista pudotuksista sen, jossa menetetään eniten yksiköitä, kampanjan, joka on eniten jäljessä tahdistaan, sekä suurimman konversion muutoksen edelliseen jaksoon, jonka 95 %:n luottamusväli ei sisällä nollaa.',
};

export const findingsWords: Record<Locale, FindingsWords> = { en, fi };
