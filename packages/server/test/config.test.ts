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

  test('allowed origins are normalised exact origins', () => {
    const c = loadConfig({ PORTICO_ALLOWED_ORIGINS: 'https://a.com/, http://localhost:4000' }, secret);
    assert.deepEqual(c.allowedOrigins, ['https://a.com', 'http://localhost:4000']);
  });
});
