import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AdminKbCategory } from '@portico/sdk/contract';
import { KB_SEARCH_LIMIT, KB_VOTE_LIMIT } from '../src/modules/content/kb.js';
import { KB, KbFixture, startContentServer, tagsIn } from './content-helpers.js';
import { signUp, startServer, type TestServer } from './helpers.js';
import { assertOnePlan, selectsDuring } from './query-plans.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('knowledge base: public reads', () => {
  let s: TestServer;
  let kb: KbFixture;
  let email: AdminKbCategory;
  let domains: AdminKbCategory;
  let empty: AdminKbCategory;

  before(async () => {
    s = await startContentServer();
    kb = await KbFixture.create(s);
    domains = await kb.category('Domains & DNS', { position: 1 });
    email = await kb.category('Email', { position: 0 });
    empty = await kb.category('Billing', { position: 2 });
    await kb.article(
      email,
      'Set up email on your phone',
      'Use **IMAP** on port 993.\n\nThe password is your mailbox password.',
      { position: 1 },
    );
    await kb.article(email, 'Forward mail', 'Forwarders copy every message to another address.', {
      position: 0,
    });
    await kb.article(domains, 'Point your domain', 'Use our name servers or an A record.');
    await kb.article(domains, 'Secret upcoming feature', 'Not ready: the password manager integration.', {
      status: 'draft',
    });
    await kb.article(empty, 'Draft only', 'A draft in an otherwise empty category.', { status: 'draft' });
  });
  after(() => s.close());

  // First, while no query has been prepared yet (query-plans sees each SQL text once).
  test('the lists are planned on indexes, with no temporary B-tree', async () => {
    const cursor = (await s.request('GET', `${KB}/articles?limit=1`)).body.nextCursor;
    for (const [what, path, uses] of [
      ['all articles', `${KB}/articles?limit=1&cursor=${cursor}`, /kb_articles_category/],
      ['one category', `${KB}/articles?category=${email.id}`, /kb_articles_category/],
    ] as const) {
      const seen = (await selectsDuring(s, () => s.request('GET', path))).filter((q) => /ORDER BY/i.test(q));
      assertOnePlan(s, what, seen, uses);
    }
    const categories = await selectsDuring(s, () => s.request('GET', `${KB}/categories`));
    assertOnePlan(s, 'categories', categories, /kb_categories_order/);
  });

  test('categories come in position order with their published counts; one with drafts only is left out', async () => {
    const r = await s.request('GET', `${KB}/categories`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.items.map((c: { slug: string; articleCount: number }) => [c.slug, c.articleCount]),
      [
        ['email', 2],
        ['domains-dns', 1],
      ],
    );
  });

  test('the article list is in category then article order, published only, and pages with a cursor', async () => {
    const all = await s.request('GET', `${KB}/articles`);
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(
      all.body.items.map((a: { title: string }) => a.title),
      ['Forward mail', 'Set up email on your phone', 'Point your domain'],
    );
    assert.equal(all.body.nextCursor, null);
    const first = await s.request('GET', `${KB}/articles?limit=2`);
    assert.equal(first.body.items.length, 2);
    assert.ok(first.body.nextCursor);
    const second = await s.request('GET', `${KB}/articles?limit=2&cursor=${first.body.nextCursor}`);
    assert.deepEqual(
      second.body.items.map((a: { title: string }) => a.title),
      ['Point your domain'],
    );
    assert.equal(second.body.nextCursor, null);
    const summary = all.body.items[1];
    assert.equal(
      summary.excerpt,
      'Use IMAP on port 993.\nThe password is your mailbox password.'.replace('\n', ' '),
    );
    assert.deepEqual(summary.category, { id: email.id, slug: 'email', name: 'Email' });
  });

  test('the list filters by category id or slug; an unknown category is 404', async () => {
    for (const ref of [domains.id, 'domains-dns']) {
      const r = await s.request('GET', `${KB}/articles?category=${ref}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.items.map((a: { title: string }) => a.title),
        ['Point your domain'],
      );
    }
    const none = await s.request('GET', `${KB}/articles?category=nope`);
    assert.equal(none.status, 404);
    assert.equal(none.body.code, 'NOT_FOUND');
  });

  test('a tampered cursor is a 400 with a field error, never a 500', async () => {
    for (const cursor of ['garbage', Buffer.from('{"after":"kba_nobody"}').toString('base64url')]) {
      const r = await s.request('GET', `${KB}/articles?cursor=${cursor}`);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.errors[0].path, 'cursor');
    }
  });

  test('an article reads by id or slug with its HTML, votes and related articles; drafts are 404', async () => {
    const bySlug = await s.request('GET', `${KB}/articles/set-up-email-on-your-phone`);
    assert.equal(bySlug.status, 200, bySlug.text);
    assert.match(bySlug.body.html, /<strong>IMAP<\/strong>/);
    assert.deepEqual(bySlug.body.votes, { yes: 0, no: 0, mine: null });
    const byId = await s.request('GET', `${KB}/articles/${bySlug.body.id}`);
    assert.equal(byId.body.slug, 'set-up-email-on-your-phone');
    const draft = await s.request('GET', `${KB}/articles/secret-upcoming-feature`);
    assert.equal(draft.status, 404);
    assert.equal(draft.body.code, 'NOT_FOUND');
    const missing = await s.request('GET', `${KB}/articles/no-such-article`);
    assert.deepEqual(
      { status: missing.status, detail: missing.body.detail },
      { status: draft.status, detail: draft.body.detail },
      'a draft answers exactly as a missing article does',
    );
  });

  test('drafts never appear in search or related articles', async () => {
    const r = await s.request('GET', `${KB}/search?q=password`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.items.map((h: { article: { title: string } }) => h.article.title),
      ['Set up email on your phone'],
    );
    const article = await s.request('GET', `${KB}/articles/point-your-domain`);
    assert.ok(!article.body.related.some((a: { title: string }) => /Secret|Draft/.test(a.title)));
  });

  test('search by category keeps only that category; an unknown one is 404', async () => {
    const r = await s.request('GET', `${KB}/search?q=use&category=email`);
    assert.deepEqual(
      r.body.items.map((h: { article: { title: string } }) => h.article.title),
      ['Set up email on your phone'],
    );
    const bad = await s.request('GET', `${KB}/search?q=use&category=nope`);
    assert.equal(bad.status, 404);
  });

  test('an empty or too long query is a 400 field error', async () => {
    for (const q of ['', '%20%20', 'x'.repeat(201)]) {
      const r = await s.request('GET', `${KB}/search?q=${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.body.errors[0].path, 'q');
    }
  });
});

