/**
 * The outside world of domains. A `Registrar` registers, transfers and renews names and changes them at the
 * registry; an `AvailabilityChecker` only answers whether a name is free (RDAP). Every registrar is also a checker.
 *
 * Rules every implementation keeps:
 * - Names are ASCII (punycode), lower case, validated before they get here.
 * - Calls are made outside any database transaction, with a deadline (`signal`).
 * - A refusal the caller cannot fix by trying again (taken, wrong EPP code, locked at the losing registrar)
 *   throws `RegistrarError` with `permanent: true`; anything else (unreachable, timed out, 5xx) is transient.
 */

/** What a registry said about one name. */
export type Availability =
  | { status: 'available'; premium: boolean }
  | { status: 'taken' }
  | { status: 'unknown'; reason: 'timeout' | 'rate_limited' | 'error' };

export interface AvailabilityChecker {
  /** `local`, `rdap`, … */
  readonly id: string;
  /** What staff see ("Local registrar", "RDAP (IANA bootstrap)"). */
  readonly name: string;
  /** Never throws: failures are `unknown` with a reason. */
  check(name: string, options?: { signal?: AbortSignal }): Promise<Availability>;
}

/** A domain as its registrar holds it. */
export interface RegistrarDomain {
  name: string;
  registeredAt: string;
  expiresAt: string;
  nameservers: string[];
  privacy: boolean;
  locked: boolean;
}

export interface RegisterRequest {
  name: string;
  years: number;
  /**
   * The name servers to start with (Domain settings' defaults). Empty until staff set them: the registrar then
   * delegates to its own default name servers, and answers them in the `RegistrarDomain` it returns.
   */
  nameservers: string[];
  privacy: boolean;
  /** Who registers it (the account's billing contact), for the registry's records. */
  registrant: { name: string; email: string | null; company: string | null; country: string | null };
}

export interface TransferRequest {
  name: string;
  years: number;
  eppCode: string;
}

export interface Registrar extends AvailabilityChecker {
  register(request: RegisterRequest, options?: { signal?: AbortSignal }): Promise<RegistrarDomain>;
  /** Brings a name in from another registrar; resolves once the registry moved it. */
  transfer(request: TransferRequest, options?: { signal?: AbortSignal }): Promise<RegistrarDomain>;
  /** Extends by `years` from the current expiry; answers the new expiry. */
  renew(name: string, years: number, options?: { signal?: AbortSignal }): Promise<{ expiresAt: string }>;
  setNameservers(name: string, nameservers: string[], options?: { signal?: AbortSignal }): Promise<void>;
  setPrivacy(name: string, enabled: boolean, options?: { signal?: AbortSignal }): Promise<void>;
  setLock(name: string, locked: boolean, options?: { signal?: AbortSignal }): Promise<void>;
  /** The current transfer code. */
  eppCode(name: string, options?: { signal?: AbortSignal }): Promise<string>;
  /** The registrar's view of the name (expiry, name servers, lock, privacy). */
  sync(name: string, options?: { signal?: AbortSignal }): Promise<RegistrarDomain>;
}

/** A registrar's refusal or failure. `permanent`: trying again will not help (staff must look). */
export class RegistrarError extends Error {
  readonly permanent: boolean;
  readonly code: string;

  constructor(message: string, options: { permanent: boolean; code?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'RegistrarError';
    this.permanent = options.permanent;
    this.code = options.code ?? (options.permanent ? 'refused' : 'unavailable');
  }
}
