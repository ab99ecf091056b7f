import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPortalClient, isPortalApiError } from '../src/index.js';
import { type PorticoServer, startPortico } from './portico-server.js';

describe('support and public content against a real Portico server', () => {
  let portico: PorticoServer;
  let baseUrl: string;
  const email = 'katherine@example.com';
  const password = 'trajectory by hand';

  before(async () => {
    portico = await startPortico();
    baseUrl = portico.baseUrl;
    const { db, deps } = portico.app.portico;
    const now = deps.clock.now().toISOString();
    await db
      .insertInto('support_departments')
      .values({
        id: 'dep_general',
        name: 'General',
        description: 'Anything else',
        visible: 1,
        position: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('kb_categories')
      .values({
        id: 'kbc_email',
        slug: 'email',
        name: 'Email',
        description: '',
        position: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('kb_articles')
      .values({
        id: 'kba_imap',
        slug: 'set-up-imap',
        category_id: 'kbc_email',
        title: 'Set up IMAP on your phone',
        body: 'Use **mail.example.com**, port 993.',
        html: '<p>Use <strong>mail.example.com</strong>, port 993.</p>',
        text: 'Use mail.example.com, port 993.',
        status: 'published',
        position: 0,
        published_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    await portal.auth.register({ name: 'Katherine Johnson', email, password });
    await portal.auth.verifyEmail({ email, code: await portico.codeFor(email) });
  });
  after(() => portico.close());

  const signedIn = async () => {
    const portal = createPortalClient({ baseUrl, mode: 'token' });
    await portal.auth.login({ email, password });
    return portal;
  };

  test('upload a file, open a ticket with it, reply, download the file, close', async () => {
    const portal = await signedIn();
    const { departments, attachments } = await portal.support.config();
    assert.deepEqual(
      departments.map((d) => d.name),
      ['General'],
    );
    assert.ok(attachments.types.includes('txt'));

    const bytes = new TextEncoder().encode('bounce: 550 mailbox unavailable\n');
    const file = await portal.support.upload(bytes, 'bounce.log');
    assert.equal(file.name, 'bounce.log');
    assert.equal(file.type, 'text/plain');
    assert.equal(file.size, bytes.length);

    const ticket = await portal.support.open({
      departmentId: departments[0]!.id,
      subject: 'Mail bounces',
      message: 'Every mail to **example.com** bounces.',
      attachments: [file.id],
    });
    assert.equal(ticket.status, 'open');
    assert.match(ticket.messages[0]!.html, /<strong>example\.com<\/strong>/);
    assert.deepEqual(
      ticket.messages[0]!.attachments.map((a) => a.id),
      [file.id],
    );

    const replied = await portal.support.reply(ticket.id, { message: 'Still bouncing.' });
    assert.equal(replied.messages.length, 2);

    const blob = await portal.support.download(ticket.id, file.id);
    assert.equal(blob.type, 'text/plain');
    assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), bytes);

    const closed = await portal.support.close(ticket.id);
    assert.equal(closed.status, 'closed');
    const { items } = await portal.support.list({ status: 'active' });
    assert.equal(
      items.find((t) => t.id === ticket.id),
      undefined,
    );
  });

  test('a file whose content is not what its name says is a typed 415', async () => {
    const portal = await signedIn();
    const error = await portal.support
      .upload(new TextEncoder().encode('not a picture'), 'photo.png')
      .catch((e: unknown) => e);
    assert.ok(isPortalApiError(error), String(error));
    assert.equal(error.status, 415);
    assert.equal(error.code, 'ATTACHMENT_TYPE');
  });

  test('a guest searches the knowledge base and reads the article; a hidden section is a typed 404', async () => {
    const guest = createPortalClient({ baseUrl, mode: 'token' });
    const { items } = await guest.kb.search('"imap');
    assert.deepEqual(
      items.map((hit) => hit.article.slug),
      ['set-up-imap'],
    );
    assert.match(items[0]!.title, /<mark>IMAP<\/mark>/);
    const article = await guest.kb.article('set-up-imap');
    assert.equal(article.id, 'kba_imap');
    assert.deepEqual(article.votes, { yes: 0, no: 0, mine: null });

    const { settings } = portico.app.portico;
    const sections = settings.current.sections;
    await settings.update({ sections: { ...sections, knowledgeBase: false } });
    try {
      const error = await guest.kb.categories().catch((e: unknown) => e);
      assert.ok(isPortalApiError(error), String(error));
      assert.equal(error.status, 404);
    } finally {
      await settings.update({ sections });
    }
  });

  test('the status page has 90 days per component, and the home answers what the business set', async () => {
    const guest = createPortalClient({ baseUrl, mode: 'token' });
    const status = await guest.status.get();
    assert.equal(status.overall, 'operational');
    for (const component of status.components) assert.equal(component.days.length, 90);
    const home = await guest.home.get();
    assert.equal(home.hero.title, portico.app.portico.settings.current.home.hero.title);
    assert.equal(home.sections.knowledgeBase, true);
  });
});
