import { expect, it } from 'vitest';
import { describeBrowser } from '../support/chromium.ts';
import { openRecorded, playBack, storedReplay, typedTexts } from '../support/recorded-replay.ts';
import { useRecordingBrowser } from '../support/recording-browser.ts';
import { describeConformance } from '../support/shared-fixtures.ts';

/**
 * Conformance: the built replay recorder on rrweb's own privacy oracle pages, read in place from
 * shared/fixtures/rrweb/privacy_oracles. No typed secret may reach the database, and the recording
 * must play back.
 */
describeConformance('rrweb privacy oracles', () => {
  describeBrowser('replay recorder on rrweb privacy oracle pages', () => {
    const t = useRecordingBrowser();

    const oracle = (name: string) => openRecorded(t.page, `${t.site.origin}/oracles/${name}.html`);

    it('stores no typed secret from a form, with all inputs masked', async () => {
      await oracle('form');
      await t.page.fill('input[type="text"]', 'SECRET-TEXT-1');
      await t.page.fill('textarea[data-unmask-example]', 'SECRET-AREA-2');
      await t.page.fill('input[type="password"]', 'SECRET-PASS-3');
      await t.page.check('input[type="checkbox"]');
      await t.page.selectOption('select', '2');
      const { text, events } = await storedReplay(t.page, t.collector);
      for (const secret of ['SECRET-TEXT-1', 'SECRET-AREA-2', 'SECRET-PASS-3', 'pre value']) {
        expect(text).not.toContain(secret);
      }
      // Typing was recorded (as masked input events), so the check above means something.
      expect(typedTexts(events)).toContain('*************');
      expect(events.filter((e) => e.type === 2)).toHaveLength(1);
    });

    it('keeps a password masked after "show password" turns it into a text field', async () => {
      await oracle('password');
      await t.page.fill('#password', 'SECRET-PASS-4');
      await t.page.click('#show-password');
      await t.page.fill('#password', 'SECRET-PASS-4-SHOWN');
      const { text } = await storedReplay(t.page, t.collector);
      expect(text).not.toContain('SECRET-PASS-4');
      expect(text).toContain('data-rr-is-password');
    });

    it('masks all page text by default', async () => {
      await oracle('mask-text');
      const { text } = await storedReplay(t.page, t.collector);
      for (const visible of ['mask1', 'mask2', 'mask3', 'unmask1', 'Mask text']) expect(text).not.toContain(visible);
      expect(text).toContain('*****');
    });

    it('plays a stored recording back to its end in the rrweb replayer', async () => {
      await oracle('form');
      await t.page.fill('input[type="text"]', 'hello');
      await t.page.mouse.move(50, 50);
      await t.page.mouse.move(200, 120);
      await t.page.waitForTimeout(600);
      const { events } = await storedReplay(t.page, t.collector);
      const { result, errors } = await playBack(t.context, t.site.origin, events);
      const first = events[0]?.timestamp ?? 0;
      const last = events.at(-1)?.timestamp ?? 0;
      // Played to the end, and the replayed page is the form (5 inputs in form.html).
      expect(result).toEqual({ finished: true, duration: last - first, inputs: 5 });
      expect(last - first).toBeGreaterThan(200);
      expect(errors).toEqual([]);
    });
  });
});
