import { describe, expect, it } from 'vitest';
import { wrapTablesIn } from '../../site/scroll-tables.ts';

const BOX = 'tabindex="0"';
const open = (naming: string) => `<div role="region" ${BOX} ${naming} style="max-width:100%;overflow-x:auto">`;

describe('tables scroll sideways in a box of their own, named for screen readers', () => {
  it('names the box by the caption, giving the caption an id when it has none', () => {
    expect(wrapTablesIn('<table data-testid="t"><caption>Units per step</caption><tr><td>1</td></tr></table>')).toBe(
      `${open('aria-labelledby="table-name-1"')}<table data-testid="t"><caption id="table-name-1">Units per step</caption><tr><td>1</td></tr></table></div>`,
    );
    expect(wrapTablesIn('<table><caption id="c">C</caption></table>')).toBe(
      `${open('aria-labelledby="c"')}<table><caption id="c">C</caption></table></div>`,
    );
  });

  it("without a caption: the table's own name, else the heading above it", () => {
    expect(wrapTablesIn('<h2>Trend</h2><p>x</p><table><thead><tr><th>Day</th></tr></thead></table>')).toBe(
      `<h2 id="table-name-1">Trend</h2><p>x</p>${open('aria-labelledby="table-name-1"')}<table><thead><tr><th>Day</th></tr></thead></table></div>`,
    );
    expect(wrapTablesIn('<h2 id="t">T</h2><table aria-labelledby="x"><tr><td>1</td></tr></table>')).toBe(
      `<h2 id="t">T</h2>${open('aria-labelledby="x"')}<table aria-labelledby="x"><tr><td>1</td></tr></table></div>`,
    );
  });

  it('leaves a table alone whose parent already is a region, and keeps every other byte', () => {
    const own =
      '<div class="cohort-scroll" role="region" aria-labelledby="h" tabindex="0"><table><tr><td>1</td></tr></table></div>';
    expect(wrapTablesIn(own)).toBe(own);
    const text = '<p>&lt;table&gt; <b>bold</b></p><script>"<table>"</script>';
    expect(wrapTablesIn(text)).toBe(text);
  });

  it('wraps two tables in a row each in its own box, with names that do not collide', () => {
    expect(wrapTablesIn('<table><caption>A</caption></table><table><caption>B</caption></table>')).toBe(
      `${open('aria-labelledby="table-name-1"')}<table><caption id="table-name-1">A</caption></table></div>` +
        `${open('aria-labelledby="table-name-2"')}<table><caption id="table-name-2">B</caption></table></div>`,
    );
  });
});
