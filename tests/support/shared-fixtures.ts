import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/**
 * Real data from public projects lives in `shared/fixtures` beside the repository and is read in
 * place, never copied in. Only the conformance suite (`npm run test:conformance`) reads it.
 */
export const SHARED_FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));

/** A path inside the shared fixtures. */
export const sharedFixture = (path: string): string => SHARED_FIXTURES + path;

const MISSING = `the shared fixtures are not at ${SHARED_FIXTURES}: the conformance suite reads them in place from a "shared/fixtures" folder beside the repository (clone the repository next to it)`;

/**
 * `describe` for conformance tests. Without the shared fixtures they fail under CI=true, and elsewhere
 * are skipped with a loud message, so a missing folder never passes silently in CI.
 */
export function describeConformance(name: string, body: () => void): void {
  if (existsSync(SHARED_FIXTURES)) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs the shared fixtures', () => {
        throw new Error(MISSING);
      });
    });
  } else {
    console.warn(`\n!!! SKIPPING conformance tests "${name}": ${MISSING}\n`);
    describe.skip(name, body);
  }
}
