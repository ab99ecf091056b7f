import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { settingsRoutes } from '@portico/sdk/contract';
import { staffSession, startServer, type TestServer } from './helpers.js';

const PUBLIC_URL = 'https://portal.portico.test';

/** Staff headers with the server's own Origin (what the console sends). */
async function staffHeaders(s: TestServer, role: 'admin' | 'billing' | 'support' = 'admin') {
  const login = await staffSession(s, role);
  return { ...login.headers, origin: s.app.portico.config.publicOrigin };
}

async function auditedChanges(s: TestServer): Promise<unknown[]> {
  const rows = await s.app.portico.db
    .selectFrom('audit_log')
    .select(['details', 'actor_type', 'actor_label'])
    .where('action', '=', 'settings.updated')
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ actor: r.actor_type, label: r.actor_label, ...JSON.parse(r.details) }));
}

describe('Settings → Client Portal', () => {
  let s: TestServer;
  let admin: Record<string, string>;
  before(async () => {
    s = await startServer({
      publicUrl: PUBLIC_URL,
      publicOrigin: PUBLIC_URL,
      allowedOrigins: ['https://www.example.com'],
    });
    admin = await staffHeaders(s);
  });
  after(() => s.close());

  const patch = (body: unknown, headers = admin) =>
    s.request('PATCH', '/api/admin/v1/settings', { body, headers });
  const config = async () => {
    const r = await s.request('GET', '/api/v1/portal/config');
    assert.equal(r.status, 200, r.text);
    return r.body;
  };

  test('an admin reads every setting, with the configured origins beside the editable ones', async () => {
    const r = await s.request('GET', '/api/admin/v1/settings', { headers: admin });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, {
      businessName: 'Portico',
      logoUrl: null,
      brandColor: '#1d4ed8',
      sections: {
        knowledgeBase: true,
        faq: true,
        status: true,
        announcements: true,
        store: true,
        domainSearch: true,
      },
      footerLinks: [],
      footerHtml: '',
      termsUrl: null,
      allowDuplicateAccounts: false,
      defaultCurrency: 'USD',
      enabledCurrencies: ['USD'],
      allowedOrigins: [],
      configuredOrigins: ['https://www.example.com'],
      requireStaffTotp: false,
      requiredProfileFields: [],
      portalUrl: null,
      customDomain: null,
    });
  });

  test('the public config has the defaults, the server URL as portal URL, and the locales', async () => {
    assert.deepEqual(await config(), {
      businessName: 'Portico',
      logoUrl: null,
      brandColor: '#1d4ed8',
      sections: {
        knowledgeBase: true,
        faq: true,
        status: true,
        announcements: true,
        store: true,
        domainSearch: true,
      },
      footerLinks: [],
      footerHtml: '',
      termsUrl: null,
      portalUrl: PUBLIC_URL,
      locales: ['en', 'es'],
    });
  });

  test('an update writes only the fields sent, and each shows up in the public config', async () => {
    const before = (await s.request('GET', '/api/admin/v1/settings', { headers: admin })).body;
    const r = await patch({
      businessName: '  Acme Hosting ',
      brandColor: '#ABC',
      footerLinks: [{ label: 'Status', url: 'https://status.acme.test' }],
      footerHtml: '<p>Acme <strong>Ltd</strong></p>',
      termsUrl: 'https://acme.test/terms',
      portalUrl: 'https://acme.test/portal/',
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, {
      ...before,
      businessName: 'Acme Hosting',
      brandColor: '#aabbcc',
      footerLinks: [{ label: 'Status', url: 'https://status.acme.test' }],
      footerHtml: '<p>Acme <strong>Ltd</strong></p>',
      termsUrl: 'https://acme.test/terms',
      portalUrl: 'https://acme.test/portal/',
    });
    const c = await config();
    assert.equal(c.businessName, 'Acme Hosting');
    assert.equal(c.brandColor, '#aabbcc');
    assert.deepEqual(c.footerLinks, [{ label: 'Status', url: 'https://status.acme.test' }]);
    assert.equal(c.footerHtml, '<p>Acme <strong>Ltd</strong></p>');
    assert.equal(c.termsUrl, 'https://acme.test/terms');
    assert.equal(c.portalUrl, 'https://acme.test/portal', 'the business hosts the portal page itself');

    const cleared = await patch({ termsUrl: null, portalUrl: null });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.body.businessName, 'Acme Hosting', 'fields not sent are kept');
    const after = await config();
    assert.equal(after.termsUrl, null);
    assert.equal(after.portalUrl, PUBLIC_URL);
  });

  test('sections merge: each update changes only the sections it names', async () => {
    assert.equal((await patch({ sections: { faq: false } })).status, 200);
    const r = await patch({ sections: { store: false } });
    assert.equal(r.status, 200, r.text);
    const expected = {
      knowledgeBase: true,
      faq: false,
      status: true,
      announcements: true,
      store: false,
      domainSearch: true,
    };
    assert.deepEqual(r.body.sections, expected);
    assert.deepEqual((await config()).sections, expected);
  });

  test('the default currency must be enabled, and the error names the field that broke the rule', async () => {
    const notEnabled = await patch({ defaultCurrency: 'EUR' });
    assert.equal(notEnabled.status, 400);
    assert.equal(notEnabled.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      notEnabled.body.errors.map((e: { path: string }) => e.path),
      ['defaultCurrency'],
    );

    const dropsDefault = await patch({ enabledCurrencies: ['EUR', 'GBP'] });
    assert.equal(dropsDefault.status, 400);
    assert.deepEqual(
      dropsDefault.body.errors.map((e: { path: string }) => e.path),
      ['enabledCurrencies'],
    );

    const unchanged = (await s.request('GET', '/api/admin/v1/settings', { headers: admin })).body;
    assert.equal(unchanged.defaultCurrency, 'USD', 'a refused update changes nothing');
    assert.deepEqual(unchanged.enabledCurrencies, ['USD']);

    const both = await patch({ enabledCurrencies: ['eur', 'USD', 'EUR'], defaultCurrency: 'eur' });
    assert.equal(both.status, 200, both.text);
    assert.equal(both.body.defaultCurrency, 'EUR');
    assert.deepEqual(both.body.enabledCurrencies, ['EUR', 'USD'], 'upper-cased and deduplicated');
  });

  test('invalid values are refused field by field', async () => {
    const r = await patch({
      brandColor: 'blue',
      termsUrl: 'javascript:alert(1)',
      allowedOrigins: ['https://shop.example.com/path'],
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(r.body.errors.map((e: { path: string }) => e.path).sort(), [
      'allowedOrigins.0',
      'brandColor',
      'termsUrl',
    ]);
  });

  test('an origin added to the allow-list may call the client API (CORS); others may not', async () => {
    const origin = 'https://shop.example.com';
    const refused = await s.request('GET', '/api/v1/portal/config', { headers: { origin } });
    assert.equal(refused.headers.get('access-control-allow-origin'), null);

    const r = await patch({ allowedOrigins: ['https://SHOP.example.com/', origin] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.allowedOrigins, [origin]);
    const allowed = await s.request('GET', '/api/v1/portal/config', { headers: { origin } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), origin);
  });

  test('each update is audited with the keys it changed; an update that changes nothing is not', async () => {
    const before = (await auditedChanges(s)).length;
    assert.equal((await patch({ brandColor: '#112233', businessName: 'Acme Hosting' })).status, 200);
    assert.equal((await patch({ brandColor: '#112233' })).status, 200);
    const entries = await auditedChanges(s);
    assert.equal(entries.length, before + 1);
    assert.deepEqual(entries.at(-1), {
      actor: 'staff',
      label: (entries.at(-1) as { label: string }).label,
      changed: ['brandColor'],
    });
    assert.match((entries.at(-1) as { label: string }).label, /^admin-.*@staff\.test$/);
  });

  for (const role of ['support', 'billing'] as const) {
    test(`${role} staff get 403 ROLE_NOT_ALLOWED on every settings route`, async () => {
      const headers = await staffHeaders(s, role);
      const bodies: Record<string, unknown> = {
        'settings.update': { brandColor: '#000000' },
        'settings.uploadLogo': { contentType: 'image/png', data: '' },
        'settings.setCustomDomain': { domain: 'portal.example.org' },
      };
      for (const route of Object.values(settingsRoutes)) {
        const r = await s.request(route.method, route.path, { headers, body: bodies[route.id] });
        assert.equal(r.status, 403, `${route.id}: ${r.text}`);
        assert.equal(r.body.code, 'ROLE_NOT_ALLOWED', route.id);
      }
      const current = (await s.request('GET', '/api/admin/v1/settings', { headers: admin })).body;
      assert.notEqual(current.brandColor, '#000000');
    });
  }

  test('without a staff session every settings route answers 401', async () => {
    for (const route of Object.values(settingsRoutes)) {
      const r = await s.request(route.method, route.path, {
        headers: { origin: PUBLIC_URL },
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      assert.equal(r.status, 401, route.id);
    }
  });
});
