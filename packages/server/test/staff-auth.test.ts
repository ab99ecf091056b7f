import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Sealer } from '../src/modules/auth/seal.js';
import { base32Decode, base32Encode, hotp, matchTotp, totpCode, totpStep } from '../src/modules/auth/totp.js';
import { signUp, staffSession, startServer, type TestResponse, type TestServer } from './helpers.js';

const API = '/api/admin/v1';
const PASSWORD = 'a long staff password';
const MIN = 60_000;

/** The server's own origin, which the staff API requires on changes. */
const own = (s: TestServer) => s.app.portico.config.publicOrigin;

/** `portico_staff=…` from a response's Set-Cookie. */
function staffCookie(r: TestResponse): string {
  const header = r.headers.get('set-cookie');
  const cookie = header?.match(/(?:^|, )(portico_staff=pst_[A-Za-z0-9_-]+)/)?.[1];
  assert.ok(cookie, `no staff cookie in ${header}`);
  return cookie;
}

const as = (s: TestServer, cookie: string) => ({ cookie, origin: own(s) });

async function createStaff(s: TestServer, email: string, role: 'admin' | 'billing' | 'support' = 'admin') {
  return s.app.portico.staff.createWithPassword({ email, name: 'Sam Staff', role, password: PASSWORD });
}

function login(s: TestServer, email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return s.request('POST', `${API}/auth/login`, {
    body: { email, password },
    headers: { origin: own(s), ...headers },
  });
}

/** Who the staff session read says is signed in with this cookie, or null. */
async function staffSignedInAs(s: TestServer, cookie: string): Promise<string | null> {
  const r = await s.request('GET', `${API}/auth/session`, { headers: as(s, cookie) });
  assert.equal(r.status, 200, r.text);
  return r.body === null ? null : r.body.staff.email;
}

/** Signs in with a password (no TOTP) and returns the cookie. */
async function signIn(s: TestServer, email: string): Promise<string> {
  const r = await login(s, email);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'signed_in');
  return staffCookie(r);
}

/** Enrols TOTP for the session's member and returns the secret. Uses the current step. */
async function enrol(s: TestServer, cookie: string): Promise<Buffer> {
  const setup = await s.request('POST', `${API}/auth/totp/setup`, { headers: as(s, cookie) });
  assert.equal(setup.status, 200, setup.text);
  const secret = base32Decode(setup.body.secret);
  const confirm = await s.request('POST', `${API}/auth/totp/confirm`, {
    body: { code: totpCode(secret, s.clock.now().getTime()) },
    headers: as(s, cookie),
  });
  assert.equal(confirm.status, 200, confirm.text);
  assert.equal(confirm.body.staff.totpEnabled, true);
  return secret;
}

