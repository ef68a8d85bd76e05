import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../site/src/format.ts';

describe('site number formats', () => {
  it('shows ratios such as pages per session with at most two decimals', () => {
    expect([1.962138, 2.25, 3, 1_234.5].map(formatDecimal)).toEqual(['1.96', '2.25', '3', '1,234.5']);
  });
});
