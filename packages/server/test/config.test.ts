import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

const secret = () => 's'.repeat(40);

describe('configuration from the environment', () => {
  test('defaults are sensible for development', () => {
    const c = loadConfig({}, secret);
    assert.equal(c.mode, 'development');
    assert.equal(c.port, 3000);
    assert.equal(c.databaseFile, './data/portico.db');
    assert.equal(c.publicUrl, 'http://localhost:3000');
    assert.equal(c.seedDemo, true);
  });

  test('each bad value gets its own clear message', () => {
    try {
      loadConfig(
        {
          PORT: 'eighty',
          PORTICO_MODE: 'prod',
          SMTP_URL: 'mail.example.com',
          PORTICO_ALLOWED_ORIGINS: 'https://ok.com, https://bad.com/path',
          PORTICO_SECRET: 'short',
        },
        secret,
      );
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const text = error.problems.join('\n');
      assert.match(text, /PORT: must be a port number/);
      assert.match(text, /PORTICO_MODE: must be development, production or test/);
      assert.match(text, /SMTP_URL: must start with smtp:\/\//);
      assert.match(text, /https:\/\/bad.com\/path" is not an origin/);
      assert.match(text, /PORTICO_SECRET: must be at least 32 characters/);
    }
  });

  test('production requires a secret and a public URL', () => {
    assert.throws(
      () => loadConfig({ PORTICO_MODE: 'production' }),
      (e: ConfigError) =>
        e.problems.some((p) => p.startsWith('PORTICO_SECRET')) &&
        e.problems.some((p) => p.startsWith('PORTICO_PUBLIC_URL')),
    );
    const c = loadConfig({
      PORTICO_MODE: 'production',
      PORTICO_SECRET: 'x'.repeat(32),
      PORTICO_PUBLIC_URL: 'https://portal.example.com/',
    });
    assert.equal(c.publicOrigin, 'https://portal.example.com');
    assert.equal(c.seedDemo, false);
  });

  test('domain availability settings: defaults, bounds and the bootstrap file', () => {
    const d = loadConfig({}, secret);
    assert.equal(d.rdapBootstrap, undefined);
    assert.equal(d.rdapTimeoutMs, 4000);
    assert.equal(d.domainCheckCacheSeconds, 60);
    const c = loadConfig(
      {
        PORTICO_RDAP_BOOTSTRAP: '/etc/portico/dns.json',
        PORTICO_RDAP_TIMEOUT_MS: '250',
        PORTICO_DOMAIN_CHECK_CACHE_SECONDS: '0',
      },
      secret,
    );
    assert.equal(c.rdapBootstrap, '/etc/portico/dns.json');
    assert.equal(c.rdapTimeoutMs, 250);
    assert.equal(c.domainCheckCacheSeconds, 0, '0 turns the cache off');
    assert.equal(loadConfig({ PORTICO_RDAP_TIMEOUT_MS: '30000' }, secret).rdapTimeoutMs, 30_000);
    assert.equal(
      loadConfig({ PORTICO_DOMAIN_CHECK_CACHE_SECONDS: '3600' }, secret).domainCheckCacheSeconds,
      3600,
    );
    for (const [env, message] of [
      [{ PORTICO_RDAP_TIMEOUT_MS: '99' }, /PORTICO_RDAP_TIMEOUT_MS: must be at least 100/],
      [{ PORTICO_RDAP_TIMEOUT_MS: '30001' }, /PORTICO_RDAP_TIMEOUT_MS: must be at most 30000/],
      [{ PORTICO_RDAP_TIMEOUT_MS: 'soon' }, /PORTICO_RDAP_TIMEOUT_MS: must be a number/],
      [{ PORTICO_RDAP_TIMEOUT_MS: '150.5' }, /PORTICO_RDAP_TIMEOUT_MS: must be a whole number/],
      [
        { PORTICO_DOMAIN_CHECK_CACHE_SECONDS: '-1' },
        /PORTICO_DOMAIN_CHECK_CACHE_SECONDS: must be 0 \(off\) or more/,
      ],
      [
        { PORTICO_DOMAIN_CHECK_CACHE_SECONDS: '3601' },
        /PORTICO_DOMAIN_CHECK_CACHE_SECONDS: must be at most 3600/,
      ],
    ] as const) {
      assert.throws(
        () => loadConfig(env, secret),
        (e: ConfigError) => e.problems.some((p) => message.test(p)),
        JSON.stringify(env),
      );
    }
  });

  test('allowed origins are normalised exact origins', () => {
    const c = loadConfig({ PORTICO_ALLOWED_ORIGINS: 'https://a.com/, http://localhost:4000' }, secret);
    assert.deepEqual(c.allowedOrigins, ['https://a.com', 'http://localhost:4000']);
  });
});
