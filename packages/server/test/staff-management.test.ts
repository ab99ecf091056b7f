import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { base32Decode, totpCode } from '../src/modules/auth/totp.js';
import { stable, staffSession, startServer, type TestServer } from './helpers.js';

const API = '/api/admin/v1';
const DAY = 86_400_000;

async function sessionOf(s: TestServer, headers: Record<string, string>) {
  const r = await s.request('GET', `${API}/auth/session`, { headers });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function invitationToken(s: TestServer, email: string): Promise<string> {
  const mail = (await s.mailsTo(email)).at(-1);
  const url = `${s.app.portico.config.publicUrl}/admin/invitation#token=`;
  const token = mail?.text.match(new RegExp(`${url.replace(/[./]/g, '\\$&')}(psi_[A-Za-z0-9_-]{43})`))?.[1];
  assert.ok(token, `no invitation link in ${mail?.text}`);
  return token;
}

describe('staff invitations', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    await s.app.portico.settings.set('businessName', 'Northwind');
  });
  after(() => s.close());

  test('invite → mail → preview → accept → signed in with the staff cookie', async () => {
    const admin = await staffSession(s);
    const created = await s.request('POST', `${API}/staff`, {
      body: { email: 'New.Person@Staff.test', name: 'New Person', role: 'support' },
      headers: admin.headers,
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.email, 'new.person@staff.test');
    assert.equal(created.body.invited, true);
    assert.equal(created.body.role, 'support');

    const [mail] = await s.mailsTo('new.person@staff.test');
    assert.equal(mail?.subject, 'You are invited to the Northwind staff console');
    assert.match(mail!.text, /as support/);
    assert.match(mail!.text, /expires in 7 days/);
    const token = await invitationToken(s, 'new.person@staff.test');

    const early = await s.request('POST', `${API}/auth/login`, {
      body: { email: 'new.person@staff.test', password: 'whatever they type' },
    });
    assert.equal(early.status, 401, 'no password yet, no sign-in');

    const preview = await s.request('POST', `${API}/auth/invitation/preview`, { body: { token } });
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual(preview.body, {
      email: 'new.person@staff.test',
      name: 'New Person',
      businessName: 'Northwind',
      expiresAt: new Date(s.clock.now().getTime() + 7 * DAY).toISOString(),
    });

    const weak = await s.request('POST', `${API}/auth/invitation/accept`, {
      body: { token, password: 'password123' },
    });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.code, 'PASSWORD_TOO_COMMON');
    assert.equal(weak.body.errors[0].path, 'password');

    const accepted = await s.request('POST', `${API}/auth/invitation/accept`, {
      body: { token, password: 'my own good password' },
    });
    assert.equal(accepted.status, 200, 'a refused weak password did not spend the invitation');
    assert.equal(accepted.body.staff.email, 'new.person@staff.test');
    assert.equal(accepted.body.staff.invited, false);
    const cookie = accepted.headers.get('set-cookie')!.match(/^(portico_staff=pst_[A-Za-z0-9_-]{43});/)?.[1];
    assert.ok(cookie);
    const session = await sessionOf(s, { cookie });
    assert.equal(session.staff.email, 'new.person@staff.test');
    assert.equal(session.staff.role, 'support');

    const again = await s.request('POST', `${API}/auth/invitation/accept`, {
      body: { token, password: 'another good password' },
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.code, 'LINK_INVALID');
    const login = await s.request('POST', `${API}/auth/login`, {
      body: { email: 'new.person@staff.test', password: 'my own good password' },
    });
    assert.equal(login.status, 200);
    assert.equal(login.body.status, 'signed_in');

    const audit = await s.app.portico.audit.list({ action: 'staff.', limit: 100 });
    const createdEntry = audit.items.find((e) => e.action === 'staff.created');
    assert.equal(createdEntry?.actorId, admin.id);
    assert.equal(createdEntry?.targetId, created.body.id);
    assert.equal(createdEntry?.ip, '127.0.0.1');
    const acceptedEntry = audit.items.find((e) => e.action === 'staff.invitation_accepted');
    assert.equal(acceptedEntry?.actorId, created.body.id);
  });

  test('unknown, used and expired invitations get one and the same answer', async () => {
    const admin = await staffSession(s);
    const answers = [];
    const preview = (token: string) =>
      s.request('POST', `${API}/auth/invitation/preview`, { body: { token } });

    answers.push(await preview(`psi_${'A'.repeat(43)}`));

    await s.request('POST', `${API}/staff`, {
      body: { email: 'used@staff.test', name: 'Used', role: 'billing' },
      headers: admin.headers,
    });
    const used = await invitationToken(s, 'used@staff.test');
    await s.request('POST', `${API}/auth/invitation/accept`, {
      body: { token: used, password: 'my own good password' },
    });
    answers.push(await preview(used));

    await s.request('POST', `${API}/staff`, {
      body: { email: 'late@staff.test', name: 'Late', role: 'billing' },
      headers: admin.headers,
    });
    const late = await invitationToken(s, 'late@staff.test');
    s.clock.advance(7 * DAY - 1000);
    assert.equal((await preview(late)).status, 200, 'alive until the seventh day ends');
    s.clock.advance(1000);
    answers.push(await preview(late));
    answers.push(
      await s.request('POST', `${API}/auth/invitation/accept`, {
        body: { token: late, password: 'my own good password' },
      }),
    );

    for (const a of answers) assert.equal(a.status, 400);
    const bodies = answers.map((a) => ({ ...stable(a.body), instance: undefined }));
    assert.equal(bodies[0].code, 'LINK_INVALID');
    for (const body of bodies) assert.deepEqual(body, bodies[0]);
  });

  test('a lost or expired invitation is sent again; the older link stops working', async () => {
    const admin = await staffSession(s);
    const created = await s.request('POST', `${API}/staff`, {
      body: { email: 'resend.me@staff.test', name: 'Late Person', role: 'billing' },
      headers: admin.headers,
    });
    assert.equal(created.status, 201, created.text);
    const first = await invitationToken(s, 'resend.me@staff.test');
    s.clock.advance(8 * DAY);
    const expired = await s.request('POST', `${API}/auth/invitation/preview`, { body: { token: first } });
    assert.equal(expired.body.code, 'LINK_INVALID');

    // A week later the admin signs in again (staff sessions last an idle hour).
    const later = await staffSession(s);
    const resent = await s.request('POST', `${API}/staff/${created.body.id}/invitation`, {
      headers: later.headers,
    });
    assert.equal(resent.status, 200, resent.text);
    const second = await invitationToken(s, 'resend.me@staff.test');
    assert.notEqual(second, first);
    const accepted = await s.request('POST', `${API}/auth/invitation/accept`, {
      body: { token: second, password: 'a long enough passphrase' },
    });
    assert.equal(accepted.status, 200, accepted.text);

    const again = await s.request('POST', `${API}/staff/${created.body.id}/invitation`, {
      headers: later.headers,
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'CONFLICT');
    const missing = await s.request('POST', `${API}/staff/stf_00000000000000000000000000/invitation`, {
      headers: later.headers,
    });
    assert.equal(missing.status, 404);
  });

  test('a new invitation replaces an unused one', async () => {
    const admin = await staffSession(s);
    const created = await s.request('POST', `${API}/staff`, {
      body: { email: 'replaced@staff.test', name: 'Replaced Once', role: 'support' },
      headers: admin.headers,
    });
    const first = await invitationToken(s, 'replaced@staff.test');
    await s.request('POST', `${API}/staff/${created.body.id}/invitation`, { headers: admin.headers });
    const old = await s.request('POST', `${API}/auth/invitation/preview`, { body: { token: first } });
    assert.equal(old.status, 400);
    assert.equal(old.body.code, 'LINK_INVALID');
  });

  test('an email already on the staff is refused with EMAIL_TAKEN', async () => {
    const admin = await staffSession(s);
    const body = { email: 'twice@staff.test', name: 'Twice', role: 'support' };
    assert.equal((await s.request('POST', `${API}/staff`, { body, headers: admin.headers })).status, 201);
    const second = await s.request('POST', `${API}/staff`, {
      body: { ...body, email: 'TWICE@staff.test' },
      headers: admin.headers,
    });
    assert.equal(second.status, 409);
    assert.equal(second.body.code, 'EMAIL_TAKEN');
    assert.equal(second.body.errors[0].path, 'email');
    assert.equal((await s.mailsTo('twice@staff.test')).length, 1, 'no second invitation');
  });

  test('the list shows every member with their state', async () => {
    const admin = await staffSession(s);
    const r = await s.request('GET', `${API}/staff`, { headers: admin.headers });
    assert.equal(r.status, 200);
    const byEmail = new Map(r.body.items.map((m: { email: string }) => [m.email, m]));
    assert.equal((byEmail.get('twice@staff.test') as { invited: boolean }).invited, true);
    assert.equal((byEmail.get('new.person@staff.test') as { invited: boolean }).invited, false);
    assert.ok(byEmail.has(admin.email));
  });
});