/** A 6-digit code that matches none of the steps the server would accept now. */
function wrongCode(secret: Buffer, timeMs: number): string {
  const valid = new Set([-1, 0, 1].map((d) => hotp(secret, totpStep(timeMs) + d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

async function auditActions(s: TestServer, action: string) {
  return (await s.app.portico.audit.list({ action, limit: 100 })).items;
}

describe('TOTP and sealing primitives', () => {
  test('RFC 6238 SHA-1 test vectors (8 digits, seed "12345678901234567890")', () => {
    const seed = Buffer.from('12345678901234567890');
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors)
      assert.equal(totpCode(seed, seconds * 1000, 8), code, `T=${seconds}`);
    assert.equal(totpCode(seed, 59_000), '287082', 'six digits are the last six of the eight');
  });

  test('base32 round-trips and matches RFC 4648', () => {
    assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
    assert.equal(base32Decode('mzxw 6ytb oi======').toString(), 'foobar');
    assert.equal(base32Encode(Buffer.from('12345678901234567890')), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.throws(() => base32Decode('ABC1'), /base32/);
  });

  test('a code matches within one step either side and never at or before the last used step', () => {
    const secret = Buffer.from('12345678901234567890');
    const now = 1_800_000_000_000;
    const step = totpStep(now);
    assert.equal(matchTotp(secret, hotp(secret, step), now, null), step);
    assert.equal(matchTotp(secret, hotp(secret, step - 1), now, null), step - 1);
    assert.equal(matchTotp(secret, hotp(secret, step + 1), now, null), step + 1);
    assert.equal(matchTotp(secret, hotp(secret, step - 2), now, null), undefined);
    assert.equal(matchTotp(secret, hotp(secret, step + 2), now, null), undefined);
    assert.equal(matchTotp(secret, hotp(secret, step), now, step), undefined, 'a used step');
    assert.equal(matchTotp(secret, hotp(secret, step - 1), now, step - 1), undefined);
  });

  test('a sealed secret opens only with the same key and purpose, and any change is detected', () => {
    const sealer = new Sealer('s'.repeat(32), 'staff-totp-secret');
    const sealed = sealer.seal(Buffer.from('seed'));
    assert.match(sealed, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    assert.notEqual(sealer.seal(Buffer.from('seed')), sealed, 'a fresh IV every time');
    assert.equal(sealer.open(sealed).toString(), 'seed');
    assert.throws(() => new Sealer('t'.repeat(32), 'staff-totp-secret').open(sealed));
    assert.throws(() => new Sealer('s'.repeat(32), 'other-purpose').open(sealed));
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    assert.throws(() => sealer.open([v, iv, flipped.toString('base64url'), tag].join('.')));
    assert.throws(() => sealer.open(`v2.${iv}.${body}.${tag}`), /version/);
  });
});

describe('staff sign-in and sessions', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('email and password sign in with the staff cookie, and the session reads back', async () => {
    await createStaff(s, 'sam@staff.test');
    const r = await login(s, 'Sam@Staff.test ');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'signed_in');
    assert.equal(r.body.session.staff.email, 'sam@staff.test');
    assert.equal(r.body.session.staff.role, 'admin');
    assert.equal(r.body.session.mfaEnrolmentRequired, false);
    assert.equal(r.body.token, undefined, 'the token never appears in a body');
    const cookie = staffCookie(r);
    const session = await s.request('GET', `${API}/auth/session`, { headers: as(s, cookie) });
    assert.equal(session.body.staff.email, 'sam@staff.test');
    assert.equal(session.body.staff.invited, false);
    assert.equal(session.body.staff.lastSignInAt, s.clock.now().toISOString());
    assert.equal(session.body.expiresAt, new Date(s.clock.now().getTime() + 24 * 60 * MIN).toISOString());
    assert.equal(session.body.idleExpiresAt, new Date(s.clock.now().getTime() + 60 * MIN).toISOString());
    const [signedIn] = await auditActions(s, 'staff.signed_in');
    assert.equal(signedIn?.actorLabel, 'sam@staff.test');
    assert.equal(signedIn?.ip, '127.0.0.1');
  });

  test('the staff cookie is HttpOnly, SameSite=Strict, scoped to /api/admin, and lives 24 hours', async () => {
    const r = await login(s, 'sam@staff.test');
    const header = r.headers.get('set-cookie')!;
    assert.match(header, /^portico_staff=pst_[A-Za-z0-9_-]{43};/);
    assert.match(header, /; Path=\/api\/admin(;|$)/);
    assert.match(header, /; HttpOnly(;|$)/);
    assert.match(header, /; SameSite=Strict(;|$)/);
    assert.match(header, /; Max-Age=86400(;|$)/);
  });

  test('sign-out ends the session on the server and clears the cookie', async () => {
    const cookie = await signIn(s, 'sam@staff.test');
    const out = await s.request('POST', `${API}/auth/logout`, { headers: as(s, cookie) });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie')!, /^portico_staff=;.*Expires=Thu, 01 Jan 1970/);
    assert.equal(await staffSignedInAs(s, cookie), null, 'the old cookie no longer works');
  });

  test('each sign-in makes a new session and ends the staff session presented with it', async () => {
    const first = await signIn(s, 'sam@staff.test');
    const again = await login(s, 'sam@staff.test', PASSWORD, { cookie: first });
    const second = staffCookie(again);
    assert.notEqual(first, second);
    assert.equal(await staffSignedInAs(s, first), null);
    assert.equal(await staffSignedInAs(s, second), 'sam@staff.test');
  });

  test('a wrong password, an unknown email and an invited member get the same 401, each audited', async () => {
    await s.app.portico.db
      .insertInto('staff')
      .values({
        id: s.app.portico.deps.ids('stf'),
        email: 'invited@staff.test',
        name: 'Not Yet',
        role: 'support',
        password_hash: null,
        totp_secret: null,
        totp_pending_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        disabled_at: null,
        last_sign_in_at: null,
        created_at: s.clock.now().toISOString(),
        updated_at: s.clock.now().toISOString(),
      })
      .execute();
    const bodies = [];
    for (const [email, password] of [
      ['sam@staff.test', 'not the password'],
      ['nobody@staff.test', PASSWORD],
      ['invited@staff.test', PASSWORD],
    ] as const) {
      const r = await login(s, email, password);
      assert.equal(r.status, 401, email);
      assert.equal(r.headers.get('set-cookie'), null);
      bodies.push({ code: r.body.code, detail: r.body.detail });
    }
    assert.deepEqual(bodies[0], {
      code: 'INVALID_CREDENTIALS',
      detail: 'The email or password is not right.',
    });
    assert.deepEqual(bodies[1], bodies[0]);
    assert.deepEqual(bodies[2], bodies[0]);
    const failed = await auditActions(s, 'staff.sign_in_failed');
    assert.deepEqual(
      failed.map((e) => [e.actorType, e.actorLabel]),
      [
        ['staff', 'invited@staff.test'],
        ['anonymous', 'nobody@staff.test'],
        ['staff', 'sam@staff.test'],
      ],
    );
  });

  test('a disabled member loses their sessions and learns it only after the right password', async () => {
    await createStaff(s, 'gone@staff.test');
    const cookie = await signIn(s, 'gone@staff.test');
    s.app.portico.sqlite
      .prepare('UPDATE staff SET disabled_at = ? WHERE email = ?')
      .run(s.clock.now().toISOString(), 'gone@staff.test');
    const wrong = await login(s, 'gone@staff.test', 'not the password');
    assert.equal(wrong.status, 401);
    const right = await login(s, 'gone@staff.test');
    assert.equal(right.status, 403);
    assert.equal(right.body.code, 'STAFF_DISABLED');
    assert.equal(right.headers.get('set-cookie'), null);
    assert.equal(await staffSignedInAs(s, cookie), null, 'the session no longer counts');
  });

  test("client and staff credentials never cross: a client's password at the staff login, and back", async () => {
    await signUp(s, 'client@example.com', PASSWORD);
    const atStaff = await login(s, 'client@example.com');
    assert.equal(atStaff.status, 401);
    assert.equal(atStaff.body.code, 'INVALID_CREDENTIALS');
    await createStaff(s, 'crossing@staff.test');
    const atClient = await s.request('POST', '/api/v1/auth/login', {
      body: { email: 'crossing@staff.test', password: PASSWORD },
    });
    assert.equal(atClient.status, 401);
    assert.equal(atClient.body.code, 'INVALID_CREDENTIALS');
  });
});

describe('staff session lifetimes', () => {
  test('a staff session ends after an idle hour, and activity extends it', async () => {
    const s = await startServer();
    try {
      await createStaff(s, 'idle@staff.test');
      const cookie = await signIn(s, 'idle@staff.test');
      s.clock.advance(59 * MIN);
      assert.equal(await staffSignedInAs(s, cookie), 'idle@staff.test');
      s.clock.advance(59 * MIN);
      assert.equal(await staffSignedInAs(s, cookie), 'idle@staff.test', 'activity moved the idle end');
      s.clock.advance(61 * MIN);
      assert.equal(await staffSignedInAs(s, cookie), null);
    } finally {
      await s.close();
    }
  });

  test('a staff session ends 24 hours after sign-in however active it is', async () => {
    const s = await startServer();
    try {
      await createStaff(s, 'busy@staff.test');
      const cookie = await signIn(s, 'busy@staff.test');
      for (let i = 0; i < 28; i++) {
        s.clock.advance(50 * MIN);
        assert.equal(await staffSignedInAs(s, cookie), 'busy@staff.test', `after ${(i + 1) * 50} minutes`);
      }
      s.clock.advance(50 * MIN);
      assert.equal(await staffSignedInAs(s, cookie), null, 'signed out at 24 hours');
    } finally {
      await s.close();
    }
  });
});

describe('staff TOTP', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    await s.app.portico.settings.set('businessName', 'Acme & Co: Hosting');
  });
  after(() => s.close());

  test('setup answers a 160-bit secret, its otpauth URI and a QR code; the seed is sealed at rest', async () => {
    await createStaff(s, 'totp+1@staff.test');
    const cookie = await signIn(s, 'totp+1@staff.test');
    const setup = await s.request('POST', `${API}/auth/totp/setup`, { headers: as(s, cookie) });
    assert.equal(setup.status, 200, setup.text);
    const { secret, otpauthUri, qrSvg } = setup.body;
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal(base32Decode(secret).length, 20);
    assert.equal(
      otpauthUri,
      `otpauth://totp/Acme%20%26%20Co%3A%20Hosting:totp%2B1%40staff.test?secret=${secret}` +
        '&issuer=Acme%20%26%20Co%3A%20Hosting&algorithm=SHA1&digits=6&period=30',
    );
    assert.match(qrSvg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const row = s.app.portico.sqlite
      .prepare('SELECT totp_pending_secret, totp_secret FROM staff WHERE email = ?')
      .get('totp+1@staff.test') as { totp_pending_secret: string; totp_secret: string | null };
    assert.match(row.totp_pending_secret, /^v1\./);
    assert.ok(!row.totp_pending_secret.includes(secret));
    assert.equal(row.totp_secret, null, 'not on until confirmed');

    const wrong = await s.request('POST', `${API}/auth/totp/confirm`, {
      body: { code: wrongCode(base32Decode(secret), s.clock.now().getTime()) },
      headers: as(s, cookie),
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'INVALID_CODE');
    const code = totpCode(base32Decode(secret), s.clock.now().getTime());
    const confirm = await s.request('POST', `${API}/auth/totp/confirm`, {
      body: { code: `${code.slice(0, 3)} ${code.slice(3)}` },
      headers: as(s, cookie),
    });
    assert.equal(confirm.status, 200, confirm.text);
    assert.equal(confirm.body.staff.totpEnabled, true);
    const again = await s.request('POST', `${API}/auth/totp/setup`, { headers: as(s, cookie) });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'TOTP_ALREADY_ENABLED');
    const [enabled] = await auditActions(s, 'staff.totp_enabled');
    assert.equal(enabled?.actorLabel, 'totp+1@staff.test');
  });

  test('a seed sealed under another secret answers 503 TOTP_UNREADABLE, and a reset lets them in again', async () => {
    await createStaff(s, 'rotated@staff.test');
    await enrol(s, await signIn(s, 'rotated@staff.test'));
    // As if PORTICO_SECRET changed: the stored seed no longer opens.
    const row = await s.app.portico.db
      .selectFrom('staff')
      .select(['id', 'totp_secret'])
      .where('email', '=', 'rotated@staff.test')
      .executeTakeFirstOrThrow();
    const [version, iv, , tag] = row.totp_secret!.split('.');
    await s.app.portico.db
      .updateTable('staff')
      .set({ totp_secret: [version, iv, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA', tag].join('.') })
      .where('id', '=', row.id)
      .execute();
    const ticket = await login(s, 'rotated@staff.test');
    const r = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket: ticket.body.ticket, code: '123456' },
    });
    assert.equal(r.status, 503, r.text);
    assert.equal(r.body.code, 'TOTP_UNREADABLE');
    assert.match(r.body.detail, /portico staff reset-totp/);
    await s.app.portico.staff.resetTotp('cli', row.id, {
      ip: undefined,
      userAgent: 'test',
      presentedToken: undefined,
    });
    const after = await login(s, 'rotated@staff.test');
    assert.equal(after.body.status, 'signed_in');
  });

  test('with TOTP on, the password gives a ticket and the code finishes the sign-in; a code is never used twice', async () => {
    await createStaff(s, 'totp2@staff.test');
    const secret = await enrol(s, await signIn(s, 'totp2@staff.test'));
    const first = await login(s, 'totp2@staff.test');
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'totp_required');
    assert.match(first.body.ticket, /^psm_[A-Za-z0-9_-]{43}$/);
    assert.equal(first.body.expiresInSeconds, 300);
    assert.equal(first.headers.get('set-cookie'), null, 'no session before the code');

    // The enrolment used this step's code: the same code is refused for the sign-in.
    const reused = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket: first.body.ticket, code: totpCode(secret, s.clock.now().getTime()) },
    });
    assert.equal(reused.status, 400);
    assert.equal(reused.body.code, 'INVALID_CODE');

    s.clock.advance(30_000);
    const ok = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket: first.body.ticket, code: totpCode(secret, s.clock.now().getTime()) },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.staff.email, 'totp2@staff.test');
    assert.equal(await staffSignedInAs(s, staffCookie(ok)), 'totp2@staff.test');

    // Same step, a new ticket: that code is spent.
    const second = await login(s, 'totp2@staff.test');
    const sameStep = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket: second.body.ticket, code: totpCode(secret, s.clock.now().getTime()) },
    });
    assert.equal(sameStep.status, 400);
    assert.equal(sameStep.body.code, 'INVALID_CODE');
    const [signedIn] = await auditActions(s, 'staff.signed_in');
    assert.deepEqual(signedIn?.details, { method: 'totp' });
  });

  test('codes one step either side are accepted; two steps off are refused', async () => {
    await createStaff(s, 'drift@staff.test');
    const secret = await enrol(s, await signIn(s, 'drift@staff.test'));
    s.clock.advance(10 * MIN);
    const now = () => s.clock.now().getTime();
    const ticket = (await login(s, 'drift@staff.test')).body.ticket;
    for (const offset of [-60_000, 60_000]) {
      const r = await s.request('POST', `${API}/auth/login/totp`, {
        body: { ticket, code: totpCode(secret, now() + offset) },
      });
      assert.equal(r.status, 400, `${offset / 1000} s`);
      assert.equal(r.body.code, 'INVALID_CODE');
    }
    const behind = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket, code: totpCode(secret, now() - 30_000) },
    });
    assert.equal(behind.status, 200, behind.text);
    const ahead = await s.request('POST', `${API}/auth/login/totp`, {
      body: {
        ticket: (await login(s, 'drift@staff.test')).body.ticket,
        code: totpCode(secret, now() + 30_000),
      },
    });
    assert.equal(ahead.status, 200, ahead.text);
  });

  test('a ticket works once, dies after 5 wrong codes, and expires after 5 minutes', async () => {
    await createStaff(s, 'ticket@staff.test');
    const secret = await enrol(s, await signIn(s, 'ticket@staff.test'));
    s.clock.advance(30_000);
    const now = () => s.clock.now().getTime();
    const used = (await login(s, 'ticket@staff.test')).body.ticket;
    const once = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket: used, code: totpCode(secret, now()) },
    });
    assert.equal(once.status, 200);
    s.clock.advance(30_000);
    const twice = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket: used, code: totpCode(secret, now()) },
    });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.code, 'TICKET_INVALID');

    const ticket = (await login(s, 'ticket@staff.test')).body.ticket;
    for (let i = 1; i <= 4; i++) {
      const r = await s.request('POST', `${API}/auth/login/totp`, {
        body: { ticket, code: wrongCode(secret, now()) },
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'INVALID_CODE');
      assert.match(r.body.detail, new RegExp(`${5 - i} tr(y|ies) left`));
    }
    const fifth = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket, code: wrongCode(secret, now()) },
    });
    assert.equal(fifth.status, 429);
    assert.equal(fifth.body.code, 'TOO_MANY_ATTEMPTS');
    const dead = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket, code: totpCode(secret, now()) },
    });
    assert.equal(dead.status, 400, 'the right code no longer helps');
    assert.equal(dead.body.code, 'TICKET_INVALID');

    s.clock.advance(MIN); // past the delay five failures in a row earn
    const late = (await login(s, 'ticket@staff.test')).body.ticket;
    s.clock.advance(5 * MIN);
    const expired = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket: late, code: totpCode(secret, now()) },
    });
    assert.equal(expired.status, 400);
    assert.equal(expired.body.code, 'TICKET_INVALID');
    const fresh = (await login(s, 'ticket@staff.test')).body.ticket;
    const ok = await s.request('POST', `${API}/auth/login/totp`, {
      body: { ticket: fresh, code: totpCode(secret, now()) },
    });
    assert.equal(ok.status, 200, ok.text);
  });

  test('two parallel sign-ins with the same right code: exactly one succeeds', async () => {
    await createStaff(s, 'race@staff.test');
    const secret = await enrol(s, await signIn(s, 'race@staff.test'));
    s.clock.advance(30_000);
    const tickets = [
      (await login(s, 'race@staff.test')).body.ticket,
      (await login(s, 'race@staff.test')).body.ticket,
    ];
    const code = totpCode(secret, s.clock.now().getTime());
    // Called in-process so both read the member's last used step before either writes it.
    const meta = { ip: '127.0.0.1', userAgent: undefined, presentedToken: undefined };
    const answers = await Promise.allSettled(
      tickets.map((ticket) => s.app.portico.staff.loginTotp({ ticket, code }, meta)),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), ['fulfilled', 'rejected']);
    const refused = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    assert.equal(refused.reason.code, 'INVALID_CODE');
  });

  test('TOTP checks are rate-limited per staff member', async () => {
    const staff = await staffSession(s, 'support');
    const headers = { ...staff.headers, origin: own(s) };
    const setup = await s.request('POST', `${API}/auth/totp/setup`, { headers });
    const secret = base32Decode(setup.body.secret);
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      const r = await s.request('POST', `${API}/auth/totp/confirm`, {
        body: { code: wrongCode(secret, s.clock.now().getTime()) },
        headers,
      });
      statuses.push(r.body.code);
    }
    assert.deepEqual(statuses, [...Array(10).fill('INVALID_CODE'), 'RATE_LIMITED']);
  });

  test('turning TOTP off needs a current code', async () => {
    await createStaff(s, 'off@staff.test');
    const cookie = await signIn(s, 'off@staff.test');
    const secret = await enrol(s, cookie);
    s.clock.advance(30_000);
    const wrong = await s.request('POST', `${API}/auth/totp/disable`, {
      body: { code: wrongCode(secret, s.clock.now().getTime()) },
      headers: as(s, cookie),
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'INVALID_CODE');
    const off = await s.request('POST', `${API}/auth/totp/disable`, {
      body: { code: totpCode(secret, s.clock.now().getTime()) },
      headers: as(s, cookie),
    });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.body.staff.totpEnabled, false);
    const [disabled] = await auditActions(s, 'staff.totp_disabled');
    assert.equal(disabled?.actorLabel, 'off@staff.test');
    const plain = await login(s, 'off@staff.test');
    assert.equal(plain.body.status, 'signed_in', 'the password alone signs in again');
  });
});

