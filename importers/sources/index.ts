import { ga4Source } from './ga4.ts';
import { polkuSource } from './polku.ts';
import { posthogSource } from './posthog.ts';
import { snowplowSource } from './snowplow.ts';
import type { ImportSource } from './source.ts';

export const SOURCES = {
  polku: polkuSource,
  snowplow: snowplowSource,
  ga4: ga4Source,
  posthog: posthogSource,
} as const satisfies Record<string, ImportSource>;

export type SourceName = keyof typeof SOURCES;

export const SOURCE_NAMES = Object.keys(SOURCES) as SourceName[];

export type { ImportSource, Props } from './source.ts';
