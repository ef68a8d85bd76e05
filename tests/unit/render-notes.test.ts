import { describe, expect, it } from 'vitest';
import { isAllowedLink, renderNotes } from '../../site/src/notes/render-notes.ts';

describe("a campaign owner's notes, rendered safely", () => {
  it("renders Markdown, with headings under the page's own (# → h3)", () => {
    expect(
      renderNotes(
        '# What we learned\n\nThe **newsletter** sold; the banners did not.\n\n- Send on Tuesdays\n- Shorter subject lines\n',
      ),
    ).toBe(
      '<h3>What we learned</h3>\n<p>The <strong>newsletter</strong> sold; the banners did not.</p>\n<ul>\n<li>Send on Tuesdays</li>\n<li>Shorter subject lines</li>\n</ul>\n',
    );
  });

  it('shows raw HTML as text: script tags, onerror attributes, iframes', () => {
    expect(
      renderNotes(
        '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nA <iframe src="https://evil.example"></iframe> in a line.',
      ),
    ).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>&lt;img src=x onerror=alert(1)&gt;</p>\n<p>A &lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt; in a line.</p>\n',
    );
    expect(renderNotes('<a href="https://x.example" onclick="steal()">raw</a> and `<b>`')).toBe(
      '<p>&lt;a href=&quot;https://x.example&quot; onclick=&quot;steal()&quot;&gt;raw&lt;/a&gt; and <code>&lt;b&gt;</code></p>\n',
    );
  });

  it('links only to http(s), mailto and relative addresses; other schemes stay the text they were written as', () => {
    expect(
      renderNotes(
        '[a](https://shop.example/lamps?utm=x) [b](mailto:aino@shop.example) [c](../journeys/checkout/) [d](javascript:alert(1)) [e](JaVaScRiPt:alert(1)) [f](data:text/html,<b>hi</b>) [g](vbscript:msgbox) [h](java&#x09;script:alert(1))',
      ),
    ).toBe(
      '<p><a href="https://shop.example/lamps?utm=x">a</a> <a href="mailto:aino@shop.example">b</a> <a href="../journeys/checkout/">c</a> [d](javascript:alert(1)) [e](JaVaScRiPt:alert(1)) [f](data:text/html,&lt;b&gt;hi&lt;/b&gt;) [g](vbscript:msgbox) [h](java\tscript:alert(1))</p>\n',
    );
    expect(renderNotes('<javascript:alert(1)> <https://shop.example>')).toBe(
      '<p>&lt;javascript:alert(1)&gt; <a href="https://shop.example">https://shop.example</a></p>\n',
    );
  });

  it('turns images into links to them (nothing is loaded), and drops those whose address is not allowed', () => {
    expect(
      renderNotes('![the banner](https://cdn.example/banner.png) ![](charts/week.png) ![x](javascript:alert(1))'),
    ).toBe(
      '<p><a href="https://cdn.example/banner.png">the banner</a> <a href="charts/week.png">charts/week.png</a> ![x](javascript:alert(1))</p>\n',
    );
  });

  it('decides links by scheme: a colon before the path means a scheme', () => {
    expect(
      ['https://a.example', 'HTTP://a.example', 'mailto:a@b.fi', 'notes.md', '/x', '?q=1', '#top', 'a/b:c'].map(
        isAllowedLink,
      ),
    ).toEqual([true, true, true, true, true, true, true, true]);
    expect(
      ['javascript:x', 'data:x', 'file:///etc/passwd', 'ftp://a.example', 'java%09script:x', 'tel:123'].map(
        isAllowedLink,
      ),
    ).toEqual([false, false, false, false, false, false]);
  });
});