describe('requireStaffTotp', () => {
  test('until enrolment only the session, sign-out and enrolment work; then TOTP cannot be turned off', async () => {
    const s = await startServer();
    try {
      await s.app.portico.settings.set('requireStaffTotp', true);
      await createStaff(s, 'must@staff.test');
      const cookie = await signIn(s, 'must@staff.test');
      const session = await s.request('GET', `${API}/auth/session`, { headers: as(s, cookie) });
      assert.equal(session.body.mfaEnrolmentRequired, true);
      for (const [method, path] of [
        ['GET', `${API}/staff`],
        ['GET', `${API}/audit`],
        ['POST', `${API}/auth/password`],
      ] as const) {
        const r = await s.request(method, path, {
          headers: as(s, cookie),
          ...(method === 'POST' ? { body: {} } : {}),
        });
        assert.equal(r.status, 403, path);
        assert.equal(r.body.code, 'MFA_ENROLMENT_REQUIRED', path);
      }
      const secret = await enrol(s, cookie);
      const after = await s.request('GET', `${API}/auth/session`, { headers: as(s, cookie) });
      assert.equal(after.body.mfaEnrolmentRequired, false);
      assert.equal((await s.request('GET', `${API}/staff`, { headers: as(s, cookie) })).status, 200);

      s.clock.advance(30_000);
      const off = await s.request('POST', `${API}/auth/totp/disable`, {
        body: { code: totpCode(secret, s.clock.now().getTime()) },
        headers: as(s, cookie),
      });
      assert.equal(off.status, 403);
      assert.equal(off.body.code, 'MFA_REQUIRED');
      const row = s.app.portico.sqlite
        .prepare('SELECT totp_enabled_at FROM staff WHERE email = ?')
        .get('must@staff.test') as { totp_enabled_at: string | null };
      assert.ok(row.totp_enabled_at, 'still on');
    } finally {
      await s.close();
    }
  });
});

