/**
 * Polku feedback prompt (`/polku-feedback.js`), loaded by the core tracker only when its script tag
 * has `data-feedback`. Where it asks comes from the collector's config (`GET /api/feedback-prompt`):
 * once the visitor has reached a configured page step, it asks one NPS question (0–10, optional
 * comment) after a while without input, or when the pointer leaves towards the tabs (exit intent).
 *
 * Never twice: at most once per page load; with consent (the core's `polku_id` in localStorage) the
 * time it asked is remembered in localStorage, and it does not ask again within `quiet`. Without
 * consent nothing is stored on the device.
 *
 * Accessible: a modal <dialog> (focus moves in, Escape closes, focus returns), labelled by its
 * question; the scale is a fieldset of radio buttons (arrow keys), with its ends in words for screen
 * readers; the thanks are announced from a live region. Styles live in a shadow root, so the host
 * page's CSS neither breaks the prompt nor is touched by it.
 */
import type { PromptTarget } from '../collector/feedback-target.ts';

const TEXT = {
  en: {
    question: 'How likely are you to recommend us to a friend or colleague?',
    scale: '0 means not at all likely, 10 means extremely likely.',
    low: 'Not likely',
    high: 'Very likely',
    comment: 'Anything you would like to add? (optional)',
    send: 'Send',
    close: 'Not now',
    thanks: 'Thank you for your feedback!',
  },
  fi: {
    question: 'Kuinka todennäköisesti suosittelisit meitä ystävällesi tai kollegallesi?',
    scale: '0 tarkoittaa ei lainkaan todennäköisesti, 10 erittäin todennäköisesti.',
    low: 'Epätodennäköistä',
    high: 'Erittäin todennäköistä',
    comment: 'Haluatko kertoa lisää? (vapaaehtoinen)',
    send: 'Lähetä',
    close: 'Ei nyt',
    thanks: 'Kiitos palautteestasi!',
  },
};

const CSS = `dialog{font:16px/1.4 system-ui,sans-serif;color:#1a1a1a;background:#fff;border:1px solid #888;border-radius:8px;max-width:32rem;padding:1.25rem}
h2{font-size:1.1rem;margin:0 0 .75rem}fieldset{border:0;margin:0;padding:0}
.scale{display:flex;flex-wrap:wrap;gap:.25rem}label.n{display:inline-flex;flex-direction:column;align-items:center;min-width:2rem}
.ends{display:flex;justify-content:space-between;font-size:.85rem;margin:.25rem 0 .75rem}
textarea{width:100%;box-sizing:border-box;font:inherit}button{font:inherit;margin:.75rem .5rem 0 0;padding:.4rem .9rem}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}`;

const STORE_KEY = 'polku_feedback';
const CONSENT_KEY = 'polku_id';

const start = async () => {
  const script = document.currentScript as HTMLScriptElement | null;
  const site = document.querySelector('script[data-site]')?.getAttribute('data-site');
  if (!script || !site) return;
  const api = new URL(script.src).origin;
  const response = await fetch(`${api}/api/feedback-prompt?site=${encodeURIComponent(site)}`);
  if (!response.ok) return;
  const { prompts } = (await response.json()) as { prompts: PromptTarget[] };
  if (!prompts.length) return;
  let asked = false;

  /** Times each prompt last asked this visitor: only with consent is anything read or written. */
  const remembered = (): Record<string, number> => {
    try {
      return localStorage.getItem(CONSENT_KEY) ? JSON.parse(localStorage.getItem(STORE_KEY) || '{}') : {};
    } catch {
      return {};
    }
  };
  const remember = (id: string) => {
    try {
      if (localStorage.getItem(CONSENT_KEY))
        localStorage.setItem(STORE_KEY, JSON.stringify({ ...remembered(), [id]: Date.now() }));
    } catch {}
  };

  const ask = (target: PromptTarget) => {
    if (asked) return;
    asked = true;
    remember(target.id);
    const lang = target.lang || (/^fi\b/i.test(document.documentElement.lang) ? 'fi' : 'en');
    const text = TEXT[lang];
    const question = target.question || text.question;
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const scale = Array.from(
      { length: 11 },
      (_, n) => `<label class="n"><input type="radio" name="score" value="${n}" required>${n}</label>`,
    ).join('');
    root.innerHTML = `<style>${CSS}</style><dialog aria-labelledby="q" aria-describedby="s" lang="${lang}">
<form method="dialog"><h2 id="q"></h2><fieldset><legend class="sr"></legend><p id="s" class="sr">${text.scale}</p>
<div class="scale">${scale}</div><div class="ends" aria-hidden="true"><span>${text.low}</span><span>${text.high}</span></div></fieldset>
<label for="c">${text.comment}</label><textarea id="c" rows="3" maxlength="500"></textarea>
<button type="submit" value="send">${text.send}</button><button type="button" id="x">${text.close}</button></form></dialog>
<p role="status" class="sr"></p>`;
    // The question may come from the config: set as text, never parsed as HTML.
    root.getElementById('q')!.textContent = question;
    root.querySelector('legend')!.textContent = question;
    const dialog = root.querySelector('dialog')!;
    const form = root.querySelector('form')!;
    root.getElementById('x')!.onclick = () => dialog.close();
    form.onsubmit = () => {
      const score = Number((form.elements.namedItem('score') as RadioNodeList).value);
      const comment = (root.getElementById('c') as HTMLTextAreaElement).value.trim();
      window.polku?.('feedback', { score, question, ...(comment ? { comment } : {}) });
      // After the dialog has closed (it does right after this event), when the page is no longer inert.
      setTimeout(() => {
        root.querySelector('[role=status]')!.textContent = text.thanks;
      }, 50);
    };
    document.body.append(host);
    dialog.showModal();
    (root.querySelector('input') as HTMLInputElement).focus();
  };

  /** Arms a prompt once the visitor is at its step: idle for `idleMs`, or leaving, asks. */
  const arm = (target: PromptTarget) => {
    if (Date.now() - (remembered()[target.id] ?? -Infinity) < target.quietMs) return;
    if (Math.random() >= target.rate) return;
    let timer = setTimeout(() => ask(target), target.idleMs);
    for (const type of ['pointermove', 'keydown', 'scroll', 'pointerdown']) {
      addEventListener(
        type,
        () => {
          clearTimeout(timer);
          timer = setTimeout(() => ask(target), target.idleMs);
        },
        { capture: true, passive: true },
      );
    }
    if (target.onLeave) {
      document.addEventListener('mouseout', (event) => {
        if (!event.relatedTarget && event.clientY <= 0) ask(target);
      });
    }
  };

  // Single-page apps change the path without a load: look again when it changes.
  const armed = new Set<string>();
  const check = () => {
    for (const target of prompts) {
      if (!armed.has(target.id) && new RegExp(`^(?:${target.path})$`).test(location.pathname)) {
        armed.add(target.id);
        arm(target);
      }
    }
  };
  check();
  setInterval(check, 1000);
};

start().catch(() => {});
