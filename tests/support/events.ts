import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../../store/index.ts';

/** A stored event with every column filled in; tests override only what they are about. */
export function storedEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const ts = overrides.ts ?? Date.UTC(2026, 2, 1, 12, 0, 0);
  return {
    id: randomUUID(),
    ts,
    receivedAt: ts,
    site: 'shop',
    name: 'pageview',
    url: `https://shop.example${overrides.path ?? '/'}`,
    path: '/',
    hostname: 'shop.example',
    referrer: null,
    referrerHost: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    channel: 'Direct',
    visitorId: 'visitor-1',
    sessionId: 'session-1',
    pageId: null,
    device: null,
    browser: null,
    os: null,
    country: null,
    props: null,
    value: null,
    ...overrides,
  };
}
