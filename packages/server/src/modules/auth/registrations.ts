import type { Logger } from 'pino';

/** A registration that just completed: the address is proven and the account exists. */
export interface Registered {
  userId: string;
  accountId: string;
  /** The referral the visitor came with (`clk_…` or an affiliate's code), from the form or the referral cookie. */
  referral: string | undefined;
  now: string;
}

/**
 * What other modules do when someone finishes registering (the affiliate programme attributes the account).
 * Listeners run after the sign-up committed; one that fails is logged and never undoes or fails the sign-up.
 */
export class RegistrationEvents {
  readonly #listeners: Array<(registered: Registered) => Promise<void>> = [];

  on(listener: (registered: Registered) => Promise<void>): void {
    this.#listeners.push(listener);
  }

  async emit(registered: Registered, logger: Logger): Promise<void> {
    for (const listener of this.#listeners) {
      try {
        await listener(registered);
      } catch (error) {
        logger.error({ err: error, accountId: registered.accountId }, 'registration listener failed');
      }
    }
  }
}
