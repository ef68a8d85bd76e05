import { z } from 'zod';
import { parseDuration } from './duration.ts';

const id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}$/,
    'use 1–64 lower-case letters, digits, "-" or "_", starting with a letter or digit',
  );

/**
 * A duration as written (`45s`, `30m`, `2h`, `7d`), parsed here once into milliseconds: every
 * consumer reads a number and none falls back on its own.
 */
const duration = z.string().transform((text, context) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    context.addIssue({ code: 'custom', message: 'use a duration like "45s", "30m", "2h" or "7d"' });
    return z.NEVER;
  }
  return ms;
});

const origin = z.url().refine((text) => new URL(text).origin === text.replace(/\/$/, ''), {
  message: 'use an origin only, like "https://shop.example" (no path, query or trailing parts)',
});

const site = z.strictObject({
  id,
  /** Pages on these origins may send events for this site; requests from any other origin get 403. */
  origins: z.array(origin).min(1),
  /** Accept session replay chunks for this site (off by default; GPC/DNT requests are always refused). */
  replay: z.boolean().default(false),
  /**
   * Disk the site's replays may take (stored gzip bytes, MiB), counted over the database and the
   * spool; chunks beyond it are refused (429) until \`polku purge\` removes old ones. Anyone can
   * post replays to a public collector: this keeps them from filling the disk events need.
   */
  replayQuotaMiB: z
    .number()
    .int()
    .min(1)
    .max(1024 * 1024)
    .default(1024),
  /**
   * The NAME of an environment variable holding this site's secret (never the secret itself): it
   * authenticates `POST /api/server-events` and keys the hash of user ids (at least 32 characters).
   */
  secretEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'name an environment variable like "POLKU_SHOP_SECRET", not the secret itself')
    .optional(),
});

const propValue = z.union([z.string(), z.number(), z.boolean()]);

const step = z
  .strictObject({
    name: z.string().min(1).max(80),
    /** Glob on the page path: `*` matches within a segment, `**` across segments ("/products/*"). */
    page: z.string().startsWith('/').optional(),
    /** Custom event name sent with `polku('event', name)`. */
    event: z.string().min(1).max(64).optional(),
    props: z.record(z.string(), propValue).optional(),
    /** Longest time allowed since the previous step (inclusive). */
    within: duration.optional(),
  })
  .refine((s) => (s.page === undefined) !== (s.event === undefined), {
    message: 'a step matches either a "page" glob or an "event" name, exactly one of them',
  });

const journey = z.strictObject({
  id,
  name: z.string().min(1).max(120),
  site: id,
  unit: z.enum(['session', 'visitor']).default('session'),
  order: z.enum(['sequential', 'strict', 'any']).default('sequential'),
  /** The whole journey must complete within this time of its step-1 event (inclusive). */
  window: duration.optional(),
  steps: z.array(step).min(2).max(20),
  exclude: z
    .array(z.strictObject({ page: z.string().startsWith('/').optional(), event: z.string().optional() }))
    .default([]),
});

/** A feedback prompt (tracker/feedback.ts) shown to visitors who reached a page step of a journey. */
const feedbackPrompt = z.strictObject({
  journey: id,
  /** The name of a step of that journey that matches a `page` (the browser sees pages, not other sites' events). */
  step: z.string().min(1),
  /** Show after this long without input on the page once the step was reached ("20s")… */
  idle: duration.prefault('20s'),
  /** …or at once when the pointer leaves the page towards the browser's tabs and address bar. */
  onLeave: z.boolean().default(true),
  /** Share of eligible page loads that see the prompt. */
  rate: z.number().min(0).max(1).default(1),
  /** Never again to the same visitor within this time (remembered on the device only with consent). */
  quiet: duration.prefault('90d'),
  /** The NPS question; default "How likely are you to recommend us to a friend or colleague?" in the page's language. */
  question: z.string().min(1).max(200).optional(),
  /** The prompt's language; default the page's `<html lang>` (Finnish for "fi…", otherwise English). */
  lang: z.enum(['en', 'fi']).optional(),
});

/**
 * Which events carry revenue: the conversion event whose value counts (`{ event: 'purchase' }`),
 * optionally only with these properties, and with the amount read from a property instead of the
 * event's `value`. Only these events count, so a value also sent with `add_to_cart` is not counted twice.
 */
