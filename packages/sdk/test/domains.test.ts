import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPortalClient, isPortalApiError } from '../src/index.js';
import { type PorticoServer, startPortico } from './portico-server.js';

const CARD = { number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };

describe('the domains resource against a real Portico server', () => {
  let portico: PorticoServer;
  let baseUrl: string;
  const email = 'annie@example.com';
  const password = 'centaur upper stage';

  before(async () => {
    portico = await startPortico();
    baseUrl = portico.baseUrl;
    const { db, deps } = portico.app.portico;
    const now = deps.clock.now().toISOString();
    await db
      .insertInto('domain_tlds')
      .values([
        {
          tld: 'example',
          position: 0,
          enabled: 1,
          registrar: 'local',
          availability: 'registrar',
          created_at: now,
          updated_at: now,
        },
        {
          tld: 'test',
          position: 1,
          enabled: 1,
          registrar: 'local',
          availability: 'registrar',
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
    await db
      .insertInto('domain_prices')
      .values(
        ['example', 'test'].flatMap((tld) => [
          { tld, currency: 'USD', action: 'register' as const, years: 1, amount: 1200 },
          { tld, currency: 'USD', action: 'register' as const, years: 2, amount: 2300 },
          { tld, currency: 'USD', action: 'renew' as const, years: 1, amount: 1300 },
          { tld, currency: 'USD', action: 'transfer' as const, years: 1, amount: 1100 },
        ]),
      )
      .execute();
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    await portal.auth.register({ name: 'Annie Easley', email, password });
    await portal.auth.verifyEmail({ email, code: await portico.codeFor(email) });
  });
  after(() => portico.close());

  const signedIn = async () => {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    await portal.auth.login({ email, password });
    return portal;
  };

  test('a guest reads the TLD prices and checks an IDN name, answered in ASCII and Unicode', async () => {
    const guest = createPortalClient({ baseUrl, mode: 'token' });
    const { currency, tlds } = await guest.domains.tlds();
    assert.equal(currency, 'USD');
    assert.deepEqual(
      tlds.map((t) => [t.tld, t.register.map((p) => [p.years, p.amount])]),
      [
        [
          'example',
          [
            [1, 1200],
            [2, 2300],
          ],
        ],
        [
          'test',
          [
            [1, 1200],
            [2, 2300],
          ],
        ],
      ],
    );
    const result = await guest.domains.availability('Bücher.example');
    assert.equal(result.domain, 'xn--bcher-kva.example');
    assert.equal(result.unicode, 'bücher.example');
    assert.equal(result.status, 'available');
    assert.deepEqual(result.register, { currency: 'USD', amount: 1200 });
  });

  test('a name a registry would refuse is a typed validation error naming the field', async () => {
    const guest = createPortalClient({ baseUrl, mode: 'token' });
    const error = await guest.domains.availability('exa_mple.example').catch((e: unknown) => e);
    assert.ok(isPortalApiError(error), String(error));
    assert.deepEqual(
      error.errors.map((e) => [e.path, e.message]),
      [['domain', 'A domain may only use letters, digits and hyphens']],
    );
    const unknown = await guest.domains.availability('example.zz').catch((e: unknown) => e);
    assert.ok(isPortalApiError(unknown));
    assert.equal(unknown.code, 'TLD_NOT_OFFERED');
  });

  test('order a domain, pay, find it active, change its name servers', async () => {
    const portal = await signedIn();
    const { order, invoice } = await portal.orders.place({
      domains: [{ domain: 'annie-easley.test', action: 'register', years: 2 }],
    });
    assert.deepEqual(
      order.domains.map((d) => [d.domain, d.action, d.years]),
      [['annie-easley.test', 'register', 2]],
    );
    assert.equal(invoice.total, 2300);
    assert.equal(invoice.lines[0]?.kind, 'domain_register');

    const payment = await portal.invoices.pay(invoice.id, { gateway: 'test', card: CARD });
    assert.equal(payment.status, 'succeeded');
    await portico.app.portico.domains.runJob();

    const { items } = await portal.domains.list();
    assert.equal(items.length, 1);
    const domain = items[0]!;
    assert.equal(domain.status, 'active');
    assert.ok(domain.expiresAt && domain.expiresAt > domain.createdAt);

    const changed = await portal.domains.setNameservers(domain.id, [
      'NS1.annie.example',
      'ns2.annie.example.',
    ]);
    assert.deepEqual(changed.nameservers, ['ns1.annie.example', 'ns2.annie.example']);
    assert.deepEqual((await portal.domains.get(domain.id)).nameservers, changed.nameservers);
    const { code } = await portal.domains.eppCode(domain.id);
    assert.ok(code.length >= 8);
  });
});
