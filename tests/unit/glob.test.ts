import { describe, expect, it } from 'vitest';
import { globToRegex } from '../../reports/glob.ts';

const matches = (glob: string, path: string) => new RegExp(`^${globToRegex(glob)}$`).test(path);

describe('page globs', () => {
  it('* stays within one path segment', () => {
    expect(matches('/products/*', '/products/lamp')).toBe(true);
    expect(matches('/products/*', '/products/lamp/reviews')).toBe(false);
    expect(matches('/products/*', '/products')).toBe(false);
  });

  it('** crosses segments', () => {
    expect(matches('/products/**', '/products/lamp/reviews')).toBe(true);
    expect(matches('/products/**', '/products/')).toBe(true);
  });

  it('treats regex characters literally', () => {
    expect(matches('/a.b', '/a.b')).toBe(true);
    expect(matches('/a.b', '/axb')).toBe(false);
    expect(matches('/(x)+', '/(x)+')).toBe(true);
  });
});
