import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { type ConfigError, loadConfig } from '../src/config.js';
import { bearer, lastSignIn, PASSWORD, TOKEN_MODE, turnOnTotp } from './account-helpers.js';
import { SoftAuthenticator } from './fixtures/soft-authenticator.js';
import { signedInAs, signUp, stable, startServer, type TestServer } from './helpers.js';

const EMBEDDING_SITE = 'https://shop.example.com';

describe('passkeys', () => {
  let s: TestServer;
  let origin: string;
  beforeEach(async () => {
    s = await startServer({ allowedOrigins: [EMBEDDING_SITE] });
    await s.app.portico.settings.set('businessName', 'Northwind Hosting');
    origin = s.app.portico.config.publicOrigin;
  });
  afterEach(() => s.close());

  /** Adds a passkey made by `device` to the login of `token`; returns the created passkey. */
  async function addPasskey(token: string, device: SoftAuthenticator, body: Record<string, unknown> = {}) {
    const options = await s.request('POST', '/api/v1/me/passkeys/options', { headers: bearer(token) });
    assert.equal(options.status, 200, options.text);
    const r = await s.request('POST', '/api/v1/me/passkeys', {
      body: {
        challengeId: options.body.challengeId,
        credential: device.create(options.body.options, origin),
        ...body,
      },
      headers: bearer(token),
    });
    assert.equal(r.status, 201, r.text);
    return r.body;
  }

  async function loginOptions() {
    const r = await s.request('POST', '/api/v1/auth/passkey/options');
    assert.equal(r.status, 200, r.text);
    return r.body as { challengeId: string; options: Record<string, any> };
  }

  const passkeyLogin = (
    challengeId: string,
    credential: unknown,
    headers: Record<string, string> = TOKEN_MODE,
  ) => s.request('POST', '/api/v1/auth/passkey', { body: { challengeId, credential }, headers });

  test('a passkey is registered with real attestation, then signs in alone and its counter moves on', async () => {
    const token = await signUp(s, 'ada@example.com');
    const options = await s.request('POST', '/api/v1/me/passkeys/options', { headers: bearer(token) });
    assert.equal(options.status, 200, options.text);
    const o = options.body.options;
    assert.equal(o.rp.name, 'Northwind Hosting');
    assert.equal(o.rp.id, 'localhost');
    assert.equal(o.user.name, 'ada@example.com');
    assert.deepEqual(o.authenticatorSelection, {
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
    });
    assert.deepEqual(o.excludeCredentials, []);

    const device = new SoftAuthenticator({ attachment: 'platform', backedUp: true });
    const created = await s.request('POST', '/api/v1/me/passkeys', {
      body: { challengeId: options.body.challengeId, credential: device.create(o, origin) },
      headers: bearer(token),
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.name, 'Device passkey');
    assert.equal(created.body.backedUp, true);
    assert.equal(created.body.lastUsedAt, null);
    assert.match(
      (await s.mailsTo('ada@example.com')).at(-1)!.text,
      /The passkey "Device passkey" can now sign in/,
    );

    const again = await s.request('POST', '/api/v1/me/passkeys/options', { headers: bearer(token) });
    assert.deepEqual(
      again.body.options.excludeCredentials.map((c: { id: string }) => c.id),
      [device.id],
      'the same authenticator is not registered twice',
    );

    const { challengeId, options: request } = await loginOptions();
    assert.equal(request.userVerification, 'required');
    assert.equal(request.allowCredentials, undefined, 'discoverable: no list of credentials');
    s.clock.advance(60_000);
    const signedIn = await passkeyLogin(challengeId, device.get(request, origin));
    assert.equal(signedIn.status, 200, signedIn.text);
    assert.equal(await signedInAs(s, bearer(signedIn.body.token)), 'ada@example.com');

    const row = await s.app.portico.db.selectFrom('passkeys').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.counter, 1);
    assert.equal(row.last_used_at, s.clock.now().toISOString());
    assert.equal(row.credential_id, device.id);
    assert.deepEqual(await lastSignIn(s), { method: 'passkey' });

    const list = await s.request('GET', '/api/v1/me/passkeys', { headers: bearer(token) });
    assert.deepEqual(list.body.items, [{ ...created.body, lastUsedAt: s.clock.now().toISOString() }]);
    const overview = await s.request('GET', '/api/v1/me/security', { headers: bearer(token) });
    assert.equal(overview.body.passkeys, 1);
  });

  test('a passkey signs in without the TOTP step, and in cookie mode sets the cookie', async () => {
    const token = await signUp(s, 'ada@example.com');
    const device = new SoftAuthenticator({ attachment: 'cross-platform' });
    const created = await addPasskey(token, device, { name: 'YubiKey' });
    assert.equal(created.name, 'YubiKey');
    await turnOnTotp(s, token);

    const password = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'ada@example.com', password: PASSWORD },
    });
    assert.equal(password.body.status, 'mfa_required');
    const { challengeId, options } = await loginOptions();
    const r = await passkeyLogin(challengeId, device.get(options, origin), {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.email, 'ada@example.com');
    assert.match(r.headers.get('set-cookie') ?? '', /^portico_session=ps_/);
  });

  test('an allowed embedding site may run the ceremonies; any other origin may not', async () => {
    const token = await signUp(s, 'ada@example.com');
    const device = new SoftAuthenticator();
    const options = await s.request('POST', '/api/v1/me/passkeys/options', { headers: bearer(token) });
    const created = await s.request('POST', '/api/v1/me/passkeys', {
      body: {
        challengeId: options.body.challengeId,
        credential: device.create(options.body.options, EMBEDDING_SITE),
      },
      headers: bearer(token),
    });
    assert.equal(created.status, 201, created.text);
    const embedded = await loginOptions();
    assert.equal(
      (await passkeyLogin(embedded.challengeId, device.get(embedded.options, EMBEDDING_SITE))).status,
      200,
    );
    const evil = await loginOptions();
    const r = await passkeyLogin(evil.challengeId, device.get(evil.options, 'https://evil.example'));
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'PASSKEY_FAILED');
  });

  test('every failed passkey sign-in is the same 400 PASSKEY_FAILED, never a 500', async () => {
    const token = await signUp(s, 'ada@example.com');
    const device = new SoftAuthenticator();
    await addPasskey(token, device);
    const answers: Array<{ why: string; r: Awaited<ReturnType<TestServer['request']>> }> = [];
    const attempt = async (
      why: string,
      make: (o: { challengeId: string; options: Record<string, any> }) => [string, unknown],
    ) => {
      const [challengeId, credential] = make(await loginOptions());
      answers.push({ why, r: await passkeyLogin(challengeId, credential) });
    };

    const other = await loginOptions();
    await attempt('signed for another challenge', (o) => [o.challengeId, device.get(other.options, origin)]);
    await attempt('another origin', (o) => [o.challengeId, device.get(o.options, 'http://localhost:9999')]);
    await attempt('another RP ID', (o) => [
      o.challengeId,
      device.get(o.options, origin, { rpId: 'evil.example' }),
    ]);
    await attempt('no user verification', (o) => [
      o.challengeId,
      device.get(o.options, origin, { noUserVerification: true }),
    ]);
    await attempt('an unknown passkey', (o) => [
      o.challengeId,
      new SoftAuthenticator().get(o.options, origin),
    ]);
    await attempt('an unknown challenge', (o) => [
      'wac_00000000000000000000000000',
      device.get(o.options, origin),
    ]);
    await attempt('an empty response', (o) => [
      o.challengeId,
      { ...device.get(o.options, origin), response: {} },
    ]);
    await attempt('garbage in the response', (o) => {
      const credential = device.get(o.options, origin);
      return [
        o.challengeId,
        { ...credential, response: { ...credential.response, authenticatorData: '!!!', signature: 42 } },
      ];
    });
    // A right answer works once: replaying it (same challenge) fails, and so does reusing it on a new challenge.
    const good = await loginOptions();
    const assertion = device.get(good.options, origin);
    assert.equal((await passkeyLogin(good.challengeId, assertion)).status, 200);
    answers.push({ why: 'a replayed challenge', r: await passkeyLogin(good.challengeId, assertion) });
    const fresh = await loginOptions();
    answers.push({ why: 'a replayed assertion', r: await passkeyLogin(fresh.challengeId, assertion) });
    // A counter that went back is a cloned authenticator.
    const counter = device.counter;
    await attempt('a counter that went back', (o) => [
      o.challengeId,
      device.get(o.options, origin, { counter: 1 }),
    ]);
    device.counter = counter;
    // A challenge dies with its first answer, right or wrong.
    const spent = await loginOptions();
    await passkeyLogin(spent.challengeId, device.get(spent.options, 'https://evil.example'));
    answers.push({
      why: 'a challenge already answered',
      r: await passkeyLogin(spent.challengeId, device.get(spent.options, origin)),
    });
    // And it dies after 5 minutes.
    const late = await loginOptions();
    s.clock.advance(5 * 60_000 + 1_000);
    answers.push({
      why: 'an expired challenge',
      r: await passkeyLogin(late.challengeId, device.get(late.options, origin)),
    });

    const first = { ...stable(answers[0]!.r.body), instance: 0 };
    for (const { why, r } of answers) {
      assert.equal(r.status, 400, `${why}: ${r.text}`);
      assert.deepEqual({ ...stable(r.body), instance: 0 }, first, `${why}: the same answer`);
    }
    assert.equal(first.code, 'PASSKEY_FAILED');
    assert.equal(first.errors, undefined);
    const failures = await s.app.portico.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'auth.sign_in_failed')
      .execute();
    // Every answer above, and the wrong one that spent `spent`.
    assert.equal(failures.length, answers.length + 1);
  });

  test('registration fails with PASSKEY_FAILED for a stale, reused or foreign challenge', async () => {
    const ada = await signUp(s, 'ada@example.com');
    const bob = await signUp(s, 'bob@example.com');
    const options = await s.request('POST', '/api/v1/me/passkeys/options', { headers: bearer(ada) });
    const credential = new SoftAuthenticator().create(options.body.options, origin);
    const register = (token: string, challengeId: string, body: unknown) =>
      s.request('POST', '/api/v1/me/passkeys', {
        body: { challengeId, credential: body },
        headers: bearer(token),
      });

    const foreign = await register(bob, options.body.challengeId, credential);
    assert.equal(foreign.body.code, 'PASSKEY_FAILED', "another user's challenge");
    const ok = await register(ada, options.body.challengeId, credential);
    assert.equal(ok.status, 201, ok.text);
    const twice = await register(ada, options.body.challengeId, credential);
    assert.equal(twice.body.code, 'PASSKEY_FAILED', 'a spent challenge');

    const late = await s.request('POST', '/api/v1/me/passkeys/options', { headers: bearer(ada) });
    s.clock.advance(5 * 60_000 + 1_000);
    const expired = await register(
      ada,
      late.body.challengeId,
      new SoftAuthenticator().create(late.body.options, origin),
    );
    assert.equal(expired.body.code, 'PASSKEY_FAILED', 'an expired challenge');

    const evil = await s.request('POST', '/api/v1/me/passkeys/options', { headers: bearer(ada) });
    const fromEvil = await register(
      ada,
      evil.body.challengeId,
      new SoftAuthenticator().create(evil.body.options, 'https://evil.example'),
    );
    assert.equal(fromEvil.body.code, 'PASSKEY_FAILED', 'another origin');

    const noUv = await s.request('POST', '/api/v1/me/passkeys/options', { headers: bearer(ada) });
    const unverified = await register(
      ada,
      noUv.body.challengeId,
      new SoftAuthenticator().create(noUv.body.options, origin, { noUserVerification: true }),
    );
    assert.equal(unverified.body.code, 'PASSKEY_FAILED', 'no user verification');

    const dup = await s.request('POST', '/api/v1/me/passkeys/options', { headers: bearer(bob) });
    const same = new SoftAuthenticator();
    same.credentialId.set(Buffer.from(credential.rawId, 'base64url'));
    const taken = await register(bob, dup.body.challengeId, same.create(dup.body.options, origin));
    assert.equal(taken.body.code, 'PASSKEY_FAILED', 'a credential already registered');
    assert.equal((await s.app.portico.db.selectFrom('passkeys').selectAll().execute()).length, 1);
  });

  test("one user cannot see, rename or remove another user's passkey", async () => {
    const ada = await signUp(s, 'ada@example.com');
    const bob = await signUp(s, 'bob@example.com');
    const adaKey = await addPasskey(ada, new SoftAuthenticator());

    const list = await s.request('GET', '/api/v1/me/passkeys', { headers: bearer(bob) });
    assert.deepEqual(list.body.items, []);
    const rename = await s.request('PATCH', `/api/v1/me/passkeys/${adaKey.id}`, {
      body: { name: 'Mine now' },
      headers: bearer(bob),
    });
    assert.equal(rename.status, 404);
    assert.equal(rename.body.code, 'NOT_FOUND');
    const remove = await s.request('DELETE', `/api/v1/me/passkeys/${adaKey.id}`, { headers: bearer(bob) });
    assert.equal(remove.status, 404);
    const unknown = await s.request('DELETE', '/api/v1/me/passkeys/pky_nothing', { headers: bearer(bob) });
    assert.deepEqual({ ...stable(unknown.body), instance: 0 }, { ...stable(remove.body), instance: 0 });
    const still = await s.request('GET', '/api/v1/me/passkeys', { headers: bearer(ada) });
    assert.equal(still.body.items[0].name, 'Device passkey');

    const renamed = await s.request('PATCH', `/api/v1/me/passkeys/${adaKey.id}`, {
      body: { name: '  Work laptop  ' },
      headers: bearer(ada),
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.name, 'Work laptop');
    const removed = await s.request('DELETE', `/api/v1/me/passkeys/${adaKey.id}`, { headers: bearer(ada) });
    assert.equal(removed.status, 204, removed.text);
    assert.match(
      (await s.mailsTo('ada@example.com')).at(-1)!.text,
      /The passkey "Work laptop" can no longer sign in/,
    );
    const actions = await s.app.portico.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'security.passkey_%')
      .orderBy('at')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['security.passkey_added', 'security.passkey_removed'],
    );
  });

  test('passkey sign-in options are limited per IP', async () => {
    let status = 200;
    for (let i = 0; i < 101 && status === 200; i++) {
      status = (await s.request('POST', '/api/v1/auth/passkey/options')).status;
    }
    assert.equal(status, 429);
  });
});

describe('the WebAuthn relying party ID', () => {
  const secret = () => 's'.repeat(40);

  test("defaults to the public URL's host and may be a parent domain of it, nothing else", () => {
    assert.equal(
      loadConfig({ PORTICO_PUBLIC_URL: 'https://portal.example.com' }, secret).webauthnRpId,
      'portal.example.com',
    );
    assert.equal(
      loadConfig(
        { PORTICO_PUBLIC_URL: 'https://portal.example.com', PORTICO_WEBAUTHN_RP_ID: 'Example.com' },
        secret,
      ).webauthnRpId,
      'example.com',
    );
    for (const bad of ['other.com', 'https://example.com', 'ample.com']) {
      assert.throws(
        () =>
          loadConfig(
            { PORTICO_PUBLIC_URL: 'https://portal.example.com', PORTICO_WEBAUTHN_RP_ID: bad },
            secret,
          ),
        (e: ConfigError) => e.problems.some((p) => p.startsWith('PORTICO_WEBAUTHN_RP_ID')),
        bad,
      );
    }
  });
});
