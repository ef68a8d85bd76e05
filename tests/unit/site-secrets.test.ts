import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SiteSecrets } from '../../collector/site-secrets.ts';
import { ConfigError, parseConfig } from '../../config/index.ts';

const SECRET = 'k3Yq9v0Zb1Rj7mXo2Lc5Tn8Wd4Fs6Ha0Pe3Gu1Iy9Qw=';
const sites = (secretEnv: string) =>
  parseConfig({
    sites: [
      { id: 'shop', origins: ['https://shop.example'], secretEnv },
      { id: 'blog', origins: ['https://blog.example'] },
    ],
  }).sites;

describe('sites[].secretEnv', () => {
  it('names an environment variable; a secret pasted in its place is refused with how to fix it', () => {
    expect(sites('POLKU_SHOP_SECRET')[0]?.secretEnv).toBe('POLKU_SHOP_SECRET');
    let error: unknown;
    try {
      sites(SECRET);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'sites.0.secretEnv',
        message: 'name an environment variable like "POLKU_SHOP_SECRET", not the secret itself',
      },
    ]);
  });
});

describe('SiteSecrets', () => {
  const secrets = new SiteSecrets(sites('POLKU_SHOP_SECRET'), { POLKU_SHOP_SECRET: SECRET });

  it("authenticates the site's secret and nothing else", () => {
    expect(secrets.authenticate(SECRET)).toEqual(['shop']);
    expect(secrets.authenticate(`${SECRET} `)).toEqual([]);
    expect(secrets.authenticate(SECRET.slice(0, -1))).toEqual([]);
    expect(secrets.authenticate('')).toEqual([]);
    expect(secrets.problems).toEqual([]);
  });

  it('hashes user ids with a key derived from the secret, not with the secret itself', () => {
    const id = secrets.userVisitorId('shop', 'user-42');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(secrets.userVisitorId('shop', 'user-42')).toBe(id);
    expect(secrets.userVisitorId('shop', 'user-43')).not.toBe(id);
    expect(id).not.toBe(createHmac('sha256', SECRET).update('user-42').digest('base64url').slice(0, 22));
    // A site without a secret has no key: its user ids are not hashed (and so not used).
    expect(secrets.userVisitorId('blog', 'user-42')).toBeUndefined();
  });

  it('says which site lacks its secret, or has one too short to use', () => {
    expect(new SiteSecrets(sites('POLKU_SHOP_SECRET'), {}).problems).toEqual([
      'site "shop": environment variable POLKU_SHOP_SECRET is not set; server events are refused (401) and user ids ignored until it is',
    ]);
    const short = new SiteSecrets(sites('POLKU_SHOP_SECRET'), { POLKU_SHOP_SECRET: 'x'.repeat(31) });
    expect(short.problems).toEqual([
      'site "shop": POLKU_SHOP_SECRET is shorter than 32 characters; use a random secret (e.g. openssl rand -base64 32)',
    ]);
    expect(short.authenticate('x'.repeat(31))).toEqual([]);
  });
});
