// Domain cases: (h) one name's availability across 10 TLDs answered by the local stub RDAP server, time to the
// first and to the last answer; (i) req/s of the public availability endpoint with the answer cache on vs off.
import http from 'node:http';
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { expectStatus, freePort, percentile, startNode } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const requireFromServer = createRequire(path.join(root, 'packages/server/package.json'));
const STUB = path.join(root, 'packages/server/test/fixtures/rdap-stub.ts');
const RDAP_DIST = path.join(root, 'packages/server/dist/modules/domains/rdap.js');

/**
 * The ten TLDs of the search and how long the stub registry takes to answer each (ms): spread over 20–120 ms as
 * real registries' RDAP servers are, some near, some far.
 */
export const TLD_DELAYS = {
  com: 35,
  net: 40,
  org: 60,
  io: 120,
  dev: 25,
  app: 30,
  shop: 80,
  store: 95,
  online: 105,
  site: 20,
};
const TLDS = Object.keys(TLD_DELAYS);

/** Starts the stub RDAP server (packages/server/test/fixtures/rdap-stub.ts) in its own process. */
async function startStub(delayMs) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = await startNode('RDAP stub', ['--import', 'tsx', STUB], {
    cwd: root,
    env: { RDAP_STUB_PORT: String(port), RDAP_STUB_DELAY_MS: JSON.stringify(delayMs) },
    readyUrl: `${url}/_stub/requests`,
  });
  return {
    url,
    /** RDAP requests the stub has answered so far. */
    async total() {
      const response = await fetch(`${url}/_stub/requests`);
      return (await response.json()).total;
    },
    stop: proc.stop,
  };
}

/** An IANA-format bootstrap file sending every bench TLD to the stub; returns its path and a cleanup. */
async function writeBootstrap(stubUrl) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portico-bench-rdap-'));
  const file = path.join(dir, 'dns.json');
  const services = TLDS.map((tld) => [[tld], [`${stubUrl}/rdap/${tld}/`]]);
  await writeFile(
    file,
    JSON.stringify({ version: '1.0', publication: new Date().toISOString(), description: 'bench', services }),
  );
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Adds the bench TLDs to a running server's database (availability from RDAP, the `local` registrar), with one
 * year's register, renew and transfer prices in the server's default currency. Straight through SQLite, as
 * billing.mjs seeds; the server reads TLDs per request.
 */
async function seedTlds(portico) {
  const list = await fetch(`${portico.url}/api/v1/domains/tlds`);
  await expectStatus(list, 200, 'GET /api/v1/domains/tlds');
  const { currency } = await list.json();
  const SQLite = requireFromServer('better-sqlite3');
  const db = new SQLite(portico.dbFile);
  db.pragma('busy_timeout = 10000');
  const now = new Date().toISOString();
  const addTld = db.prepare(
    `INSERT INTO domain_tlds (tld, position, enabled, registrar, availability, created_at, updated_at)
     VALUES (?, ?, 1, 'local', 'rdap', ?, ?)
     ON CONFLICT (tld) DO UPDATE SET enabled = 1, availability = 'rdap', updated_at = excluded.updated_at`,
  );
  const addPrice = db.prepare(
    `INSERT OR REPLACE INTO domain_prices (tld, currency, action, years, amount) VALUES (?, ?, ?, 1, ?)`,
  );
  db.transaction(() => {
    TLDS.forEach((tld, i) => {
      addTld.run(tld, i, now, now);
      for (const action of ['register', 'renew', 'transfer'])
        addPrice.run(tld, currency, action, 1200 + i * 100);
    });
  })();
  db.close();
  return currency;
}

