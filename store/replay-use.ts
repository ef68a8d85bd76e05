import type { Store } from './store.ts';

/**
 * What replay chunks already take, for the collector's per-site quota and per-page caps: stored
 * bytes per site, and the chunks of page loads received since \`since\` (epoch ms).
 */
export async function storedReplayUse(
  store: Store,
  since: number,
): Promise<{
  sites: { site: string; bytes: number }[];
  pages: { site: string; pageId: string; seqs: number[]; bytes: number }[];
}> {
  const sites = await store.query(
    'select site, sum(octet_length(data))::double as bytes from replay_chunks group by site order by site',
  );
  const pages = await store.query(
    `select site, page_id, to_json(list(seq order by seq))::varchar as seqs, sum(octet_length(data))::double as bytes
      from replay_chunks group by site, page_id having max(received_at) >= make_timestamp(($since * 1000)::bigint)`,
    { since },
  );
  return {
    sites: sites.map((row) => ({ site: String(row.site), bytes: Number(row.bytes) })),
    pages: pages.map((row) => ({
      site: String(row.site),
      pageId: String(row.page_id),
      seqs: JSON.parse(String(row.seqs)) as number[],
      bytes: Number(row.bytes),
    })),
  };
}
