import { describe, expect, it } from 'vitest';
import { parseBenchJson } from '../../bench/figures.ts';
import { benchTable } from '../../bench/table.ts';

describe('npm run bench table', () => {
  it("reads each bench's last BENCH_JSON line and prints value, baseline, ratio and goal", () => {
    const output = [
      'plain scan of the funnel columns       0.050 s',
      'BENCH_JSON {"bench":"reports","figures":[{"figure":"old","value":1,"unit":"s"}]}',
      'BENCH_JSON {"bench":"reports","figures":[{"figure":"4-step funnel, median","value":0.25,"unit":"s",' +
        '"baseline":{"what":"plain scan","value":0.05},"ratio":5,"goal":"≤ 1.0 s"},' +
        '{"figure":"peak RSS","value":1500,"unit":"MB","goal":"≤ 2048 MB"}]}',
      '',
    ].join('\n');
    const result = parseBenchJson(output);
    expect(result?.figures.map((f) => f.figure)).toEqual(['4-step funnel, median', 'peak RSS']);
    expect(parseBenchJson('no such line\n')).toBeUndefined();
    expect(benchTable(result ? [result] : [])).toBe(
      [
        'bench    figure                    value  baseline (same run)   ratio  goal',
        '-------  ---------------------  --------  --------------------  -----  ---------',
        'reports  4-step funnel, median   0.250 s  0.050 s (plain scan)  5.00×  ≤ 1.0 s',
        'reports  peak RSS               1,500 MB  —                         —  ≤ 2048 MB',
      ].join('\n'),
    );
  });
});
