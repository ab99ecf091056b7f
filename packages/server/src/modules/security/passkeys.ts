import type { Passkey, PasskeyCredentialJson, PasskeyOptions } from '@portico/sdk/contract';
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL, isoUint8Array } from '@simplewebauthn/server/helpers';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { WebauthnChallengesTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { type SessionAuth, unauthenticated } from '../../http/auth.js';
import type { Limit, RateLimiter } from '../../http/rate-limit.js';
import type { AuditActor, AuditLog, AuditOrigin } from '../audit/audit-log.js';
import type { AuthService, IssuedSession, RequestMeta } from '../auth/service.js';
import type { Settings } from '../settings/settings.js';
import { passkeyFailed, passkeyNotFound } from './errors.js';
import type { SecurityNotices } from './notices.js';
import { type PasskeyRow, PasskeyStore } from './passkey-store.js';

/** How long a WebAuthn challenge (registration or sign-in) may be answered. */
export const PASSKEY_CHALLENGE_SECONDS = 300;
/** Passkey sign-in attempts per IP: asking for options (each page load may) and answering them. */
export const PASSKEY_LIMITS = {
  options: { max: 100, windowSeconds: 900 },
  login: { max: 50, windowSeconds: 900 },
} as const satisfies Record<string, Limit>;

export interface PasskeysDeps {
  db: Db;
  settings: Settings;
  notices: SecurityNotices;
  audit: AuditLog;
  rate: RateLimiter;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  auth: AuthService;
}

function toPasskey(row: PasskeyRow): Passkey {
  return {
    id: row.id,
    name: row.name,
    backedUp: row.backed_up === 1,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

const transportsOf = (row: PasskeyRow): AuthenticatorTransportFuture[] =>
  JSON.parse(row.transports) as AuthenticatorTransportFuture[];

/** A name for a passkey its owner did not name, from where the authenticator lives. */
function defaultName(attachment: string | null | undefined): string {
  if (attachment === 'platform') return 'Device passkey';
  if (attachment === 'cross-platform') return 'Security key';
  return 'Passkey';
}

/**
 * Passkeys (WebAuthn, @simplewebauthn/server): adding them from the security page, listing, renaming and removing
 * them, and signing in with one alone. User verification is always required, so a passkey is two factors on its
 * own. Every challenge lives 5 minutes and is spent by its first answer, right or wrong.
 */
export class Passkeys {
  readonly #d: PasskeysDeps;
  readonly #store: PasskeyStore;

  constructor(deps: PasskeysDeps) {
    this.#d = deps;
    this.#store = new PasskeyStore(deps.db);
  }

  #now(): Date {
    return this.#d.clock.now();
  }

  /** Origins a ceremony may come from: the server's own and every allowed embedding site. */
  #origins(): string[] {
    const { config, settings } = this.#d;
    return [...new Set([config.publicOrigin, ...config.allowedOrigins, ...settings.extraOrigins()])];
  }

  async #user(userId: string) {
    const user = await this.#store.findUser(userId);
    // The session was just authenticated, so its user exists; a race with a deletion reads as signed out.
    if (!user) throw unauthenticated();
    return user;
  }

  #actor(user: { id: string; email: string }): AuditActor {
    return { type: 'user', id: user.id, label: user.email };
  }

  async #challenge(
    purpose: WebauthnChallengesTable['purpose'],
    userId: string | null,
    challenge: string,
  ): Promise<string> {
    const now = this.#now();
    const id = this.#d.ids('wac');
    await this.#store.insertChallenge({
      id,
      purpose,
      user_id: userId,
      challenge,
      expires_at: new Date(now.getTime() + PASSKEY_CHALLENGE_SECONDS * 1000).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    });
    return id;
  }

  // The security page

  async list(auth: SessionAuth): Promise<{ items: Passkey[] }> {
    return { items: (await this.#store.listByUser(auth.userId)).map(toPasskey) };
  }

  /** Creation options for a new passkey of the signed-in user (a discoverable one, user verification required). */
  async registrationOptions(auth: SessionAuth): Promise<PasskeyOptions> {
    const user = await this.#user(auth.userId);
    const existing = await this.#store.listByUser(user.id);
    const options = await generateRegistrationOptions({
      rpName: this.#d.settings.current.businessName,
      rpID: this.#d.config.webauthnRpId,
      userName: user.email,
      userDisplayName: user.name,
      // The user handle is the user's id: random, stable, and no personal data.
      userID: isoUint8Array.fromUTF8String(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: transportsOf(p) })),
      authenticatorSelection: {
        residentKey: 'required',
        requireResidentKey: true,
        userVerification: 'required',
      },
      timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
    });
    const challengeId = await this.#challenge('register', user.id, options.challenge);
    return { challengeId, options: { ...options } };
  }

  /** Verifies the authenticator's answer to a registration challenge and keeps the new passkey. */
  async register(
    auth: SessionAuth,
    input: { challengeId: string; name?: string | undefined; credential: PasskeyCredentialJson },
    origin: AuditOrigin,
  ): Promise<Passkey> {
    const user = await this.#user(auth.userId);
    const nowIso = this.#now().toISOString();
    const expectedChallenge = await this.#store.spendChallenge(
      input.challengeId,
      'register',
      user.id,
      nowIso,
    );
    if (!expectedChallenge) throw passkeyFailed();
    const info = await verifyRegistrationResponse({
      response: input.credential as unknown as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: this.#origins(),
      expectedRPID: this.#d.config.webauthnRpId,
      requireUserVerification: true,
    }).then(
      (result) => (result.verified ? result.registrationInfo : undefined),
      () => undefined,
    );
    if (!info) throw passkeyFailed();
    const row = {
      id: this.#d.ids('pky'),
      user_id: user.id,
      credential_id: info.credential.id,
      public_key: Buffer.from(info.credential.publicKey),
      counter: info.credential.counter,
      transports: JSON.stringify(info.credential.transports ?? []),
      device_type: info.credentialDeviceType,
      backed_up: info.credentialBackedUp ? 1 : 0,
      name: input.name ?? defaultName(input.credential.authenticatorAttachment),
      created_at: nowIso,
      last_used_at: null,
    } satisfies PasskeyRow;
    if (!(await this.#store.insert(row))) throw passkeyFailed();
    await this.#d.notices.send(user, 'passkey-added', row.name);
    await this.#d.audit.record({
      actor: this.#actor(user),
      action: 'security.passkey_added',
      target: { type: 'passkey', id: row.id },
      accountId: auth.accountId,
      origin,
      details: { name: row.name, backedUp: info.credentialBackedUp },
    });
    return toPasskey(row);
  }

  async rename(auth: SessionAuth, passkeyId: string, name: string): Promise<Passkey> {
    const row = await this.#store.rename(passkeyId, auth.userId, name);
    if (!row) throw passkeyNotFound();
    return toPasskey(row);
  }

  async remove(auth: SessionAuth, passkeyId: string, origin: AuditOrigin): Promise<void> {
    const removed = await this.#store.remove(passkeyId, auth.userId);
    if (!removed) throw passkeyNotFound();
    const user = await this.#user(auth.userId);
    await this.#d.notices.send(user, 'passkey-removed', removed.name);
    await this.#d.audit.record({
      actor: this.#actor(user),
      action: 'security.passkey_removed',
      target: { type: 'passkey', id: passkeyId },
      accountId: auth.accountId,
      origin,
      details: { name: removed.name },
    });
  }

  // Sign-in

  /** Request options for a passkey sign-in: discoverable (no list of credentials), user verification required. */
  async loginOptions(origin: AuditOrigin): Promise<PasskeyOptions> {
    await this.#d.rate.hit(`passkey-options:ip:${origin.ip ?? 'unknown'}`, PASSKEY_LIMITS.options);
    const options = await generateAuthenticationOptions({
      rpID: this.#d.config.webauthnRpId,
      userVerification: 'required',
      timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
    });
    const challengeId = await this.#challenge('authenticate', null, options.challenge);
    return { challengeId, options: { ...options } };
  }

  /**
   * Signs in with a passkey's assertion: the challenge is spent, the signature, origin, RP ID and user
   * verification checked, the counter moved on. Any failure is the same 400 PASSKEY_FAILED.
   */
  async login(
    input: { challengeId: string; credential: PasskeyCredentialJson },
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    await this.#d.rate.hit(`passkey-login:ip:${meta.ip ?? 'unknown'}`, PASSKEY_LIMITS.login);
    const nowIso = this.#now().toISOString();
    const expectedChallenge = await this.#store.spendChallenge(
      input.challengeId,
      'authenticate',
      null,
      nowIso,
    );
    const passkey = expectedChallenge ? await this.#store.findByCredentialId(input.credential.id) : undefined;
    const verified =
      expectedChallenge && passkey ? await this.#verify(passkey, expectedChallenge, input.credential) : false;
    if (!verified || !passkey) {
      await this.#d.audit.record({
        actor: passkey ? { type: 'user', id: passkey.user_id } : { type: 'anonymous' },
        action: 'auth.sign_in_failed',
        origin: meta,
        details: { method: 'passkey' },
      });
      throw passkeyFailed();
    }
    return this.#d.auth.signInWithStrongProof(passkey.user_id, meta, 'passkey');
  }

  /** Checks an assertion against a stored passkey and records its use; false on any failure. */
  async #verify(passkey: PasskeyRow, expectedChallenge: string, credential: PasskeyCredentialJson) {
    const userHandle = credential.response.userHandle;
    // A discoverable credential names its user: it must be the passkey's owner.
    if (
      userHandle !== undefined &&
      userHandle !== null &&
      userHandle !== isoBase64URL.fromUTF8String(passkey.user_id)
    )
      return false;
    const result = await verifyAuthenticationResponse({
      response: credential as unknown as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: this.#origins(),
      expectedRPID: this.#d.config.webauthnRpId,
      credential: {
        id: passkey.credential_id,
        publicKey: new Uint8Array(passkey.public_key),
        counter: passkey.counter,
        transports: transportsOf(passkey),
      },
      requireUserVerification: true,
    }).catch(() => undefined);
    if (!result?.verified || !result.authenticationInfo.userVerified) return false;
    return this.#store.recordUse(passkey.id, passkey.counter, {
      counter: result.authenticationInfo.newCounter,
      backedUp: result.authenticationInfo.credentialBackedUp,
      now: this.#now().toISOString(),
    });
  }

  /** Deletes WebAuthn challenges that expired before `before`. */
  sweep(before: string): Promise<number> {
    return this.#store.sweepChallenges(before);
  }
}
