import { relative } from 'node:path';
import type { SeededMarker } from './data-folder.ts';

/** The few lines printed once the demo is ready: where things are and what to look at first. */
export function demoGuide({ url, dataDir, history }: { url: string; dataDir: string; history: SeededMarker }): string {
  const shown = relative(process.cwd(), dataDir) || '.';
  const count = (n: number) => n.toLocaleString('en');
  return `
Polku demo: the Valo lamp shop, with 60 days of history (seed ${history.seed}: ${count(history.sessions)} visits,
${count(history.events)} events, ${count(history.replays)} recorded replays).

  Reports   ${url}/reports/
  Shop      ${url}/demo/   click around: your visits join the report within seconds
  Data      ${shown}/  (kept for the next start; --fresh starts over)

Look first at:
  1. The overview: five journeys and four campaigns with their targets.
  2. Campaign "winter-stories" (mostly phone visitors): many reach Checkout, few pay.
     The Checkout journey flags mobile as worse; open a session that left at Checkout
     on that page to watch the replay of what they did, and read "What they said" at
     Checkout: the NPS prompt's comments (e-mail addresses and phone numbers removed).
  3. The Checkout journey ends at "Payment confirmed", sent by the shop's backend: it
     counts buyers whose browser never said "purchase" (compare the Express journey).
  4. Campaign "floor-lamp-launch": behind its targets; "autumn-sale": ahead of them.
  5. Journey "From first visit to repeat customer": visit, sign-up, first and repeat
     purchase, days apart, for shoppers the shop remembers on their device (consent).
     Members who also sign in are their user id from their next visit on, so there
     they leave at Sign-up; "Buying again" follows them across computer and phone.

Ctrl-C stops the demo.`;
}
