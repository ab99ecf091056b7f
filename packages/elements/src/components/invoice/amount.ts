import { type MoneyInputError, parseMoneyInput } from '../../lib/money-input.js';

/** Why a typed amount to pay was refused. */
export type AmountProblem = 'format' | 'digits' | 'zero' | 'over';

/** A typed amount in minor units, or why it was refused. */
export type ParsedAmount =
  | { amount: number; problem?: undefined }
  | { amount?: undefined; problem: AmountProblem };

const PROBLEMS: Record<MoneyInputError, AmountProblem> = {
  errorAmount: 'format',
  errorAmountDecimals: 'digits',
  // Paying a negative amount is not a thing: the pay form calls a minus sign a format problem.
  errorAmountNegative: 'format',
  errorAmountTooLarge: 'over',
};

/**
 * The amount a person typed to pay, in minor units of `currency`, more than zero and at most `max` (the balance).
 * Read by {@link parseMoneyInput} the way `lang` writes numbers, and leniently: ".5" and "12." are fine.
 *
 * @example
 * ```ts
 * parseAmount('12.34', 'USD', 'en', 5000); // { amount: 1234 }
 * parseAmount('12,345', 'USD', 'es', 5000); // { problem: 'digits' }
 * ```
 */
export function parseAmount(text: string, currency: string, lang: string, max: number): ParsedAmount {
  const parsed = parseMoneyInput(text, currency, { lang, max, bareDecimal: true });
  if (!parsed.ok) return { problem: PROBLEMS[parsed.error] };
  return parsed.amount ? { amount: parsed.amount } : { problem: 'zero' };
}
