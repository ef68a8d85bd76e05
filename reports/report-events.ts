import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { SqlParams } from './sql-params.ts';

/**
 * Temporary view: the events of the sites the config names. One database may hold several sites
 * (one collector for all of them) while each build's config names only some: every report query
 * that reads events at large (totals, sessions, campaigns, site averages) reads this view, so the
 * other sites' events can appear in no page and no count. Journey funnels filter by their own
 * site already, and the queries after them join events by the units they found.
 */
export const REPORT_EVENTS = 'report_events';
const REPORT_SITES = 'report_sites';

/** Defines REPORT_EVENTS for `config` on the store's connection (before any report query). */
export async function defineReportEvents(store: Store, config: PolkuConfig): Promise<void> {
  const params = new SqlParams();
  // The schema requires at least one site, so the list is never empty.
  const sites = config.sites.map((site) => `(${params.bind(site.id, 'site')})`).join(', ');
  // A table, not bound values in the view: a view cannot keep parameters.
  await store.query(
    `create or replace temporary table ${REPORT_SITES} as select * from (values ${sites}) v(site)`,
    params.values,
  );
  await store.query(
    `create or replace temporary view ${REPORT_EVENTS} as
      select * from events where site in (select site from ${REPORT_SITES})`,
  );
}
