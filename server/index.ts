/**
 * `polku/server`: sends events from a site's backend to the collector's `POST /api/server-events`.
 * No dependencies (global fetch and crypto). Events are batched, retried with backoff under the same
 * ids after a network error, a timeout, 408, 429 or 5xx (the collector keeps each id once, so
 * nothing doubles), and never retried after any other 4xx (the batch itself is wrong).
 *
 *   const polku = serverTracker({ collector: 'https://stats.example', site: 'shop', secret: process.env.POLKU_SHOP_SECRET });
 *   polku.track('payment_confirmed', { page_id: form.pageId, value: 240, props: { currency: 'EUR' } });
 *   process.on('SIGTERM', async () => { await polku.close(); process.exit(0); });
 */

/** How an event joins a journey: at least one of them. */
export interface ServerEventIdentity {
  /** The page load the event belongs to: `polku.pageId` in the browser, posted along with a form. */
  page_id?: string;
  /** The consented client id the browser keeps. */
  client_id?: string;
  /** The site's own user id (hashed by the collector with the site's key; never stored raw). */
  user_id?: string;
}

export interface ServerEventInput extends ServerEventIdentity {
  /** Kept across retries; made here unless given (give one to make your own retries idempotent too). */
  id?: string;
  /** Epoch milliseconds; default: now. */
  ts?: number;
  props?: Record<string, string | number | boolean>;
  value?: number;
}

export interface ServerTrackerOptions {
  /** The collector's base URL, e.g. "https://stats.example". */
  collector: string;
  site: string;
  /** The value of the site's `secretEnv` (at least 32 characters). */
  secret: string;
  /** Most events per request (the collector takes at most 100). Default: 50. */
  batchSize?: number;
  /** Longest an event waits before it is sent. Default: 1000 ms. */
  flushIntervalMs?: number;
  /** First retry delay; doubled after each failure up to `maxRetryDelayMs`. Default: 500 ms. */
  retryDelayMs?: number;
  /** Default: 30 s. */
  maxRetryDelayMs?: number;
  /** A request without an answer by then is abandoned and retried (same ids). Default: 10 s. */
  requestTimeoutMs?: number;
  /** Events kept while the collector cannot be reached; beyond it the oldest are dropped (and reported). Default: 10,000. */
  maxQueue?: number;
  /** Called with what was dropped and why (a 4xx, a full queue, or close() running out of time). */
  onError?: (error: ServerTrackerError) => void;
}

export class ServerTrackerError extends Error {
  /** The HTTP status, when the collector answered. */
  readonly status: number | undefined;
  /** Events dropped. */
  readonly dropped: number;
  constructor(message: string, dropped: number, status?: number) {
    super(message);
    this.name = 'ServerTrackerError';
    this.dropped = dropped;
    this.status = status;
  }
}

