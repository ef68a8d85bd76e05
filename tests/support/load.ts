import { randomUUID } from 'node:crypto';
import { CHROME_UA } from './collector.ts';

/** A valid batch of `size` page views with fresh ids. */
export function makeBatch(
  size: number,
  site = 'shop',
): { site: string; events: { id: string; name: string; url: string }[] } {
  return {
    site,
    events: Array.from({ length: size }, (_, i) => ({
      id: randomUUID(),
      name: 'pageview',
      url: `https://shop.example/p/${i}`,
    })),
  };
}

export function postBatch(url: string, batch: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/events`, {
    method: 'POST',
    body: JSON.stringify(batch),
    headers: { 'Content-Type': 'text/plain', 'User-Agent': CHROME_UA, ...headers },
  });
}

export interface LoadResult {
  /** Every batch sent (answered or not). */
  sent: ReturnType<typeof makeBatch>[];
  /** Ids of events in batches that got a 202. */
  acknowledged: Set<string>;
}

/**
 * Keeps `concurrency` clients posting 10-event batches until `until()` says stop or the server
 * goes away; records what was acknowledged. Network errors (the server killed) end a client.
 */
export async function sendUntil(
  url: string,
  concurrency: number,
  until: () => boolean,
  /** Filled while sending, so a caller can watch the load progress. */
  result: LoadResult = { sent: [], acknowledged: new Set() },
): Promise<LoadResult> {
  const client = async () => {
    while (!until()) {
      const batch = makeBatch(10);
      result.sent.push(batch);
      try {
        const response = await postBatch(url, batch);
        await response.arrayBuffer();
        if (response.status === 202) for (const event of batch.events) result.acknowledged.add(event.id);
      } catch {
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return result;
}
