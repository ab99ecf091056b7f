import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CHECK_LIMIT } from '../src/modules/domains/availability.js';
import type { LocalRegistrar } from '../src/modules/domains/local-registrar.js';
import { suggestDomains } from '../src/modules/domains/suggestions.js';
import { ScriptedRegistrar, seedTlds, startDomainServer } from './domains-helpers.js';
import type { TestServer } from './helpers.js';
import { newClient } from './services-helpers.js';

const TLDS = '/api/v1/domains/tlds';
const CHECK = '/api/v1/domains/availability';
const SUGGEST = '/api/v1/domains/suggestions';
const check = (s: TestServer, domain: string, extra = '') =>
  s.request('GET', `${CHECK}?domain=${encodeURIComponent(domain)}${extra}`);

/** Forgets every rate-limit window, so a test's requests start from zero. */
const resetLimits = (s: TestServer) => s.app.portico.db.deleteFrom('rate_limits').execute();

describe('public domain search', () => {
  let s: TestServer;
  before(async () => {
    s = await startDomainServer();
    await seedTlds(s);
    await seedTlds(s, { tlds: ['com', 'net'], currency: 'EUR' });
    await s.app.portico.settings.update({ enabledCurrencies: ['USD', 'EUR'] });
    const local = s.app.portico.domains.registrars.registrar('local') as LocalRegistrar;
    await local.holdElsewhere('example.com');
  });
  after(() => s.close());
  beforeEach(() => resetLimits(s));

  test('lists the TLDs with their prices in the currency asked, the account’s, or the default', async () => {
    const usd = await s.request('GET', TLDS);
    assert.equal(usd.status, 200, usd.text);
    assert.equal(usd.body.currency, 'USD');
    assert.deepEqual(usd.body.currencies, ['USD', 'EUR']);
    assert.deepEqual(
      usd.body.tlds.map((t: { tld: string }) => t.tld),
      ['com', 'net', 'org', 'co.uk'],
    );
    assert.deepEqual(usd.body.tlds[0].register, [
      { years: 1, amount: 1000 },
      { years: 2, amount: 1900 },
    ]);
    assert.deepEqual(usd.body.tlds[0].transfer, [{ years: 1, amount: 800 }]);

    const eur = await s.request('GET', `${TLDS}?currency=EUR`);
    assert.equal(eur.body.currency, 'EUR');
    // Only the TLDs priced in EUR.
    assert.deepEqual(
      eur.body.tlds.map((t: { tld: string }) => t.tld),
      ['com', 'net'],
    );

    const client = await newClient(s, 'eur@domains.test');
    await s.app.portico.db
      .updateTable('accounts')
      .set({ currency: 'EUR' })
      .where('id', '=', client.accountId)
      .execute();
    const mine = await s.request('GET', TLDS, { headers: client.headers });
    assert.equal(mine.body.currency, 'EUR');

    const off = await s.request('GET', `${TLDS}?currency=GBP`);
    assert.equal(off.status, 400);
    assert.equal(off.body.code, 'CURRENCY_NOT_ENABLED');
    assert.equal(off.body.errors[0].path, 'currency');
  });

  test('answers available and taken names with one year’s prices', async () => {
    const free = await check(s, 'northwind-fresh.com');
    assert.equal(free.status, 200, free.text);
    assert.deepEqual(free.body, {
      domain: 'northwind-fresh.com',
      unicode: 'northwind-fresh.com',
      tld: 'com',
      status: 'available',
      reason: null,
      register: { currency: 'USD', amount: 1000 },
      transfer: { currency: 'USD', amount: 800 },
      premium: false,
    });
    const taken = await check(s, 'EXAMPLE.com');
    assert.equal(taken.body.domain, 'example.com');
    assert.equal(taken.body.status, 'taken');
    const eur = await check(s, 'northwind-fresh.net', '&currency=EUR');
    assert.deepEqual(eur.body.register, { currency: 'EUR', amount: 1000 });
    // org has no EUR prices: offered, but not in this currency.
    const noPrice = await check(s, 'northwind-fresh.org', '&currency=EUR');
    assert.equal(noPrice.status, 200);
    assert.equal(noPrice.body.register, null);
    assert.equal(noPrice.body.transfer, null);
  });

  test('a second-level TLD is matched whole, and a short name is premium', async () => {
    const uk = await check(s, 'northwind.co.uk');
    assert.equal(uk.body.tld, 'co.uk');
    const short = await check(s, 'nw.com');
    assert.equal(short.body.status, 'available');
    assert.equal(short.body.premium, true);
  });

  test('an IDN is accepted and answered in ASCII and Unicode', async () => {
    const idn = await check(s, 'bücher.com');
    assert.equal(idn.status, 200, idn.text);
    assert.equal(idn.body.domain, 'xn--bcher-kva.com');
    assert.equal(idn.body.unicode, 'bücher.com');
    const ascii = await check(s, 'xn--bcher-kva.com');
    assert.equal(ascii.body.unicode, 'bücher.com');
  });

  test('bad names are refused with a field error and the contract’s words, before any check', async () => {
    const cases: [string, string][] = [
      ['', 'Enter a domain name'],
      ['-bad.com', 'A part of a domain cannot start or end with a hyphen'],
      ['bad-.com', 'A part of a domain cannot start or end with a hyphen'],
      ['ab--cd.com', 'A domain cannot have hyphens in both the 3rd and 4th places'],
      ['under_score.com', 'A domain may only use letters, digits and hyphens'],
      ['two words.com', 'A domain cannot contain spaces'],
      ['a..com', 'A domain cannot start with a dot or have two dots in a row'],
      [`${'a'.repeat(64)}.com`, 'Each part of a domain is at most 63 characters'],
      [`${'abcdefghi.'.repeat(26)}com`, 'A domain is at most 253 characters'],
      ['xn--zz.com', 'This xn-- name is not valid punycode'],
      ['northwind', 'Enter the whole domain, such as example.com'],
      ['northwind.123', 'A domain cannot end in a number'],
    ];
    for (const [domain, message] of cases) {
      const r = await check(s, domain);
      assert.equal(r.status, 400, `${domain}: ${r.text}`);
      assert.equal(r.body.code, 'VALIDATION_FAILED', domain);
      assert.equal(r.body.errors[0].path, 'domain', domain);
      assert.equal(r.body.errors[0].message, message, domain);
    }
    const missing = await s.request('GET', CHECK);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors[0].path, 'domain');
  });

  test('a name under a TLD not sold here is 422 TLD_NOT_OFFERED on `domain`', async () => {
    const r = await check(s, 'northwind.xyz');
    assert.equal(r.status, 422, r.text);
    assert.equal(r.body.code, 'TLD_NOT_OFFERED');
    assert.deepEqual(r.body.errors, [
      { path: 'domain', message: 'Names ending in .xyz are not sold here', code: 'TLD_NOT_OFFERED' },
    ]);
    // `uk` alone is not sold, though `co.uk` is.
    assert.equal((await check(s, 'northwind.uk')).body.code, 'TLD_NOT_OFFERED');
    // A disabled TLD is not sold either.
    await s.app.portico.db.updateTable('domain_tlds').set({ enabled: 0 }).where('tld', '=', 'org').execute();
    try {
      assert.equal((await check(s, 'northwind.org')).body.code, 'TLD_NOT_OFFERED');
      const list = await s.request('GET', TLDS);
      assert.ok(!list.body.tlds.some((t: { tld: string }) => t.tld === 'org'));
    } finally {
      await s.app.portico.db
        .updateTable('domain_tlds')
        .set({ enabled: 1 })
        .where('tld', '=', 'org')
        .execute();
    }
  });

  test('checks are limited per IP: past the limit, 429 RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < CHECK_LIMIT.max; i++) {
      const r = await check(s, `limit-${i}.com`);
      assert.equal(r.status, 200, `request ${i}: ${r.text}`);
    }
    const over = await check(s, 'one-more.com');
    assert.equal(over.status, 429);
    assert.equal(over.body.code, 'RATE_LIMITED');
    assert.ok(Number(over.headers.get('retry-after')) > 0);
    // The window ends: checks go through again.
    s.clock.advance(61_000);
    assert.equal((await check(s, 'one-more.com')).status, 200);
  });

  test('suggestions: alternatives across the TLDs, valid, never the name asked, limited', async () => {
    const r = await s.request('GET', `${SUGGEST}?query=${encodeURIComponent('northwind.com')}`);
    assert.equal(r.status, 200, r.text);
    const names = r.body.items.map((i: { domain: string }) => i.domain);
    assert.equal(names.length, 8);
    assert.ok(!names.includes('northwind.com'));
    assert.deepEqual(names.slice(0, 3), ['northwind.net', 'northwind.org', 'northwind.co.uk']);
    const again = await s.request('GET', `${SUGGEST}?query=${encodeURIComponent('northwind.com')}`);
    assert.deepEqual(again.body, r.body, 'the same query gives the same list');

    const words = await s.request('GET', `${SUGGEST}?query=${encodeURIComponent('Cosy Café')}&limit=20`);
    const all = words.body.items.map((i: { domain: string }) => i.domain);
    assert.equal(all.length, 20);
    assert.ok(all.includes('xn--cosycaf-hya.com'));
    assert.ok(all.includes('xn--cosy-caf-i1a.com'));
    assert.equal(
      words.body.items.find((i: { domain: string }) => i.domain === 'xn--cosycaf-hya.com').unicode,
      'cosycafé.com',
    );
    assert.equal(new Set(all).size, all.length);

    const bad = await s.request('GET', `${SUGGEST}?query=&limit=0`);
    assert.equal(bad.status, 400);
    assert.deepEqual(
      bad.body.errors.map((e: { path: string }) => e.path),
      ['query', 'limit'],
    );
  });

  test('suggestions are limited per IP too', async () => {
    let last = 200;
    for (let i = 0; i < 61 && last === 200; i++) {
      last = (await s.request('GET', `${SUGGEST}?query=limit${i}`)).status;
    }
    assert.equal(last, 429);
  });

  test('with the store or domain search hidden, all three public routes are 404', async () => {
    const { settings } = s.app.portico;
    const sections = settings.current.sections;
    for (const hidden of [{ store: false }, { domainSearch: false }]) {
      await settings.update({ sections: { ...sections, ...hidden } });
      try {
        for (const path of [TLDS, `${CHECK}?domain=northwind.com`, `${SUGGEST}?query=northwind`]) {
          const r = await s.request('GET', path);
          assert.equal(r.status, 404, `${path} with ${JSON.stringify(hidden)}`);
          assert.equal(r.body.code, 'NOT_FOUND');
        }
      } finally {
        await settings.update({ sections });
      }
    }
    assert.equal((await s.request('GET', TLDS)).status, 200);
  });
});

