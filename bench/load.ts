import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  acknowledged: number;
  /** Requests sent; those in flight when the run ended were maybe stored but never counted as 2xx. */
  sent: number;
  non2xx: number;
  errors: number;
}

/** Shared by every run, so no id repeats across runs and nothing deduplicates away. */
let counter = 0;

/** A valid batch body with `size` events, each with a new id. */
export function bodyMaker(size: number): () => string {
  const now = Date.now();
  return () => {
    const events = [];
    for (let i = 0; i < size; i++) {
      counter++;
      events.push(
        `{"id":"00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}","name":"pageview",` +
          `"url":"https://shop.example/products/${i}?utm_source=newsletter&utm_medium=email&utm_campaign=spring",` +
          `"referrer":"https://www.google.com/","ts":${now}}`,
      );
    }
    return `{"site":"shop","sent_at":${now},"tz":"Europe/Helsinki","events":[${events.join(',')}]}`;
  };
}

const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/** Runs autocannon against POST url/api/events; `rate` (requests/s overall) for latency at a set load. */
export async function runLoad(
  url: string,
  {
    seconds,
    batchSize,
    connections = 64,
    rate,
  }: { seconds: number; batchSize: number; connections?: number; rate?: number },
): Promise<LoadResult> {
  const body = bodyMaker(batchSize);
  const result = await autocannon({
    url: `${url}/api/events`,
    method: 'POST',
    connections,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    headers: { 'content-type': 'text/plain', 'user-agent': USER_AGENT, origin: 'https://shop.example' },
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  // Only acknowledged (2xx) requests count: a 503 while the spool is full is not throughput.
  const acknowledgedPerSecond = result['2xx'] / Math.max(result.duration, 1e-9);
  return {
    requestsPerSecond: acknowledgedPerSecond,
    eventsPerSecond: acknowledgedPerSecond * batchSize,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    acknowledged: result['2xx'],
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** CPU time (user + system) a process has used so far, in ms, all threads included (DuckDB's too). */
export function cpuMs(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Peak resident memory of a process (VmHWM), in MiB. */
export function peakRssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
