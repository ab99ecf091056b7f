import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { FakeClock } from '../src/deps.js';
import {
  loadRdapBootstrap,
  RDAP_DEFAULT_RETRY_AFTER_MS,
  RDAP_MAX_REDIRECTS,
  RdapBootstrapError,
  RdapChecker,
  SHIPPED_RDAP_BOOTSTRAP,
} from '../src/modules/domains/rdap.js';
import { type RdapStub, startRdapStub } from './fixtures/rdap-stub.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portico-rdap-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes `content` (JSON unless a string) to a temporary file and returns its path. */
const writeFile = (content: unknown) => {
  const file = path.join(dir, `bootstrap-${++files}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

const bootstrapWith = (services: [string[], string[]][]) =>
  loadRdapBootstrap(writeFile({ version: '1.0', publication: '2026-03-01T12:00:00Z', services }));

describe('the RDAP bootstrap file', () => {
  test('the shipped file is IANA’s: com, net and org go to their registries, over https', () => {
    const shipped = loadRdapBootstrap();
    assert.equal(shipped.file, SHIPPED_RDAP_BOOTSTRAP);
    assert.ok(!Number.isNaN(Date.parse(shipped.publication)), shipped.publication);
    assert.ok(shipped.size > 1000, `${shipped.size} TLDs`);
    assert.equal(shipped.serverFor('com'), 'https://rdap.verisign.com/com/v1/');
    assert.equal(shipped.serverFor('net'), 'https://rdap.verisign.com/net/v1/');
    assert.equal(shipped.serverFor('org'), 'https://rdap.publicinterestregistry.org/rdap/');
    assert.equal(shipped.serverFor('uk'), 'https://rdap.nominet.uk/uk/');
    assert.equal(
      shipped.serverFor('co.uk'),
      'https://rdap.nominet.uk/uk/',
      'a second-level name falls to uk',
    );
    assert.match(shipped.serverFor('xn--80adxhks') ?? '', /^https:\/\//, '.москва, an IDN TLD, is listed');
    assert.equal(shipped.serverFor('not-a-tld'), null);
  });

  test('the longest label sequence wins: co.uk before uk, and a whole name finds its TLD', () => {
    const b = bootstrapWith([
      [['uk'], ['https://uk.rdap.test/']],
      [['co.uk'], ['https://co-uk.rdap.test/']],
    ]);
    assert.equal(b.serverFor('co.uk'), 'https://co-uk.rdap.test/');
    assert.equal(b.serverFor('org.uk'), 'https://uk.rdap.test/');
    assert.equal(b.serverFor('uk'), 'https://uk.rdap.test/');
    assert.equal(b.serverFor('example.co.uk'), 'https://co-uk.rdap.test/');
    assert.equal(b.serverFor('CO.UK.'), 'https://co-uk.rdap.test/', 'case and a trailing dot do not matter');
    assert.equal(b.serverFor('co.nz'), null);
    assert.equal(b.size, 2);
  });

  test('IDN TLDs match in their punycode form', () => {
    const b = bootstrapWith([[['xn--p1ai', 'xn--d1acj3b'], ['https://rdap.tcinet.test/']]]);
    assert.equal(b.serverFor('xn--p1ai'), 'https://rdap.tcinet.test/');
    assert.equal(b.serverFor('xn--d1acj3b'), 'https://rdap.tcinet.test/');
    assert.equal(b.serverFor('рф'), null, 'Unicode labels are not looked up: names arrive as punycode');
  });

  test('https is preferred whatever the order; an http-only TLD keeps http; a missing slash is added', () => {
    const b = bootstrapWith([
      [['mixed'], ['http://plain.rdap.test/mixed/', 'https://secure.rdap.test/mixed/']],
      [['plain'], ['http://plain.rdap.test/plain/']],
      [['noslash'], ['https://rdap.test/v1']],
    ]);
    assert.equal(b.serverFor('mixed'), 'https://secure.rdap.test/mixed/');
    assert.equal(b.serverFor('plain'), 'http://plain.rdap.test/plain/');
    assert.equal(b.serverFor('noslash'), 'https://rdap.test/v1/');
    assert.equal(b.publication, '2026-03-01T12:00:00Z');
  });

  test('a TLD listed twice keeps its first server', () => {
    const b = bootstrapWith([
      [['dup'], ['https://first.rdap.test/']],
      [['dup'], ['https://second.rdap.test/']],
    ]);
    assert.equal(b.serverFor('dup'), 'https://first.rdap.test/');
  });

  test('a missing or invalid file fails with a message naming the file and the problem', () => {
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.json'), /cannot be read \(no such file\)/],
      [writeFile('{"services": ['), /is not JSON/],
      [writeFile([1, 2]), /the file must be a JSON object with version, publication and services/],
      [
        writeFile({ version: '1.0', publication: '2026-01-01T00:00:00Z' }),
        /services must be a list of services/,
      ],
      [
        writeFile({ version: '1.0', publication: 'yesterday', services: [] }),
        /publication must be a date such as/,
      ],
      [
        writeFile({
          version: '1.0',
          publication: '2026-01-01T00:00:00Z',
          services: [[['com'], ['ftp://x/']]],
        }),
        /services\.0\.1\.0 must be an http or https URL/,
      ],
      [
        writeFile({ version: '1.0', publication: '2026-01-01T00:00:00Z', services: [[['com'], []]] }),
        /services\.0\.1 must name at least one URL/,
      ],
      [
        writeFile({ version: '1.0', publication: '2026-01-01T00:00:00Z', services: [['com', 'https://x/']] }),
        /services\.0\.0 must be a list of TLDs/,
      ],
    ];
    for (const [file, problem] of cases) {
      assert.throws(
        () => loadRdapBootstrap(file),
        (error: unknown) =>
          error instanceof RdapBootstrapError &&
          error.file === file &&
          error.message.startsWith(`RDAP bootstrap file ${file}: `) &&
          problem.test(error.message),
        `${file} → ${problem}`,
      );
    }
  });
});

describe('RdapChecker against the local stub', () => {
  let stub: RdapStub;
  let bootstrap: ReturnType<typeof loadRdapBootstrap>;
  let clock: FakeClock;
  let checker: RdapChecker;

  before(async () => {
    stub = await startRdapStub();
    bootstrap = loadRdapBootstrap(stub.bootstrap(['test', 'co.test']));
  });
  after(() => stub.close());
  beforeEach(() => {
    stub.reset();
    stub.delayMs = 0;
    stub.retryAfter = '30';
    clock = new FakeClock();
    // A deadline no answer from the loopback stub comes near, even on a loaded machine; the timeout tests use a short one.
    checker = new RdapChecker({ bootstrap, timeoutMs: 5_000, clock });
  });
  const quick = () => new RdapChecker({ bootstrap, timeoutMs: 150, clock });

  test('names itself for staff', () => {
    assert.equal(checker.id, 'rdap');
    assert.equal(checker.name, 'RDAP (IANA bootstrap)');
  });

  test('a registered domain is taken; the request asks the TLD’s base URL for RDAP JSON', async () => {
    assert.deepEqual(await checker.check('acme.test'), { status: 'taken' });
    assert.equal(stub.requestsFor('acme.test'), 1);
    const sent = stub.requests[0]!;
    assert.equal(sent.method, 'GET');
    assert.equal(sent.path, '/rdap/test/domain/acme.test');
    assert.match(sent.accept ?? '', /^application\/rdap\+json/);
  });

  test('a name under a multi-label TLD goes to that TLD’s server', async () => {
    assert.deepEqual(await checker.check('acme.co.test'), { status: 'taken' });
    assert.equal(stub.requests[0]!.path, '/rdap/co.test/domain/acme.co.test');
  });

  test('404 means available, never premium (RDAP does not say)', async () => {
    assert.deepEqual(await checker.check('free-acme.test'), { status: 'available', premium: false });
    assert.equal(stub.requestsFor('free-acme.test'), 1);
  });

  test('a redirect is followed to the answer (RFC 7480)', async () => {
    assert.deepEqual(await checker.check('moved-free-acme.test'), { status: 'available', premium: false });
    assert.deepEqual(await checker.check('moved-acme.test'), { status: 'taken' });
    assert.deepEqual(
      stub.requests.map((r) => r.path),
      [
        '/rdap/test/domain/moved-free-acme.test',
        '/referral/domain/moved-free-acme.test',
        '/rdap/test/domain/moved-acme.test',
        '/referral/domain/moved-acme.test',
      ],
    );
  });

  test(`a redirect loop stops after ${RDAP_MAX_REDIRECTS} redirects as an error`, async () => {
    assert.deepEqual(await checker.check('loop-acme.test'), { status: 'unknown', reason: 'error' });
    assert.equal(stub.requestsFor('loop-acme.test'), RDAP_MAX_REDIRECTS + 1);
  });

  for (const [name, what] of [
    ['broken-acme.test', 'a 500'],
    ['garbled-acme.test', 'a 200 that is not JSON'],
    ['entity-acme.test', 'a 200 that is not a domain object'],
    ['other-acme.test', 'a domain object about another name'],
    ['huge-acme.test', 'a body over 256 KB'],
  ] as const) {
    test(`${what} is unknown (error)`, async () => {
      assert.deepEqual(await checker.check(name), { status: 'unknown', reason: 'error' });
      assert.equal(stub.requestsFor(name), 1);
    });
  }

  test('an answer forced with answer() overrides the label rule', async () => {
    stub.answer('acme.test', 'not_found');
    assert.deepEqual(await checker.check('acme.test'), { status: 'available', premium: false });
    stub.answer('acme.test', null);
    assert.deepEqual(await checker.check('acme.test'), { status: 'taken' });
  });

  test('a TLD the bootstrap file does not know is an error, without a request', async () => {
    assert.deepEqual(await checker.check('acme.nowhere'), { status: 'unknown', reason: 'error' });
    assert.deepEqual(await checker.check('localhost'), { status: 'unknown', reason: 'error' });
    assert.equal(stub.total, 0);
  });

  test('a hung server is a timeout within the deadline, not a hung search', async () => {
    const started = performance.now();
    assert.deepEqual(await quick().check('hang-acme.test'), { status: 'unknown', reason: 'timeout' });
    const elapsed = performance.now() - started;
    assert.ok(
      elapsed >= 140 && elapsed < 2_000,
      `answered after ${Math.round(elapsed)} ms (deadline 150 ms)`,
    );
    assert.equal(stub.requestsFor('hang-acme.test'), 1);
  });

  test('a server that sends headers and then stalls the body also times out', async () => {
    const started = performance.now();
    assert.deepEqual(await quick().check('stall-acme.test'), { status: 'unknown', reason: 'timeout' });
    assert.ok(performance.now() - started < 2_000);
  });

  test('a slow answer inside the deadline still counts; one past it times out', async () => {
    stub.delayMs = 40;
    assert.deepEqual(await checker.check('acme.test'), { status: 'taken' });
    stub.delayMs = { test: 400 };
    assert.deepEqual(await quick().check('acme.test'), { status: 'unknown', reason: 'timeout' });
  });

  test('the caller’s abort ends the check at once as a timeout', async () => {
    const slow = new RdapChecker({ bootstrap, timeoutMs: 10_000, clock });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);
    assert.deepEqual(await slow.check('hang-acme.test', { signal: controller.signal }), {
      status: 'unknown',
      reason: 'timeout',
    });
    assert.ok(performance.now() - started < 1000, 'the 10 s deadline was not waited for');
  });

  test('an already aborted signal sends no request', async () => {
    assert.deepEqual(await checker.check('acme.test', { signal: AbortSignal.abort() }), {
      status: 'unknown',
      reason: 'timeout',
    });
    assert.equal(stub.total, 0);
  });

  test('429 is rate_limited; the server is left alone until Retry-After has passed', async () => {
    stub.retryAfter = '30';
    assert.deepEqual(await checker.check('limited-acme.test'), { status: 'unknown', reason: 'rate_limited' });
    assert.equal(stub.total, 1);
    // Any name on that server, even one it would answer, waits out the window without a request.
    assert.deepEqual(await checker.check('free-acme.test'), { status: 'unknown', reason: 'rate_limited' });
    clock.advance(29_000);
    assert.deepEqual(await checker.check('acme.co.test'), { status: 'unknown', reason: 'rate_limited' });
    assert.equal(stub.total, 1, 'no request inside the window');
    clock.advance(1_000);
    assert.deepEqual(await checker.check('free-acme.test'), { status: 'available', premium: false });
    assert.equal(stub.total, 2, 'asked again once the window is over');
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    stub.retryAfter = new Date(clock.now().getTime() + 120_000).toUTCString();
    await checker.check('limited-acme.test');
    clock.advance(119_000);
    assert.deepEqual(await checker.check('acme.test'), { status: 'unknown', reason: 'rate_limited' });
    assert.equal(stub.total, 1);
    clock.advance(1_000);
    assert.deepEqual(await checker.check('acme.test'), { status: 'taken' });
  });

  test('a 429 without a usable Retry-After waits the default', async () => {
    for (const retryAfter of [null, 'soon']) {
      stub.reset();
      stub.retryAfter = retryAfter;
      const fresh = new RdapChecker({ bootstrap, timeoutMs: 5_000, clock });
      await fresh.check('limited-acme.test');
      clock.advance(RDAP_DEFAULT_RETRY_AFTER_MS - 1);
      assert.deepEqual(await fresh.check('acme.test'), { status: 'unknown', reason: 'rate_limited' });
      clock.advance(1);
      assert.deepEqual(await fresh.check('acme.test'), { status: 'taken' }, `Retry-After: ${retryAfter}`);
      assert.equal(stub.total, 2);
    }
  });

  test('a rate limit is remembered per server: another registry is still asked', async () => {
    const other = await startRdapStub();
    try {
      const both = loadRdapBootstrap(
        writeFile({
          version: '1.0',
          publication: '2026-01-01T00:00:00Z',
          services: [
            [['test'], [`${stub.url}/rdap/test/`]],
            [['example'], [`${other.url}/rdap/example/`]],
          ],
        }),
      );
      const rdap = new RdapChecker({ bootstrap: both, timeoutMs: 5_000, clock });
      await rdap.check('limited-acme.test');
      assert.deepEqual(await rdap.check('acme.example'), { status: 'taken' });
      assert.equal(other.total, 1);
      assert.deepEqual(await rdap.check('acme.test'), { status: 'unknown', reason: 'rate_limited' });
      assert.equal(stub.total, 1);
    } finally {
      await other.close();
    }
  });

  test('a server that refuses connections is an error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const rdap = new RdapChecker({
      bootstrap: bootstrapWith([[['down'], [`http://127.0.0.1:${port}/`]]]),
      timeoutMs: 1000,
      clock,
    });
    assert.deepEqual(await rdap.check('acme.down'), { status: 'unknown', reason: 'error' });
  });
});

