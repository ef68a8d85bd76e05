import { isIP } from 'node:net';
import { join } from 'node:path';
import {
  behindProxies,
  buildTrackerScripts,
  type Collector,
  createClickHouseCollector,
  createCollector,
  createLogger,
  type Logger,
  listen,
} from '../../collector/index.ts';
import { loadConfig } from '../../config/index.ts';
import { BACKEND_OPTIONS, parseBackend } from '../backend-options.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { untilStopped } from '../lifecycle.ts';
import { COMMON_OPTIONS, parseOptions, parsePort, positiveNumber } from '../options.ts';

/** The default spool of a ClickHouse collector (it has no database file to put one beside). */
const CLICKHOUSE_SPOOL = './data/collector.spool';

const options = {
  config: COMMON_OPTIONS.config,
  db: COMMON_OPTIONS.db,
  ...BACKEND_OPTIONS,
  port: COMMON_OPTIONS.port,
  host: COMMON_OPTIONS.host,
  spool: {
    type: 'string',
    value: 'DIR',
    description: `spool folder, one per collector (default: the database file + ".spool"; with clickhouse: ${CLICKHOUSE_SPOOL})`,
  },
  'spool-cap': {
    type: 'string',
    value: 'MB',
    default: '256',
    description: 'answer 503 once this many MB wait in the spool',
  },
  snapshot: {
    type: 'string',
    value: 'FILE',
    description: 'keep a consistent copy of the database here for polku build --db FILE',
  },
  'snapshot-every': {
    type: 'string',
    value: 'SECONDS',
    default: '300',
    description: 'how often to refresh --snapshot',
  },
  'db-threads': {
    type: 'string',
    value: 'N',
    default: '1',
    description: 'DuckDB threads for the writer (more only pays off with cores to spare)',
  },
  'rate-limit': {
    type: 'string',
    value: 'N',
    default: '20',
    description: 'requests per second per client network (IPv4 address, IPv6 /64); 0 turns it off',
  },
  'trust-proxy': {
    type: 'string',
    value: 'ADDRS',
    description: 'reverse proxies (comma-separated IPs, e.g. 127.0.0.1,::1) whose X-Forwarded-For names the client',
  },
} as const;

export const collect: Command = {
  name: 'collect',
  summary: 'run the collector: serve the tracker and store incoming events',
  options,
  async run(args) {
    const flags = parseOptions('collect', options, args);
    const port = parsePort(flags.port);
    const capMb = positiveNumber('--spool-cap', flags['spool-cap']);
    const rate = positiveNumber('--rate-limit', flags['rate-limit']);
    const snapshotEvery = positiveNumber('--snapshot-every', flags['snapshot-every']);
    const dbThreads = Math.max(1, Math.round(positiveNumber('--db-threads', flags['db-threads'])));
    const proxies = parseProxies(flags['trust-proxy']);
    const backend = parseBackend('collect', flags);
    if (backend.kind === 'clickhouse' && flags.snapshot !== undefined) {
      throw new UsageError('--snapshot keeps a copy of a DuckDB file: a ClickHouse collector has none; drop it');
    }
    const config = await loadConfig(flags.config);
    const log = createLogger();
    const common = {
      config,
      ...(await buildTrackerScripts()),
      spoolCapBytes: capMb * 1024 * 1024,
      rateLimit: rate === 0 ? (false as const) : { perSecond: rate, burst: rate * 10 },
      ...(proxies.length > 0 ? { clientAddress: behindProxies(proxies) } : {}),
      log,
    };
    const collector =
      backend.kind === 'clickhouse'
        ? createClickHouseCollector({ ...common, shards: backend.urls, spoolDir: flags.spool ?? CLICKHOUSE_SPOOL })
        : createCollector({ ...common, db: flags.db, spoolDir: flags.spool ?? join(`${flags.db}.spool`), dbThreads });
    await collector.start();
    const server = await listen(collector.app, { host: flags.host, port }).catch(async (error: Error) => {
      await collector.close();
      throw error;
    });
    let snapshots: NodeJS.Timeout | null = null;
    // Handlers first: whoever reads "listening on" may send SIGTERM at once.
    const stopped = untilStopped(async () => {
      // Stop accepting, let requests in flight get their answer, then drain the spool and checkpoint.
      if (snapshots) clearInterval(snapshots);
      await server.close();
      await collector.close();
      const left = collector.ingest.status.spoolBytes;
      if (backend.kind === 'duckdb') log.info('collector stopped; spool drained, database checkpointed');
      else if (left === 0) log.info('collector stopped; spool shipped to the ClickHouse cluster');
      else log.warn(`collector stopped; ${left} bytes stay in the spool and are shipped at the next start`);
    });
    if (flags.snapshot && 'snapshot' in collector)
      snapshots = keepSnapshot(collector, flags.snapshot, snapshotEvery, log);
    console.log(`listening on ${server.url}`);
    return stopped;
  },
};

/** Writes the snapshot now and then every `everySeconds`; a failed one is logged and retried next time. */
function keepSnapshot(collector: Collector, target: string, everySeconds: number, log: Logger): NodeJS.Timeout {
  const write = () =>
    collector.snapshot(target).then(
      () => log.info({ snapshot: target }, 'snapshot written'),
      (error: Error) => log.warn({ snapshot: target, err: error.message }, 'snapshot failed'),
    );
  void write();
  return setInterval(write, Math.max(1, everySeconds) * 1000);
}

/** `--trust-proxy 127.0.0.1,::1`: addresses only (a proxy is trusted by where it connects from). */
function parseProxies(value: string | undefined): string[] {
  if (value === undefined) return [];
  const addresses = value.split(',').map((address) => address.trim());
  const wrong = addresses.find((address) => isIP(address) === 0);
  if (wrong !== undefined) {
    throw new UsageError(
      `--trust-proxy: "${wrong}" is not an IP address; list the proxies' addresses, e.g. 127.0.0.1,::1`,
    );
  }
  return addresses;
}
