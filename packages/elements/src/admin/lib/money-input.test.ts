import { expect } from '@open-wc/testing';
import { moneyInputValue, parseMoneyInput, parsePercent, percentValue } from './money-input.js';

describe('parseMoneyInput', () => {
  const cases: [text: string, currency: string, lang: string, expected: number | string][] = [
    ['12.50', 'USD', 'en', 1250],
    ['12.5', 'USD', 'en', 1250],
    ['12', 'USD', 'en', 1200],
    ['0.01', 'USD', 'en', 1],
    ['.5', 'USD', 'en', 'errorAmount'],
    ['12.', 'USD', 'en', 'errorAmount'],
    [' 1 234.56 ', 'USD', 'en', 123456],
    ['1,234.56', 'USD', 'en', 123456],
    ['1,234', 'USD', 'en', 123400],
    ['1,234,567', 'USD', 'en', 123456700],
    ['12,5', 'USD', 'en', 1250],
    ['1.234,56', 'EUR', 'es', 123456],
    ['1.234', 'EUR', 'es', 123400],
    ['12,50', 'EUR', 'es', 1250],
    ['12.50', 'EUR', 'es', 1250],
    ["1'234.50", 'CHF', 'de-CH', 123450],
    ['1.234', 'USD', 'en', 'errorAmountDecimals'],
    ['10.999', 'USD', 'en', 'errorAmountDecimals'],
    ['1500', 'JPY', 'en', 1500],
    ['1,500', 'JPY', 'en', 1500],
    ['10.5', 'JPY', 'en', 'errorAmountDecimals'],
    ['1.234', 'KWD', 'en', 1234],
    ['1.5', 'KWD', 'en', 1500],
    // The float trap: 0.1 + 0.2 and 1.005 × 100 are not what they look like; strings are.
    ['0.29', 'USD', 'en', 29],
    ['1.005', 'KWD', 'en', 1005],
    ['4.35', 'USD', 'en', 435],
    ['9999999999.99', 'USD', 'en', 999999999999],
    ['10000000000.00', 'USD', 'en', 1_000_000_000_000],
    ['10000000000.01', 'USD', 'en', 'errorAmountTooLarge'],
    ['99999999999999999999', 'USD', 'en', 'errorAmountTooLarge'],
    ['-5', 'USD', 'en', 'errorAmountNegative'],
    ['abc', 'USD', 'en', 'errorAmount'],
    ['1e3', 'USD', 'en', 'errorAmount'],
    ['', 'USD', 'en', 'errorAmount'],
    ['1.2.3', 'USD', 'en', 'errorAmount'],
    ['1,23,456', 'USD', 'en', 'errorAmount'],
    ['12.345,6', 'EUR', 'en', 1234560],
    ['1.234.5', 'EUR', 'es', 'errorAmount'],
  ];
  for (const [text, currency, lang, expected] of cases) {
    it(`reads ${JSON.stringify(text)} in ${currency} (${lang}) as ${expected}`, () => {
      const result = parseMoneyInput(text, currency, { lang });
      expect(result).to.deep.equal(
        typeof expected === 'number' ? { ok: true, amount: expected } : { ok: false, error: expected },
      );
    });
  }

  it('takes a minus sign only when negative amounts are allowed', () => {
    expect(parseMoneyInput('-5.25', 'USD', { negative: true })).to.deep.equal({ ok: true, amount: -525 });
    expect(parseMoneyInput('−5', 'USD', { negative: true })).to.deep.equal({ ok: true, amount: -500 });
    expect(parseMoneyInput('+5', 'USD')).to.deep.equal({ ok: true, amount: 500 });
    expect(parseMoneyInput('-0', 'USD')).to.deep.equal({ ok: true, amount: 0 });
  });

  it('writes minor units back in the reader’s decimal mark, and reads them again', () => {
    expect(moneyInputValue(1250, 'USD', 'en')).to.equal('12.50');
    expect(moneyInputValue(1250, 'EUR', 'es')).to.equal('12,50');
    expect(moneyInputValue(5, 'USD', 'en')).to.equal('0.05');
    expect(moneyInputValue(-525, 'USD', 'en')).to.equal('-5.25');
    expect(moneyInputValue(1500, 'JPY', 'en')).to.equal('1500');
    expect(moneyInputValue(1000, 'KWD', 'es')).to.equal('1,000');
    for (const [amount, currency, lang] of [
      [123456, 'EUR', 'es'],
      [1000, 'KWD', 'es'],
      [1000, 'KWD', 'en'],
      [1, 'USD', 'en'],
      [1_000_000_000_000, 'USD', 'en'],
    ] as const) {
      const back = parseMoneyInput(moneyInputValue(amount, currency, lang), currency, { lang });
      expect(back, `${amount} ${currency} ${lang}`).to.deep.equal({ ok: true, amount });
    }
  });
});

describe('parsePercent', () => {
  it('reads a percentage as basis points, with at most two decimals', () => {
    expect(parsePercent('21')).to.equal(2100);
    expect(parsePercent('21 %')).to.equal(2100);
    expect(parsePercent('7.5')).to.equal(750);
    expect(parsePercent('8,25')).to.equal(825);
    expect(parsePercent('0')).to.equal(0);
    expect(parsePercent('100')).to.equal(10_000);
    expect(parsePercent('100.01')).to.equal(undefined);
    expect(parsePercent('8.875')).to.equal(undefined);
    expect(parsePercent('-1')).to.equal(undefined);
    expect(parsePercent('')).to.equal(undefined);
    expect(percentValue(2100)).to.equal('21');
    expect(percentValue(750)).to.equal('7.5');
    expect(percentValue(825, 'es')).to.equal('8,25');
    expect(percentValue(5)).to.equal('0.05');
  });
});
