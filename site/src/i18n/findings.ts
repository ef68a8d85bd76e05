import type { NumberFormats } from '../findings/sentences.ts';
import { formatChange, formatCount, formatMoney, formatPercent } from '../format.ts';
import { catalogue } from './catalogue.ts';
import { findingsWords } from './findings-words.ts';

/** The findings' words in the site's locale (the entries themselves: findings-words.ts). */
export const findingsText = catalogue(findingsWords.en, findingsWords.fi);

/** The site's number formats for the findings' sentences, in the report's currency. */
export const findingsFormats = (currency: string): NumberFormats => ({
  percent: formatPercent,
  count: formatCount,
  change: formatChange,
  money: (amount) => formatMoney(amount, currency),
});
