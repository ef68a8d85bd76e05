import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import { startTestCollector } from './collector.ts';

/** One visit as an outsider sends it: a landing page view (with UTM parameters), then custom events. */
export interface HostileSession {
  landing: string;
  campaign?: string;
  source?: string;
  events?: string[];
  /** Sent last, as a `feedback` event with these props. */
  feedback?: { score: number; comment: string };
}

const T0 = Date.UTC(2026, 2, 10, 9);

/**
 * Posts each session as one batch to the real collector (real spool, real DuckDB file at `db`), as
 * a visitor of its own (a consented client id, as any script can send), then closes the collector
 * so that `polku build` can open the file.
 */
export async function collectHostileSessions(
  db: string,
  config: PolkuConfigInput,
  sessions: readonly HostileSession[],
): Promise<void> {
  const collector = await startTestCollector({ db, config: parseConfig(config), now: () => T0 });
  try {
    for (const [index, session] of sessions.entries()) {
      const landing = new URL(session.landing, 'https://shop.example');
      if (session.campaign !== undefined) landing.searchParams.set('utm_campaign', session.campaign);
      if (session.source !== undefined) landing.searchParams.set('utm_source', session.source);
      const names = ['pageview', ...(session.events ?? []), ...(session.feedback ? ['feedback'] : [])];
      const batch = {
        site: 'shop',
        sent_at: T0,
        client_id: `hostile-visitor-${String(index).padStart(4, '0')}`,
        events: names.map((name, at) => ({
          id: randomUUID(),
          ts: T0 - (names.length - at) * 1000,
          name,
          url: landing.href,
          ...(name === 'feedback' ? { props: session.feedback } : {}),
        })),
      };
      const response = await collector.post('/api/events', JSON.stringify(batch));
      expect(response.status, await response.clone().text()).toBeLessThan(300);
    }
  } finally {
    await collector.close();
  }
}

/** Writes a config for `polku build --config` into `dir`. */
export function writeConfig(dir: string, config: PolkuConfigInput): string {
  const file = join(dir, 'polku.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}
