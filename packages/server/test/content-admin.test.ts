import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_FAQ, ADMIN_KB, KB, startContentServer } from './content-helpers.js';
import { type StaffLogin, staffSession, type TestServer } from './helpers.js';
import { assertOnePlan, selectsDuring } from './query-plans.js';

async function auditActions(s: TestServer, targetId: string): Promise<string[]> {
  const rows = await s.app.portico.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', targetId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('staff: knowledge-base categories', () => {
  let s: TestServer;
  let admin: StaffLogin;
  const post = (body: unknown) =>
    s.request('POST', `${ADMIN_KB}/categories`, { body, headers: admin.headers });

  before(async () => {
    s = await startContentServer();
    admin = await staffSession(s, 'admin');
  });
  after(() => s.close());

  test('a slug is made from the name: accents folded, lower case, hyphens; made unique with -2, -3', async () => {
    const made = [];
    for (const name of [
      'Domains & DNS',
      'Domains & DNS',
      '  Domains — DNS! ',
      'Café Crème Straße',
      '電子メール',
    ]) {
      const r = await post({ name });
      assert.equal(r.status, 201, r.text);
      made.push(r.body.slug);
    }
    assert.deepEqual(made, [
      'domains-dns',
      'domains-dns-2',
      'domains-dns-3',
      'cafe-creme-strasse',
      'category',
    ]);
  });

  test('an explicit slug that exists is 409 CONFLICT on the slug field; a new one is kept as given', async () => {
    const taken = await post({ name: 'Anything', slug: 'domains-dns' });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'CONFLICT');
    assert.equal(taken.body.errors[0].path, 'slug');
    const given = await post({ name: 'Anything', slug: 'my-own' });
    assert.equal(given.body.slug, 'my-own');
    const bad = await post({ name: 'Anything', slug: 'Not A Slug' });
    assert.equal(bad.status, 400);
  });

  test('categories list in position order, new ones last; updates rename, reorder and re-slug', async () => {
    const list = await s.request('GET', `${ADMIN_KB}/categories`, { headers: admin.headers });
    assert.equal(list.status, 200);
    const positions = list.body.items.map((c: { position: number }) => c.position);
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
    const first = list.body.items[0];
    const moved = await s.request('PATCH', `${ADMIN_KB}/categories/${first.id}`, {
      body: { name: 'Renamed', position: 99, description: 'About it' },
      headers: admin.headers,
    });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.name, 'Renamed');
    assert.equal(moved.body.slug, first.slug, 'renaming keeps the slug');
    const relist = await s.request('GET', `${ADMIN_KB}/categories`, { headers: admin.headers });
    assert.equal(relist.body.items.at(-1).id, first.id);
    const clash = await s.request('PATCH', `${ADMIN_KB}/categories/${first.id}`, {
      body: { slug: 'my-own' },
      headers: admin.headers,
    });
    assert.equal(clash.status, 409);
    assert.deepEqual(await auditActions(s, first.id), ['kb_category.created', 'kb_category.updated']);
  });

  test('a category with articles (drafts count) cannot be deleted; an empty one can', async () => {
    const c = (await post({ name: 'Temporary' })).body;
    const a = await s.request('POST', `${ADMIN_KB}/articles`, {
      body: { title: 'Draft', body: 'Text', categoryId: c.id },
      headers: admin.headers,
    });
    assert.equal(a.status, 201, a.text);
    const refused = await s.request('DELETE', `${ADMIN_KB}/categories/${c.id}`, { headers: admin.headers });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'CONFLICT');
    await s.request('DELETE', `${ADMIN_KB}/articles/${a.body.id}`, { headers: admin.headers });
    const gone = await s.request('DELETE', `${ADMIN_KB}/categories/${c.id}`, { headers: admin.headers });
    assert.equal(gone.status, 204);
    const again = await s.request('DELETE', `${ADMIN_KB}/categories/${c.id}`, { headers: admin.headers });
    assert.equal(again.status, 404);
    assert.deepEqual(await auditActions(s, c.id), ['kb_category.created', 'kb_category.deleted']);
  });
});