/** GET through a keep-alive agent (a browser's connection pool), resolving with status and parsed JSON. */
function getJson(url, agent) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { accept: 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode, body: JSON.parse(text) });
        } catch {
          reject(new Error(`${url} answered ${res.statusCode} with non-JSON: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on('error', reject);
  });
}

/**
 * Runs `searches` searches of a fresh name across the ten TLDs, the ten checks at once, and returns the median
 * (and p90) time to the first and to the last answer. `check(domain)` resolves with the availability status.
 */
async function timeSearches(searches, check, label) {
  const first = [];
  const all = [];
  const run = Date.now().toString(36);
  for (let i = -3; i < searches; i++) {
    // A name nobody asked for yet, so no cache answers it: the registry is asked every time.
    const name = `portico-${label}-${run}-${i + 3}`;
    const started = performance.now();
    const times = await Promise.all(
      TLDS.map(async (tld) => {
        const status = await check(`${name}.${tld}`);
        if (status !== 'taken') throw new Error(`${name}.${tld} came back ${status}, not taken`);
        return performance.now() - started;
      }),
    );
    if (i < 0) continue; // warm-up
    first.push(Math.min(...times));
    all.push(Math.max(...times));
  }
  return {
    searches,
    firstP50: percentile(first, 50),
    firstP90: percentile(first, 90),
    allP50: percentile(all, 50),
    allP90: percentile(all, 90),
  };
}

/**
 * (h) The widget's search: one name across 10 TLDs whose registries answer in 20–120 ms, through the public
 * endpoint with the ten requests in parallel (over at most 6 connections, as a browser speaks HTTP/1.1 to one
 * origin, and over 10), then straight through RdapChecker in one process for the floor.
 */
export async function caseDomainSearch({ startPortico, log, searches }) {
  const stub = await startStub(TLD_DELAYS);
  const bootstrap = await writeBootstrap(stub.url);
  let portico;
  try {
    log(`(h) ${searches} searches × ${TLDS.length} TLDs (stub delays 20–120 ms): public endpoint`);
    portico = await startPortico('production', { PORTICO_RDAP_BOOTSTRAP: bootstrap.file });
    await seedTlds(portico);
    const viaHttp = {};
    for (const sockets of [6, 10]) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
      try {
        viaHttp[sockets] = await timeSearches(
          searches,
          async (domain) => {
            const url = `${portico.url}/api/v1/domains/availability?domain=${domain}`;
            const { status, body } = await getJson(url, agent);
            if (status !== 200) throw new Error(`GET ${url} answered ${status}: ${JSON.stringify(body)}`);
            return body.status === 'unknown' ? `unknown (${body.reason})` : body.status;
          },
          `http${sockets}`,
        );
      } finally {
        agent.destroy();
      }
    }
    log(`(h) the same through RdapChecker directly`);
    const { RdapChecker, loadRdapBootstrap } = await import(pathToFileURL(RDAP_DIST).href);
    const checker = new RdapChecker({ bootstrap: loadRdapBootstrap(bootstrap.file), timeoutMs: 4000 });
    const direct = await timeSearches(
      searches,
      async (domain) => {
        const answer = await checker.check(domain);
        return answer.status === 'unknown' ? `unknown (${answer.reason})` : answer.status;
      },
      'direct',
    );
    return {
      delays: TLD_DELAYS,
      floor: { first: Math.min(...Object.values(TLD_DELAYS)), all: Math.max(...Object.values(TLD_DELAYS)) },
      http6: viaHttp[6],
      http10: viaHttp[10],
      direct,
      allRatio: viaHttp[6].allP50 / direct.allP50,
    };
  } finally {
    if (portico) await portico.stop();
    await stub.stop();
    await bootstrap.remove();
  }
}

/**
 * (i) GET /api/v1/domains/availability under load, with the availability cache on (60 s) and off (0), the
 * registry answering at once: one name across the ten TLDs, round robin, as many visitors searching it do.
 * Reported with the RDAP requests the stub saw per HTTP request, against bare Express, and against the same
 * server's TLD list (reads only), which shows what the per-IP rate-limit write costs each check.
 */
export async function caseCheckThroughput({
  startPortico,
  load,
  log,
  connections,
  duration,
  warmup,
  bareRps,
}) {
  const stub = await startStub(0);
  const bootstrap = await writeBootstrap(stub.url);
  const out = {};
  try {
    let baseline = bareRps;
    if (!baseline) {
      const port = await freePort();
      const bare = await startNode('bare express', [path.join(here, 'bare-express.mjs')], {
        env: { PORT: String(port) },
        readyUrl: `http://127.0.0.1:${port}/`,
      });
      try {
        log(`(i) bare Express: ${duration} s, ${connections} connections`);
        baseline = (await load({ url: `http://127.0.0.1:${port}/`, connections })).requestsPerSecond;
      } finally {
        await bare.stop();
      }
    }
    for (const [key, seconds] of [
      ['cached', 60],
      ['uncached', 0],
    ]) {
      const portico = await startPortico('production', {
        PORTICO_RDAP_BOOTSTRAP: bootstrap.file,
        PORTICO_DOMAIN_CHECK_CACHE_SECONDS: String(seconds),
      });
      try {
        await seedTlds(portico);
        const paths = TLDS.map((tld) => `/api/v1/domains/availability?domain=portico-load.${tld}`);
        const check = await fetch(`${portico.url}${paths[0]}`);
        await expectStatus(check, 200, `GET ${paths[0]}`);
        const answer = await check.json();
        if (answer.status !== 'taken') throw new Error(`${paths[0]} answered ${JSON.stringify(answer)}`);
        log(
          `(i) availability, cache ${seconds ? `${seconds} s` : 'off'}: ${duration} s, ${connections} connections`,
        );
        const options = {
          url: portico.url,
          connections,
          requests: paths.map((p) => ({ method: 'GET', path: p })),
        };
        if (warmup) await autocannon({ ...options, duration: warmup });
        // Counted around the measured run only, so the warm-up's registry requests do not count.
        const before = await stub.total();
        const result = await autocannon({ ...options, duration });
        const rdapRequests = (await stub.total()) - before;
        out[key] = {
          cacheSeconds: seconds,
          requestsPerSecond: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          total: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          rdapRequests,
          rdapPerRequest: rdapRequests / Math.max(result.requests.total, 1),
        };
        if (seconds) {
          // The same server's TLD list: the endpoint's database reads without its per-IP counter write or a check.
          log(`(i) reference GET /api/v1/domains/tlds: ${duration} s, ${connections} connections`);
          out.tldList = await load({ url: `${portico.url}/api/v1/domains/tlds`, connections });
        }
      } finally {
        await portico.stop();
      }
    }
    return {
      bareExpressRps: baseline,
      ...out,
      cacheSpeedup: out.cached.requestsPerSecond / out.uncached.requestsPerSecond,
      cachedRatio: out.cached.requestsPerSecond / baseline,
      uncachedRatio: out.uncached.requestsPerSecond / baseline,
      tldListRatio: out.tldList.requestsPerSecond / baseline,
    };
  } finally {
    await stub.stop();
    await bootstrap.remove();
  }
}
