// Knowledge-base case: (j) full-text search over 10,000 published articles. Portico's GET /api/v1/kb/search
// (FTS5, bm25 with titles first, highlights and snippets) against the same queries answered by a plain
// `LIKE '%word%'` scan of the same SQLite file, from a bare Express process (this file, run as a script).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expectStatus, freePort, startNode } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const requireFromServer = createRequire(path.join(root, 'packages/server/package.json'));
const SELF = fileURLToPath(import.meta.url);

/** A small deterministic PRNG (mulberry32), so every run seeds the same articles and asks the same queries. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words a web host's help pages use, most common first: the head of the vocabulary. */
const REAL_WORDS = `the to and a of your you in is for it on with this that can be if or are from as by
not at have an will use when open then email domain account server site website hosting click settings
password mail name dns record change set up new more page file files support plan need add one how what
which address each select check choose make sure ssl certificate backup database user login sign secure
folder upload download restore renew renewal invoice payment card billing order service services cancel
upgrade transfer nameserver nameservers propagation ttl cname mx txt spf dkim dmarc forward forwarder
mailbox imap smtp pop port ftp sftp ssh key keys php wordpress plugin theme install update version cache
redirect https http browser error warning blocked spam junk quota storage disk bandwidth traffic limit
limits usage panel dashboard portal ticket tickets department reply contact contacts owner technical
permission permissions token tokens api code codes authenticator authentication factor verify verified
verification security firewall malware scan access log logs cron job jobs schedule timezone subdomain
alias aliases parked addon zone zones registrar whois privacy lock unlock epp auth expiry expired expire
grace period registry ip ipv4 ipv6 record records value values host hosts target priority weight
certificate certificates letsencrypt issue issued pending active suspended terminated migrate migration
staging clone copy move delete remove create edit save apply wait minutes hours days phone computer app
apps outlook thunderbird gmail iphone android windows mac linux terminal command line connect connection
connected disconnected timeout slow fast speed performance optimise optimize compress images database
databases mysql postgres table tables query queries export import csv sql dump archive zip extract
permissions owner group read write execute htaccess rewrite rule rules header headers index directory`
  .split(/\s+/)
  .filter(Boolean);

const SYLLABLES =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go ha he hi ho ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo bran cel dorn fist glen harl jorn kest lund mert nosk pral quin rost sven tark ulm vest wyn'.split(
    ' ',
  );