describe('staff: knowledge-base articles', () => {
  let s: TestServer;
  let admin: StaffLogin;
  let categoryId: string;
  let otherCategoryId: string;

  before(async () => {
    s = await startContentServer();
    admin = await staffSession(s, 'admin');
    categoryId = (await s.app.portico.content.kbAdmin.categories()).at(0)?.id ?? '';
    const make = (name: string) =>
      s.request('POST', `${ADMIN_KB}/categories`, { body: { name }, headers: admin.headers });
    categoryId = (await make('General')).body.id;
    otherCategoryId = (await make('Other')).body.id;
  });
  after(() => s.close());

  const create = (body: Record<string, unknown>) =>
    s.request('POST', `${ADMIN_KB}/articles`, { body: { categoryId, ...body }, headers: admin.headers });
  const patch = (id: string, body: Record<string, unknown>) =>
    s.request('PATCH', `${ADMIN_KB}/articles/${id}`, { body, headers: admin.headers });

  test('a new article is a draft with rendered HTML, no publishedAt, and its slug from the title', async () => {
    const r = await create({
      title: 'Set up SFTP',
      body: '# Connect\n\nUse **port 22**.\n\n<script>x</script>',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.status, 'draft');
    assert.equal(r.body.publishedAt, null);
    assert.equal(r.body.slug, 'set-up-sftp');
    assert.match(r.body.html, /<h1 id="connect">Connect<\/h1>/);
    assert.match(r.body.html, /<strong>port 22<\/strong>/);
    assert.match(r.body.html, /&lt;script&gt;x&lt;\/script&gt;/);
    const row = await s.app.portico.db
      .selectFrom('kb_articles')
      .select('text')
      .where('id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.text, 'Connect\nUse port 22.\n<script>x</script>');
    const twin = await create({ title: 'Set up SFTP', body: 'Again' });
    assert.equal(twin.body.slug, 'set-up-sftp-2');
    const clash = await create({ title: 'X', slug: 'set-up-sftp', body: 'x' });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.errors[0].path, 'slug');
  });

  test('an unknown category is a 400 field error', async () => {
    const r = await create({ title: 'X', body: 'x', categoryId: 'kbc_nope' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.errors, [{ path: 'categoryId', message: 'There is no such category' }]);
  });

  test('publishing sets publishedAt the first time only; the body is rendered again when it changes', async () => {
    const made = (await create({ title: 'Publish me', body: 'One' })).body;
    s.clock.advance(60_000);
    const published = await patch(made.id, { status: 'published' });
    assert.equal(published.status, 200, published.text);
    const firstDate = published.body.publishedAt;
    assert.equal(firstDate, s.clock.now().toISOString());
    assert.equal((await s.request('GET', `${KB}/articles/publish-me`)).status, 200);
    s.clock.advance(60_000);
    await patch(made.id, { status: 'draft' });
    assert.equal((await s.request('GET', `${KB}/articles/publish-me`)).status, 404, 'unpublished is gone');
    s.clock.advance(60_000);
    const again = await patch(made.id, { status: 'published', body: 'Two *words*' });
    assert.equal(again.body.publishedAt, firstDate);
    assert.equal(again.body.html, '<p>Two <em>words</em></p>\n');
    const search = await s.request('GET', `${KB}/search?q=words`);
    assert.equal(search.body.items.length, 1, 'the index follows the new text');
    assert.deepEqual(await auditActions(s, made.id), [
      'kb_article.created',
      'kb_article.published',
      'kb_article.unpublished',
      'kb_article.published',
    ]);
  });

  test('moving to another category puts the article last there; a title edit keeps the slug', async () => {
    const made = (await create({ title: 'Mover', body: 'x', status: 'published' })).body;
    await s.request('POST', `${ADMIN_KB}/articles`, {
      body: { title: 'Already there', body: 'x', categoryId: otherCategoryId, position: 7 },
      headers: admin.headers,
    });
    const moved = await patch(made.id, { categoryId: otherCategoryId, title: 'Moved' });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.category.id, otherCategoryId);
    assert.equal(moved.body.position, 8);
    assert.equal(moved.body.slug, 'mover');
    const bad = await patch(made.id, { categoryId: 'kbc_nope' });
    assert.equal(bad.status, 400);
  });

  test('the list has drafts, newest change first, filters by status, category and title, and pages', async () => {
    const all = await s.request('GET', `${ADMIN_KB}/articles`, { headers: admin.headers });
    assert.equal(all.status, 200, all.text);
    const stamps = all.body.items.map((a: { updatedAt: string }) => a.updatedAt);
    assert.deepEqual(stamps, [...stamps].sort().reverse());
    assert.ok(all.body.items.some((a: { status: string }) => a.status === 'draft'));
    const drafts = await s.request('GET', `${ADMIN_KB}/articles?status=draft`, { headers: admin.headers });
    assert.ok(drafts.body.items.every((a: { status: string }) => a.status === 'draft'));
    const other = await s.request('GET', `${ADMIN_KB}/articles?categoryId=${otherCategoryId}`, {
      headers: admin.headers,
    });
    assert.deepEqual(other.body.items.map((a: { title: string }) => a.title).sort(), [
      'Already there',
      'Moved',
    ]);
    const byTitle = await s.request('GET', `${ADMIN_KB}/articles?q=SFTP`, { headers: admin.headers });
    assert.equal(byTitle.body.items.length, 2);
    const percent = await s.request('GET', `${ADMIN_KB}/articles?q=%25`, { headers: admin.headers });
    assert.deepEqual(percent.body.items, [], '% is a literal character, not a wildcard');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await s.request(
        'GET',
        `${ADMIN_KB}/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: admin.headers },
      );
      seen.push(...page.body.items.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.body.items.map((a: { id: string }) => a.id),
    );
  });

  test('the staff list is planned on the updated index with no temporary B-tree', async () => {
    // Filter sets no other test here sends, so their SQL is prepared (and seen) now.
    for (const query of [
      '?limit=5&status=published&categoryId=kbc_x',
      '?limit=5&categoryId=kbc_x&q=abc&status=draft',
    ]) {
      const seen = await selectsDuring(s, () =>
        s.request('GET', `${ADMIN_KB}/articles${query}`, { headers: admin.headers }),
      );
      assertOnePlan(
        s,
        query,
        seen.filter((q) => /from "kb_articles"/i.test(q)),
        /kb_articles_updated/,
      );
    }
  });

  test('get and delete; a missing article is 404', async () => {
    const made = (await create({ title: 'Short-lived', body: 'x' })).body;
    const got = await s.request('GET', `${ADMIN_KB}/articles/${made.id}`, { headers: admin.headers });
    assert.equal(got.body.body, 'x');
    assert.equal(
      (await s.request('DELETE', `${ADMIN_KB}/articles/${made.id}`, { headers: admin.headers })).status,
      204,
    );
    assert.equal(
      (await s.request('GET', `${ADMIN_KB}/articles/${made.id}`, { headers: admin.headers })).status,
      404,
    );
    assert.equal((await patch(made.id, { title: 'x' })).status, 404);
    assert.deepEqual(await auditActions(s, made.id), ['kb_article.created', 'kb_article.deleted']);
  });

  test('the preview renders Markdown as it will be published', async () => {
    const r = await s.request('POST', '/api/admin/v1/content/preview', {
      body: { markdown: '## Hi\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>' },
      headers: admin.headers,
    });
    assert.equal(r.status, 200, r.text);
    assert.match(r.body.html, /<h2 id="hi">Hi<\/h2>/);
    assert.doesNotMatch(r.body.html, /<a|<img|href=/, 'the link and the tag are only text');
  });
});

describe('staff: FAQ', () => {
  let s: TestServer;
  let admin: StaffLogin;

  before(async () => {
    s = await startContentServer();
    admin = await staffSession(s, 'admin');
  });
  after(() => s.close());

  const req = (method: string, path: string, body?: unknown) =>
    s.request(method, `${ADMIN_FAQ}${path}`, {
      headers: admin.headers,
      ...(body === undefined ? {} : { body }),
    });

  // First, while no query has been prepared yet (query-plans sees each SQL text once).
  test('the FAQ reads groups and questions in index order, with no temporary B-tree', async () => {
    const seen = await selectsDuring(s, () => s.request('GET', '/api/v1/faq'));
    assertOnePlan(
      s,
      'groups',
      seen.filter((q) => /from "faq_groups"/.test(q)),
      /faq_groups_order/,
    );
    assertOnePlan(
      s,
      'questions',
      seen.filter((q) => /from "faq_items"/.test(q)),
      /faq_items_group/,
    );
  });

  test('groups and questions in order; the public FAQ renders answers and leaves out empty groups', async () => {
    const billing = (await req('POST', '/groups', { name: 'Billing' })).body;
    const hosting = (await req('POST', '/groups', { name: 'Hosting', position: 0 })).body;
    const empty = (await req('POST', '/groups', { name: 'Empty' })).body;
    assert.equal(billing.position, 0);
    assert.equal(empty.position, 1, 'new groups go last');
    const q1 = await req('POST', '/items', {
      groupId: billing.id,
      question: 'Refunds?',
      answer: 'Within **30 days**.',
    });
    assert.equal(q1.status, 201, q1.text);
    assert.equal(q1.body.html, '<p>Within <strong>30 days</strong>.</p>\n');
    await req('POST', '/items', {
      groupId: billing.id,
      question: 'Cards?',
      answer: 'Visa and Mastercard.',
      position: 0,
    });
    await req('POST', '/items', { groupId: hosting.id, question: 'Backups?', answer: 'Nightly.' });
    const pub = await s.request('GET', '/api/v1/faq');
    assert.equal(pub.status, 200, pub.text);
    assert.deepEqual(
      pub.body.groups.map((g: { name: string; items: Array<{ question: string }> }) => [
        g.name,
        g.items.map((i) => i.question),
      ]),
      [
        ['Billing', ['Cards?', 'Refunds?']],
        ['Hosting', ['Backups?']],
      ],
      'groups by position then name, items by position; Empty is left out',
    );
    const searched = await s.request('GET', '/api/v1/faq?q=nightly');
    assert.deepEqual(
      searched.body.groups.map((g: { name: string }) => g.name),
      ['Hosting'],
    );
    const none = await s.request('GET', '/api/v1/faq?q=%3F%3F%3F');
    assert.deepEqual(none.body.groups, [], 'a query with no words finds nothing');
    const staffList = await req('GET', '');
    assert.equal(staffList.body.items.length, 3, 'staff see empty groups');
  });

  test('moving a question, editing its answer; a group with questions cannot be deleted', async () => {
    const groups = (await req('GET', '')).body.items;
    const billing = groups.find((g: { name: string }) => g.name === 'Billing');
    const empty = groups.find((g: { name: string }) => g.name === 'Empty');
    const item = billing.items[0];
    const moved = await req('PATCH', `/items/${item.id}`, { groupId: empty.id, answer: 'Any *card*.' });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.groupId, empty.id);
    assert.equal(moved.body.html, '<p>Any <em>card</em>.</p>\n');
    const refused = await req('DELETE', `/groups/${empty.id}`);
    assert.equal(refused.status, 409);
    assert.equal((await req('DELETE', `/items/${item.id}`)).status, 204);
    assert.equal((await req('DELETE', `/groups/${empty.id}`)).status, 204);
    assert.equal((await req('PATCH', `/groups/${empty.id}`, { name: 'x' })).status, 404);
    const bad = await req('POST', '/items', { groupId: 'faqg_nope', question: 'Q?', answer: 'A' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'groupId');
    assert.deepEqual(await auditActions(s, item.id), [
      'faq_item.created',
      'faq_item.updated',
      'faq_item.deleted',
    ]);
    assert.deepEqual(await auditActions(s, empty.id), ['faq_group.created', 'faq_group.deleted']);
  });
});

describe('staff roles on content', () => {
  let s: TestServer;

  before(async () => {
    s = await startContentServer();
  });
  after(() => s.close());

  test('billing staff read but never write; support and admin write', async () => {
    const billing = await staffSession(s, 'billing');
    for (const path of [`${ADMIN_KB}/categories`, `${ADMIN_KB}/articles`, ADMIN_FAQ]) {
      assert.equal((await s.request('GET', path, { headers: billing.headers })).status, 200, path);
    }
    const preview = await s.request('POST', '/api/admin/v1/content/preview', {
      body: { markdown: 'x' },
      headers: billing.headers,
    });
    assert.equal(preview.status, 200, 'reading roles may preview');
    for (const [path, body] of [
      [`${ADMIN_KB}/categories`, { name: 'Nope' }],
      [`${ADMIN_FAQ}/groups`, { name: 'Nope' }],
    ] as const) {
      const r = await s.request('POST', path, { body, headers: billing.headers });
      assert.equal(r.status, 403, path);
      assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
    }
    const support = await staffSession(s, 'support');
    const made = await s.request('POST', `${ADMIN_KB}/categories`, {
      body: { name: 'By support' },
      headers: support.headers,
    });
    assert.equal(made.status, 201, made.text);
  });

  test('a client session is not staff', async () => {
    const r = await s.request('GET', `${ADMIN_KB}/categories`);
    assert.equal(r.status, 401);
  });
});
