import { expect } from '@open-wc/testing';
import { moneyInputValue, parseMoneyInput } from './money-input.js';

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
    for (const [amount, currency, lang, text] of [
      [1250, 'USD', 'en', '12.50'],
      [1250, 'EUR', 'es', '12,50'],
      [5, 'USD', 'en', '0.05'],
      [-525, 'USD', 'en', '-5.25'],
      [1500, 'JPY', 'en', '1500'],
      [1000, 'KWD', 'es', '1,000'],
      [123_456, 'USD', 'en', '1234.56'],
      [123_456, 'USD', 'es', '1234,56'],
      [500, 'JPY', 'en', '500'],
      [1, 'KWD', 'en', '0.001'],
    ] as const) {
      expect(moneyInputValue(amount, currency, lang), `${amount} ${currency} ${lang}`).to.equal(text);
    }
    for (const [amount, currency, lang] of [
      [123456, 'EUR', 'es'],
      [1000, 'KWD', 'es'],
      [1000, 'KWD', 'en'],
      [1, 'USD', 'en'],
      [1_000_000_000_000, 'USD', 'en'],
      [99, 'USD', 'es'],
      [12_345, 'USD', 'es'],
      [99_999_999, 'USD', 'es'],
    ] as const) {
      const back = parseMoneyInput(moneyInputValue(amount, currency, lang), currency, { lang });
      expect(back, `${amount} ${currency} ${lang}`).to.deep.equal({ ok: true, amount });
    }
  });

  it('takes at most `max`, and a bare decimal mark only when asked to', () => {
    expect(parseMoneyInput('20.00', 'USD', { max: 2000 })).to.deep.equal({ ok: true, amount: 2000 });
    expect(parseMoneyInput('20.01', 'USD', { max: 2000 })).to.deep.equal({
      ok: false,
      error: 'errorAmountTooLarge',
    });
    expect(parseMoneyInput('.5', 'USD', { bareDecimal: true })).to.deep.equal({ ok: true, amount: 50 });
    expect(parseMoneyInput('12.', 'USD', { bareDecimal: true })).to.deep.equal({ ok: true, amount: 1200 });
    expect(parseMoneyInput('.', 'USD', { bareDecimal: true })).to.deep.equal({
      ok: false,
      error: 'errorAmount',
    });
  });
});
