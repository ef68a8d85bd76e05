import type { IngestStatus } from '../store/index.ts';

/** Counters since start-up, rendered in the Prometheus text format for `GET /metrics`. */
export class Metrics {
  acceptedEvents = 0;
  acceptedReplayChunks = 0;
  readonly rejectedRequests = new Map<string, number>();
  readonly droppedEvents = new Map<string, number>();

  reject(reason: string): void {
    this.rejectedRequests.set(reason, (this.rejectedRequests.get(reason) ?? 0) + 1);
  }

  drop(reason: string, events: number): void {
    this.droppedEvents.set(reason, (this.droppedEvents.get(reason) ?? 0) + events);
  }

  render(status: IngestStatus, replayUse: readonly { site: string; bytes: number; quotaBytes: number }[] = []): string {
    return [
      ...counter(
        'polku_accepted_events_total',
        'Events acknowledged with 202 (spooled, fsynced).',
        this.acceptedEvents,
      ),
      ...counter('polku_accepted_replay_chunks_total', 'Replay chunks acknowledged.', this.acceptedReplayChunks),
      ...counter('polku_stored_events_total', 'Events newly written to the database.', status.eventsStored),
      ...counter('polku_stored_replay_chunks_total', 'Replay chunks newly written.', status.replaysStored),
      ...labelled('polku_rejected_requests_total', 'Requests refused with 4xx/5xx, by reason.', this.rejectedRequests),
      ...labelled('polku_dropped_events_total', 'Valid events not stored on purpose, by reason.', this.droppedEvents),
      ...gauge('polku_spool_bytes', 'Bytes spooled and not yet in the database.', status.spoolBytes),
      ...gauge('polku_spool_cap_bytes', 'Spool size at which requests get 503.', status.capBytes),
      ...gauge('polku_writer_lag_seconds', 'Age of the oldest spooled line not yet stored.', status.lagMs / 1000),
      ...perSite(
        'polku_replay_bytes',
        'Replay bytes stored or spooled, by site (counted against the quota).',
        replayUse.map((u) => [u.site, u.bytes]),
      ),
      ...perSite(
        'polku_replay_quota_bytes',
        'Replay bytes a site may store (sites[].replayQuotaMiB).',
        replayUse.map((u) => [u.site, u.quotaBytes]),
      ),
      ...gauge('polku_ready', '1 when the writer is healthy and the spool below its cap.', status.ready ? 1 : 0),
      '',
    ].join('\n');
  }
}

function counter(name: string, help: string, value: number): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${value}`];
}

function gauge(name: string, help: string, value: number): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`];
}

function labelled(name: string, help: string, values: Map<string, number>): string[] {
  const rows = [...values].sort(([a], [b]) => a.localeCompare(b));
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} counter`,
    ...rows.map(([reason, value]) => `${name}{reason="${reason}"} ${value}`),
  ];
}

function perSite(name: string, help: string, values: [string, number][]): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...values.map(([site, value]) => `${name}{site="${site}"} ${value}`),
  ];
}
