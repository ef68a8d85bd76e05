import { catalogue } from './catalogue.ts';
import type { JourneyUnit } from './units.ts';

/** A sampled drop-off session (site/src/pages/sessions/[id].astro) and its replay player. */
export const sessionText = catalogue(
  {
    title: (id: string) => `Session ${id}`,
    heading: (unit: JourneyUnit, step: string) => `A ${unit} that left after “${step}”`,
    journey: 'Journey',
    reached: (step: number, time: string) => `reached step ${step} at ${time}`,
    neverReached: (step: string) => ` and never reached “${step}”`,
    anonymous: 'The id is anonymous: it identifies this sample, not a person.',
    stepFallback: (step: number) => `step ${step}`,
    replay: 'Replay',
    replayTitle: 'Session replay',
    playFromDropOff: 'Play from the drop-off',
    pause: 'Pause',
    loading: 'Loading the replay…',
    /** Filled in by the player script (site/public/player/session.js): {time} and {total} in seconds. */
    position: '{time} s of {total} s',
    /** Filled in by the player script: {error} is the reason. */
    loadFailed: 'The replay could not be loaded ({error}).',
    noReplay: (unit: JourneyUnit) => `No replay was recorded for this ${unit}.`,
    timeline: 'Timeline',
    time: 'Time',
    event: 'Event',
    journeyStep: 'Journey step',
  },
  {
    title: (id: string) => `Istunto ${id}`,
    heading: (unit: JourneyUnit, step: string) =>
      `${unit === 'visitor' ? 'Kävijä' : 'Istunto'}, joka poistui vaiheen ”${step}” jälkeen`,
    journey: 'Polku',
    reached: (step: number, time: string) => `pääsi vaiheeseen ${step} (${time})`,
    neverReached: (step: string) => ` eikä koskaan vaiheeseen ”${step}”`,
    anonymous: 'Tunniste on anonyymi: se yksilöi tämän otoksen, ei henkilöä.',
    stepFallback: (step: number) => `vaihe ${step}`,
    replay: 'Tallenne',
    replayTitle: 'Istunnon tallenne',
    playFromDropOff: 'Toista poistumiskohdasta',
    pause: 'Tauko',
    loading: 'Ladataan tallennetta…',
    position: '{time} s / {total} s',
    loadFailed: 'Tallennetta ei voitu ladata ({error}).',
    noReplay: (unit: JourneyUnit) =>
      `Tästä ${unit === 'visitor' ? 'kävijästä' : 'istunnosta'} ei tallennettu tallennetta.`,
    timeline: 'Aikajana',
    time: 'Aika',
    event: 'Tapahtuma',
    journeyStep: 'Polun vaihe',
  },
);
