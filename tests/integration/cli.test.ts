import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLKU_VERSION } from '../../cli/version.ts';
import { runPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

describe('polku command line', () => {
  it('lists every command in --help', async () => {
    const { code, stdout } = await runPolku(['--help']);
    expect(code).toBe(0);
    for (const command of ['collect', 'build', 'report', 'check', 'preview', 'demo', 'import', 'export', 'purge'])
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it.each(['collect', 'build', 'report', 'check', 'preview', 'demo', 'import', 'export', 'purge'])(
    'shows options and defaults for %s --help',
    async (command) => {
      const { code, stdout } = await runPolku([command, '--help']);
      expect(code).toBe(0);
      expect(stdout.split('\n')[0]).toBe(`Usage: polku ${command} [options]${command === 'import' ? ' FILE...' : ''}`);
      expect(stdout).toContain('--help');
    },
  );

  it('documents the shared flag defaults', async () => {
    const { stdout } = await runPolku(['collect', '--help']);
    expect(stdout).toContain(
      '  --config FILE             configuration file (.ts or .json) (default: ./polku.config.ts)\n',
    );
    expect(stdout).toContain('  --db FILE                 DuckDB database file (default: ./data/polku.duckdb)\n');
    expect(stdout).toContain('  --port N                  TCP port to listen on (default: 8787)\n');
    expect(stdout).toContain('  --host H                  address to listen on (default: 127.0.0.1)\n');
    expect(stdout).toContain('  --snapshot-every SECONDS  how often to refresh --snapshot (default: 300)\n');
  });

  it.each(['collect', 'build', 'report', 'check', 'preview', 'demo', 'import', 'export', 'purge'])(
    'aligns the descriptions of %s --help in one column and ends with an example',
    async (command) => {
      const { stdout } = await runPolku([command, '--help']);
      const [, options = '', examples = ''] = /\nOptions:\n([\s\S]*?)\n\nExamples:\n([\s\S]*)$/.exec(stdout) ?? [];
      const columns = options.split('\n').map((line) => /^ {2}--\S+(?: [A-Z]+)? +/.exec(line)?.[0].length);
      expect(columns.length).toBeGreaterThan(1);
      expect(new Set(columns).size).toBe(1);
      expect(examples).toMatch(new RegExp(`^  polku ${command}\\b`));
    },
  );

  it('shows the build example exactly', async () => {
    const { stdout } = await runPolku(['build', '--help']);
    expect(
      stdout.endsWith(
        '\nExamples:\n  polku build --out dist/reports\n  polku build --db data/snapshot.duckdb --base /reports/\n  polku build --periods last-30-days,month:2026-11,campaign:spring-sale\n',
      ),
    ).toBe(true);
  });

  it.each([['--version'], ['-v'], ['version']])('prints the package version for %s', async (flag) => {
    const { code, stdout, stderr } = await runPolku([flag]);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${POLKU_VERSION}\n`, stderr: '' });
    expect(POLKU_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 and suggests the nearest command for a misspelt one', async () => {
    for (const [typed, meant] of [
      ['biuld', 'build'],
      ['colect', 'collect'],
      ['purg', 'purge'],
    ]) {
      const { code, stderr } = await runPolku([typed ?? '']);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `unknown command "${typed}" (did you mean "${meant}"?); run 'polku --help' to list the commands\n`,
      );
    }
  });

  it('exits 2 without a guess for a command that resembles none', async () => {
    const { code, stderr } = await runPolku(['serve']);
    expect(code).toBe(2);
    expect(stderr).toBe(`unknown command "serve"; run 'polku --help' to list the commands\n`);
  });

  it('exits 2 and suggests the nearest flag for a misspelt one', async () => {
    const { code, stderr } = await runPolku(['build', '--otu', 'x']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `polku build: Unknown option '--otu' (did you mean --out?); run 'polku build --help' for its options\n`,
    );
    const report = await runPolku(['report', '--form=2026-03-01']);
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(
      `polku report: Unknown option '--form' (did you mean --from?); run 'polku report --help' for its options\n`,
    );
  });

  it.each(['build', 'report', 'check', 'export', 'purge'])(
    'exits 1 and says how to get a database when %s finds none (and creates none)',
    async (command) => {
      const project = tempDir();
      writeFileSync(
        join(project, 'polku.config.json'),
        JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.example'] }] }),
      );
      const config = command === 'export' ? [] : ['--config', 'polku.config.json'];
      const { code, stdout, stderr } = await runPolku([command, ...config], { cwd: project });
      expect({ code, stdout, stderr }).toEqual({
        code: 1,
        stdout: '',
        stderr: "no database at ./data/polku.duckdb: start 'polku collect' or 'polku import' first\n",
      });
      expect(readdirSync(project)).toEqual(['polku.config.json']);
    },
  );

  it('exits 2 with a one-line hint for an unknown flag', async () => {
    const { code, stderr } = await runPolku(['build', '--outdir', 'x']);
    expect(code).toBe(2);
    expect(stderr).toBe(`polku build: Unknown option '--outdir'; run 'polku build --help' for its options\n`);
  });

  it('exits 2 for a port that is not a number', async () => {
    const { code, stderr } = await runPolku(['collect', '--port', 'eighty']);
    expect(code).toBe(2);
    expect(stderr).toBe('--port must be a whole number from 0 to 65535, not "eighty"\n');
  });

  it('exits 1 and names the wrong key of a bad config', async () => {
    const dir = tempDir();
    const file = join(dir, 'polku.config.json');
    writeFileSync(file, JSON.stringify({ sites: [{ id: 'shop', origin: ['https://shop.example'] }] }));
    const { code, stderr } = await runPolku(['build', '--config', file, '--db', join(dir, 'x.duckdb')]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `invalid config ${file}:\n  - sites.0.origins: Invalid input: expected array, received undefined\n  - sites.0.origin: unknown key "origin"; did you mean "origins"?\n`,
    );
  });
});
