import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(stdout).toContain('--config FILE      configuration file (.ts or .json) (default: ./polku.config.ts)');
    expect(stdout).toContain('--db FILE          DuckDB database file (default: ./data/polku.duckdb)');
    expect(stdout).toContain('--port N           TCP port to listen on (default: 8787)');
    expect(stdout).toContain('--host H           address to listen on (default: 127.0.0.1)');
  });

  it('exits 2 with a one-line hint for an unknown command', async () => {
    const { code, stderr } = await runPolku(['colect']);
    expect(code).toBe(2);
    expect(stderr).toBe(`unknown command "colect"; run 'polku --help' to list the commands\n`);
  });

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
