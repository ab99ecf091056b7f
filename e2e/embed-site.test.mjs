// The example site's static server: content types, templating of the Portico URL, and no way out of public/.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import {
  createSiteServer,
  normalizePorticoUrl,
  PUBLIC_ROOT,
  resolveSafe,
} from '../examples/embed-site/serve.mjs';

/** A raw request: unlike fetch, node:http sends the path exactly as written (no `..` folding). */
function request(port, rawPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('example site server', () => {
  let server;
  let port;

  before(async () => {
    server = createSiteServer({ porticoUrl: 'http://localhost:3999/' });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('serves the page with the Portico URL filled in', async () => {
    const res = await request(port, '/');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.ok(!res.body.includes('{{PORTICO_URL}}'), 'placeholder left in the HTML');
    assert.match(res.body, /<script type="module" src="http:\/\/localhost:3999\/elements\.js"><\/script>/);
    assert.match(res.body, /<portal-provider[^>]* api="http:\/\/localhost:3999"/);
    assert.match(res.headers['content-security-policy'], /script-src 'self' http:\/\/localhost:3999/);
    assert.match(res.headers['content-security-policy'], /connect-src 'self' http:\/\/localhost:3999/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  test('answers with the right content types', async () => {
    for (const [file, type] of [
      ['/index.html', 'text/html; charset=utf-8'],
      ['/styles.css', 'text/css; charset=utf-8'],
      ['/site.js', 'text/javascript; charset=utf-8'],
      ['/favicon.svg', 'image/svg+xml'],
    ]) {
      const res = await request(port, file);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers['content-type'], type, file);
      assert.equal(Number(res.headers['content-length']), Buffer.byteLength(res.body), file);
    }
  });

  test('HEAD sends headers only; other methods are refused', async () => {
    const head = await request(port, '/styles.css', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.ok(Number(head.headers['content-length']) > 0);
    const post = await request(port, '/', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
  });

  test('unknown files are 404 and query strings are ignored', async () => {
    assert.equal((await request(port, '/nope.html')).status, 404);
    assert.equal((await request(port, '/styles.css?v=1')).status, 200);
  });

  test('no path leaves the public folder', async () => {
    const attempts = [
      '/../serve.mjs',
      '/../../package.json',
      '/..%2fserve.mjs',
      '/%2e%2e/serve.mjs',
      '/%2e%2e%2fserve.mjs',
      '/%2E%2E%2F%2E%2E%2Fpackage.json',
      '/..%5cserve.mjs',
      '/....//serve.mjs',
      '/.%2e/.%2e/.%2e/.%2e/etc/passwd',
      '/../../../../../../etc/passwd',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/index.html%00.css',
      '/%E0%A4%A',
    ];
    for (const attempt of attempts) {
      const res = await request(port, attempt);
      assert.ok([400, 404].includes(res.status), `${attempt} answered ${res.status}`);
      assert.doesNotMatch(res.body, /createSiteServer|root:x:0|"workspaces"/, attempt);
    }
  });

  test('resolveSafe keeps paths inside the root', () => {
    assert.equal(resolveSafe(PUBLIC_ROOT, '/a/../styles.css'), `${PUBLIC_ROOT}styles.css`);
    assert.equal(resolveSafe(PUBLIC_ROOT, '/../serve.mjs'), null);
    assert.equal(resolveSafe(PUBLIC_ROOT, '/..%2f..%2fetc/passwd'), null);
    assert.equal(resolveSafe(PUBLIC_ROOT, 'relative'), null);
    assert.equal(resolveSafe(PUBLIC_ROOT, '/%zz'), null);
    assert.equal(resolveSafe(PUBLIC_ROOT, '/a%00b'), null);
  });

  test('the Portico URL must be an http(s) URL', () => {
    assert.equal(normalizePorticoUrl('https://portal.example.com/'), 'https://portal.example.com');
    assert.equal(normalizePorticoUrl('http://localhost:3000'), 'http://localhost:3000');
    assert.throws(() => normalizePorticoUrl('javascript:alert(1)'), /http/);
    assert.throws(() => normalizePorticoUrl('not a url'), /not a URL/);
    assert.throws(() => normalizePorticoUrl('http://x/?"><script>'), /query/);
  });
});
