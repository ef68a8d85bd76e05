import { catalogue } from './catalogue.ts';

/** The words of a campaign page's retrospective: goal and owner, and what was learned. */
export const retrospectiveText = catalogue(
  {
    goal: 'Goal',
    owner: 'Owner',
    noGoal: 'No goal written down yet (“goal” in the config).',
    noOwner: 'No owner named yet (“owner” in the config).',
    learned: 'What we learned',
    notesFrom: (owner: string) => `Notes by ${owner}.`,
    noNotes:
      'No notes yet. When the campaign ends, its owner writes down what was learned in a Markdown file named in the config (“notes”).',
    emptyNotes: 'The notes file is still empty: its owner has not yet written down what was learned.',
  },
  {
    goal: 'Tavoite',
    owner: 'Vastuuhenkilö',
    noGoal: 'Tavoitetta ei ole vielä kirjattu (asetusten ”goal”).',
    noOwner: 'Vastuuhenkilöä ei ole vielä nimetty (asetusten ”owner”).',
    learned: 'Mitä opimme',
    notesFrom: (owner: string) => `Muistiinpanot: ${owner}.`,
    noNotes:
      'Muistiinpanoja ei vielä ole. Kun kampanja päättyy, sen vastuuhenkilö kirjaa opit Markdown-tiedostoon, joka nimetään asetuksissa (”notes”).',
    emptyNotes: 'Muistiinpanotiedosto on vielä tyhjä: vastuuhenkilö ei ole vielä kirjannut oppeja.',
  },
);