describe('knowledge base: search', () => {
  let s: TestServer;
  let kb: KbFixture;

  before(async () => {
    s = await startContentServer();
    kb = await KbFixture.create(s);
    const general = await kb.category('General');
    await kb.article(
      general,
      'Billing questions',
      'If your renewal fails, check the mailbox settings and the card.',
    );
    await kb.article(general, 'Mailbox quotas', 'Each plan has its own storage.');
    await kb.article(general, 'Our café opening hours', 'Come and visit us.');
    await kb.article(general, 'Change your password', 'Open Security to pick a new one.');
    await kb.article(
      general,
      'Script tags <script> in pages',
      'Never paste <script>alert("x")</script> & other HTML from strangers into a page.',
    );
  });
  after(() => s.close());

  const titles = (body: { items: Array<{ article: { title: string } }> }) =>
    body.items.map((h) => h.article.title);

  test('the search plan is driven by the index: FTS5 orders by rank, no sort of every match', async () => {
    const seen = await selectsDuring(s, () => s.request('GET', `${KB}/search?q=mailbox`));
    const search = seen.filter((q) => /kb_articles_fts/.test(q));
    assertOnePlan(s, 'search', search, /VIRTUAL TABLE INDEX/);
  });

  test('a title match ranks above a match in the text only', async () => {
    const r = await s.request('GET', `${KB}/search?q=mailbox`);
    assert.deepEqual(titles(r.body), ['Mailbox quotas', 'Billing questions']);
  });

  test('accents are ignored: cafe finds café, and café finds it too', async () => {
    for (const q of ['cafe', 'caf%C3%A9', 'CAFE']) {
      const r = await s.request('GET', `${KB}/search?q=${q}`);
      assert.deepEqual(titles(r.body), ['Our café opening hours'], q);
    }
  });

  test('the last word matches as a prefix: passw finds password; earlier words must be whole', async () => {
    assert.deepEqual(titles((await s.request('GET', `${KB}/search?q=passw`)).body), ['Change your password']);
    assert.deepEqual(titles((await s.request('GET', `${KB}/search?q=change%20passw`)).body), [
      'Change your password',
    ]);
    assert.deepEqual(titles((await s.request('GET', `${KB}/search?q=chan%20password`)).body), []);
  });

  test('every word must match', async () => {
    assert.deepEqual(titles((await s.request('GET', `${KB}/search?q=renewal%20card`)).body), [
      'Billing questions',
    ]);
    assert.deepEqual(titles((await s.request('GET', `${KB}/search?q=renewal%20opening`)).body), []);
  });

  test('highlights escape the article text and hold no tag but mark', async () => {
    const r = await s.request('GET', `${KB}/search?q=script`);
    assert.equal(r.body.items.length, 1);
    const hit = r.body.items[0];
    assert.equal(hit.title, '<mark>Script</mark> tags &lt;<mark>script</mark>&gt; in pages');
    assert.match(
      hit.snippet,
      /&lt;<mark>script<\/mark>&gt;alert\(&quot;x&quot;\)&lt;\/<mark>script<\/mark>&gt; &amp; other/,
    );
    for (const html of [hit.title, hit.snippet]) {
      assert.deepEqual([...new Set(tagsIn(html))].sort(), ['/mark', 'mark']);
    }
    assert.equal(hit.article.title, 'Script tags <script> in pages', 'the summary keeps the plain title');
  });

  test('limit caps the hits', async () => {
    const r = await s.request('GET', `${KB}/search?q=the&limit=1`);
    assert.equal(r.body.items.length, 1);
  });
});