describe('password change', () => {
  test('needs the current password, refuses common ones, and ends the other sessions', async () => {
    const s = await startServer();
    try {
      await createStaff(s, 'pw@staff.test');
      const mine = await signIn(s, 'pw@staff.test');
      const other = await signIn(s, 'pw@staff.test');
      const change = (body: object) =>
        s.request('POST', `${API}/auth/password`, { body, headers: as(s, mine) });
      const wrong = await change({ currentPassword: 'not it', newPassword: 'a brand new password' });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.code, 'INVALID_CREDENTIALS');
      assert.equal(wrong.body.errors[0].path, 'currentPassword');
      const weak = await change({ currentPassword: PASSWORD, newPassword: 'password123' });
      assert.equal(weak.status, 400);
      assert.equal(weak.body.code, 'PASSWORD_TOO_COMMON');
      assert.equal(weak.body.errors[0].path, 'newPassword');
      const ok = await change({ currentPassword: PASSWORD, newPassword: 'a brand new password' });
      assert.equal(ok.status, 204, ok.text);
      assert.equal(await staffSignedInAs(s, mine), 'pw@staff.test', 'this session stays');
      assert.equal(await staffSignedInAs(s, other), null, 'the other one ended');
      assert.equal((await login(s, 'pw@staff.test')).status, 401);
      assert.equal((await login(s, 'pw@staff.test', 'a brand new password')).status, 200);
      const [changed] = await auditActions(s, 'staff.password_changed');
      assert.deepEqual(changed?.details, { otherSessionsEnded: 1 });
    } finally {
      await s.close();
    }
  });
});

