import type { APIRoute } from 'astro';
import { toCsv } from '../../../../../reports/index.ts';
import { type CampaignReport, pages } from '../../../data.ts';

/** A campaign's daily trend as CSV, in the CSV dialect of the report files. */
export function getStaticPaths() {
  return pages.campaigns.map(({ campaign }) => ({ params: { slug: campaign.slug }, props: { campaign } }));
}

export const GET: APIRoute = ({ props }) => {
  const days = (props.campaign as CampaignReport).daily;
  return new Response(
    toCsv(
      ['day', 'sessions', 'visitors', 'value'],
      days.map((day) => [day.day, day.sessions, day.visitors, day.value]),
    ),
  );
};
