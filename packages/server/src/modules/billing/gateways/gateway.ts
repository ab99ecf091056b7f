import type { GatewayInfo, PaymentAction } from '@portico/sdk/contract';

/** A card as the test gateway takes it (already validated by the contract's TestCardSchema). */
export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
  name?: string | undefined;
}

export interface ChargeRequest {
  /** Our payment id: also the idempotency key sent to the gateway, so a retried charge is one charge. */
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string | null;
  accountId: string;
  /** Minor units. */
  amount: number;
  currency: string;
  /** "Invoice INV-00042". */
  description: string;
  email: string | null;
  card?: CardInput | undefined;
}

/** What the gateway says about a payment, after a charge or a fresh read. */
export type ChargeResult =
  | { status: 'succeeded'; reference: string; method: string | null }
  | { status: 'failed'; reference: string | null; method: string | null; message: string }
  | { status: 'pending'; reference: string; method: string | null; action: PaymentAction };

export interface RefundRequest {
  paymentId: string;
  /** The gateway's id of the payment. */
  reference: string;
  amount: number;
  currency: string;
}

/** A webhook event that passed its signature and timestamp checks. */
export interface WebhookEvent {
  id: string;
  type: string;
  /** The gateway's id of the payment it is about (a PaymentIntent id), when it is about one. */
  reference: string | null;
}

/**
 * A payment provider. Calls go over the network and must never run inside a database transaction. Every method
 * throws {@link GatewayError} when the provider cannot be reached or refuses the request (nothing was charged).
 */
export interface PaymentGateway {
  readonly id: 'test' | 'stripe';
  /** Starts a charge. `pending` carries what the payer must still do. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /**
   * Finishes or re-reads a pending payment: the test gateway applies its challenge's outcome; the Stripe-compatible
   * gateway reads the PaymentIntent's current state (so out-of-order webhooks never matter).
   */
  confirm(reference: string, outcome: 'approve' | 'fail' | undefined): Promise<ChargeResult>;
  /** Refunds (part of) a succeeded payment. */
  refund(request: RefundRequest): Promise<{ reference: string }>;
}

/** A gateway that signs webhooks. */
export interface WebhookVerifier {
  /**
   * Checks the signature over the raw body (constant-time) and the timestamp (300 s tolerance, by `now`), then
   * parses the event. Throws {@link WebhookError} otherwise; nothing may be applied then.
   */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined, now: Date): WebhookEvent;
}

/** The provider could not be reached, timed out, or refused the request. */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly retryable = true,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GatewayError';
  }
}

/** A webhook with a bad signature, an old timestamp or a body that is not an event. */
export class WebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookError';
  }
}

/** The gateways a business has turned on, as built from its settings. */
export interface GatewayRegistry {
  /** An enabled, configured gateway that takes payments online; undefined otherwise. */
  online(id: string): PaymentGateway | undefined;
  /** Any gateway by id, enabled or not (a pending payment made before it was turned off can still finish). */
  any(id: string): PaymentGateway | undefined;
  /** The Stripe-compatible gateway's webhook verifier, when its webhook secret is set. */
  webhooks(id: 'stripe'): WebhookVerifier | undefined;
  /** What clients see in `billing.gateways`. */
  info(): GatewayInfo[];
}