describe('availability cache and deadline', () => {
  test('a cached answer does not ask the checker again until it expires; unknown is never cached', async () => {
    const counting = new ScriptedRegistrar('counting');
    const s = await startDomainServer({ domainCheckCacheSeconds: 60 }, { counting });
    try {
      await seedTlds(s, { registrar: 'counting' });
      counting.taken.add('taken-name.com');
      assert.equal((await check(s, 'cached-name.com')).body.status, 'available');
      assert.equal((await check(s, 'cached-name.com')).body.status, 'available');
      assert.equal((await check(s, 'taken-name.com')).body.status, 'taken');
      assert.equal((await check(s, 'taken-name.com')).body.status, 'taken');
      assert.deepEqual(counting.calls, ['check cached-name.com', 'check taken-name.com']);
      s.clock.advance(61_000);
      await check(s, 'cached-name.com');
      assert.equal(counting.calls.length, 3, 'asked again once the answer is older than the cache time');

      counting.hang = true;
      const unknown = await check(s, 'slow-name.com');
      assert.equal(unknown.body.status, 'unknown');
      counting.hang = false;
      assert.equal((await check(s, 'slow-name.com')).body.status, 'available');
      assert.equal(counting.calls.filter((c) => c === 'check slow-name.com').length, 2);
    } finally {
      await s.close();
    }
  });

  test('with the cache off (0 seconds), every check asks the checker', async () => {
    const counting = new ScriptedRegistrar('counting');
    const s = await startDomainServer({ domainCheckCacheSeconds: 0 }, { counting });
    try {
      await seedTlds(s, { registrar: 'counting' });
      for (let i = 0; i < 3; i++) await check(s, 'every-time.com');
      assert.equal(counting.calls.length, 3);
      assert.equal(s.app.portico.domains.search.cache.size, 0);
    } finally {
      await s.close();
    }
  });

  test('a hung checker answers unknown (timeout) at the deadline instead of hanging the request', async () => {
    const hung = new ScriptedRegistrar('hung');
    hung.hang = true;
    const s = await startDomainServer({ rdapTimeoutMs: 150 }, { hung });
    try {
      await seedTlds(s, { registrar: 'hung' });
      const started = performance.now();
      const r = await check(s, 'never-answers.com');
      const took = performance.now() - started;
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, 'unknown');
      assert.equal(r.body.reason, 'timeout');
      assert.deepEqual(r.body.register, { currency: 'USD', amount: 1000 });
      assert.ok(took >= 140 && took < 2_000, `answered after ${took} ms`);
    } finally {
      await s.close();
    }
  });

  test('the cache keeps at most its bound, dropping the oldest answer first', async () => {
    const { AvailabilityCache } = await import('../src/modules/domains/availability.js');
    const { FakeClock } = await import('../src/deps.js');
    const cache = new AvailabilityCache(new FakeClock(), 60, 3);
    for (const name of ['a.com', 'b.com', 'c.com', 'd.com']) cache.set(name, { status: 'taken' });
    assert.equal(cache.size, 3);
    assert.equal(cache.get('a.com'), undefined);
    assert.deepEqual(cache.get('d.com'), { status: 'taken' });
  });
});

describe('suggestDomains', () => {
  const tlds = ['com', 'net', 'org', 'io'];

  test('is deterministic and every suggestion is a valid name under an offered TLD', () => {
    const one = suggestDomains('green tea shop', tlds, 20);
    assert.deepEqual(one, suggestDomains('green tea shop', tlds, 20));
    assert.equal(one[0]?.domain, 'greenteashop.com');
    for (const { domain } of one)
      assert.ok(
        tlds.some((t) => domain.endsWith(`.${t}`)),
        domain,
      );
  });

  test('a bare name suggests variations, not the name itself under each TLD (the widget checks those)', () => {
    const names = suggestDomains('acme', tlds).map((i) => i.domain);
    assert.ok(!names.some((n) => n.startsWith('acme.')));
    assert.deepEqual(names.slice(0, 3), ['acmehq.com', 'acmehq.net', 'acmehq.org']);
  });

  test('reads pasted addresses and unknown endings for their name', () => {
    assert.equal(suggestDomains('https://www.acme.com/about', tlds)[0]?.domain, 'acme.net');
    assert.equal(suggestDomains('acme.zzz', tlds)[0]?.domain, 'acmehq.com');
    assert.deepEqual(suggestDomains('---', tlds), []);
  });
});
