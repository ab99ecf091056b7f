import { expect } from '@open-wc/testing';
import { parsePercent, percentValue } from './money-input.js';

describe('parsePercent', () => {
  it('reads a percentage as basis points, with at most two decimals', () => {
    for (const [text, bps] of [
      ['21', 2100],
      ['21 %', 2100],
      ['7.5', 750],
      ['8,25', 825],
      ['0', 0],
      ['100', 10_000],
      ['100.01', undefined],
      ['8.875', undefined],
      ['-1', undefined],
      ['', undefined],
    ] as const) {
      expect(parsePercent(text), JSON.stringify(text)).to.equal(bps);
    }
    for (const [bps, lang, text] of [
      [2100, undefined, '21'],
      [750, undefined, '7.5'],
      [825, 'es', '8,25'],
      [5, undefined, '0.05'],
    ] as const) {
      expect(percentValue(bps, lang), `${bps} ${lang}`).to.equal(text);
    }
  });
});
