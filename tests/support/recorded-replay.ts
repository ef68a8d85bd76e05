import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LoopbackCollector } from './collector-on-loopback.ts';

export type RecordedEvent = { type: number; timestamp: number; data: Record<string, unknown> };

/** Opens a privacy test page (`/privacy/NAME.html` or `/oracles/NAME.html`) and waits until the replay recorder runs on it. */
export async function openRecorded(page: Page, url: string): Promise<void> {
  const recorder = page.waitForResponse((r) => r.url().endsWith('/polku-replay.js'));
  await page.goto(url);
  await recorder;
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.waitForTimeout(200);
}

/** Hides the page (its last chunk is flushed then) and returns every stored chunk's bytes, inflated. */
export async function storedReplay(
  page: Page,
  collector: LoopbackCollector,
): Promise<{ text: string; events: RecordedEvent[] }> {
  await page.goto('about:blank');
  await expect.poll(async () => (await collector.replayChunks()).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(500); // a last chunk may still be on its way
  const chunks = await collector.replayChunks();
  const texts = chunks.map((chunk) => gunzipSync(Buffer.from(chunk.data as string, 'base64')).toString('utf8'));
  return { text: texts.join('\n'), events: texts.flatMap((text) => JSON.parse(text) as RecordedEvent[]) };
}

/** Plays recorded events in rrweb's replayer on the fixture player page; resolves at the end of playback. */
export async function playBack(
  context: BrowserContext,
  origin: string,
  events: RecordedEvent[],
): Promise<{ result: unknown; errors: Error[] }> {
  const player = await context.newPage();
  const errors: Error[] = [];
  player.on('pageerror', (error) => errors.push(error));
  await player.goto(`${origin}/player.html`);
  const result = await player.evaluate(
    (recorded) => (window as unknown as { play(e: unknown): Promise<unknown> }).play(recorded),
    events,
  );
  return { result, errors };
}

/** The input events rrweb recorded (type 3, source 5): what a replay shows of typing. */
export const typedTexts = (events: RecordedEvent[]): unknown[] =>
  events.filter((e) => e.type === 3 && e.data.source === 5).map((e) => e.data.text);
