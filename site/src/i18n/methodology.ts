import { catalogue } from './catalogue.ts';

interface Limits {
  campaignMinSessions: string;
  maxUnconfiguredCampaigns: string;
  maxRows: string;
  nextActions: string;
  /** "(this report: 3 campaigns, 40 sessions)" when campaigns were summed, else empty. */
  thisReport: string;
}

/** The methodology page (site/src/pages/methodology.astro): definitions, data and build facts. */
export const methodologyText = catalogue(
  {
    title: 'Methodology',
    definitions: 'Definitions',
    unit: 'Unit',
    unitText:
      'A journey counts sessions (30 minutes without activity end a session) or visitors (as far as identity lasts: a day without consent, longer with it). Each unit counts at most once per step.',
    steps: 'Steps and order',
    stepsText:
      'A step matches page views by path or custom events by name and properties. In sequential order other events may come between steps; in strict order none may; in any order the level is the number of distinct steps done. One event satisfies at most one step.',
    attempts: 'Attempts and windows',
    attemptsText:
      "Every event that matches step 1 starts an attempt and a unit's level is its best attempt. A journey window limits the time from step 1 to the last step; a step's “within” limits the time since the previous step (both inclusive). Attempts with an excluded event are discarded.",
    dropOff: 'Drop-off',
    dropOffText:
      'A unit that reached step k but not step k+1 dropped off at step k. “Where they went instead” lists what it did next in the same session.',
    cohorts: 'Cohorts',
    cohortsText:
      'Visitor-level journeys (in sequential or strict order) group their visitors by the local week (from Monday) of their first step. A cell counts the visitors of a week who reached the step within so many weeks of their own first step (week 0: the first 7 days), up to week 12. The data ends with the newest event of the journey’s site in the report: a week that no visitor of the cohort had begun by then is shown as “not yet”, never as zero, and a week not over for every visitor of the cohort is marked * (it may still grow). Times between steps are also given in days for these journeys.',
    intervals: 'Intervals',
    intervalsText:
      'Every rate has a Wilson 95% score interval, shown as the range the rate likely lies in: “12% (likely 9% – 16%)”. A change between two periods is given in percentage points: from 10% to 12% is +2 percentage points. A segment is flagged “worse” when it converts significantly (95%) worse than the rest; segments with fewer than 30 starts are never flagged.',
    attribution: 'Attribution',
    attributionText:
      'A session belongs to the campaign of its first event (normalised utm_campaign: trimmed, lower case); visitor-level journeys use the last non-direct touch. Targets are compared with the target scaled to the part of the campaign period that has passed: on track at or above it, at risk from 90%, behind below.',
    listing: 'Which campaigns and rows are listed',
    listingText: (l: Limits) =>
      `Anyone who can load a tracked page can send any campaign name, page or event, so what is listed is capped. Every configured campaign has a page. A campaign seen in the data but not configured has a page only with at least ${l.campaignMinSessions} sessions, and only the ${l.maxUnconfiguredCampaigns} largest of those do; the others are summed in one “other campaigns (N)” row of the overview${l.thisReport}. Each breakdown and each list of landing pages, sources, media, contents, terms and spellings keeps its ${l.maxRows} largest rows, and each step's next actions its ${l.nextActions} largest; the rest are summed in one “other (N)” row, N being how many values it holds. A configured campaign keeps its own name as its address; a campaign from the data gets its name as address only when that name is plain (letters, digits, “-”, “_”) and no configured campaign has it, otherwise its shortened name and a hash of the full name.`,
    thisReport: (campaigns: string, sessions: string) => ` (this report: ${campaigns}, ${sessions})`,
    times: 'Times',
    timesText: (timezone: string) =>
      `Stored in UTC, shown in ${timezone}. Days and weeks (from Mondays) are local dates there.`,
    csv: 'CSV files',
    csvText:
      "Names, paths and campaign tags come from the visitors' browsers. So that a spreadsheet never runs one as a formula, a text cell that starts with =, +, -, @, a tab or a carriage return (or with ') is written with a ' in front: “=1+1” becomes “'=1+1”. Numbers are unchanged.",
    data: 'Data',
    events: 'Events',
    firstEvent: 'First event',
    lastEvent: 'Last event',
    requestedRange: 'Requested range',
    range: (from: string, to: string) => `${from} to ${to}`,
    start: 'start',
    end: 'end',
    checksum: 'Report data checksum (SHA-256)',
    build: 'Build',
    generatedAt: 'Generated at',
    polkuVersion: 'Polku version',
    modelVersion: 'Report model version',
    configuration: 'Configuration used',
  },
  {
    title: 'Menetelmät',
    definitions: 'Määritelmät',
    unit: 'Yksikkö',
    unitText:
      'Kukin polku laskee joko istuntoja (30 minuuttia ilman toimintaa päättää istunnon) tai kävijöitä (niin pitkälle kuin tunniste säilyy: ilman suostumusta päivän, suostumuksella pidempään). Kukin yksikkö lasketaan kuhunkin vaiheeseen enintään kerran.',
    steps: 'Vaiheet ja järjestys',
    stepsText:
      'Vaihe vastaa sivun katselua sivun osoitteen perusteella tai omaa tapahtumaa nimen ja ominaisuuksien perusteella. Järjestyksessä etenevällä polulla vaiheiden välissä saa olla muita tapahtumia; peräkkäisellä polulla ei yhtään; vapaassa järjestyksessä taso on tehtyjen eri vaiheiden määrä. Yksi tapahtuma täyttää enintään yhden vaiheen.',
    attempts: 'Yritykset ja aikaikkunat',
    attemptsText:
      'Jokainen vaiheen 1 täyttävä tapahtuma aloittaa yrityksen, ja yksikön taso on sen paras yritys. Polun aikaikkuna rajaa ajan vaiheesta 1 viimeiseen vaiheeseen; vaiheen ”within”-raja rajaa ajan edellisestä vaiheesta (molemmat rajat mukaan lukien). Yritykset, joissa on poissulkeva tapahtuma, hylätään.',
    dropOff: 'Poistuma',
    dropOffText:
      'Yksikkö, joka pääsi vaiheeseen k mutta ei vaiheeseen k+1, poistui vaiheessa k. ”Mihin poistuneet menivät” kertoo, mitä se teki seuraavaksi samassa istunnossa.',
    cohorts: 'Kohortit',
    cohortsText:
      'Kävijätason polut (järjestyksessä tai peräkkäin etenevät) ryhmittelevät kävijänsä sen paikallisen viikon (maanantaista alkaen) mukaan, jolla he tekivät ensimmäisen vaiheen. Solu laskee viikon kävijät, jotka pääsivät vaiheeseen niin monen viikon kuluessa omasta ensimmäisestä vaiheestaan (viikko 0: ensimmäiset 7 päivää), viikkoon 12 asti. Tiedot päättyvät raportin uusimpaan polun sivuston tapahtumaan: viikko, jota yksikään kohortin kävijä ei ollut vielä aloittanut, näytetään merkinnällä ”ei vielä”, ei koskaan nollana, ja viikko, joka ei ole päättynyt kaikille kohortin kävijöille, merkitään tähdellä * (luku voi vielä kasvaa). Näillä poluilla vaiheiden väliset ajat annetaan myös päivinä.',
    intervals: 'Luottamusvälit',
    intervalsText:
      'Jokaiselle osuudelle lasketaan Wilsonin 95 %:n luottamusväli, joka näytetään välinä, jolla osuus todennäköisesti on: ”12 % (todennäköisesti 9–16 %)”. Kahden jakson välinen muutos annetaan prosenttiyksikköinä: 10 %:sta 12 %:iin on +2 prosenttiyksikköä. Segmentti merkitään heikommaksi, kun sen konversio on tilastollisesti merkitsevästi (95 %) muita heikompi; segmenttejä, joissa on alle 30 aloitusta, ei koskaan merkitä.',
    attribution: 'Kohdistaminen',
    attributionText:
      'Istunto kuuluu ensimmäisen tapahtumansa kampanjaan (yhtenäistetty utm_campaign: ylimääräiset välilyönnit poistettu, pienin kirjaimin); kävijätason polut käyttävät viimeistä muuta kuin suoraa käyntiä. Toteumaa verrataan tavoitteeseen skaalattuna siihen osaan kampanjajaksoa, joka on kulunut: tavoitteessa, kun toteuma on vähintään skaalatun tavoitteen suuruinen, vaarassa 90 %:sta alkaen ja jäljessä sitä alempana.',
    listing: 'Mitkä kampanjat ja rivit näytetään',
    listingText: (l: Limits) =>
      `Kuka tahansa, joka voi ladata seuratun sivun, voi lähettää minkä tahansa kampanjan nimen, sivun tai tapahtuman, joten näytettävien määrää on rajattu. Jokaisella määritetyllä kampanjalla on oma sivu. Tiedoissa näkyvällä mutta määrittämättömällä kampanjalla on sivu vain, jos sillä on vähintään ${l.campaignMinSessions} istuntoa, ja niistäkin vain ${l.maxUnconfiguredCampaigns} suurimmalla; muut lasketaan yhteen yleiskatsauksen riville ”muut kampanjat (N)”${l.thisReport}. Jokaisesta erittelystä ja jokaisesta laskeutumissivujen, lähteiden, välineiden, sisältöjen, hakusanojen ja kirjoitusasujen luettelosta näytetään ${l.maxRows} suurinta riviä ja kunkin vaiheen seuraavista toimista ${l.nextActions} suurinta; loput lasketaan yhteen riville ”muut (N)”, jossa N kertoo, montako arvoa rivillä on. Määritetyn kampanjan osoite on sen oma nimi; tiedoista löytyneen kampanjan osoite on sen nimi vain, jos nimi on yksinkertainen (kirjaimia, numeroita, ”-”, ”_”) eikä millään määritetyllä kampanjalla ole samaa nimeä; muuten osoite on lyhennetty nimi ja koko nimen tiiviste.`,
    thisReport: (campaigns: string, sessions: string) => ` (tässä raportissa: ${campaigns}, ${sessions})`,
    times: 'Ajat',
    timesText: (timezone: string) =>
      `Tallennetaan UTC-aikana, näytetään aikavyöhykkeellä ${timezone}. Päivät ja viikot (maanantaista alkaen) ovat sen paikallisia päiviä.`,
    csv: 'CSV-tiedostot',
    csvText:
      "Nimet, polut ja kampanjamerkinnät tulevat kävijöiden selaimista. Jotta taulukkolaskenta ei koskaan suorittaisi niitä kaavoina, tekstisolun eteen, joka alkaa merkillä =, +, -, @, sarkaimella tai rivinvaihdolla (tai merkillä '), kirjoitetaan ': ”=1+1” muuttuu muotoon ”'=1+1”. Luvut pysyvät ennallaan.",
    data: 'Tiedot',
    events: 'Tapahtumat',
    firstEvent: 'Ensimmäinen tapahtuma',
    lastEvent: 'Viimeinen tapahtuma',
    requestedRange: 'Pyydetty aikaväli',
    range: (from: string, to: string) => `${from} – ${to}`,
    start: 'alusta',
    end: 'loppuun',
    checksum: 'Raporttitietojen tarkistussumma (SHA-256)',
    build: 'Koostaminen',
    generatedAt: 'Koostettu',
    polkuVersion: 'Polku-versio',
    modelVersion: 'Raporttimallin versio',
    configuration: 'Käytetyt asetukset',
  },
);
