/** One enriched event as the store writes it: the collector's output, the reports' input. */
export interface StoredEvent {
  id: string;
  /** Client time corrected for skew, epoch milliseconds UTC. */
  ts: number;
  receivedAt: number;
  site: string;
  name: string;
  url: string;
  path: string;
  hostname: string;
  referrer: string | null;
  referrerHost: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  channel: string | null;
  visitorId: string;
  sessionId: string;
  pageId: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  country: string | null;
  props: Record<string, string | number | boolean> | null;
  value: number | null;
}
