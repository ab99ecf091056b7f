import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defineRoute } from '@portico/sdk/contract';
import express from 'express';
import * as z from 'zod/mini';
import { HttpError } from '../src/http/problem.js';
import { type MountOptions, mount } from '../src/http/validate.js';
import { accountOf, addContact, bearer } from './account-helpers.js';
import { signUp, staffSession, startServer, type TestServer } from './helpers.js';

/** Adds a `billing:read` route to this server only, to see mount()'s gating from another area. */
function addBillingProbe(s: TestServer): string {
  const { auth, routers } = s.app.portico;
  const options: MountOptions = {
    checkOutput: true,
    async authenticate(req, required) {
      const header = req.get('authorization');
      const principal = header?.startsWith('Bearer ') ? await auth.authenticate(header.slice(7)) : undefined;
      if (!principal && required) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in to continue.');
      return principal;
    },
    authenticateStaff: async () => undefined,
  };
  const route = defineRoute({
    id: 'test.billingProbe',
    method: 'GET',
    path: '/api/v1/test/billing-probe',
    summary: 'A billing route that exists only in this test',
    tags: ['test'],
    auth: 'client',
    access: 'billing:read',
    status: 200,
    output: z.object({ ok: z.boolean() }),
  });
  const router = express.Router();
  mount(router, route, options, async () => ({ ok: true }));
  routers.client.use(router);
  return route.path;
}

