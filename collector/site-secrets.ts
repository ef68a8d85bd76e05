import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SiteConfig } from '../config/index.ts';

/** Shorter secrets are not used: they could be guessed, and they key the user-id hash. */
export const MIN_SECRET_CHARS = 32;

interface SiteKeys {
  site: string;
  /** HMAC key the Authorization header is compared under (so every comparison has the same length). */
  authDigest: Buffer;
  /** Key of the user-id hash, derived from the secret (HKDF) so that the secret itself is never the hash key. */
  userKey: Buffer;
}

/**
 * The per-site secrets named by `sites[].secretEnv`, read once from the environment. The raw
 * secret is kept only as derived keys; it is never logged.
 */
export class SiteSecrets {
  readonly #keys: SiteKeys[] = [];
  /** Sites whose secretEnv is missing or too short, with why: logged at start-up. */
  readonly problems: string[] = [];
  /** Secrets are compared as HMACs under a random key: equal lengths for timingSafeEqual, whatever was sent. */
  readonly #compareKey = randomBytes(32);
  readonly #warned = new Set<string>();

  constructor(sites: readonly SiteConfig[], env: Readonly<Record<string, string | undefined>> = process.env) {
    for (const site of sites) {
      if (!site.secretEnv) continue;
      const secret = env[site.secretEnv];
      if (!secret) {
        this.problems.push(
          `site "${site.id}": environment variable ${site.secretEnv} is not set; server events are refused (401) and user ids ignored until it is`,
        );
        continue;
      }
      if (secret.length < MIN_SECRET_CHARS) {
        this.problems.push(
          `site "${site.id}": ${site.secretEnv} is shorter than ${MIN_SECRET_CHARS} characters; use a random secret (e.g. openssl rand -base64 32)`,
        );
        continue;
      }
      this.#keys.push({
        site: site.id,
        authDigest: this.#digest(secret),
        userKey: Buffer.from(hkdfSync('sha256', secret, `polku:${site.id}`, 'polku user-id hash v1', 32)),
      });
    }
  }

  /**
   * The sites a bearer secret belongs to (usually one; empty when it is nobody's). Every
   * configured secret is compared, in constant time and without stopping early, so timing tells
   * nothing about which one came close.
   */
  authenticate(secret: string): string[] {
    const digest = this.#digest(secret);
    const sites: string[] = [];
    for (const keys of this.#keys) if (timingSafeEqual(digest, keys.authDigest)) sites.push(keys.site);
    return sites;
  }

  /** The keyed hash of a user id for a site, or undefined when the site has no usable secret. */
  userVisitorId(site: string, userId: string): string | undefined {
    const keys = this.#keys.find((candidate) => candidate.site === site);
    if (!keys) return undefined;
    return createHmac('sha256', keys.userKey).update(userId).digest('base64url').slice(0, 22);
  }

  hasSecret(site: string): boolean {
    return this.#keys.some((keys) => keys.site === site);
  }

  /**
   * True the first time a user id arrives for a site without a usable secret: the caller warns once.
   * Such user ids are ignored (the visitor falls back to the consented client id), not refused: a
   * 400 would lose the page views of the batch that carried one.
   */
  firstIgnoredUserId(site: string): boolean {
    if (this.hasSecret(site) || this.#warned.has(site)) return false;
    this.#warned.add(site);
    return true;
  }

  #digest(secret: string): Buffer {
    return createHmac('sha256', this.#compareKey).update(secret).digest();
  }
}