describe('RdapChecker never throws', () => {
  const bootstrap = bootstrapWith([[['test'], ['https://rdap.registry.test/']]]);

  test('a fetch that throws is an error', async () => {
    const rdap = new RdapChecker({
      bootstrap,
      timeoutMs: 150,
      fetch: () => {
        throw new TypeError('fetch failed');
      },
    });
    assert.deepEqual(await rdap.check('acme.test'), { status: 'unknown', reason: 'error' });
  });

  test('a declared Content-Length over the cap is refused before reading the body', async () => {
    let pulled = false;
    const rdap = new RdapChecker({
      bootstrap,
      timeoutMs: 1000,
      fetch: async () =>
        new Response(
          new ReadableStream(
            {
              pull() {
                pulled = true;
              },
            },
            { highWaterMark: 0 },
          ),
          { status: 200, headers: { 'content-length': String(10 * 1024 * 1024) } },
        ),
    });
    assert.deepEqual(await rdap.check('acme.test'), { status: 'unknown', reason: 'error' });
    assert.equal(pulled, false);
  });

  test('a JSON body that is not an object is an error', async () => {
    for (const body of ['null', '"domain"', '[{"objectClassName":"domain"}]']) {
      const rdap = new RdapChecker({ bootstrap, timeoutMs: 150, fetch: async () => new Response(body) });
      assert.deepEqual(await rdap.check('acme.test'), { status: 'unknown', reason: 'error' }, body);
    }
  });

  test('the stub closes cleanly with a request still hanging', async () => {
    const stub = await startRdapStub();
    const rdap = new RdapChecker({
      bootstrap: loadRdapBootstrap(stub.bootstrap(['test'])),
      timeoutMs: 5000,
    });
    const pending = rdap.check('hang-acme.test');
    while (stub.total === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await stub.close();
    assert.ok(performance.now() - started < 500, 'close() does not wait for the hung request');
    assert.deepEqual(await pending, { status: 'unknown', reason: 'error' });
  });
});
