import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { testConfig } from '../src/index.js';
import { dnsRecords } from '../src/modules/settings/custom-domain.js';
import { DnsStub } from './dns-stub.js';
import { staffSession, startServer, type TestServer } from './helpers.js';

const PUBLIC_URL = 'https://portal.portico.test';
const PUBLIC_IP = '203.0.113.10';

describe('the custom domain', () => {
  const dns = new DnsStub();
  let s: TestServer;
  let admin: Record<string, string>;
  before(async () => {
    await dns.start();
    dns.set('portal.portico.test', { records: [{ type: 'A', value: PUBLIC_IP }] });
    dns.set('cname.acme.test', { records: [{ type: 'CNAME', value: 'PORTAL.Portico.test.' }] });
    dns.set('root.acme.test', { records: [{ type: 'A', value: PUBLIC_IP }] });
    dns.set('elsewhere.acme.test', { records: [{ type: 'CNAME', value: 'shop.other-host.test' }] });
    dns.set('shop.other-host.test', { records: [{ type: 'A', value: '198.51.100.7' }] });
    dns.set('empty.acme.test', { records: [] });
    dns.set('slow.acme.test', { silent: true });
    dns.set('broken.acme.test', { rcode: 'SERVFAIL' });
    dns.set('xn--portl-0qa.acme.test', { records: [{ type: 'CNAME', value: 'portal.portico.test' }] });
    s = await startServer({
      publicUrl: PUBLIC_URL,
      publicOrigin: PUBLIC_URL,
      dnsServers: [dns.address],
      publicIp: PUBLIC_IP,
    });
    const login = await staffSession(s, 'admin');
    admin = { ...login.headers, origin: PUBLIC_URL };
  });
  after(async () => {
    await s.close();
    await dns.stop();
  });
  beforeEach(async () => {
    await s.request('DELETE', '/api/admin/v1/settings/custom-domain', { headers: admin });
  });

  const setDomain = (domain: string) =>
    s.request('PUT', '/api/admin/v1/settings/custom-domain', { body: { domain }, headers: admin });
  const verify = () => s.request('POST', '/api/admin/v1/settings/custom-domain/verify', { headers: admin });
  const stored = async () =>
    (await s.request('GET', '/api/admin/v1/settings', { headers: admin })).body.customDomain;

  test('setting a domain answers the records to create and says DNS takes time', async () => {
    const r = await setDomain('Cname.Acme.test.');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      { ...r.body, detail: undefined },
      {
        domain: 'cname.acme.test',
        status: 'pending',
        records: [
          { type: 'CNAME', name: 'cname.acme.test', value: 'portal.portico.test' },
          { type: 'A', name: 'cname.acme.test', value: PUBLIC_IP },
        ],
        detail: undefined,
        lastCheckedAt: null,
        verifiedAt: null,
      },
    );
    assert.match(r.body.detail, /24 to 48 hours/);
    assert.deepEqual(await stored(), r.body);
  });

  test('an IPv6 public address asks for an AAAA record', () => {
    const config = testConfig({ publicUrl: PUBLIC_URL, publicIp: '2001:db8::10' });
    assert.deepEqual(dnsRecords('x.acme.test', config)[1], {
      type: 'AAAA',
      name: 'x.acme.test',
      value: '2001:db8::10',
    });
    assert.equal(dnsRecords('x.acme.test', testConfig({ publicUrl: PUBLIC_URL })).length, 1);
  });

  test("the server's own host is refused as a custom domain", async () => {
    const r = await setDomain('portal.portico.test');
    assert.equal(r.status, 400);
    assert.equal(r.body.errors[0].path, 'domain');
    assert.equal(await stored(), null);
  });

  test('a CNAME to the public host (any case, trailing dot) verifies it, and the portal then answers on it', async () => {
    const origin = 'https://cname.acme.test';
    await setDomain('cname.acme.test');
    const pending = await s.request('GET', '/api/v1/portal/config', { headers: { origin } });
    assert.equal(pending.headers.get('access-control-allow-origin'), null, 'not before it is verified');
    assert.equal(pending.body.portalUrl, PUBLIC_URL);

    const r = await verify();
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'verified');
    assert.equal(r.body.verifiedAt, s.clock.now().toISOString());
    assert.equal(r.body.lastCheckedAt, s.clock.now().toISOString());
    assert.match(r.body.detail, /CNAME record pointing to portal\.portico\.test/);

    const config = await s.request('GET', '/api/v1/portal/config', { headers: { origin } });
    assert.equal(config.headers.get('access-control-allow-origin'), origin);
    assert.equal(config.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(config.body.portalUrl, origin);

    const audit = await s.app.portico.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'settings.updated')
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.details), {
      changed: ['customDomain'],
      domain: 'cname.acme.test',
      status: 'verified',
      previousStatus: 'pending',
    });
  });

  test('an A record equal to the public IP verifies it', async () => {
    await setDomain('root.acme.test');
    const r = await verify();
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'verified');
    assert.match(r.body.detail, /203\.0\.113\.10/);
  });

  test('a domain pointing elsewhere fails, and the detail names what was found', async () => {
    await setDomain('elsewhere.acme.test');
    const r = await verify();
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'failed');
    assert.equal(r.body.verifiedAt, null);
    assert.equal(r.body.lastCheckedAt, s.clock.now().toISOString());
    assert.match(r.body.detail, /CNAME record pointing to shop\.other-host\.test/);
    assert.match(r.body.detail, /A record pointing to 198\.51\.100\.7/);
    assert.match(r.body.detail, /portal\.portico\.test/);
    const cors = await s.request('GET', '/api/v1/portal/config', {
      headers: { origin: 'https://elsewhere.acme.test' },
    });
    assert.equal(cors.headers.get('access-control-allow-origin'), null);
  });

  test('NXDOMAIN fails with a detail saying the name does not exist', async () => {
    await setDomain('missing.acme.test');
    const r = await verify();
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'failed');
    assert.match(r.body.detail, /missing\.acme\.test does not exist in DNS/);
  });

  test('a name with no records fails and says so', async () => {
    await setDomain('empty.acme.test');
    const r = await verify();
    assert.equal(r.body.status, 'failed');
    assert.match(r.body.detail, /no CNAME, A or AAAA records/);
  });

  test('a resolver timeout or SERVFAIL answers 502 DNS_LOOKUP_FAILED and changes nothing', async () => {
    for (const domain of ['slow.acme.test', 'broken.acme.test']) {
      await setDomain(domain);
      const before = await stored();
      const audits = await s.app.portico.db.selectFrom('audit_log').select('id').execute();
      const r = await verify();
      assert.equal(r.status, 502, r.text);
      assert.equal(r.body.code, 'DNS_LOOKUP_FAILED');
      assert.match(r.body.detail, domain.startsWith('slow') ? /ETIMEOUT/ : /ESERVFAIL/);
      assert.deepEqual(await stored(), before);
      assert.equal(
        (await s.app.portico.db.selectFrom('audit_log').select('id').execute()).length,
        audits.length,
      );
    }
  });

  test('a verified domain that stops pointing here fails on the next check', async () => {
    await setDomain('cname.acme.test');
    assert.equal((await verify()).body.status, 'verified');
    dns.set('cname.acme.test', { records: [{ type: 'CNAME', value: 'shop.other-host.test' }] });
    const r = await verify();
    dns.set('cname.acme.test', { records: [{ type: 'CNAME', value: 'PORTAL.Portico.test.' }] });
    assert.equal(r.body.status, 'failed');
    assert.equal(r.body.verifiedAt, null);
    const config = await s.request('GET', '/api/v1/portal/config');
    assert.equal(config.body.portalUrl, PUBLIC_URL);
  });

  test('an IDN domain is stored and looked up as punycode', async () => {
    const r = await setDomain('Portál.acme.test');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.domain, 'xn--portl-0qa.acme.test');
    assert.equal(r.body.records[0].name, 'xn--portl-0qa.acme.test');
    const verified = await verify();
    assert.equal(verified.body.status, 'verified');
    assert.ok(dns.queries.includes('CNAME xn--portl-0qa.acme.test'));
    const config = await s.request('GET', '/api/v1/portal/config', {
      headers: { origin: 'https://xn--portl-0qa.acme.test' },
    });
    assert.equal(config.headers.get('access-control-allow-origin'), 'https://xn--portl-0qa.acme.test');
  });

  test('removing the domain stops the portal answering on it; checking then answers NO_CUSTOM_DOMAIN', async () => {
    await setDomain('cname.acme.test');
    assert.equal((await verify()).body.status, 'verified');
    const r = await s.request('DELETE', '/api/admin/v1/settings/custom-domain', { headers: admin });
    assert.equal(r.status, 204);
    assert.equal(await stored(), null);
    const config = await s.request('GET', '/api/v1/portal/config', {
      headers: { origin: 'https://cname.acme.test' },
    });
    assert.equal(config.headers.get('access-control-allow-origin'), null);
    assert.equal(config.body.portalUrl, PUBLIC_URL);
    const check = await verify();
    assert.equal(check.status, 404);
    assert.equal(check.body.code, 'NO_CUSTOM_DOMAIN');
  });

  // An hour on is a new window, and a new staff session (the old one idled out).
  const nextHour = async () => {
    s.clock.advance(3_600_000);
    admin = { ...(await staffSession(s, 'admin')).headers, origin: PUBLIC_URL };
  };

  test('checks are limited to 20 an hour', async () => {
    await nextHour();
    await setDomain('root.acme.test');
    for (let i = 0; i < 20; i++) assert.equal((await verify()).status, 200, `check ${i + 1}`);
    const limited = await verify();
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'RATE_LIMITED');
    await nextHour();
    assert.equal((await verify()).status, 200);
  });
});
