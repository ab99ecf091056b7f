// The few parts of the Stripe-compatible browser library (Stripe.js v3) that paying an invoice uses, how it is
// loaded (only when that gateway is used), and where its card field is mounted.

/** A mounted card field (an iframe the library draws). */
export interface StripeCardElement {
  mount(container: HTMLElement): void;
  on(event: 'change', handler: (event: { error?: { message?: string } | undefined }) => void): void;
  focus?(): void;
  destroy(): void;
}

/** What `confirmCardPayment` answers: an error to show, or the intent (its status is re-read from our server). */
export interface StripeConfirmResult {
  error?: { message?: string } | undefined;
  paymentIntent?: { status: string } | undefined;
}

/** A `Stripe(publishableKey)` instance. */
export interface StripeInstance {
  elements(): { create(type: 'card', options?: Record<string, unknown>): StripeCardElement };
  confirmCardPayment(
    clientSecret: string,
    data: { payment_method: { card: StripeCardElement } },
  ): Promise<StripeConfirmResult>;
}

type StripeFactory = (publishableKey: string) => StripeInstance;

/** The slot `<portal-invoice>` shows the card field in. */
export const STRIPE_SLOT = 'stripe-card';
/** Marks the containers the element made itself (a host's own `slot="stripe-card"` element is never removed). */
const MADE = 'data-portal-stripe';

const scripts = new Map<string, Promise<void>>();

/** Loads `src` as a classic script, once per page; a failed load is forgotten so the next call tries again. */
export function loadClassicScript(src: string): Promise<void> {
  let loading = scripts.get(src);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.addEventListener('load', () => resolve(), { once: true });
      script.addEventListener(
        'error',
        () => {
          scripts.delete(src);
          script.remove();
          reject(new Error(`Could not load ${src}`));
        },
        { once: true },
      );
      document.head.append(script);
    });
    scripts.set(src, loading);
  }
  return loading;
}

const stripeGlobal = () => (window as unknown as { Stripe?: StripeFactory }).Stripe;

/** A Stripe instance for `publishableKey`, loading the library from `jsUrl` unless the page already has it. */
export async function loadStripe(jsUrl: string, publishableKey: string): Promise<StripeInstance> {
  if (typeof stripeGlobal() !== 'function') await loadClassicScript(jsUrl);
  const factory = stripeGlobal();
  if (typeof factory !== 'function') throw new Error(`${jsUrl} did not define Stripe`);
  return factory(publishableKey);
}

/**
 * The light-DOM element the card field is mounted in. Stripe's fields cannot live inside a shadow root, so the
 * element appends `<div slot="stripe-card">` to itself, which its shadow root shows through
 * `<slot name="stripe-card">` (a host's own `slot="stripe-card"` element is used instead when there is one).
 * When the element is itself inside another element's shadow root (`<portal-invoices>`, `<portal-order-form>`),
 * the slot is forwarded through that element (`<slot name="stripe-card" slot="stripe-card">`, which
 * `<portal-invoices>` renders and which is added otherwise) and the container goes into the outer element's
 * light DOM, up to the page.
 */
export function stripeContainer(host: HTMLElement): HTMLElement {
  const own = [...host.children].find((child) => child.getAttribute('slot') === STRIPE_SLOT);
  if (own instanceof HTMLElement && !(own instanceof HTMLSlotElement)) return own;
  const root = host.getRootNode();
  if (root instanceof ShadowRoot && root.host instanceof HTMLElement) {
    if (!own) {
      const forward = document.createElement('slot');
      forward.name = STRIPE_SLOT;
      forward.slot = STRIPE_SLOT;
      host.append(forward);
    }
    return stripeContainer(root.host);
  }
  const container = document.createElement('div');
  container.slot = STRIPE_SLOT;
  container.setAttribute(MADE, '');
  host.append(container);
  return container;
}

/** Removes a container `stripeContainer` made (one the page provided stays). */
export function removeStripeContainer(container: HTMLElement | undefined): void {
  if (container?.hasAttribute(MADE)) container.remove();
}

/** The card field's look, from the element's own text colour and font (its iframe cannot read our CSS). */
export function cardStyle(from: Element): Record<string, unknown> {
  const style = getComputedStyle(from);
  return {
    base: { color: style.color, fontFamily: style.fontFamily, fontSize: style.fontSize },
  };
}
