import { describe, expect, it } from 'vitest';
import { decodeRows, RowShapeError } from '../../store/index.ts';

describe('typed query rows', () => {
  const shape = { step: 'integer', units: 'integer', median: 'number?', journey: 'string' } as const;

  it('returns the rows typed, keeping only the columns the shape names', () => {
    const rows = [{ step: 1, units: 20, median: 12.5, journey: 'checkout', extra: 'x' }];
    expect(decodeRows(rows, shape, 'step counts')).toEqual([{ step: 1, units: 20, median: 12.5, journey: 'checkout' }]);
    expect(decodeRows([{ step: 2, units: 0, median: null, journey: 'a' }], shape, 'q')).toEqual([
      { step: 2, units: 0, median: null, journey: 'a' },
    ]);
  });

  it('fails loudly on a renamed column instead of reading it as 0', () => {
    const rows = [{ step: 1, unit_count: 20, median: 1, journey: 'checkout' }];
    expect(() => decodeRows(rows, shape, 'step counts')).toThrow(
      new RowShapeError('step counts: row 1 has no column "units" (it has step, unit_count, median, journey)'),
    );
  });

  it('fails on a mistyped value: a fraction where a count belongs, null where none may be', () => {
    expect(() => decodeRows([{ step: 1, units: 2.5, median: 1, journey: 'a' }], shape, 'q')).toThrow(
      'q: column "units" of row 1 is 2.5, not integer',
    );
    expect(() => decodeRows([{ step: 1, units: 2, median: 1, journey: null }], shape, 'q')).toThrow(
      'q: column "journey" of row 1 is null, not string',
    );
    expect(() => decodeRows([{ step: '1', units: 2, median: 1, journey: 'a' }], shape, 'q')).toThrow(
      'q: column "step" of row 1 is "1", not integer',
    );
  });
});
