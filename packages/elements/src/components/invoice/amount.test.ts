import { expect } from '@open-wc/testing';
import { parseAmount } from './amount.js';
import { checkCard, formatExpiry, groupCardNumber, luhn } from './card-form.js';

describe('parseAmount', () => {
  // [typed, currency, language, the most allowed, expected minor units or problem]
  const cases: [string, string, string, number, number | string][] = [
    ['12.34', 'USD', 'en', 100_000, 1234],
    ['12', 'USD', 'en', 100_000, 1200],
    ['12.5', 'USD', 'en', 100_000, 1250],
    ['0.01', 'USD', 'en', 100_000, 1],
    ['.5', 'USD', 'en', 100_000, 50],
    ['12.', 'USD', 'en', 100_000, 1200],
    [' 1 234.50 ', 'USD', 'en', 1_000_000, 123_450],
    ['1,234.50', 'USD', 'en', 1_000_000, 123_450],
    ['1,000', 'USD', 'en', 1_000_000, 100_000],
    ['1,000,000', 'USD', 'en', 1_000_000_000, 100_000_000],
    // A comma that cannot be grouping is a decimal comma, even in English.
    ['12,50', 'USD', 'en', 100_000, 1250],
    ['12,34', 'USD', 'es', 100_000, 1234],
    ['1.234,56', 'USD', 'es', 1_000_000, 123_456],
    ['1.000', 'USD', 'es', 1_000_000, 100_000],
    // A point followed by two digits is a decimal point, even in Spanish.
    ['12.50', 'USD', 'es', 100_000, 1250],
    ['500', 'JPY', 'en', 100_000, 500],
    ['1,500', 'JPY', 'en', 100_000, 1500],
    ['1.500', 'JPY', 'es', 100_000, 1500],
    ['1.234', 'KWD', 'en', 100_000, 1234],
    ['19.99', 'USD', 'en', 1999, 1999],
    // Float multiplication would make 1233.9999…; string arithmetic cannot.
    ['12.34', 'USD', 'en', 1234, 1234],
    ['4.35', 'USD', 'en', 1000, 435],
    ['9007199254740.99', 'USD', 'en', 1e15, 'over'],
    ['12.345', 'USD', 'en', 100_000, 'digits'],
    ['12,345', 'USD', 'es', 100_000, 'digits'],
    ['1.000', 'USD', 'en', 100_000, 'digits'],
    ['500.5', 'JPY', 'en', 100_000, 'digits'],
    ['500.00', 'JPY', 'en', 100_000, 'digits'],
    ['0', 'USD', 'en', 100_000, 'zero'],
    ['0.00', 'USD', 'en', 100_000, 'zero'],
    ['20.01', 'USD', 'en', 2000, 'over'],
    ['', 'USD', 'en', 100_000, 'format'],
    ['   ', 'USD', 'en', 100_000, 'format'],
    ['abc', 'USD', 'en', 100_000, 'format'],
    ['£12', 'USD', 'en', 100_000, 'format'],
    ['-5', 'USD', 'en', 100_000, 'format'],
    ['1e3', 'USD', 'en', 100_000, 'format'],
    ['1.2.3', 'USD', 'en', 100_000, 'format'],
    ['12,34,5', 'USD', 'en', 100_000, 'format'],
    ['.', 'USD', 'en', 100_000, 'format'],
  ];
  for (const [typed, currency, lang, max, expected] of cases) {
    it(`"${typed}" (${currency}, ${lang}, at most ${max}) → ${expected}`, () => {
      const parsed = parseAmount(typed, currency, lang, max);
      expect(typeof expected === 'number' ? parsed.amount : parsed.problem).to.equal(expected);
    });
  }
});

describe('card fields', () => {
  it('groups the number and adds the expiry slash as typed', () => {
    expect(groupCardNumber('4242424242424242')).to.equal('4242 4242 4242 4242');
    expect(groupCardNumber('4242-4242 42')).to.equal('4242 4242 42');
    expect(formatExpiry('1')).to.equal('1');
    expect(formatExpiry('12')).to.equal('12');
    expect(formatExpiry('123')).to.equal('12/3');
    expect(formatExpiry('12/30')).to.equal('12/30');
  });

  it('checks the number (Luhn), the expiry (format, not past) and the code', () => {
    expect(luhn('4242424242424242')).to.be.true;
    expect(luhn('4000000000003220')).to.be.true;
    expect(luhn('4242424242424241')).to.be.false;
    const now = new Date(2030, 5, 15);
    const ok = { 'card.number': '4242 4242 4242 4242', 'card.expiry': '06/30', 'card.cvc': '123' };
    expect(checkCard(ok, now)).to.deep.equal({});
    expect(
      checkCard({ 'card.number': '4242 4242 4242 4241', 'card.expiry': '13/30', 'card.cvc': '12' }, now),
    ).to.deep.equal({
      'card.number': 'invCardNumberInvalid',
      'card.expiry': 'invCardExpiryInvalid',
      'card.cvc': 'invCardCvcInvalid',
    });
    expect(checkCard({ ...ok, 'card.expiry': '05/30' }, now)).to.deep.equal({
      'card.expiry': 'invCardExpired',
    });
  });
});
