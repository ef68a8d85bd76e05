import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** User agents of the demo's simulated visitors; the recordings were made with the first of each. */
export const DEMO_USER_AGENTS = {
  desktop:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  mobile:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
} as const;

/** One page view recorded by scripts/record-demo-replays.ts: the rrweb chunks the recorder sent. */
export interface RecordedScene {
  name: string;
  device: 'desktop' | 'mobile';
  /** The page the scene was recorded on. */
  path: string;
  /** rrweb events as sent, one array per chunk (`POST /api/replay?seq=N`). */
  chunks: unknown[][];
}

const REPLAYS = fileURLToPath(new URL('./replays/', import.meta.url));

/** The committed recordings, by name order (so the seeded history does not depend on the file system). */
export function loadRecordedScenes(folder = REPLAYS): RecordedScene[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json.gz'))
    .sort()
    .map((file) => JSON.parse(gunzipSync(readFileSync(`${folder}${file}`)).toString('utf8')) as RecordedScene);
}

/** The chunks moved in time so the recording starts at `startMs`: replays line up with the page's events. */
export function rebaseScene(scene: RecordedScene, startMs: number): { events: unknown[]; lastMs: number }[] {
  const first = firstTimestamp(scene);
  return scene.chunks.map((chunk) => {
    let lastMs = startMs;
    const events = chunk.map((event) => {
      const timestamp = (event as { timestamp: number }).timestamp - first + startMs;
      lastMs = Math.max(lastMs, timestamp);
      return { ...(event as object), timestamp };
    });
    return { events, lastMs };
  });
}

/** How long the recording lasts, in milliseconds. */
export function sceneDurationMs(scene: RecordedScene): number {
  const last = Math.max(...scene.chunks.flat().map((event) => (event as { timestamp: number }).timestamp));
  return last - firstTimestamp(scene);
}

function firstTimestamp(scene: RecordedScene): number {
  return Math.min(...scene.chunks.flat().map((event) => (event as { timestamp: number }).timestamp));
}