describe('staff login rate limits', () => {
  test("are counted apart from the client login's, both ways", async () => {
    // A tenth of the usual limits: staff login allows 3 per IP per window, client login 5.
    const s = await startServer({ rateLimitScale: 0.1 });
    try {
      await signUp(s, 'client@example.com', PASSWORD);
      await createStaff(s, 'limited@staff.test');
      for (let i = 0; i < 3; i++) assert.equal((await login(s, `nobody${i}@staff.test`)).status, 401);
      const limited = await login(s, 'limited@staff.test');
      assert.equal(limited.status, 429);
      assert.equal(limited.body.code, 'RATE_LIMITED');
      const client = await s.request('POST', '/api/v1/auth/login', {
        body: { email: 'client@example.com', password: PASSWORD },
      });
      assert.equal(client.status, 200, 'the staff limit does not touch client sign-in');

      s.clock.advance(15 * MIN);
      for (let i = 0; i < 5; i++) {
        const r = await s.request('POST', '/api/v1/auth/login', {
          body: { email: `nobody${i}@example.com`, password: PASSWORD },
        });
        assert.equal(r.status, 401);
      }
      const clientLimited = await s.request('POST', '/api/v1/auth/login', {
        body: { email: 'client@example.com', password: PASSWORD },
      });
      assert.equal(clientLimited.status, 429);
      assert.equal((await login(s, 'limited@staff.test')).status, 200, 'nor the client limit staff sign-in');
    } finally {
      await s.close();
    }
  });
});