/** A vocabulary of `size` words: the real ones first, then made-up words that read like words. */
function vocabulary(size, next) {
  const words = [...new Set(REAL_WORDS)];
  const seen = new Set(words);
  while (words.length < size) {
    const n = 2 + Math.floor(next() * 2);
    let word = '';
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** Draws word ranks with Zipf's law (s ≈ 1.07), as word frequencies in text follow. */
function zipf(size, next, s = 1.07) {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) {
    total += 1 / (r + 1) ** s;
    cumulative[r] = total;
  }
  return () => {
    const x = next() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** 10,000 (or `count`) articles in `categories` categories: titles, Markdown bodies, HTML and text. */
export function generateArticles(count, categories, vocabularySize) {
  const next = random(20_260_301);
  const words = vocabulary(vocabularySize, next);
  const rank = zipf(words.length, next);
  const word = () => words[rank()];
  const sentence = () => {
    const n = 8 + Math.floor(next() * 13);
    const out = Array.from({ length: n }, word);
    out[0] = out[0][0].toUpperCase() + out[0].slice(1);
    return `${out.join(' ')}.`;
  };
  const articles = [];
  for (let i = 0; i < count; i++) {
    const titleWords = Array.from({ length: 4 + Math.floor(next() * 5) }, word);
    titleWords[0] = titleWords[0][0].toUpperCase() + titleWords[0].slice(1);
    const paragraphs = Array.from({ length: 3 + Math.floor(next() * 5) }, () =>
      Array.from({ length: 2 + Math.floor(next() * 4) }, sentence).join(' '),
    );
    articles.push({
      title: titleWords.join(' '),
      category: i % categories,
      body: paragraphs.join('\n\n'),
      html: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
      text: paragraphs.join('\n'),
    });
  }
  return { articles, words, next };
}

/**
 * What people type: one to three words of middling frequency (ranks 40–1,500: not "the", not a word seen once),
 * the last one half-typed in half of them (search-as-you-type).
 */
export function generateQueries(words, next, count = 64) {
  const pick = () => words[40 + Math.floor(next() * 1460)];
  const queries = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(next() * 3);
    const q = Array.from({ length: n }, pick);
    if (i % 2 === 1 && q.at(-1).length > 5) q[q.length - 1] = q.at(-1).slice(0, 4 + Math.floor(next() * 2));
    queries.push(q.join(' '));
  }
  return queries;
}

/**
 * Writes the categories and published articles straight into a running server's SQLite file in one transaction:
 * the migration's triggers fill the FTS5 index exactly as the server's own writes do. Returns seconds taken.
 */
export function seedArticles(dbFile, articles, categories) {
  const SQLite = requireFromServer('better-sqlite3');
  const db = new SQLite(dbFile);
  db.pragma('busy_timeout = 10000');
  const started = performance.now();
  const now = new Date().toISOString();
  const addCategory = db.prepare(
    `INSERT INTO kb_categories (id, slug, name, description, position, created_at, updated_at)
     VALUES (?, ?, ?, '', ?, ?, ?)`,
  );
  const addArticle = db.prepare(
    `INSERT INTO kb_articles (id, slug, category_id, title, body, html, text, status, position, published_at,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let c = 0; c < categories; c++) {
      addCategory.run(`kbc_bench${c}`, `bench-${c}`, `Bench category ${c + 1}`, c, now, now);
    }
    articles.forEach((a, i) => {
      addArticle.run(
        `kba_bench${String(i).padStart(6, '0')}`,
        `bench-article-${i}`,
        `kbc_bench${a.category}`,
        a.title,
        a.body,
        a.html,
        a.text,
        Math.floor(i / categories),
        now,
        now,
        now,
      );
    });
  })();
  const bytes = db.prepare('SELECT sum(length(text)) + sum(length(title)) AS n FROM kb_articles').get().n;
  db.close();
  return { seconds: (performance.now() - started) / 1000, textBytes: bytes };
}

/**
 * The baseline, run as `node bench/kb.mjs like-server` with PORT and KB_DB: a bare Express app answering
 * `/search?q=` with the plain way to search without an index. Every word must be in the title or the text
 * (`LIKE '%word%'`, so a half-typed last word matches too); title matches first, as Portico ranks them; 10 hits.
 * Ranking means every published row is read for every query, as any "best first" answer without an index must.
 */
async function likeServer() {
  const { default: express } = await import('express');
  const SQLite = requireFromServer('better-sqlite3');
  const db = new SQLite(process.env.KB_DB, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  const statements = new Map();
  const statementFor = (n) => {
    if (!statements.has(n)) {
      const each = Array.from(
        { length: n },
        () => `(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')`,
      );
      const inTitle = Array.from({ length: n }, () => `(a.title LIKE ? ESCAPE '\\')`).join(' + ');
      statements.set(
        n,
        db.prepare(
          `SELECT a.id, a.slug, a.title, substr(a.text, 1, 200) AS excerpt, c.name AS category
           FROM kb_articles a JOIN kb_categories c ON c.id = a.category_id
           WHERE a.status = 'published' AND ${each.join(' AND ')}
           ORDER BY ${inTitle} DESC, a.published_at DESC
           LIMIT 10`,
        ),
      );
    }
    return statements.get(n);
  };
  const app = express();
  app.get('/search', (req, res) => {
    const words = String(req.query.q ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!words.length) return res.json({ items: [] });
    const patterns = words.slice(0, 20).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const params = [...patterns.flatMap((p) => [p, p]), ...patterns];
    res.json({ items: statementFor(patterns.length).all(...params) });
  });
  app.get('/', (_req, res) => res.json({ ok: true }));
  const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

/**
 * (j) Seeds 10,000 published articles (a vocabulary of 3,000 words, Zipf-distributed as real text is) into a
 * production-mode Portico, then loads `GET /api/v1/kb/search` with 64 rotating queries, and the same queries
 * against the LIKE baseline over the same file. Reports req/s and p99 of each, and how many queries found
 * something on each side.
 */
export async function caseKbSearch({ startPortico, load, log, connections, articles: count = 10_000 }) {
  const categories = 10;
  log(`(j) generating ${count} articles`);
  const { articles, words, next } = generateArticles(count, categories, 3_000);
  const queries = generateQueries(words, next);
  const portico = await startPortico('production');
  let baseline;
  try {
    const seeded = seedArticles(portico.dbFile, articles, categories);
    log(`(j) seeded in ${seeded.seconds.toFixed(1)} s (${(seeded.textBytes / 1e6).toFixed(1)} MB of text)`);
    const port = await freePort();
    baseline = await startNode('LIKE baseline', [SELF, 'like-server'], {
      env: { PORT: String(port), KB_DB: portico.dbFile },
      readyUrl: `http://127.0.0.1:${port}/`,
    });
    const likeUrl = `http://127.0.0.1:${port}`;
    const encode = (q) => encodeURIComponent(q);
    // Both sides answer every query, and the answers are sane, before anything is timed.
    let ftsFound = 0;
    let likeFound = 0;
    for (const q of queries) {
      const fts = await fetch(`${portico.url}/api/v1/kb/search?q=${encode(q)}`);
      await expectStatus(fts, 200, `GET /api/v1/kb/search?q=${q}`);
      if ((await fts.json()).items.length) ftsFound++;
      const like = await fetch(`${likeUrl}/search?q=${encode(q)}`);
      await expectStatus(like, 200, `LIKE /search?q=${q}`);
      if ((await like.json()).items.length) likeFound++;
    }
    log(`(j) Portico GET /api/v1/kb/search, ${queries.length} rotating queries, ${connections} connections`);
    const fts = await load({
      url: portico.url,
      connections,
      requests: queries.map((q) => ({ method: 'GET', path: `/api/v1/kb/search?q=${encode(q)}` })),
    });
    log(`(j) LIKE '%word%' baseline, the same queries`);
    const like = await load({
      url: likeUrl,
      connections,
      requests: queries.map((q) => ({ method: 'GET', path: `/search?q=${encode(q)}` })),
    });
    return {
      articles: count,
      vocabulary: words.length,
      textMegabytes: seeded.textBytes / 1e6,
      seedSeconds: seeded.seconds,
      queries: queries.length,
      sampleQueries: queries.slice(0, 6),
      ftsFound,
      likeFound,
      fts,
      like,
      throughputRatio: fts.requestsPerSecond / like.requestsPerSecond,
      p99Ratio: like.p99 / Math.max(fts.p99, 1),
    };
  } finally {
    if (baseline) await baseline.stop();
    await portico.stop();
  }
}

if (
  process.argv[1] &&
  pathToFileURL(process.argv[1]).href === import.meta.url &&
  process.argv[2] === 'like-server'
) {
  await likeServer();
}