describe('profile', () => {
  test('shows the person and the account, with the currencies and what the business requires', async () => {
    const s = await startServer();
    try {
      const token = await signUp(s, 'ada@example.com');
      const r = await s.request('GET', '/api/v1/profile', { headers: bearer(token) });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.user.email, 'ada@example.com');
      assert.equal(r.body.user.name, 'Ada Lovelace');
      assert.equal(r.body.user.locale, 'en');
      assert.equal(r.body.user.hasPassword, true);
      assert.equal(r.body.user.emailVerifiedAt, s.clock.now().toISOString());
      assert.deepEqual(r.body.account, {
        id: await accountOf(s, token),
        name: 'Ada Lovelace',
        company: null,
        phone: null,
        address: {},
        currency: 'USD',
      });
      assert.deepEqual(r.body.currencies, ['USD']);
      assert.deepEqual(r.body.requiredFields, []);
      assert.deepEqual(r.body.missingFields, []);
      assert.equal(r.body.canEdit, true);
    } finally {
      await s.close();
    }
  });

  test('PATCH changes only the fields sent, refreshes the staff search and audits the field names', async () => {
    const s = await startServer();
    try {
      const token = await signUp(s, 'ada@example.com');
      const accountId = await accountOf(s, token);
      const first = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(token),
        body: {
          accountName: 'Analytical Engines',
          company: 'Engines Ltd',
          address: { line1: '12 St James Sq', city: 'London', country: 'gb' },
        },
      });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.account.name, 'Analytical Engines');
      assert.equal(first.body.account.company, 'Engines Ltd');
      assert.deepEqual(first.body.account.address, {
        line1: '12 St James Sq',
        city: 'London',
        country: 'GB',
      });

      const second = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(token),
        body: { phone: '+44 20 7946 0000' },
      });
      assert.equal(second.status, 200, second.text);
      assert.equal(second.body.account.phone, '+44 20 7946 0000');
      assert.equal(second.body.account.company, 'Engines Ltd', 'fields not sent stay');
      assert.equal(second.body.account.name, 'Analytical Engines');

      const { search_text } = s.app.portico.sqlite
        .prepare('SELECT search_text FROM accounts WHERE id = ?')
        .get(accountId) as { search_text: string };
      assert.equal(search_text, 'analytical engines engines ltd ada@example.com');

      const entries = s.app.portico.sqlite
        .prepare("SELECT * FROM audit_log WHERE action = 'profile.updated' ORDER BY at, id")
        .all() as { account_id: string; actor_id: string; details: string }[];
      assert.deepEqual(
        entries.map((e) => JSON.parse(e.details).fields),
        ['accountName, company, address', 'phone'],
      );
      assert.ok(entries.every((e) => e.account_id === accountId));
      assert.doesNotMatch(entries.map((e) => e.details).join(), /Engines|London|7946/, 'no values audited');

      const same = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(token),
        body: { phone: '+44 20 7946 0000', company: 'Engines Ltd' },
      });
      assert.equal(same.status, 200);
      const count = s.app.portico.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'profile.updated'")
        .get() as { n: number };
      assert.equal(count.n, 2, 'an unchanged profile is not audited again');

      const cleared = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(token),
        body: { company: '  ', phone: null },
      });
      assert.equal(cleared.body.account.company, null);
      assert.equal(cleared.body.account.phone, null);
    } finally {
      await s.close();
    }
  });

  test('the billing currency must be one the business bills in', async () => {
    const s = await startServer();
    try {
      const token = await signUp(s, 'ada@example.com');
      const refused = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(token),
        body: { currency: 'eur' },
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.code, 'CURRENCY_NOT_ENABLED');
      assert.deepEqual(
        refused.body.errors.map((e: { path: string }) => e.path),
        ['currency'],
      );
      await s.app.portico.settings.update({ enabledCurrencies: ['USD', 'EUR'] });
      const ok = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(token),
        body: { currency: 'eur' },
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.account.currency, 'EUR');
      assert.deepEqual(ok.body.currencies, ['USD', 'EUR']);
    } finally {
      await s.close();
    }
  });

  test('PATCH /me changes the name and the language of emails, and answers the session', async () => {
    const s = await startServer();
    try {
      const token = await signUp(s, 'ada@example.com');
      const r = await s.request('PATCH', '/api/v1/me', {
        headers: bearer(token),
        body: { name: 'Augusta Ada King', locale: 'es' },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.user.name, 'Augusta Ada King');
      assert.equal(r.body.user.locale, 'es');
      assert.equal(r.body.account.name, 'Ada Lovelace', 'the account keeps its own name');
      const row = s.app.portico.sqlite.prepare('SELECT name, locale FROM users').get();
      assert.deepEqual({ ...(row as object) }, { name: 'Augusta Ada King', locale: 'es' });

      const bad = await s.request('PATCH', '/api/v1/me', {
        headers: bearer(token),
        body: { locale: 'Spanish' },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].path, 'locale');

      // Emails now speak Spanish.
      await s.request('POST', '/api/v1/auth/password-reset/request', { body: { email: 'ada@example.com' } });
      const [mail] = (await s.mailsTo('ada@example.com')).slice(-1);
      assert.match(mail?.subject ?? '', /contraseña/i);
    } finally {
      await s.close();
    }
  });

  test('a contact with profile:read sees the profile but cannot change it', async () => {
    const s = await startServer();
    try {
      const owner = await signUp(s, 'ada@example.com');
      const accountId = await accountOf(s, owner);
      const contact = await addContact(s, accountId, 'tech@example.com', 'technical', ['profile:read']);
      const r = await s.request('GET', '/api/v1/profile', { headers: bearer(contact.token) });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.canEdit, false);
      assert.equal(r.body.account.id, accountId);
      assert.equal(r.body.user.email, 'tech@example.com');
      const patch = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(contact.token),
        body: { company: 'Taken over' },
      });
      assert.equal(patch.status, 403);
      assert.equal(patch.body.code, 'PERMISSION_DENIED');
    } finally {
      await s.close();
    }
  });
});

