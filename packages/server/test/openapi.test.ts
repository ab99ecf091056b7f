import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { allRoutes as routes } from '@portico/sdk/contract';
import { startServer, type TestServer } from './helpers.js';

describe('/api/openapi.json is generated from the contract', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('every contract route is documented with its schemas', async () => {
    const r = await s.request('GET', '/api/openapi.json');
    assert.equal(r.status, 200);
    const doc = r.body;
    assert.equal(doc.openapi, '3.1.0');
    const operations = Object.values(
      doc.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((p) => Object.values(p).map((o) => o.operationId));
    const contract = Object.values(routes).flatMap((area) => Object.values(area).map((route) => route.id));
    assert.deepEqual(operations.sort(), contract.sort());
    const register = doc.paths['/api/v1/auth/register'].post;
    const body = register.requestBody.content['application/json'].schema;
    assert.deepEqual(body.required.sort(), ['email', 'name', 'password']);
    assert.equal(body.properties.password.minLength, 8);
    assert.equal(body.properties.password.maxLength, 256);
    assert.ok(register.responses['202']);
    assert.ok(register.responses['429'], 'rate-limited routes document 429');
    assert.equal(doc.components.schemas.Problem.properties.code.type, 'string');
    const profile = doc.paths['/api/v1/profile'];
    assert.equal(profile.get['x-portico-access'], 'profile:read');
    assert.deepEqual(profile.patch.security, [{ sessionCookie: [] }, { bearer: ['profile:write'] }]);
    assert.equal(doc.paths['/api/v1/me/password'].post['x-portico-access'], 'self');
    assert.equal(doc.paths['/api/v1/contacts'].get['x-portico-access'], 'owner');
  });
});
