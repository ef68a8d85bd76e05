import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { describeBrowser } from '../support/chromium.ts';
import { openRecorded, playBack, type RecordedEvent, storedReplay, typedTexts } from '../support/recorded-replay.ts';
import { useRecordingBrowser } from '../support/recording-browser.ts';

/**
 * The built replay recorder in Chromium on the project's own privacy test pages
 * (tests/fixtures/privacy): what reaches the database must never contain what the visitor typed or
 * the page's text, and must play back. rrweb's own oracle pages run in the conformance suite.
 */
describeBrowser('replay recorder in the browser', () => {
  const t = useRecordingBrowser();

  it('shows only what the site unmasked, blocks media, and never unmasks a password', async () => {
    const recorder = t.page.waitForResponse((r) => r.url().endsWith('/polku-replay.js'));
    await t.page.goto(`${t.site.origin}/replay.html`);
    await recorder;
    await t.page.waitForTimeout(200);
    await t.page.fill('#unmasked', 'search words');
    await t.page.fill('#unmasked-password', 'SECRET-PASS-6');
    const { text, events } = await storedReplay(t.page, t.collector);
    expect(text).toContain('Public headline');
    expect(text).toContain('search words');
    for (const hidden of ['Private paragraph', 'Private photo', 'photo.png', 'SECRET-PASS-6'])
      expect(text).not.toContain(hidden);
    // A blocked element is kept as an empty box of its size; the unmasked logo keeps its source.
    expect(text).toMatch(
      /"tagName":"img","attributes":\{"rr_width":"[\d.]+px","rr_height":"[\d.]+px"\},"childNodes":\[\]/,
    );
    expect(text).toContain('logo.png');
    expect(events.filter((e) => e.type === 2)).toHaveLength(1);
  });

  it('starts a new recording with a full snapshot on SPA navigation, under the new page id', async () => {
    const recorder = t.page.waitForResponse((r) => r.url().endsWith('/polku-replay.js'));
    await t.page.goto(`${t.site.origin}/replay.html`);
    await recorder;
    await t.page.waitForTimeout(200);
    await t.page.click('#next');
    await t.page.waitForTimeout(300);
    await t.page.mouse.move(10, 10);
    await t.page.goto('about:blank');
    await expect
      .poll(async () => new Set((await t.collector.replayChunks()).map((c) => c.page_id)).size, { timeout: 15_000 })
      .toBe(2);
    const pageIds = (await t.collector.events('name, page_id'))
      .filter((e) => e.name === 'pageview')
      .map((e) => e.page_id);
    expect(new Set((await t.collector.replayChunks()).map((c) => c.page_id))).toEqual(new Set(pageIds));
    for (const pageId of pageIds) {
      const chunks = (await t.collector.replayChunks()).filter((c) => c.page_id === pageId);
      expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, index) => index));
      const events = chunks.flatMap(
        (c) => JSON.parse(gunzipSync(Buffer.from(c.data as string, 'base64')).toString('utf8')) as RecordedEvent[],
      );
      expect(events.some((e) => e.type === 2)).toBe(true);
    }
  });

  const privacyPage = (name: string) => openRecorded(t.page, `${t.site.origin}/privacy/${name}.html`);

  it('stores nothing typed or preset in any kind of form field, with all inputs masked', async () => {
    await privacyPage('form');
    const typed = {
      '#name': 'SECRET-NAME-1',
      '#email': 'secret-mail@example.com',
      '#phone': '+358401234567',
      '#search': 'SECRET-SEARCH-2',
      '#amount': '987654',
      '#message': 'SECRET-MESSAGE-3',
      '#password': 'SECRET-PASS-3',
    };
    for (const [field, value] of Object.entries(typed)) await t.page.fill(field, value);
    await t.page.selectOption('#plan', 'gold');
    await t.page.check('#terms');
    await t.page.check('#size-l');
    const { text, events } = await storedReplay(t.page, t.collector);
    for (const secret of [
      'SECRET-NAME-1',
      'secret-mail',
      '+358401234567',
      'SECRET-SEARCH-2',
      '987654',
      'SECRET-MESSAGE-3',
      'SECRET-PASS-3',
      'PREFILLED-SECRET',
      'PRESET-NOTES-SECRET',
      'Gold plan',
    ]) {
      expect(text).not.toContain(secret);
    }
    // Typing was recorded, masked character by character, so the check above means something.
    const masked = Object.values(typed).map((value) => '*'.repeat(value.length));
    expect(typedTexts(events)).toEqual(expect.arrayContaining(masked));
    expect(events.filter((e) => e.type === 2)).toHaveLength(1);
  });

  it('keeps a password masked after "show password" turns it into a text field', async () => {
    await privacyPage('password');
    await t.page.fill('#password', 'SECRET-PASS-4');
    await t.page.click('#show-password');
    expect(await t.page.getAttribute('#password', 'type')).toBe('text');
    await t.page.fill('#password', 'SECRET-PASS-4-SHOWN');
    const { text, events } = await storedReplay(t.page, t.collector);
    expect(text).not.toContain('SECRET-PASS-4');
    expect(text).toContain('data-rr-is-password');
    expect(typedTexts(events)).toContain('*'.repeat(13));
  });

  it('masks page text, blocks images and video, and shows only what the site unmasked', async () => {
    await privacyPage('text-media');
    await t.page.fill('#unmasked-search', 'visible words');
    await t.page.fill('#unmasked-password', 'SECRET-PASS-5');
    const { text } = await storedReplay(t.page, t.collector);
    for (const hidden of [
      'Private heading text',
      'Private paragraph',
      'nested private span',
      'Private list item',
      'private-photo.png',
      'Private caption of a person',
      'private-clip.mp4',
      'SECRET-PASS-5',
    ]) {
      expect(text).not.toContain(hidden);
    }
    for (const shown of ['Public unmasked notice', 'Public unmasked by class', 'public-logo.png', 'visible words'])
      expect(text).toContain(shown);
    // Blocked media are kept as empty boxes of their size (the image's file is missing: its alt text's size).
    expect(text).toMatch(
      /"tagName":"img","attributes":\{"rr_width":"[\d.]+px","rr_height":"[\d.]+px"\},"childNodes":\[\]/,
    );
    expect(text).toMatch(/"tagName":"video","attributes":\{"rr_width":"64px","rr_height":"48px"\},"childNodes":\[\]/);
  });

  it('plays a stored recording back to its end in the rrweb replayer', async () => {
    await privacyPage('form');
    await t.page.fill('#name', 'hello');
    await t.page.mouse.move(50, 50);
    await t.page.mouse.move(200, 120);
    await t.page.waitForTimeout(600);
    const { events } = await storedReplay(t.page, t.collector);
    const { result, errors } = await playBack(t.context, t.site.origin, events);
    const first = events[0]?.timestamp ?? 0;
    const last = events.at(-1)?.timestamp ?? 0;
    // Played to the end, and the replayed page is the form (10 inputs in form.html).
    expect(result).toEqual({ finished: true, duration: last - first, inputs: 10 });
    expect(last - first).toBeGreaterThan(200);
    expect(errors).toEqual([]);
  });
});
