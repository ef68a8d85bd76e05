import { existsSync } from 'node:fs';
import { Hono } from 'hono';
import { listen } from '../../collector/index.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { untilStopped } from '../lifecycle.ts';
import { COMMON_OPTIONS, parseOptions, parsePort } from '../options.ts';
import { reportHeaders } from '../report-headers.ts';
import { staticSite } from '../static-site.ts';
import { normaliseBase } from './build.ts';

const options = {
  out: COMMON_OPTIONS.out,
  port: { ...COMMON_OPTIONS.port, default: '4321' },
  host: COMMON_OPTIONS.host,
  base: {
    type: 'string',
    value: 'PATH',
    default: '/',
    description: 'path the site was built for (polku build --base)',
  },
} as const;

export const preview: Command = {
  name: 'preview',
  summary: 'serve the built report site locally',
  options,
  async run(args) {
    const flags = parseOptions('preview', options, args);
    if (!existsSync(flags.out)) {
      throw new UsageError(`nothing to preview: ${flags.out} does not exist; run 'polku build' first`);
    }
    const base = normaliseBase(flags.base);
    const app = new Hono();
    app.use('*', reportHeaders());
    // The site's links all start with the base, so "/" has nothing of its own: it leads to the report.
    // 302, not 301: a browser must not remember it for the next preview on this port with another base.
    if (base !== '/') app.get('/', (c) => c.redirect(base, 302));
    app.route('/', staticSite(flags.out, base));
    const server = await listen(app, { host: flags.host, port: parsePort(flags.port) });
    // Handlers first: whoever reads "serving ... on" may send SIGTERM at once.
    const stopped = untilStopped(() => server.close());
    console.log(`serving ${flags.out} on ${server.url}${base}`);
    return stopped;
  },
};