describe('mass assignment', () => {
  test('PATCH /profile and PATCH /me never change role, permissions, ids, status, email or verification', async () => {
    const s = await startServer();
    try {
      const owner = await signUp(s, 'ada@example.com');
      const accountId = await accountOf(s, owner);
      const contact = await addContact(s, accountId, 'bill@example.com', 'billing', ['profile:write']);
      const { sqlite } = s.app.portico;
      const snapshot = () => ({
        users: sqlite
          .prepare('SELECT id, email, email_verified_at, disabled_at FROM users ORDER BY id')
          .all(),
        memberships: sqlite
          .prepare('SELECT id, user_id, account_id, role, permissions FROM memberships ORDER BY id')
          .all(),
        accounts: sqlite
          .prepare('SELECT id, status, currency, notes, external_id FROM accounts ORDER BY id')
          .all(),
      });
      const before = snapshot();
      const hostile = {
        role: 'owner',
        permissions: ['billing:write', 'services:write'],
        accountId: 'acct_00000000000000000000000000',
        id: 'acct_00000000000000000000000000',
        userId: 'usr_00000000000000000000000000',
        status: 'disabled',
        email: 'evil@example.com',
        emailVerifiedAt: null,
        email_verified_at: null,
        notes: 'pwned',
        externalId: 'whmcs:1',
        disabledAt: '2026-01-01T00:00:00.000Z',
      };
      for (const token of [owner, contact.token]) {
        const profile = await s.request('PATCH', '/api/v1/profile', {
          headers: bearer(token),
          body: hostile,
        });
        assert.equal(profile.status, 200, profile.text);
        const me = await s.request('PATCH', '/api/v1/me', { headers: bearer(token), body: hostile });
        assert.equal(me.status, 200, me.text);
      }
      assert.deepEqual(snapshot(), before);
      const session = await s.request('GET', '/api/v1/auth/session', { headers: bearer(contact.token) });
      assert.equal(session.body.account.role, 'billing');
      assert.deepEqual(session.body.permissions, ['profile:write']);
    } finally {
      await s.close();
    }
  });
});

describe('required profile fields', () => {
  test('the setting is deduplicated, gates other areas with PROFILE_INCOMPLETE, and filling the profile lifts it', async () => {
    const s = await startServer();
    try {
      const probe = addBillingProbe(s);
      const owner = await signUp(s, 'ada@example.com');
      const accountId = await accountOf(s, owner);
      const reader = await addContact(s, accountId, 'reader@example.com', 'custom', ['billing:read']);
      assert.equal((await s.request('GET', probe, { headers: bearer(owner) })).status, 200);

      const staff = await staffSession(s);
      const set = await s.request('PATCH', '/api/admin/v1/settings', {
        headers: staff.headers,
        body: { requiredProfileFields: ['company', 'phone', 'company'] },
      });
      assert.equal(set.status, 200, set.text);
      assert.deepEqual(set.body.requiredProfileFields, ['company', 'phone']);

      const session = await s.request('GET', '/api/v1/auth/session', { headers: bearer(owner) });
      assert.deepEqual(session.body.profileMissing, ['company', 'phone']);
      const gated = await s.request('GET', probe, { headers: bearer(owner) });
      assert.equal(gated.status, 403);
      assert.equal(gated.body.code, 'PROFILE_INCOMPLETE');
      assert.deepEqual(
        gated.body.errors.map((e: { path: string }) => e.path),
        ['company', 'phone'],
      );
      // A contact who cannot edit the profile is not held up by it.
      assert.equal((await s.request('GET', probe, { headers: bearer(reader.token) })).status, 200);
      // The profile itself stays open, so it can be filled.
      const profile = await s.request('GET', '/api/v1/profile', { headers: bearer(owner) });
      assert.deepEqual(profile.body.requiredFields, ['company', 'phone']);
      assert.deepEqual(profile.body.missingFields, ['company', 'phone']);

      const half = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(owner),
        body: { company: 'Engines Ltd' },
      });
      assert.deepEqual(half.body.missingFields, ['phone']);
      assert.equal(
        (await s.request('GET', probe, { headers: bearer(owner) })).body.code,
        'PROFILE_INCOMPLETE',
      );

      const filled = await s.request('PATCH', '/api/v1/profile', {
        headers: bearer(owner),
        body: { phone: '+44 20 7946 0000' },
      });
      assert.deepEqual(filled.body.missingFields, []);
      const after = await s.request('GET', '/api/v1/auth/session', { headers: bearer(owner) });
      assert.deepEqual(after.body.profileMissing, []);
      assert.equal((await s.request('GET', probe, { headers: bearer(owner) })).status, 200);
    } finally {
      await s.close();
    }
  });
});
