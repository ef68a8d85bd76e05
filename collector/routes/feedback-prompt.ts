import { Hono } from 'hono';
import { globToRegex } from '../../config/glob.ts';
import type { PolkuConfig } from '../../config/index.ts';
import type { CollectorContext } from '../context.ts';
import { errorResponse } from '../errors.ts';
import type { PromptTarget } from '../feedback-target.ts';

/** The prompts of one site, from the config's `feedback` entries whose journey belongs to it. */
export function promptTargets(config: PolkuConfig, site: string): PromptTarget[] {
  return config.feedback.flatMap((prompt) => {
    const journey = config.journeys.find((j) => j.id === prompt.journey && j.site === site);
    const page = journey?.steps.find((s) => s.name === prompt.step)?.page;
    if (page === undefined) return [];
    return [
      {
        id: `${prompt.journey}/${prompt.step}`,
        path: globToRegex(page),
        idleMs: prompt.idle,
        onLeave: prompt.onLeave,
        rate: prompt.rate,
        quietMs: prompt.quiet,
        ...(prompt.question === undefined ? {} : { question: prompt.question }),
        ...(prompt.lang === undefined ? {} : { lang: prompt.lang }),
      },
    ];
  });
}

/**
 * `GET /api/feedback-prompt?site=ID`: where and how the feedback prompt asks, from the config, so
 * targeting changes with a collector restart and no change to any site's pages. Public (it is what
 * the prompt does in every visitor's browser anyway) and cacheable for five minutes.
 */
export function feedbackPromptRoute(ctx: CollectorContext): Hono {
  const route = new Hono();
  route.get('/', (c) => {
    const site = c.req.query('site') ?? '';
    if (!ctx.config.sites.some((s) => s.id === site)) {
      return errorResponse(
        c,
        404,
        `unknown site "${site.slice(0, 64)}"; use ?site= with the data-site of the script tag`,
      );
    }
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ prompts: promptTargets(ctx.config, site) });
  });
  return route;
}
