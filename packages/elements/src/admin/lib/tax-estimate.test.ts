import { expect } from '@open-wc/testing';
import type { TaxRule } from '@portico/sdk/admin';
import { estimateTotals, taxRuleFor } from './tax-estimate.js';

const rules: TaxRule[] = [
  { name: 'Sales tax', rateBps: 500, country: null, state: null },
  { name: 'IVA', rateBps: 2100, country: 'ES', state: null },
  { name: 'IGIC', rateBps: 700, country: 'ES', state: 'Canarias' },
];

describe('tax estimate', () => {
  it('picks the rule for the country and state, then the country, then every country', () => {
    expect(taxRuleFor(rules, { country: 'es', state: 'canarias' })?.name).to.equal('IGIC');
    expect(taxRuleFor(rules, { country: 'ES', state: 'Madrid' })?.name).to.equal('IVA');
    expect(taxRuleFor(rules, { country: 'US' })?.name).to.equal('Sales tax');
    expect(taxRuleFor(rules.slice(1), { country: 'US' })).to.equal(null);
  });

  it('applies the rate once to the taxable lines, rounding half away from zero', () => {
    const iva = rules[1] ?? null;
    const totals = estimateTotals(
      [
        { quantity: 3, unitAmount: 1999, taxable: true },
        { quantity: 1, unitAmount: 1000, taxable: false },
        { quantity: 1, unitAmount: -500, taxable: true },
      ],
      iva,
    );
    // Taxable 5497 × 21% = 1154.37 → 1154.
    expect(totals).to.deep.equal({ subtotal: 6497, tax: 1154, total: 7651, rule: iva });
    expect(estimateTotals([{ quantity: 1, unitAmount: 50, taxable: true }], iva).tax).to.equal(11);
    expect(estimateTotals([{ quantity: 1, unitAmount: -50, taxable: true }], iva).tax).to.equal(-11);
    expect(estimateTotals([{ quantity: 2, unitAmount: 100, taxable: true }], null)).to.deep.equal({
      subtotal: 200,
      tax: 0,
      total: 200,
      rule: null,
    });
  });
});
