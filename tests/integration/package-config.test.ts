import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Store } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** The README's config, as a user writes it in their own folder: it imports the package, not a path. */
const USER_CONFIG = `import { defineConfig } from 'polku/config';

export default defineConfig({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
});
`;

describe('polku installed in a project of its own', () => {
  it("loads a polku.config.ts that imports 'polku/config', run through node_modules/polku", async () => {
    // A project outside this repository, with polku linked in as `npm link` / a workspace would.
    const project = tempDir('polku-user-');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop-analytics', type: 'module' }));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules', 'polku'), 'dir');
    writeFileSync(join(project, 'polku.config.ts'), USER_CONFIG);
    mkdirSync(join(project, 'data'));
    const store = await Store.open(join(project, 'data', 'polku.duckdb'));
    await appendEvents(store, [storedEvent({ path: '/products/lamp' })]);
    await store.close();

    // Defaults only: ./polku.config.ts and ./data/polku.duckdb of the project folder.
    const cli = join(project, 'node_modules', 'polku', 'cli', 'polku.ts');
    const failure = await run(process.execPath, [cli, 'check'], { cwd: project }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    // The journey named in the user's config was checked against the data: the config loaded.
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe('');
    expect(failure?.stdout).toBe(
      'error: journeys.0.steps.1: step "Paid" of journey "checkout" matches no event of site "shop"\n' +
        '1 error(s), 0 warning(s)\n',
    );
  });
});