describe('staff changes', () => {
  test('LAST_ADMIN: nobody may demote or disable the last enabled admin, themselves included', async () => {
    const s = await startServer();
    try {
      const a = await staffSession(s, 'admin');
      const patch = (who: { headers: Record<string, string> }, id: string, body: object) =>
        s.request('PATCH', `${API}/staff/${id}`, { body, headers: who.headers });
      for (const body of [{ role: 'billing' }, { disabled: true }]) {
        const r = await patch(a, a.id, body);
        assert.equal(r.status, 409, JSON.stringify(body));
        assert.equal(r.body.code, 'LAST_ADMIN');
      }
      assert.equal((await sessionOf(s, a.headers)).staff.role, 'admin', 'nothing changed');

      const b = await staffSession(s, 'admin');
      const demoted = await patch(a, a.id, { role: 'billing' });
      assert.equal(demoted.status, 200, 'another admin exists now');
      assert.equal(demoted.body.role, 'billing');
      const forbidden = await s.request('GET', `${API}/staff`, { headers: a.headers });
      assert.equal(forbidden.status, 403, 'the new role applies at once');
      assert.equal(forbidden.body.code, 'ROLE_NOT_ALLOWED');

      const last = await patch(b, b.id, { disabled: true });
      assert.equal(last.status, 409);
      assert.equal(last.body.code, 'LAST_ADMIN');
      const c = await staffSession(s, 'admin');
      assert.equal((await patch(c, b.id, { disabled: true })).status, 200);
      assert.equal((await patch(c, c.id, { role: 'support' })).body.code, 'LAST_ADMIN', 'B is disabled');
    } finally {
      await s.close();
    }
  });

  test('disabling ends their sessions at once; enabling does not bring them back', async () => {
    const s = await startServer();
    try {
      const admin = await staffSession(s, 'admin');
      const target = await staffSession(s, 'support');
      assert.equal((await sessionOf(s, target.headers)).staff.email, target.email);
      const disabled = await s.request('PATCH', `${API}/staff/${target.id}`, {
        body: { disabled: true },
        headers: admin.headers,
      });
      assert.equal(disabled.status, 200, disabled.text);
      assert.equal(disabled.body.disabled, true);
      assert.equal(await sessionOf(s, target.headers), null, 'signed out at once');
      const changes = await s.request('POST', `${API}/auth/totp/setup`, { headers: target.headers });
      assert.equal(changes.status, 401);

      const enabled = await s.request('PATCH', `${API}/staff/${target.id}`, {
        body: { disabled: false, name: '  Renamed Person ' },
        headers: admin.headers,
      });
      assert.equal(enabled.status, 200);
      assert.equal(enabled.body.disabled, false);
      assert.equal(enabled.body.name, 'Renamed Person');
      assert.equal(await sessionOf(s, target.headers), null, 'the ended session stays ended');

      const actions = (await s.app.portico.audit.list({ actorId: admin.id })).items.map((e) => e.action);
      assert.deepEqual(actions, ['staff.enabled', 'staff.updated', 'staff.disabled']);
      const [updated] = (await s.app.portico.audit.list({ action: 'staff.updated' })).items;
      assert.deepEqual(updated?.details, {
        changes: { name: { from: 'Test support', to: 'Renamed Person' } },
      });
      assert.equal(updated?.targetId, target.id);

      const missing = await s.request('PATCH', `${API}/staff/${s.app.portico.deps.ids('stf')}`, {
        body: { name: 'Nobody' },
        headers: admin.headers,
      });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, 'STAFF_NOT_FOUND');
    } finally {
      await s.close();
    }
  });

  test("an admin's TOTP reset makes a member enrol again when the business requires it", async () => {
    const s = await startServer();
    try {
      await s.app.portico.settings.set('requireStaffTotp', true);
      const admin = await staffSession(s, 'admin');
      const target = await staffSession(s, 'support');
      for (const who of [admin, target]) {
        const setup = await s.request('POST', `${API}/auth/totp/setup`, { headers: who.headers });
        const code = totpCode(base32Decode(setup.body.secret), s.clock.now().getTime());
        await s.request('POST', `${API}/auth/totp/confirm`, { body: { code }, headers: who.headers });
        assert.equal((await sessionOf(s, who.headers)).mfaEnrolmentRequired, false);
      }

      const reset = await s.request('POST', `${API}/staff/${target.id}/totp/reset`, {
        headers: admin.headers,
      });
      assert.equal(reset.status, 200, reset.text);
      assert.equal(reset.body.totpEnabled, false);
      assert.equal((await sessionOf(s, target.headers)).mfaEnrolmentRequired, true);
      const blocked = await s.request('POST', `${API}/auth/password`, { body: {}, headers: target.headers });
      assert.equal(blocked.body.code, 'MFA_ENROLMENT_REQUIRED');
      const [entry] = (await s.app.portico.audit.list({ action: 'staff.totp_reset' })).items;
      assert.equal(entry?.actorId, admin.id);
      assert.equal(entry?.targetId, target.id);
    } finally {
      await s.close();
    }
  });
});

