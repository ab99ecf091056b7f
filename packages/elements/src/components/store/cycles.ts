import type { BillingCycle, ProductPrice } from '@portico/sdk';
import { formatMoney } from '../../lib/format.js';
import type { MessageKey } from '../../lib/localize.js';
import type { Translate } from '../../lib/form.js';

/** Every billing cycle, in the order the contract lists them. */
export const CYCLES: readonly BillingCycle[] = [
  'one_time',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  'biennial',
];

/** A cycle's name: "Monthly", "Every 3 months". */
export const CYCLE_KEYS: Record<BillingCycle, MessageKey> = {
  one_time: 'cycleOneTime',
  monthly: 'cycleMonthly',
  quarterly: 'cycleQuarterly',
  semiannual: 'cycleSemiannual',
  annual: 'cycleAnnual',
  biennial: 'cycleBiennial',
};

/** A price with its period: "£4.00 a month". */
const PER_CYCLE_KEYS: Record<BillingCycle, MessageKey> = {
  one_time: 'perOneTime',
  monthly: 'perMonthly',
  quarterly: 'perQuarterly',
  semiannual: 'perSemiannual',
  annual: 'perAnnual',
  biennial: 'perBiennial',
};

/** The value as a billing cycle, or undefined when it is not one (e.g. from a URL). */
export const asCycle = (value: string | null | undefined): BillingCycle | undefined =>
  CYCLES.find((cycle) => cycle === value);

/** `amount` (minor units) of `currency` with its period: "£4.00 a month". */
export function pricePer(
  t: Translate,
  lang: string,
  amount: number,
  currency: string,
  cycle: BillingCycle,
): string {
  return t(PER_CYCLE_KEYS[cycle], { price: formatMoney(lang, amount, currency) });
}

/** A price as the store shows it: "£4.00 a month", with its setup fee when there is one. */
export function priceLabel(t: Translate, lang: string, price: ProductPrice): string {
  const per = pricePer(t, lang, price.amount, price.currency, price.cycle);
  return price.setupFee
    ? t('withSetupFee', { price: per, setup: formatMoney(lang, price.setupFee, price.currency) })
    : per;
}

/** The lowest of a product's prices (the first of equal ones), for "From …". */
export function cheapest(prices: readonly ProductPrice[]): ProductPrice | undefined {
  return prices.reduce<ProductPrice | undefined>(
    (low, price) => (!low || price.amount < low.amount ? price : low),
    undefined,
  );
}

/** Plain text split into paragraphs at blank lines. */
export const paragraphs = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** An order page's link: `href` with `params` added to its query (before any `#fragment`). */
export function withParams(href: string, params: Record<string, string>): string {
  const [path = '', hash] = href.split('#', 2);
  const query = new URLSearchParams(params).toString();
  return `${path}${path.includes('?') ? '&' : '?'}${query}${hash === undefined ? '' : `#${hash}`}`;
}
