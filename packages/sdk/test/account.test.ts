import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createPortalClient, isMfaRequired, isPortalApiError, type Session } from '../src/index.js';
import { type PorticoServer, startPortico } from './portico-server.js';

/** RFC 6238 (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app computes it. */
function totp(secret: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('the account resources against a real Portico server', () => {
  let portico: PorticoServer;
  let baseUrl: string;
  const email = 'grace@example.com';
  const password = 'a ship in harbour is safe';
  const codeFor = (to: string) => portico.codeFor(to);

  before(async () => {
    portico = await startPortico();
    baseUrl = portico.baseUrl;
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    await portal.auth.register({ name: 'Grace Hopper', email, password });
    await portal.auth.verifyEmail({ email, code: await codeFor(email) });
  });
  after(() => portico.close());

  test('profile: read, change the account, and the name change reaches session listeners', async () => {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    await portal.auth.login({ email, password });
    const seen: Array<Session | null> = [];
    portal.auth.onSessionChange((s) => seen.push(s));
    const profile = await portal.account.getProfile();
    assert.equal(profile.user.email, email);
    assert.equal(profile.canEdit, true);
    const changed = await portal.account.updateProfile({ company: 'US Navy', phone: '+1 555 0100' });
    assert.equal(changed.account.company, 'US Navy');
    const session = await portal.account.updateMe({ name: 'Rear Admiral Hopper' });
    assert.equal(session.user.name, 'Rear Admiral Hopper');
    assert.deepEqual(
      seen.map((s) => s?.user.name),
      ['Rear Admiral Hopper'],
    );
    const sessions = await portal.account.sessions();
    assert.ok(sessions.some((s) => s.current));
  });

  test('an API token reads what its scopes allow and can never manage tokens', async () => {
    const owner = createPortalClient({ baseUrl, mode: 'token' });
    await owner.auth.login({ email, password });

    const created = await owner.tokens.create({
      name: 'Reporting',
      scopes: ['profile:read'],
      expiresInDays: 30,
    });
    assert.match(created.token, /^pt_/);
    assert.deepEqual(
      (await owner.tokens.list()).map((t) => t.name),
      ['Reporting'],
    );

    const script = createPortalClient({ baseUrl, token: created.token });
    assert.equal(script.mode, 'token', 'a token implies token mode');
    assert.equal((await script.account.getProfile()).user.email, email);
    const refused = await script.tokens.list().catch((e) => e);
    assert.ok(isPortalApiError(refused, 'TOKEN_NOT_ALLOWED'));
    const outOfScope = await script.account.updateProfile({ company: 'Nope' }).catch((e) => e);
    assert.ok(isPortalApiError(outOfScope, 'PERMISSION_DENIED'));

    await owner.tokens.revoke(created.id);
    const revoked = await script.account.getProfile().catch((e) => e);
    assert.ok(isPortalApiError(revoked, 'UNAUTHENTICATED'));
  });

  test('contacts: the owner adds one, who then switches between accounts', async () => {
    const owner = createPortalClient({ baseUrl, mode: 'token' });
    await owner.auth.login({ email, password });
    const contact = await owner.contacts.add({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      role: 'billing',
    });
    assert.equal(contact.status, 'invited');
    assert.deepEqual(
      (await owner.contacts.list()).map((c) => c.email),
      ['ada@example.com'],
    );

    // Ada also has an account of her own: she signs up, then finds Grace's account in her session.
    const ada = createPortalClient({ baseUrl, mode: 'token' });
    await ada.auth.register({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      password: 'analytical engine',
    });
    const session = await ada.auth.verifyEmail({
      email: 'ada@example.com',
      code: await codeFor('ada@example.com'),
    });
    assert.ok(!isMfaRequired(session));
    const grace = session.accounts.find((a) => a.role === 'billing');
    assert.ok(grace, JSON.stringify(session.accounts));
    const switched = await ada.auth.switchAccount({ accountId: grace.id });
    assert.equal(switched.account.id, grace.id);
    assert.ok(switched.permissions.includes('billing:write'));
    const notOwner = await ada.contacts.list().catch((e) => e);
    assert.ok(isPortalApiError(notOwner, 'OWNER_ONLY'));
  });
  test('two-factor: enrol with a code from the secret, then sign-in asks for it', async () => {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    await portal.auth.login({ email, password });
    const setup = await portal.security.setupTotp();
    assert.match(setup.uri, /^otpauth:\/\/totp\//);
    const { codes } = await portal.security.enableTotp({ code: totp(setup.secret, portico.clock.now()) });
    assert.equal(codes.length, 10);
    assert.equal((await portal.security.overview()).totp.enabled, true);

    portico.clock.advance(60_000);
    const fresh = createPortalClient({ baseUrl, mode: 'token' });
    const seen: Array<Session | null> = [];
    fresh.auth.onSessionChange((s) => seen.push(s));
    const first = await fresh.auth.login({ email, password });
    assert.ok(isMfaRequired(first));
    assert.equal(fresh.token, undefined, 'no session before the second factor');
    assert.deepEqual(seen, []);
    const wrong = await fresh.auth.completeMfa({ ticket: first.ticket, code: '000000' }).catch((e) => e);
    assert.ok(isPortalApiError(wrong, 'INVALID_CODE'));
    const session = await fresh.auth.completeMfa({ ticket: first.ticket, code: codes[0]! });
    assert.equal(session.user.email, email);
    assert.match(fresh.token!, /^ps_/);
    assert.equal(seen.length, 1);
    assert.equal((await fresh.security.overview()).backupCodes.remaining, 9);
  });
});