const revenue = z.strictObject({
  event: z.string().min(1).max(64),
  props: z.record(z.string(), propValue).optional(),
  /** Read the amount from this property (a number, or a string holding one) instead of the event's `value`. */
  valueProp: z.string().min(1).max(64).optional(),
});

/** One line of text: a goal or an owner's name is shown in a heading line, not as a paragraph. */
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !/[\r\n]/.test(text), { message: 'write it on one line' });

const campaign = z.strictObject({
  /** Who answers for the campaign: shown at the top of its retrospective. */
  owner: oneLine(120).optional(),
  /** What the campaign is for, in one line ("Sell 200 lamps to newsletter readers before Easter"). */
  goal: oneLine(200).optional(),
  /**
   * A Markdown file (path relative to the config file) with what the owner learned; rendered on the
   * campaign page without raw HTML. `polku check` lists ended campaigns whose notes are still empty.
   */
  notes: z.string().min(1).max(500).optional(),
  journey: id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  budget: z.number().nonnegative().optional(),
  targets: z
    .strictObject({
      visitors: z.number().int().nonnegative().optional(),
      conversionRate: z.number().min(0).max(1).optional(),
      conversions: z.number().int().nonnegative().optional(),
      revenue: z.number().nonnegative().optional(),
    })
    .optional(),
});

const retention = z.strictObject({
  /** Events older than this are deleted by `polku purge`. Default: 25 months (as days). */
  events: duration.prefault('761d'),
  /** Replay chunks older than this are deleted by `polku purge`. */
  replays: duration.prefault('30d'),
});

/**
 * Anyone can post events with any utm_campaign, so campaigns seen in the data but not configured
 * get a page only when they are large enough, and only so many of them; the rest are summed.
 */
const reportCampaigns = z.strictObject({
  /** Fewest sessions an unconfigured campaign needs for a page of its own. Configured campaigns always get one. */
  minSessions: z.number().int().min(1, 'use a whole number of sessions, at least 1 (default 10)').default(10),
  /** Most unconfigured campaigns with a page of their own (the ones with the most sessions). */
  maxUnconfigured: z
    .number()
    .int()
    .min(0)
    .max(1000, 'at most 1000 campaigns; every one is a page and six files (default 50)')
    .default(50),
});

/** Rows per table (breakdown segments, landing pages, sources, …); the rest are one "other" row. */
const reportTables = z.strictObject({
  maxRows: z
    .number()
    .int()
    .min(1, 'use a whole number of rows, at least 1 (default 10)')
    .max(1000, 'at most 1000 rows per table (default 10)')
    .default(10),
});

const report = z.strictObject({
  title: z.string().min(1).default('Polku report'),
  timezone: z.string().default('UTC'),
  currency: z.string().length(3).default('EUR'),
  /** The language of the report site: every word, number and date on its pages. */
  locale: z.enum(['en', 'fi']).default('en'),
  campaigns: reportCampaigns.prefault({}),
  tables: reportTables.prefault({}),
  /**
   * The periods `polku build` makes side by side when given none on the command line: the first at
   * the site's root, each other one under `periods/<name>/`, linked from every page's header.
   * Names as for `--period` (reports/periods.ts): "last-7-days", "last-30-days", "month:2026-11",
   * "campaign:NAME". Default: none, one site over all the data.
   */
  periods: z
    .array(
      z
        .string()
        .regex(
          /^(last-\d{1,3}-days?|month:\d{4}-(0[1-9]|1[0-2])|campaign:.*\S.*)$/s,
          'use "last-7-days", "last-30-days" (any last-N-days), "month:2026-11" or "campaign:NAME"',
        ),
    )
    .max(12, 'at most 12 periods; every one is a whole site')
    .default([]),
});