export interface ServerTracker {
  /** Queues an event; returns its id. */
  track(name: string, event: ServerEventInput): string;
  /** Sends everything queued so far, retrying until it is delivered or refused, or `timeoutMs` passed. */
  flush(options?: { timeoutMs?: number }): Promise<void>;
  /** Stops the timer, sends what is queued (default up to 10 s) and refuses further events. */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

interface WireServerEvent extends ServerEventIdentity {
  id: string;
  ts: number;
  name: string;
  props?: Record<string, string | number | boolean>;
  value?: number;
}

/** The collector's body limit is 64 KiB: batches stay below it with room for the envelope. */
const MAX_BATCH_BYTES = 60 * 1024;
const encoder = new TextEncoder();

export function serverTracker(options: ServerTrackerOptions): ServerTracker {
  const {
    collector,
    site,
    secret,
    batchSize = 50,
    flushIntervalMs = 1000,
    retryDelayMs = 500,
    maxRetryDelayMs = 30_000,
    maxQueue = 10_000,
    requestTimeoutMs = 10_000,
    onError = (error) => console.warn(`polku/server: ${error.message}`),
  } = options;
  if (!secret) throw new Error("polku/server: secret is empty; pass the value of the site's secretEnv");
  const endpoint = new URL('/api/server-events', collector).href;
  const queue: WireServerEvent[] = [];
  /** The batch being delivered: it stays here, with its ids, until the collector has it or refused it. */
  let current: WireServerEvent[] | null = null;
  let pumping: Promise<boolean> | null = null;
  /** Ends the current backoff wait early. */
  let wake: (() => void) | null = null;
  /** Callers waiting in flush/close: backoff timers keep the process alive only for them. */
  let waiting = 0;
  let deadline = Number.POSITIVE_INFINITY;
  let closed = false;
  const timer = setInterval(() => void pump(), flushIntervalMs);
  timer.unref();

  function track(name: string, input: ServerEventInput): string {
    if (closed) throw new Error('polku/server: track() after close()');
    const event: WireServerEvent = { ...input, id: input.id ?? crypto.randomUUID(), ts: input.ts ?? Date.now(), name };
    queue.push(event);
    if (queue.length > maxQueue) {
      queue.shift();
      onError(new ServerTrackerError(`queue full (${maxQueue} events); dropped the oldest`, 1));
    }
    if (queue.length >= batchSize) void pump();
    return event.id;
  }

  function nextBatch(): WireServerEvent[] {
    const batch: WireServerEvent[] = [];
    let bytes = 0;
    while (queue.length > 0 && batch.length < Math.min(batchSize, 100)) {
      const size = encoder.encode(JSON.stringify(queue[0])).length + 1;
      if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
      bytes += size;
      batch.push(queue.shift() as WireServerEvent);
    }
    return batch;
  }

  /**
   * One sender at a time, so batches go in order and a retry never races a newer send. Resolves
   * true once the queue is empty, false if a flush's deadline came first (the batch is kept).
   */
  function pump(): Promise<boolean> {
    pumping ??= (async () => {
      try {
        for (;;) {
          current ??= queue.length > 0 ? nextBatch() : null;
          if (!current) return true;
          if (!(await deliver(current))) return false;
          current = null;
        }
      } finally {
        pumping = null;
      }
    })();
    return pumping;
  }

  /** True once the batch is done with (stored or refused); false if a flush's deadline came first. */
  async function deliver(batch: WireServerEvent[]): Promise<boolean> {
    let delay = retryDelayMs;
    for (;;) {
      const outcome = await post(batch);
      if (outcome.done) return true;
      const wait = Math.min(Math.max(delay, outcome.retryAfterMs ?? 0), maxRetryDelayMs) * (0.75 + Math.random() / 2);
      if (waiting > 0 && Date.now() + wait > deadline) return false;
      await sleep(wait);
      delay = Math.min(delay * 2, maxRetryDelayMs);
    }
  }

  /**
   * A backoff wait. It keeps the process alive only while someone awaits flush() or close(), and
   * a flush starting meanwhile cuts it short (`wake`), so the flush's own deadline governs.
   */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timeout = setTimeout(done, ms);
      if (waiting === 0) timeout.unref();
      function done() {
        clearTimeout(timeout);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function post(batch: WireServerEvent[]): Promise<{ done: boolean; retryAfterMs?: number }> {
    // A collector that never answers must not hold a flush past its deadline.
    const timeoutMs = waiting > 0 ? Math.min(requestTimeoutMs, deadline - Date.now()) : requestTimeoutMs;
    let response: Response;
    let text: string;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ site, sent_at: Date.now(), events: batch }),
        signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
      });
      text = await response.text();
    } catch {
      // Refused, reset or timed out: whether it was stored is unknown, so send it again (same ids).
      return { done: false };
    }
    if (response.ok) return { done: true };
    // 408 and 429 say "later", like 5xx: only other 4xx mean the batch itself is wrong.
    if (response.status === 408 || response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get('retry-after'));
      return { done: false, ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) };
    }
    onError(
      new ServerTrackerError(
        `the collector refused ${batch.length} event(s) with ${response.status}: ${errorOf(text)}`,
        batch.length,
        response.status,
      ),
    );
    return { done: true };
  }

  async function flush({ timeoutMs }: { timeoutMs?: number } = {}): Promise<void> {
    waiting++;
    const previous = deadline;
    if (timeoutMs !== undefined) deadline = Math.min(deadline, Date.now() + timeoutMs);
    try {
      wake?.();
      while (current !== null || queue.length > 0) {
        if (!(await pump())) break;
      }
    } finally {
      waiting--;
      deadline = previous;
    }
  }

  async function close({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<void> {
    closed = true;
    clearInterval(timer);
    await flush({ timeoutMs });
    const left = (current?.length ?? 0) + queue.length;
    if (left > 0) {
      onError(
        new ServerTrackerError(
          `closed with ${left} event(s) not delivered: the collector did not answer in time`,
          left,
        ),
      );
    }
  }

  return { track, flush, close };
}

function errorOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; issues?: { path: string; message: string }[] };
    const issues = (body.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return `${String(body.error)}${issues ? ` (${issues})` : ''}`;
  } catch {
    return text.slice(0, 200);
  }
}
