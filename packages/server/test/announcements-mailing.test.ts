import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LinkTokenSchema } from '@portico/sdk/contract';
import * as z from 'zod';
import { insertMember } from './account-helpers.js';
import type { StaffLogin, TestServer } from './helpers.js';
import { staffSession, startServer } from './helpers.js';
import { MAILING_BATCH } from '../src/modules/announcements/mailing.js';
import { UnsubscribeTokens } from '../src/modules/announcements/unsubscribe.js';
import { smtpTransport } from '../src/modules/mail/outbox.js';
import { auditActions, insertOwner, staffCall, startNewsServer } from './news-helpers.js';

/** The unsubscribe token in a mail's text. */
const tokenIn = (text: string) => /unsubscribe\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('mailing an announcement', () => {
  let s: TestServer;
  let admin: StaffLogin;
  const publish = async (title: string, publishedAt = s.clock.now().toISOString()) =>
    staffCall(
      s,
      admin,
      'POST',
      '/announcements',
      { title, body: `About **${title}**. [Store](/store)`, publishedAt },
      201,
    );
  const mail = (id: string, expect: number, headers: Record<string, string> = {}) =>
    staffCall(s, admin, 'POST', `/announcements/${id}/mailing`, undefined, expect, headers);

  before(async () => {
    ({ s, admin } = await startNewsServer());
    await insertOwner(s, 'ada@owner.test');
    await insertOwner(s, 'eva@owner.test', { locale: 'es' });
    await insertOwner(s, 'gone@owner.test', { disabled: true });
    await insertOwner(s, 'quiet@owner.test', { unsubscribed: true });
    // One person owning two accounts gets one mail.
    const two = await insertOwner(s, 'two@owner.test');
    await s.app.portico.db
      .insertInto('memberships')
      .values({
        id: s.app.portico.deps.ids('mem'),
        user_id: two.userId,
        account_id: (await insertOwner(s, 'other@owner.test')).accountId,
        role: 'owner',
        created_at: s.clock.now().toISOString(),
      })
      .execute();
    // A contact who owns nothing gets none.
    const { accountId } = await insertOwner(s, 'boss@owner.test');
    await insertMember(s, accountId, {
      email: 'contact@member.test',
      role: 'billing',
      permissions: ['billing:read'],
    });
  });
  after(() => s.close());

  test('not before it is published: drafts and scheduled ones are 409', async () => {
    const draft = await staffCall(s, admin, 'POST', '/announcements', { title: 'Draft', body: 'x' }, 201);
    assert.equal((await mail(draft.id, 409)).code, 'CONFLICT');
    const later = await publish('Later', new Date(s.clock.now().getTime() + 60_000).toISOString());
    assert.equal((await mail(later.id, 409)).code, 'CONFLICT');
    assert.equal((await mail('ann_01kjpzv2804xv11y3as64g4ghv', 404)).code, 'NOT_FOUND');
    await s.app.portico.outbox.deliverDue();
    assert.equal(s.mail.sent.filter((m) => m.subject === 'Later' || m.subject === 'Draft').length, 0);
  });

  test('once, to each owner who takes them, in their language, with unsubscribe headers', async () => {
    const a = await publish('Big news');
    const key = { 'idempotency-key': 'mail-big-news-1' };
    const first = await mail(a.id, 202, key);
    const expected = [
      'ada@owner.test',
      'boss@owner.test',
      'eva@owner.test',
      'other@owner.test',
      'two@owner.test',
    ];
    assert.equal(first.recipients, expected.length);
    assert.equal(first.emailedAt, s.clock.now().toISOString());

    // The same key replays the answer; another call is refused.
    const replay = await s.request('POST', `/api/admin/v1/announcements/${a.id}/mailing`, {
      headers: { ...admin.headers, ...key },
    });
    assert.equal(replay.status, 202);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(replay.body, first);
    assert.equal((await mail(a.id, 409)).code, 'CONFLICT');

    await s.app.portico.outbox.deliverDue();
    const sent = s.mail.sent.filter((m) => m.subject === 'Big news');
    assert.deepEqual(sent.map((m) => m.to).sort(), expected);

    const eva = sent.find((m) => m.to === 'eva@owner.test')!;
    assert.match(eva.text, /Leerlo en el portal/);
    assert.match(eva.html, /Darse de baja/);
    const ada = sent.find((m) => m.to === 'ada@owner.test')!;
    assert.match(ada.text, /About Big news\./);
    assert.match(ada.html, /<strong>Big news<\/strong>/);
    assert.match(ada.html, /href="http:\/\/127\.0\.0\.1:\d+\/store"|href="[^"]+\/store"/);
    assert.doesNotMatch(ada.html, /href="\/store"/, 'paths are made absolute in mails');
    const portal = s.app.portico.settings.portalUrl(s.app.portico.config.publicUrl);
    assert.ok(ada.text.includes(`${portal}/announcements#announcement/${a.slug}`));
    const token = tokenIn(ada.text);
    assert.ok(token && z.safeParse(LinkTokenSchema, token).success, `token ${token}`);
    assert.ok(ada.text.includes(`${portal}/unsubscribe?token=${token}`));

    const rows = await s.app.portico.db
      .selectFrom('outbox')
      .select(['to_address', 'headers'])
      .where('template', '=', 'announcement')
      .where('to_address', '=', 'ada@owner.test')
      .execute();
    const headers = JSON.parse(rows.at(-1)!.headers!);
    assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.match(headers['List-Unsubscribe'], new RegExp(`^<https?://[^>]+/unsubscribe\\?token=${token}>$`));

    const stored = await staffCall(s, admin, 'GET', `/announcements/${a.id}`, undefined, 200);
    assert.equal(stored.emailRecipients, expected.length);
    assert.equal(stored.emailedAt, first.emailedAt);
    assert.deepEqual(await auditActions(s, a.id), ['announcement.created', 'announcement.mailed']);
  });

  test('SMTP delivery carries the extra headers', async () => {
    const transport = smtpTransport('smtp://127.0.0.1:1');
    const seen: any[] = [];
    transport.transporter.sendMail = (async (options: unknown) => {
      seen.push(options);
      return {};
    }) as never;
    await transport.send(
      {
        id: 'msg_1',
        to_address: 'a@b.test',
        subject: 's',
        text: 't',
        html: 'h',
        created_at: '',
        headers: JSON.stringify({ 'List-Unsubscribe': '<https://x.test/u>' }),
      },
      'from@x.test',
    );
    assert.deepEqual(seen[0].headers, { 'List-Unsubscribe': '<https://x.test/u>' });
  });

  test('unsubscribing: the link stops further mails, twice is fine, a bad token is LINK_INVALID', async () => {
    const a = await publish('First of two');
    await mail(a.id, 202);
    await s.app.portico.outbox.deliverDue();
    const ada = s.mail.sent.filter((m) => m.to === 'ada@owner.test' && m.subject === 'First of two')[0]!;
    const token = tokenIn(ada.text)!;
    const origin = { origin: s.app.portico.config.publicOrigin };
    for (let i = 0; i < 2; i++) {
      const r = await s.request('POST', '/api/v1/announcements/unsubscribe', {
        body: { token },
        headers: origin,
      });
      assert.equal(r.status, 204, r.text);
    }
    const user = await s.app.portico.db
      .selectFrom('users')
      .select(['id', 'announcement_mail'])
      .where('email', '=', 'ada@owner.test')
      .executeTakeFirstOrThrow();
    assert.equal(user.announcement_mail, 0);
    assert.deepEqual(await auditActions(s, user.id), ['announcement.unsubscribed']);

    const b = await publish('Second of two');
    const second = await mail(b.id, 202);
    assert.equal(second.recipients, 4);
    await s.app.portico.outbox.deliverDue();
    assert.equal(
      s.mail.sent.filter((m) => m.to === 'ada@owner.test' && m.subject === 'Second of two').length,
      0,
    );

    const forged = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    for (const bad of [forged, 'un_not-a-real-token-but-long-enough-for-the-schema-000', 'nonsense']) {
      const r = await s.request('POST', '/api/v1/announcements/unsubscribe', {
        body: { token: bad },
        headers: origin,
      });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.code, bad === 'nonsense' ? 'VALIDATION_FAILED' : 'LINK_INVALID');
    }
  });

  test('RFC 8058 one-click: a form POST to the List-Unsubscribe URL turns mail off', async () => {
    const { userId } = await insertOwner(s, 'oneclick@owner.test');
    const token = new UnsubscribeTokens(s.app.portico.config.secret).make(userId, s.clock.now());
    const r = await fetch(`${s.url}/unsubscribe?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(r.status, 200, await r.text());
    const user = await s.app.portico.db
      .selectFrom('users')
      .select('announcement_mail')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    assert.equal(user.announcement_mail, 0);
    const bad = await fetch(`${s.url}/unsubscribe?token=un_x`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { code: string }).code, 'LINK_INVALID');
  });

  test('a token stops working a year after the mail; one of an unknown person never works', async () => {
    const { userId } = await insertOwner(s, 'expiring@owner.test');
    const tokens = new UnsubscribeTokens(s.app.portico.config.secret);
    const now = s.clock.now();
    const token = tokens.make(userId, now);
    assert.equal(tokens.read(token, new Date(now.getTime() + 364 * 86_400_000)), userId);
    assert.equal(tokens.read(token, new Date(now.getTime() + 367 * 86_400_000)), undefined);
    assert.equal(new UnsubscribeTokens('another-secret-another-secret-000000').read(token, now), undefined);
    const stranger = tokens.make('usr_01kjpzv2804xv11y3as64g4ghv', now);
    const r = await s.request('POST', '/api/v1/announcements/unsubscribe', {
      body: { token: stranger },
      headers: { origin: s.app.portico.config.publicOrigin },
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'LINK_INVALID');
  });

  test('unsubscribing is rate-limited per IP', async () => {
    const origin = { origin: s.app.portico.config.publicOrigin };
    let last = 0;
    for (let i = 0; i < 40 && last !== 429; i++) {
      const r = await s.request('POST', '/api/v1/announcements/unsubscribe', {
        body: { token: 'un_not-a-real-token-but-long-enough-for-the-schema-000' },
        headers: origin,
      });
      last = r.status;
    }
    assert.equal(last, 429);
  });
});

describe('a large mailing', () => {
  test(`queues in batches of ${MAILING_BATCH}, one transaction each`, async () => {
    const s = await startServer();
    try {
      const admin = await staffSession(s, 'admin');
      const total = MAILING_BATCH * 2 + 7;
      const { db, deps } = s.app.portico;
      const now = deps.clock.now().toISOString();
      for (let i = 0; i < total; i += 100) {
        const users = Array.from({ length: Math.min(100, total - i) }, (_, j) => ({
          user: deps.ids('usr'),
          account: deps.ids('acct'),
          n: i + j,
        }));
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('users')
            .values(
              users.map((u) => ({
                id: u.user,
                email: `bulk${u.n}@owner.test`,
                name: 'Bulk',
                password_hash: null,
                email_verified_at: now,
                locale: 'en',
                disabled_at: null,
                created_at: now,
                updated_at: now,
              })),
            )
            .execute();
          await trx
            .insertInto('accounts')
            .values(
              users.map((u) => ({
                id: u.account,
                name: `Bulk ${u.n}`,
                status: 'active' as const,
                currency: 'USD',
                created_at: now,
                updated_at: now,
              })),
            )
            .execute();
          await trx
            .insertInto('memberships')
            .values(
              users.map((u) => ({
                id: deps.ids('mem'),
                user_id: u.user,
                account_id: u.account,
                role: 'owner' as const,
                created_at: now,
              })),
            )
            .execute();
        });
      }
      const a = await staffCall(
        s,
        admin,
        'POST',
        '/announcements',
        { title: 'Bulk', body: 'x', publishedAt: now },
        201,
      );
      let transactions = 0;
      const original = db.transaction.bind(db);
      db.transaction = (() => {
        transactions++;
        return original();
      }) as typeof db.transaction;
      try {
        const answer = await staffCall(s, admin, 'POST', `/announcements/${a.id}/mailing`, undefined, 202);
        assert.equal(answer.recipients, total);
      } finally {
        db.transaction = original;
      }
      // The claim, then one per batch.
      assert.equal(transactions, 1 + Math.ceil(total / MAILING_BATCH));
      const queued = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('template', '=', 'announcement')
        .executeTakeFirstOrThrow();
      assert.equal(Number(queued.n), total);
    } finally {
      await s.close();
    }
  });
});