describe('knowledge base: votes and related articles', () => {
  let s: TestServer;
  let kb: KbFixture;
  let articleId: string;

  before(async () => {
    s = await startContentServer();
    kb = await KbFixture.create(s);
    const email = await kb.category('Email');
    const domains = await kb.category('Domains');
    const main = await kb.article(email, 'Set up email on an iPhone', 'Open Settings, then Mail.');
    articleId = main.id;
    await kb.article(email, 'Email forwarding', 'Forward your mail.');
    await kb.article(email, 'Spam filters', 'Teach the filter.');
    await kb.article(domains, 'iPhone hotspot and DNS', 'A phone as a router.');
    await kb.article(domains, 'Set up a domain', 'Name servers.');
    await kb.article(email, 'Set up email on Android', 'Open the Gmail app.', { status: 'draft' });
    await kb.article(email, 'Quota', 'Storage.');
    await kb.article(email, 'Webmail', 'In a browser.');
  });
  after(() => s.close());

  test('related: title matches first (ranked, drafts and itself left out), then the category fills up to 5', async () => {
    const r = await s.request('GET', `${KB}/articles/${articleId}`);
    assert.equal(r.status, 200, r.text);
    const related = r.body.related.map((a: { title: string }) => a.title);
    assert.equal(related.length, 5);
    assert.ok(!related.includes('Set up email on an iPhone'));
    assert.ok(!related.includes('Set up email on Android'));
    // "email", "iPhone" and "set up" (not stop words such as "on") find these by their titles.
    assert.deepEqual(
      new Set(related.slice(0, 3)),
      new Set(['Email forwarding', 'iPhone hotspot and DNS', 'Set up a domain']),
    );
    // The rest of the Email category, in its order.
    assert.deepEqual(related.slice(3), ['Spam filters', 'Quota']);
  });

  test('a guest votes by address: one vote, a repeat replaces it and moves the count', async () => {
    const path = `${KB}/articles/${articleId}/vote`;
    const yes = await s.request('PUT', path, { body: { helpful: true } });
    assert.equal(yes.status, 200, yes.text);
    assert.deepEqual(yes.body, { yes: 1, no: 0, mine: 'yes' });
    const again = await s.request('PUT', path, { body: { helpful: true } });
    assert.deepEqual(again.body, { yes: 1, no: 0, mine: 'yes' }, 'the same answer twice counts once');
    const no = await s.request('PUT', path, { body: { helpful: false } });
    assert.deepEqual(no.body, { yes: 0, no: 1, mine: 'no' }, 'changing it moves the count');
    const read = await s.request('GET', `${KB}/articles/${articleId}`);
    assert.deepEqual(read.body.votes, { yes: 0, no: 1, mine: 'no' });
    const rows = await s.app.portico.db.selectFrom('kb_votes').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.match(rows[0]!.voter, /^ip:[0-9a-f]{32}$/, 'the address is stored only as a keyed hash');
    assert.ok(!rows[0]!.voter.includes('127.0.0.1'));
  });

  test('a signed-in person votes as themselves, apart from the address', async () => {
    const token = await signUp(s, 'voter@kb.test');
    const path = `${KB}/articles/${articleId}/vote`;
    const before = await s.request('GET', `${KB}/articles/${articleId}`, { headers: bearer(token) });
    assert.equal(before.body.votes.mine, null, 'the guest vote from this address is not theirs');
    const r = await s.request('PUT', path, { body: { helpful: true }, headers: bearer(token) });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { yes: 1, no: 1, mine: 'yes' });
    const mine = await s.request('GET', `${KB}/articles/${articleId}`, { headers: bearer(token) });
    assert.equal(mine.body.votes.mine, 'yes');
    const guest = await s.request('GET', `${KB}/articles/${articleId}`);
    assert.equal(guest.body.votes.mine, 'no');
    const voters = await s.app.portico.db.selectFrom('kb_votes').select('voter').execute();
    assert.ok(voters.some((v) => v.voter.startsWith('usr:usr_')));
  });

  test('votes on a draft or a missing article are 404; a bad body is 400', async () => {
    const draft = await s.app.portico.db
      .selectFrom('kb_articles')
      .select('id')
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow();
    for (const id of [draft.id, 'kba_01jdxxxxxxxxxxxxxxxxxxxxxx']) {
      const r = await s.request('PUT', `${KB}/articles/${id}/vote`, { body: { helpful: true } });
      assert.equal(r.status, 404, r.text);
    }
    const bad = await s.request('PUT', `${KB}/articles/${articleId}/vote`, { body: { helpful: 'yes' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'helpful');
  });

  test('deleting an article takes its votes with it', async () => {
    const email = await s.app.portico.content.kbAdmin.categories();
    const temp = await kb.article(email[0]!, 'Temporary', 'Soon gone.');
    await s.request('PUT', `${KB}/articles/${temp.id}/vote`, { body: { helpful: true } });
    await s.app.portico.content.kbAdmin.deleteArticle(temp.id, kb.change);
    const left = await s.app.portico.db
      .selectFrom('kb_votes')
      .selectAll()
      .where('article_id', '=', temp.id)
      .execute();
    assert.deepEqual(left, []);
  });
});

describe('knowledge base and FAQ: hidden sections', () => {
  let s: TestServer;
  let kb: KbFixture;
  let articleId: string;

  before(async () => {
    s = await startContentServer();
    kb = await KbFixture.create(s);
    const c = await kb.category('General');
    articleId = (await kb.article(c, 'Hello', 'World.')).id;
  });
  after(() => s.close());

  test('with the knowledge base hidden, every public KB route answers 404, the vote included', async () => {
    await kb.section('knowledgeBase', false);
    try {
      const calls: Array<[string, string, unknown?]> = [
        ['GET', `${KB}/categories`],
        ['GET', `${KB}/articles`],
        ['GET', `${KB}/articles/hello`],
        ['GET', `${KB}/search?q=hello`],
        ['PUT', `${KB}/articles/${articleId}/vote`, { helpful: true }],
      ];
      for (const [method, path, body] of calls) {
        const r = await s.request(method, path, body === undefined ? {} : { body });
        assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
        assert.equal(r.body.code, 'NOT_FOUND');
      }
      const votes = await s.app.portico.db.selectFrom('kb_votes').selectAll().execute();
      assert.deepEqual(votes, []);
      assert.equal((await s.request('GET', '/api/v1/faq')).status, 200, 'the FAQ is its own section');
    } finally {
      await kb.section('knowledgeBase', true);
    }
    assert.equal((await s.request('GET', `${KB}/articles/hello`)).status, 200);
  });

  test('with the FAQ hidden, the FAQ answers 404 (with or without q)', async () => {
    await kb.section('faq', false);
    try {
      for (const path of ['/api/v1/faq', '/api/v1/faq?q=hello']) {
        const r = await s.request('GET', path);
        assert.equal(r.status, 404, path);
        assert.equal(r.body.code, 'NOT_FOUND');
      }
      assert.equal((await s.request('GET', `${KB}/categories`)).status, 200);
    } finally {
      await kb.section('faq', true);
    }
  });
});

describe('knowledge base: rate limits', () => {
  let s: TestServer;
  let articleId: string;

  before(async () => {
    s = await startServer();
    const kb = await KbFixture.create(s);
    const c = await kb.category('General');
    articleId = (await kb.article(c, 'Hello', 'World.')).id;
  });
  after(() => s.close());

  test(`search is limited to ${KB_SEARCH_LIMIT.max} a minute per IP, then 429 with Retry-After`, async () => {
    for (let i = 0; i < KB_SEARCH_LIMIT.max; i++) {
      const r = await s.request('GET', `${KB}/search?q=hello${i}`);
      assert.equal(r.status, 200, `search ${i}: ${r.text}`);
    }
    const over = await s.request('GET', `${KB}/search?q=hello`);
    assert.equal(over.status, 429);
    assert.equal(over.body.code, 'RATE_LIMITED');
    assert.ok(Number(over.headers.get('retry-after')) > 0);
    s.clock.advance(KB_SEARCH_LIMIT.windowSeconds * 1000);
    assert.equal((await s.request('GET', `${KB}/search?q=hello`)).status, 200, 'the next window is open');
  });

  test(`votes are limited to ${KB_VOTE_LIMIT.max} a minute per IP`, async () => {
    for (let i = 0; i < KB_VOTE_LIMIT.max; i++) {
      const r = await s.request('PUT', `${KB}/articles/${articleId}/vote`, {
        body: { helpful: i % 2 === 0 },
      });
      assert.equal(r.status, 200, `vote ${i}: ${r.text}`);
    }
    const over = await s.request('PUT', `${KB}/articles/${articleId}/vote`, { body: { helpful: true } });
    assert.equal(over.status, 429);
    assert.equal(over.body.code, 'RATE_LIMITED');
  });
});