describe('the audit log', () => {
  test('filters by actor, action prefix and time, and pages with a cursor', async () => {
    const s = await startServer();
    try {
      const a = await staffSession(s, 'admin');
      const b = await staffSession(s, 'admin');
      const invite = (who: typeof a, email: string) =>
        s.request('POST', `${API}/staff`, {
          body: { email, name: 'Someone', role: 'support' },
          headers: who.headers,
        });
      const t0 = s.clock.now().toISOString();
      await invite(a, 'one@staff.test');
      s.clock.advance(20 * 60_000);
      const t1 = s.clock.now().toISOString();
      await invite(b, 'two@staff.test');
      await invite(b, 'three@staff.test');
      s.clock.advance(20 * 60_000);
      const t2 = s.clock.now().toISOString();
      const one = (await s.request('GET', `${API}/staff`, { headers: a.headers })).body.items.find(
        (m: { email: string }) => m.email === 'one@staff.test',
      );
      await s.request('PATCH', `${API}/staff/${one.id}`, { body: { role: 'billing' }, headers: a.headers });
      await s.app.portico.audit.record({ actor: { type: 'system' }, action: 'other.thing' });

      const get = async (query: string) => {
        const r = await s.request('GET', `${API}/audit?${query}`, { headers: a.headers });
        assert.equal(r.status, 200, r.text);
        return r.body as {
          items: Array<{ action: string; actorId: string; at: string; id: string }>;
          nextCursor: string | null;
        };
      };
      const byA = await get(`actorId=${a.id}`);
      assert.deepEqual(
        byA.items.map((e) => e.action),
        ['staff.updated', 'staff.created'],
      );
      const staffActions = await get('action=staff.');
      assert.equal(staffActions.items.length, 4);
      assert.ok(staffActions.items.every((e) => e.action.startsWith('staff.')));
      assert.equal((await get('action=staff.created')).items.length, 3);
      assert.equal((await get('action=staff')).items.length, 0, 'without the dot it is an exact action');

      const window = await get(`since=${t1}&until=${t2}`);
      assert.deepEqual(
        window.items.map((e) => [e.action, e.actorId]),
        [
          ['staff.created', b.id],
          ['staff.created', b.id],
        ],
      );
      assert.equal((await get(`since=${t0}&until=${t1}`)).items.length, 1);

      const all = await get('limit=100');
      assert.equal(all.items.length, 5);
      assert.equal(all.nextCursor, null);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await get(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.ok(page.items.length <= 2);
        paged.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(
        paged,
        all.items.map((e) => e.id),
        'every entry once, newest first',
      );
      const times = all.items.map((e) => e.at);
      assert.deepEqual(times, [...times].sort().reverse());

      const bad = await s.request('GET', `${API}/audit?since=yesterday`, { headers: a.headers });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'VALIDATION_FAILED');
    } finally {
      await s.close();
    }
  });
});
