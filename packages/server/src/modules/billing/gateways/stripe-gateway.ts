import * as z from 'zod';
import {
  type ChargeRequest,
  type ChargeResult,
  GatewayError,
  type PaymentGateway,
  type RefundRequest,
} from './gateway.js';

/** Where Stripe's browser library loads from when the settings name no other. */
export const STRIPE_JS_URL = 'https://js.stripe.com/v3/';

export interface StripeGatewayOptions {
  /** `https://api.stripe.com`, or a compatible server (the local stub in tests). */
  apiBase: string;
  secretKey: string;
  /** Sent to the browser with a pending payment, for the browser library to confirm it. */
  publishableKey: string | null;
  jsUrl: string | null;
  /** Per request, body included; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const CardSchema = z.object({ brand: z.string().nullish(), last4: z.string().nullish() });
const ChargeSchema = z.object({
  payment_method_details: z.object({ card: CardSchema.nullish() }).nullish(),
});
const IntentSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  client_secret: z.string().nullish(),
  last_payment_error: z.object({ message: z.string().nullish() }).nullish(),
  cancellation_reason: z.string().nullish(),
  /** An id, or the charge itself when the request asked for `expand[]=latest_charge`. */
  latest_charge: z.union([z.string(), ChargeSchema]).nullish(),
});
type Intent = z.infer<typeof IntentSchema>;
const RefundSchema = z.object({
  id: z.string().min(1),
  status: z.string().nullish(),
  failure_reason: z.string().nullish(),
});
const ErrorSchema = z.object({ error: z.object({ message: z.string().nullish() }) });

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'Amex',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/**
 * A client of the Stripe API (or any server that speaks it): PaymentIntents with automatic payment methods, so
 * the payer finishes in the browser with the publishable key and the intent's client secret. Requests are
 * form-encoded, carry the secret key as a bearer token and time out (10 s by default); creates and refunds send an
 * `Idempotency-Key`, so a retried request never charges or refunds twice.
 */
export class StripeGateway implements PaymentGateway {
  readonly id = 'stripe' as const;
  readonly #apiBase: string;
  readonly #secretKey: string;
  readonly #publishableKey: string;
  readonly #jsUrl: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: StripeGatewayOptions) {
    this.#apiBase = options.apiBase.replace(/\/+$/, '');
    this.#secretKey = options.secretKey;
    // Without a publishable key the browser cannot confirm; the action still names the intent (docs/billing.md).
    this.#publishableKey = options.publishableKey ?? '';
    this.#jsUrl = options.jsUrl ?? STRIPE_JS_URL;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const form = new URLSearchParams({
      amount: String(request.amount),
      currency: request.currency.toLowerCase(),
      description: request.description,
      'metadata[payment_id]': request.paymentId,
      'metadata[invoice_id]': request.invoiceId,
      'automatic_payment_methods[enabled]': 'true',
      'expand[]': 'latest_charge',
    });
    if (request.email) form.set('receipt_email', request.email);
    const body = await this.#request('POST', '/v1/payment_intents', form, request.paymentId);
    return this.#result(parse(IntentSchema, body));
  }

  /** Reads the PaymentIntent's current state; `outcome` is the test gateway's and is ignored here. */
  async confirm(reference: string, _outcome?: 'approve' | 'fail'): Promise<ChargeResult> {
    const path = `/v1/payment_intents/${encodeURIComponent(reference)}?expand[]=latest_charge`;
    return this.#result(parse(IntentSchema, await this.#request('GET', path)));
  }

  /**
   * Refunds (part of) a PaymentIntent. The idempotency key is `refund_<paymentId>`: one key per refund, never the
   * same as the charge's own key (Stripe refuses a key reused on another endpoint).
   */
  async refund(request: RefundRequest): Promise<{ reference: string }> {
    const form = new URLSearchParams({ payment_intent: request.reference, amount: String(request.amount) });
    const refund = parse(
      RefundSchema,
      await this.#request('POST', '/v1/refunds', form, `refund_${request.paymentId}`),
    );
    if (refund.status === 'failed' || refund.status === 'canceled') {
      throw new GatewayError(
        `The refund ${refund.status}: ${refund.failure_reason ?? 'no reason given'}`,
        false,
      );
    }
    return { reference: refund.id };
  }

  #result(intent: Intent): ChargeResult {
    const reference = intent.id;
    const method = methodOf(intent.latest_charge);
    const failed = (message: string): ChargeResult => ({ status: 'failed', reference, method, message });
    if (intent.status === 'succeeded') return { status: 'succeeded', reference, method };
    if (intent.status === 'canceled') {
      return failed(intent.last_payment_error?.message ?? 'The payment was cancelled.');
    }
    if (intent.status === 'requires_payment_method' && intent.last_payment_error) {
      return failed(intent.last_payment_error.message ?? 'The payment failed.');
    }
    // requires_payment_method (nothing tried yet), requires_confirmation, requires_action, processing: the payer
    // (or the provider) still has to act.
    if (!intent.client_secret) {
      throw new GatewayError('The payment gateway sent a pending payment without its client secret', false);
    }
    return {
      status: 'pending',
      reference,
      method,
      action: {
        type: 'stripe',
        clientSecret: intent.client_secret,
        publishableKey: this.#publishableKey,
        jsUrl: this.#jsUrl,
      },
    };
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    form?: URLSearchParams,
    idempotencyKey?: string,
  ): Promise<unknown> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#secretKey}`,
      Accept: 'application/json',
    };
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let status: number;
    let text: string;
    try {
      const response = await this.#fetch(`${this.#apiBase}${path}`, {
        method,
        headers,
        body: form?.toString(),
        // The timeout covers the body too: a server that sends headers and then stalls still times out.
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new GatewayError(`The payment gateway did not answer within ${this.#timeoutMs} ms`, true, {
          cause: error,
        });
      }
      throw new GatewayError(`Could not reach the payment gateway: ${messageOf(error)}`, true, {
        cause: error,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (status < 200 || status >= 300) {
      const parsed = ErrorSchema.safeParse(body);
      const detail = (parsed.success && parsed.data.error.message) || `HTTP ${status}`;
      // 409 is a concurrent request with the same idempotency key: trying again later is right.
      const retryable = status >= 500 || status === 429 || status === 409;
      throw new GatewayError(`The payment gateway refused the request: ${detail}`, retryable);
    }
    if (body === undefined) throw new GatewayError('The payment gateway answered with something not JSON');
    return body;
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new GatewayError(
      `The payment gateway answered unexpectedly: ${z.prettifyError(result.error)}`,
      false,
    );
  }
  return result.data;
}

/** "Visa •••• 4242" from an expanded latest charge; null when the charge is not expanded or not a card. */
function methodOf(charge: Intent['latest_charge']): string | null {
  const card = typeof charge === 'object' ? charge?.payment_method_details?.card : undefined;
  if (!card?.last4) return null;
  const brand = card.brand
    ? (BRANDS[card.brand] ?? card.brand[0]!.toUpperCase() + card.brand.slice(1))
    : 'Card';
  return `${brand} •••• ${card.last4}`;
}

const messageOf = (error: unknown): string => {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
};
