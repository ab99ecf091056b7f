import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../deps.js';
import {
  type CardInput,
  type ChargeRequest,
  type ChargeResult,
  GatewayError,
  type PaymentGateway,
  type RefundRequest,
} from './gateway.js';

/** What a test card number does. Any other number fails with "Use a test card number". */
export type TestCardOutcome = 'succeeds' | 'declined' | 'insufficient_funds' | 'challenge';

/**
 * The test gateway's card numbers (documented in docs/billing.md). Any future expiry and any CVC work; an expired
 * card fails whatever its number.
 */
export const TEST_CARDS: Readonly<Record<string, TestCardOutcome>> = {
  '4242424242424242': 'succeeds',
  '4000000000000002': 'declined',
  '4000000000009995': 'insufficient_funds',
  /** Asks for a challenge: the payment stays pending until `confirm` approves or fails it. */
  '4000000000003220': 'challenge',
};

const DECLINED = 'Your card was declined.';
const INSUFFICIENT = 'Your card has insufficient funds.';
const EXPIRED = 'Your card has expired.';
const NOT_A_TEST_CARD = 'Use a test card number.';
const CHALLENGE_FAILED = 'The card’s authentication failed.';

/** The brand by the first digit: 4 Visa, 5 Mastercard, 3 Amex; anything else is a "Card". */
export function cardBrand(number: string): string {
  return { '4': 'Visa', '5': 'Mastercard', '3': 'Amex' }[number[0] ?? ''] ?? 'Card';
}

const BRAND_CODES: Record<string, string> = { Visa: 'v', Mastercard: 'm', Amex: 'a', Card: 'c' };
const BRAND_OF_CODE = Object.fromEntries(Object.entries(BRAND_CODES).map(([brand, code]) => [code, brand]));

/** Whether an `MM/YY` expiry is over: a card is good through the last moment of its month (UTC). */
export function isExpired(expiry: string, now: Date): boolean {
  const match = /^(\d{2})\/(\d{2})$/.exec(expiry.trim());
  if (!match) return true;
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  if (month < 1 || month > 12) return true;
  // Date.UTC's month is 0-based, so `month` is the first instant of the month after the expiry month.
  return now.getTime() >= Date.UTC(year, month, 1);
}

/**
 * A gateway for trying the portal without a payment provider: it takes only the test card numbers in
 * {@link TEST_CARDS} and never moves money. Stateless: its reference (`test_<brand><last4>_<random>`) carries what
 * `confirm` needs to describe the card. The registry never offers it in production.
 */
export class TestGateway implements PaymentGateway {
  readonly id = 'test' as const;

  constructor(
    private readonly clock: Clock,
    private readonly random: () => string = () => randomBytes(8).toString('hex'),
  ) {}

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const card: CardInput | undefined = request.card;
    if (!card)
      return { status: 'failed', reference: null, method: null, message: 'Enter the card’s details.' };
    const number = card.number.replace(/\D/g, '');
    const outcome = TEST_CARDS[number];
    if (!outcome) return { status: 'failed', reference: null, method: null, message: NOT_A_TEST_CARD };
    const brand = cardBrand(number);
    const last4 = number.slice(-4);
    const method = describe(brand, last4);
    if (isExpired(card.expiry, this.clock.now())) {
      return { status: 'failed', reference: null, method, message: EXPIRED };
    }
    const reference = `test_${BRAND_CODES[brand]}${last4}_${this.random()}`;
    switch (outcome) {
      case 'succeeds':
        return { status: 'succeeded', reference, method };
      case 'declined':
        return { status: 'failed', reference, method, message: DECLINED };
      case 'insufficient_funds':
        return { status: 'failed', reference, method, message: INSUFFICIENT };
      case 'challenge':
        return { status: 'pending', reference, method, action: { type: 'test_challenge' } };
    }
  }

  /** Applies the challenge's outcome: `approve` (the default) succeeds, `fail` fails. */
  async confirm(reference: string, outcome: 'approve' | 'fail' | undefined): Promise<ChargeResult> {
    const match = /^test_([vmac])(\d{4})_[0-9a-z]+$/.exec(reference);
    if (!match) throw new GatewayError(`Not a test gateway payment: ${reference}`, false);
    const method = describe(BRAND_OF_CODE[match[1]!] ?? 'Card', match[2]!);
    return outcome === 'fail'
      ? { status: 'failed', reference, method, message: CHALLENGE_FAILED }
      : { status: 'succeeded', reference, method };
  }

  async refund(request: RefundRequest): Promise<{ reference: string }> {
    if (!request.reference.startsWith('test_')) {
      throw new GatewayError(`Not a test gateway payment: ${request.reference}`, false);
    }
    return { reference: `test_re_${this.random()}` };
  }
}

const describe = (brand: string, last4: string) => `${brand} •••• ${last4}`;
