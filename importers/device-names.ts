import type { Device } from '../collector/enrich/device.ts';

/**
 * Other tools name devices, browsers and systems their own way; collected events carry bowser's names
 * (collector/enrich/device.ts). Where a file has no user agent to parse, the common names are mapped
 * to bowser's, so a report's "Safari" or "macOS" is one row whatever the data came from.
 */
const DEVICES: Record<string, string> = { 'smart tv': 'tv', 'connected tv': 'tv', console: 'tv' };
const BROWSERS: Record<string, string> = {
  edge: 'Microsoft Edge',
  'mobile safari': 'Safari',
  'safari (in-app)': 'Safari',
  'chrome ios': 'Chrome',
  'firefox ios': 'Firefox',
  'samsung internet': 'Samsung Internet for Android',
  'android webview': 'Chrome',
};
const SYSTEMS: Record<string, string> = {
  'mac os x': 'macOS',
  'mac os': 'macOS',
  macintosh: 'macOS',
  macos: 'macOS',
  chromeos: 'Chrome OS',
  'chrome os': 'Chrome OS',
  ios: 'iOS',
  android: 'Android',
  windows: 'Windows',
  linux: 'Linux',
};

const named = (value: string | null, names: Record<string, string>): string | null => {
  const trimmed = value?.trim();
  if (!trimmed || trimmed === '(not set)') return null;
  return names[trimmed.toLowerCase()] ?? trimmed;
};

export function deviceFromNames(device: string | null, browser: string | null, os: string | null): Device {
  const type = named(device, DEVICES);
  return {
    device: type === null ? null : type.toLowerCase(),
    browser: named(browser, BROWSERS),
    os: named(os, SYSTEMS),
  };
}
