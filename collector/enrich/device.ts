import Bowser from 'bowser';
import { BoundedCache } from './bounded-cache.ts';

export interface Device {
  /** 'desktop' | 'mobile' | 'tablet' | 'tv' | 'bot', or null when unknown. */
  device: string | null;
  browser: string | null;
  os: string | null;
}

const CACHE_SIZE = 5_000;

/**
 * Device type, browser and OS from the user agent with bowser (MIT). Visitors share a few hundred
 * distinct user agents, so parses are cached.
 */
export class DeviceParser {
  readonly #cache = new BoundedCache<string, Device>(CACHE_SIZE);

  parse(userAgent: string): Device {
    const cached = this.#cache.get(userAgent);
    if (cached) return cached;
    const parser = Bowser.getParser(userAgent || ' ');
    return this.#cache.set(userAgent, {
      device: known(parser.getPlatformType(true)),
      browser: known(parser.getBrowserName()),
      os: known(parser.getOSName()),
    });
  }
}

/** bowser answers "" or "undefined" (lower-cased undefined) when it does not know. */
function known(value: string | undefined): string | null {
  return value && value !== 'undefined' ? value : null;
}
