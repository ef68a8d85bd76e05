import type { PolkuConfig } from '../config/index.ts';
import type { Refusal } from './refusal.ts';

export interface PageReplayLimits {
  chunks: number;
  inflatedBytes: number;
  remembered: number;
}

/** What one page load may send as replay, and how many page loads are remembered. */
export const PAGE_REPLAY_LIMITS: Readonly<PageReplayLimits> = {
  /**
   * Chunks per page load. The recorder sends one every 5 s for at most 30 minutes (360), plus one
   * at page hide; the rest is room for timer jitter.
   */
  chunks: 500,
  /** Inflated bytes (JSON) per page load: what a report viewer would download for it. */
  inflatedBytes: 16 * 1024 * 1024,
  /**
   * Page loads remembered (least recently sent forgotten first), so that a flood of made-up page
   * ids costs bounded memory. A forgotten page could send again; the build's cap per session
   * (reports/session-details.ts) still bounds what a viewer downloads.
   */
  remembered: 100_000,
};

const MIB = 1024 * 1024;

interface PageUse {
  chunks: number;
  inflatedBytes: number;
  seqs: Set<number>;
}

export interface ReplayChunkSize {
  site: string;
  pageId: string;
  seq: number;
  /** Bytes of the chunk's JSON. */
  inflatedBytes: number;
  /** Bytes stored (gzip): what counts against the site's quota. */
  storedBytes: number;
}

/** Rows a database gives to start from (see `seed`). */
export interface StoredReplayUse {
  sites: { site: string; bytes: number }[];
  pages: { site: string; pageId: string; seqs: number[]; bytes: number }[];
}

/**
 * What replay chunks have taken so far: per page load (chunks, inflated bytes, which seqs) and per
 * site (stored bytes, against `sites[].replayQuotaMiB`). A chunk is counted when it is let through,
 * before it is written, so concurrent chunks of one page cannot all pass the same check; `release`
 * gives the room back when the write fails.
 */
export class ReplayLedger {
  readonly #pages = new Map<string, PageUse>();
  readonly #siteBytes = new Map<string, number>();
  readonly #quotaBytes: Map<string, number>;
  readonly #limits: Readonly<PageReplayLimits>;

  constructor(config: PolkuConfig, limits: Readonly<PageReplayLimits> = PAGE_REPLAY_LIMITS) {
    this.#quotaBytes = new Map(config.sites.map((site) => [site.id, site.replayQuotaMiB * MIB]));
    this.#limits = limits;
  }

  /** Starts from what the database holds (replay bytes per site; recent pages' chunks). */
  seed({ sites, pages }: StoredReplayUse): void {
    for (const { site, bytes } of sites) this.#siteBytes.set(site, bytes);
    for (const { site, pageId, seqs, bytes } of pages) {
      // Only stored (gzip) sizes are known here: a lower bound of the inflated size.
      this.#pages.set(pageKey(site, pageId), { chunks: seqs.length, inflatedBytes: bytes, seqs: new Set(seqs) });
    }
  }

  /** Refuses the chunk, or counts it in (then `release` it if it is not stored after all). */
  admit(chunk: ReplayChunkSize): Refusal | null {
    const key = pageKey(chunk.site, chunk.pageId);
    const page = this.#pages.get(key) ?? { chunks: 0, inflatedBytes: 0, seqs: new Set<number>() };
    if (page.seqs.has(chunk.seq)) {
      return {
        status: 409,
        reason: 'replay-seq-repeated',
        error: `replay chunk ${chunk.seq} of page ${JSON.stringify(chunk.pageId)} was already received; each seq is stored once`,
        issues: [{ path: 'seq', message: 'send each chunk of a page load once, with seq 0, 1, 2, …' }],
      };
    }
    if (page.chunks + 1 > this.#limits.chunks) {
      return {
        status: 413,
        reason: 'replay-page-chunks',
        error: `page ${JSON.stringify(chunk.pageId)} has sent ${page.chunks} replay chunks, the most one page load may send`,
        issues: [{ path: 'seq', message: `at most ${this.#limits.chunks} chunks per page load` }],
      };
    }
    if (page.inflatedBytes + chunk.inflatedBytes > this.#limits.inflatedBytes) {
      return {
        status: 413,
        reason: 'replay-page-bytes',
        error: `page ${JSON.stringify(chunk.pageId)} would exceed ${this.#limits.inflatedBytes} bytes of replay events (it has ${page.inflatedBytes}; this chunk inflates to ${chunk.inflatedBytes})`,
        issues: [
          { path: '', message: `at most ${this.#limits.inflatedBytes / MIB} MiB of replay events per page load` },
        ],
      };
    }
    const used = this.#siteBytes.get(chunk.site) ?? 0;
    const quota = this.#quotaBytes.get(chunk.site) ?? 0;
    if (used + chunk.storedBytes > quota) {
      return {
        status: 429,
        reason: 'replay-quota',
        error: `site "${chunk.site}" has used its replay quota (${used} of ${quota} bytes); no more replays are stored until older ones are purged`,
        issues: [
          {
            path: 'site',
            message: `run \`polku purge\` (retention.replays) or raise replayQuotaMiB of site "${chunk.site}" in polku.config.ts`,
          },
        ],
      };
    }
    page.chunks += 1;
    page.inflatedBytes += chunk.inflatedBytes;
    page.seqs.add(chunk.seq);
    // Re-inserted: the map's order is the order pages last sent in, oldest first.
    this.#pages.delete(key);
    this.#pages.set(key, page);
    this.#siteBytes.set(chunk.site, used + chunk.storedBytes);
    for (const oldest of this.#pages.keys()) {
      if (this.#pages.size <= this.#limits.remembered) break;
      this.#pages.delete(oldest);
    }
    return null;
  }

  /** Gives back what `admit` counted for a chunk that was not stored. */
  release(chunk: ReplayChunkSize): void {
    const page = this.#pages.get(pageKey(chunk.site, chunk.pageId));
    if (page?.seqs.delete(chunk.seq)) {
      page.chunks -= 1;
      page.inflatedBytes -= chunk.inflatedBytes;
    }
    this.#siteBytes.set(chunk.site, Math.max(0, (this.#siteBytes.get(chunk.site) ?? 0) - chunk.storedBytes));
  }

  /** Stored replay bytes and quota per site, for /metrics. */
  usage(): { site: string; bytes: number; quotaBytes: number }[] {
    return [...this.#quotaBytes].map(([site, quotaBytes]) => ({
      site,
      bytes: this.#siteBytes.get(site) ?? 0,
      quotaBytes,
    }));
  }
}

function pageKey(site: string, pageId: string): string {
  return `${site}\u0000${pageId}`;
}