export const configSchema = z
  .strictObject({
    sites: z.array(site).min(1),
    journeys: z.array(journey).default([]),
    campaigns: z.record(z.string(), campaign).default({}),
    /** Which events carry revenue; without it, a campaign's value comes from its journey's last step. */
    revenue: revenue.optional(),
    report: report.prefault({}),
    retention: retention.prefault({}),
    feedback: z.array(feedbackPrompt).default([]),
  })
  .superRefine((config, ctx) => {
    checkFeedbackPrompts(config, ctx);
    const siteIds = new Set(config.sites.map((s) => s.id));
    config.journeys.forEach((j, index) => {
      if (!siteIds.has(j.site)) {
        ctx.addIssue({
          code: 'custom',
          path: ['journeys', index, 'site'],
          message: `unknown site "${j.site}"; known sites: ${[...siteIds].join(', ')}`,
        });
      }
    });
    const journeyIds = config.journeys.map((j) => j.id);
    journeyIds.forEach((jid, index) => {
      if (journeyIds.indexOf(jid) !== index) {
        ctx.addIssue({ code: 'custom', path: ['journeys', index, 'id'], message: `duplicate journey id "${jid}"` });
      }
    });
    checkReportPeriods(config, ctx);
    for (const [name, c] of Object.entries(config.campaigns)) {
      if (c.journey !== undefined && !journeyIds.includes(c.journey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['campaigns', name, 'journey'],
          message: `unknown journey "${c.journey}"; known journeys: ${journeyIds.join(', ') || '(none)'}`,
        });
      }
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: config.report.timezone });
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['report', 'timezone'],
        message: `unknown time zone "${config.report.timezone}"; use an IANA name like "Europe/Helsinki"`,
      });
    }
  });

/** `campaign:NAME` periods name a configured campaign with a start date; no period twice. */
function checkReportPeriods(
  config: { campaigns: Record<string, { from?: string }>; report: { periods: string[] } },
  ctx: z.RefinementCtx,
): void {
  const campaigns = new Map(Object.entries(config.campaigns).map(([name, c]) => [name.trim().toLowerCase(), c]));
  const known = Object.keys(config.campaigns).sort().join(', ') || '(none)';
  config.report.periods.forEach((period, index) => {
    const path = ['report', 'periods', index];
    if (config.report.periods.indexOf(period) !== index) {
      ctx.addIssue({ code: 'custom', path, message: `"${period}" is listed twice` });
    }
    if (!period.startsWith('campaign:')) return;
    const name = period.slice('campaign:'.length).trim();
    const campaign = campaigns.get(name.toLowerCase());
    if (campaign === undefined) {
      ctx.addIssue({ code: 'custom', path, message: `unknown campaign "${name}"; known campaigns: ${known}` });
    } else if (campaign.from === undefined) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `campaign "${name}" has no period; give it "from" (and "to") dates`,
      });
    }
  });
}

/** A feedback prompt names a journey and one of its page steps. */
function checkFeedbackPrompts(
  config: { journeys: z.output<typeof journey>[]; feedback: z.output<typeof feedbackPrompt>[] },
  ctx: z.RefinementCtx,
): void {
  config.feedback.forEach((prompt, index) => {
    const target = config.journeys.find((j) => j.id === prompt.journey);
    const known = target ? null : config.journeys.map((j) => j.id).join(', ') || '(none)';
    if (!target) {
      const message = `unknown journey "${prompt.journey}"; known journeys: ${known}`;
      ctx.addIssue({ code: 'custom', path: ['feedback', index, 'journey'], message });
      return;
    }
    const step = target.steps.find((s) => s.name === prompt.step);
    if (step?.page === undefined) {
      const pages = target.steps.filter((s) => s.page !== undefined).map((s) => `"${s.name}"`);
      const message = step
        ? `step "${prompt.step}" matches an event; a prompt needs a step that matches a page: ${pages.join(', ') || '(none)'}`
        : `unknown step "${prompt.step}" in journey "${prompt.journey}"; its page steps: ${pages.join(', ') || '(none)'}`;
      ctx.addIssue({ code: 'custom', path: ['feedback', index, 'step'], message });
    }
  });
}

/** What a user writes in polku.config.ts (defaults may be left out). */
export type PolkuConfigInput = z.input<typeof configSchema>;
/** The validated config every part of Polku reads, with defaults filled in. */
export type PolkuConfig = z.output<typeof configSchema>;
export type SiteConfig = PolkuConfig['sites'][number];
export type JourneyConfig = PolkuConfig['journeys'][number];
export type StepConfig = JourneyConfig['steps'][number];
export type FeedbackPromptConfig = PolkuConfig['feedback'][number];
export type CampaignConfig = PolkuConfig['campaigns'][string];
export type RevenueConfig = NonNullable<PolkuConfig['revenue']>;
