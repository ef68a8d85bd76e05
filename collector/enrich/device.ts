import Bowser from 'bowser';

export interface Device {
  /** 'desktop' | 'mobile' | 'tablet' | 'tv' | 'bot', or null when unknown. */
  device: string | null;
  browser: string | null;
  os: string | null;
}

const CACHE_SIZE = 5_000;

/**
 * Device type, browser and OS from the user agent with bowser (MIT). Visitors share a few hundred
 * distinct user agents, so parses are cached (insertion-ordered Map as a small LRU).
 */
export class DeviceParser {
  readonly #cache = new Map<string, Device>();

  parse(userAgent: string): Device {
    const cached = this.#cache.get(userAgent);
    if (cached) return cached;
    const parser = Bowser.getParser(userAgent || ' ');
    const device: Device = {
      device: parser.getPlatformType(true) || null,
      browser: parser.getBrowserName() || null,
      os: parser.getOSName() || null,
    };
    if (this.#cache.size >= CACHE_SIZE) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(userAgent, device);
    return device;
  }
}
