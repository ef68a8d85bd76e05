import { describe, expect, it } from 'vitest';
import { BREAKDOWN_SHAPE } from '../../reports/journey/segment-queries.ts';
import { STEP_COUNT_SHAPE } from '../../reports/journey/step-queries.ts';
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

  it('fails loudly when a report query renames a column its consumer reads (the step-count shape)', () => {
    // Before typed rows, `num(row.units)` read the missing column as 0: every step showed 0 units.
    const renamed = [{ journey: 'checkout', step: 1, unit_count: 20 }];
    expect(() => decodeRows(renamed, STEP_COUNT_SHAPE, 'step counts')).toThrow(
      new RowShapeError('step counts: row 1 has no column "units" (it has journey, step, unit_count)'),
    );
  });

  it('decodes a list of counts from its JSON text once, and refuses anything else', () => {
    const row = { journey: 'checkout', dimension: 'device', value: 'mobile' };
    expect(decodeRows([{ ...row, steps: '[30,12,0]' }], BREAKDOWN_SHAPE, 'breakdown counts')).toEqual([
      { ...row, steps: [30, 12, 0] },
    ]);
    for (const [steps, shown] of [
      ['[30,1.5]', '"[30,1.5]"'],
      ['[30,null]', '"[30,null]"'],
      ['{"0":30}', '"{\\"0\\":30}"'],
      ['30,12', '"30,12"'],
      [30, '30'],
      [null, 'null'],
    ] as const) {
      expect(() => decodeRows([{ ...row, steps }], BREAKDOWN_SHAPE, 'breakdown counts')).toThrow(
        new RowShapeError(`breakdown counts: column "steps" of row 1 is ${shown}, not integer[]`),
      );
    }
  });
});
