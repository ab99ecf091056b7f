import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../src/seed.js';
import { KB } from './content-helpers.js';
import { startServer, type TestServer } from './helpers.js';

describe('content: the demo seed', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    assert.equal(await seedDemo(s.app.portico), true);
  });
  after(() => s.close());

  test('three categories with eight published articles, and one draft kept out of the portal', async () => {
    const categories = await s.request('GET', `${KB}/categories`);
    assert.deepEqual(
      categories.body.items.map((c: { name: string; articleCount: number }) => [c.name, c.articleCount]),
      [
        ['Getting started', 3],
        ['Email', 3],
        ['Domains & DNS', 2],
      ],
    );
    const drafts = await s.app.portico.content.kbAdmin.articles({ status: 'draft' });
    assert.deepEqual(
      drafts.items.map((a) => a.title),
      ['Transfer a domain to Northwind'],
    );
  });

  test('the articles use headings, lists, code blocks and tables, and search finds them', async () => {
    const { items } = await s.app.portico.content.kbAdmin.articles({ limit: 100 });
    const html = items.map((a) => a.html).join('\n');
    for (const tag of ['<h2', '<ol>', '<ul>', '<pre><code', '<table>']) assert.ok(html.includes(tag), tag);
    const hits = await s.request('GET', `${KB}/search?q=dkim`);
    assert.equal(hits.body.items[0].article.title, 'Keep your mail out of spam: SPF, DKIM and DMARC');
    const article = await s.request('GET', `${KB}/articles/point-your-domain-at-your-hosting`);
    assert.equal(article.status, 200);
    assert.equal(article.body.related.length, 5);
  });

  test('the FAQ has two groups of four; seeding again adds nothing', async () => {
    const faq = await s.request('GET', '/api/v1/faq');
    assert.deepEqual(
      faq.body.groups.map((g: { items: unknown[] }) => g.items.length),
      [4, 4],
    );
    await seedDemo(s.app.portico);
    assert.equal((await s.request('GET', '/api/v1/faq')).body.groups.length, 2);
    assert.equal((await s.request('GET', `${KB}/categories`)).body.items.length, 3);
    const audit = await s.app.portico.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'kb_article.%')
      .execute();
    assert.equal(audit.length, 9, 'each demo article was written as a staff change');
  });
});
