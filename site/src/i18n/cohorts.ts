import { catalogue } from './catalogue.ts';

/** The cohort tables of a visitor-level journey (site/src/components/Cohorts.astro). */
export const cohortText = catalogue(
  {
    title: 'Cohorts by week of the first step',
    noCohorts: 'No cohorts yet.',
    legendBefore: (timezone: string, firstStep: string) =>
      `Visitors grouped by the week (from Monday, ${timezone}) in which they reached “${firstStep}”. A cell is the share (and number) of that week's visitors who had reached the step within so many weeks of their own first step; week 0 is their first 7 days. `,
    notYet: 'not yet',
    legendAfter:
      ' marks weeks the data does not reach for anyone in the cohort: not observed, which is not zero. Cells marked * lie in a week not yet over for every visitor of the cohort and may still grow.',
    olderWeeks: (count: number, weeks: string) =>
      ` ${weeks} older ${count === 1 ? 'week is' : 'weeks are'} in the CSV.`,
    reached: (step: string) => `Reached ${step}`,
    weekOf: 'Week of',
    visitors: 'Visitors',
    week: (week: number) => `Week ${week}`,
    daysLegend:
      'Days between steps: from first reaching the previous step to first reaching this one, the median and the time within which 75% of the visitors got there.',
    daysBetweenSteps: 'Days between steps',
    median: 'Median',
    p75Within: '75% within',
  },
  {
    title: 'Kohortit ensimmäisen vaiheen viikon mukaan',
    noCohorts: 'Ei vielä kohortteja.',
    legendBefore: (timezone: string, firstStep: string) =>
      `Kävijät ryhmiteltyinä sen viikon mukaan (maanantaista alkaen, ${timezone}), jolla he pääsivät vaiheeseen ”${firstStep}”. Solussa on se osuus (ja määrä) viikon kävijöistä, joka oli päässyt vaiheeseen niin monen viikon kuluessa omasta ensimmäisestä vaiheestaan; viikko 0 on heidän ensimmäiset 7 päiväänsä. `,
    notYet: 'ei vielä',
    legendAfter:
      ' merkitsee viikkoja, joihin tiedot eivät vielä ulotu kenenkään kohortin kävijän osalta: niitä ei ole havaittu, mikä ei tarkoita nollaa. Tähdellä * merkityt solut ovat viikolla, joka ei ole vielä päättynyt kaikille kohortin kävijöille, joten luku voi vielä kasvaa.',
    olderWeeks: (count: number, weeks: string) =>
      ` ${weeks} ${count === 1 ? 'vanhempi viikko on' : 'vanhempaa viikkoa on'} CSV-tiedostossa.`,
    reached: (step: string) => `Päässyt vaiheeseen ${step}`,
    weekOf: 'Viikko alkaen',
    visitors: 'Kävijät',
    week: (week: number) => `Viikko ${week}`,
    daysLegend:
      'Päivät vaiheiden välillä: siitä, kun kävijä ensimmäisen kerran pääsi edelliseen vaiheeseen, siihen, kun hän ensimmäisen kerran pääsi tähän vaiheeseen; mediaani ja aika, jonka kuluessa 75 % kävijöistä pääsi perille.',
    daysBetweenSteps: 'Päivät vaiheiden välillä',
    median: 'Mediaani',
    p75Within: '75 % ajassa',
  },
);
