import type { PolkuConfig } from '../config/index.ts';
import { SaltJournal } from '../store/index.ts';
import type { ClientAddress } from './client-address.ts';
import type { CollectorContext, IngestPort } from './context.ts';
import { DeviceParser } from './enrich/device.ts';
import { Sessionizer } from './enrich/sessions.ts';
import { VisitorHasher } from './enrich/visitor.ts';
import type { Logger } from './log.ts';
import { Metrics } from './metrics.ts';
import { RateLimiter, type RateLimitOptions } from './rate-limit.ts';
import { RejectedSample } from './rejected-sample.ts';
import { ReplayLedger } from './replay-ledger.ts';
import { SiteSecrets } from './site-secrets.ts';

export interface PartsOptions {
  config: PolkuConfig;
  spoolDir: string;
  rateLimit: RateLimitOptions | false;
  clientAddress: ClientAddress;
  env: Readonly<Record<string, string | undefined>>;
  now: () => number;
  log: Logger;
}

/**
 * What every collector has whatever its storage: enrichment state (salts kept durable in a journal
 * beside the spool), the refused-body sample, replay caps and the context the routes share. The
 * ingest is made by the caller, after the parts, and named here once it exists.
 */
export function collectorParts({ config, spoolDir, rateLimit, clientAddress, env, now, log }: PartsOptions) {
  let ingest: IngestPort | null = null;
  // Salts are durable from the moment they are made, not only once the writer stored them.
  const saltJournal = new SaltJournal(spoolDir);
  const visitors = new VisitorHasher({
    onNewSalt: (day, salt) => {
      try {
        saltJournal.record(day, salt);
      } catch (error) {
        // The salt lives beside the spool: a full or failing disk there is the spool's failure
        // (503 and /readyz say so), and the salt is not used until it is written.
        ingest?.spoolFailed(error as Error);
        throw error;
      }
    },
  });
  visitors.restore(saltJournal.read());
  const sessions = new Sessionizer();
  const secrets = new SiteSecrets(config.sites, env);
  for (const problem of secrets.problems) log.warn(problem);
  const rejected = new RejectedSample();
  const replays = new ReplayLedger(config);
  return {
    saltJournal,
    visitors,
    sessions,
    rejected,
    replays,
    /** The routes' shared context, once the ingest exists. */
    context(port: IngestPort, extra: Pick<CollectorContext, 'replaysRefused'> = { replaysRefused: null }) {
      ingest = port;
      return {
        config,
        ingest: port,
        enrichers: { visitors, sessions, devices: new DeviceParser(), secrets },
        metrics: new Metrics(),
        rejected,
        replays,
        rateLimiter: rateLimit === false ? null : new RateLimiter(rateLimit),
        clientAddress,
        log,
        now,
        ...extra,
      } satisfies CollectorContext;
    },
  };
}
