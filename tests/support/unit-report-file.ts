/**
 * Stands in for the `virtual:polku/report-file` module of an Astro build when unit tests import site
 * modules (format.ts, headline.ts, catalogues): a site data file with no journeys, in the locale of
 * POLKU_SITE_LOCALE (default English). A test of another locale sets it and re-imports the modules
 * (vi.stubEnv, vi.resetModules, await import).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const locale = process.env.POLKU_SITE_LOCALE ?? 'en';
const file = join(mkdtempSync(join(tmpdir(), 'polku-unit-site-')), 'site.json');
writeFileSync(file, JSON.stringify({ report: { journeys: [], campaigns: [] }, sessions: [], build: { locale } }));

export default file;
