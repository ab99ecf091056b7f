import { expect, html, waitUntil } from '@open-wc/testing';
import type { AdminTicket } from '@portico/sdk/admin';
import { fill, mountPage, noticeText, problem } from '../../../test/fake-admin.js';
import { FakeAdminSupport } from '../../../test/fake-admin-support.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalAdminMarkdownEditor } from '../lib/markdown-editor.js';
import { PortalAdminTicket } from './admin-ticket.js';

const mount = (
  fake: FakeAdminSupport,
  ticket: AdminTicket | string,
  o: { as?: string; lang?: string } = {},
) =>
  mountPage<PortalAdminTicket>(
    html`<portal-admin-ticket
      .client=${fake.client()}
      .session=${fake.signIn(o.as ?? 'sam@example.com')}
      lang=${o.lang ?? 'en'}
      ticket-id=${typeof ticket === 'string' ? ticket : ticket.id}
    ></portal-admin-ticket>`,
    fake,
    { as: o.as ?? 'sam@example.com' },
  );

/** A tab of the composer's mode switch or, with `of`, of its Markdown editor. */
const tab = (el: PortalAdminTicket, name: string, of: Element = el) =>
  [...of.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find(
    (t) => t.textContent?.trim() === name,
  )!;
const editor = (el: PortalAdminTicket) => $<PortalAdminMarkdownEditor>(el, 'portal-admin-markdown-editor');
const messages = (el: PortalAdminTicket) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.thread > li')];
const composer = (el: PortalAdminTicket) => $<HTMLFormElement>(el, '[part~="composer"]');
const sendButton = (el: PortalAdminTicket) =>
  $<HTMLButtonElement>(el, '[part~="composer"] button[type="submit"]');
const fileNames = (el: PortalAdminTicket) =>
  [...el.shadowRoot!.querySelectorAll('.files li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

/** Picks `files` in the composer's file input, as a person would. */
async function pick(el: PortalAdminTicket, ...files: File[]) {
  const input = $<HTMLInputElement>(el, 'input[name="files"]');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

const file = (name: string, size = 10, type = 'application/octet-stream') =>
  new File([new Uint8Array(size).fill(65)], name, { type });

/** Writes `text` and sends the composer. */
async function send(el: PortalAdminTicket, text: string) {
  await fill(el, 'message', text);
  sendButton(el).click();
  await el.updateComplete;
  await settled(el);
}

describe('<portal-admin-ticket>', () => {
  let fake: FakeAdminSupport;
  let ticket: AdminTicket;
  const repliesPath = () => `/api/admin/v1/support/tickets/${ticket.id}/replies`;
  const notesPath = () => `/api/admin/v1/support/tickets/${ticket.id}/notes`;
  beforeEach(() => {
    fake = new FakeAdminSupport();
    ticket = fake.ticket('Mail is not arriving');
  });

  it('shows the ticket and its thread oldest first, client replies, staff replies and internal notes each distinct', async () => {
    const el = await mount(fake, ticket);
    expect($(el, 'h1').textContent).to.equal('Mail is not arriving');
    expect([...el.shadowRoot!.querySelectorAll('.title .badge')].map((b) => b.textContent)).to.deep.equal([
      'Customer reply',
      'Urgent',
    ]);
    const details = $(el, '[part~="details"]').textContent ?? '';
    expect(details).to.contain('K7QM-2X4T');
    expect(details).to.contain('Technical');
    expect(details).to.contain('Sam Support');
    expect($(el, '[part~="details"] a').getAttribute('href')).to.equal(`#/clients/${ticket.accountId}`);
    expect($(el, '[part~="details"] a').textContent).to.equal('Acme Ltd');

    const [first, note, reply, last] = messages(el);
    expect(messages(el)).to.have.length(4);
    expect(first?.matches('[part~="client"]')).to.be.true;
    expect(first?.querySelector('.rich strong')?.textContent).to.equal('no mail');
    expect(first?.querySelector('.badge')?.textContent?.trim()).to.equal('Client');
    expect(note?.matches('[part~="note"]')).to.be.true;
    expect(note?.querySelector('[part~="note-label"]')?.textContent).to.contain(
      'Internal note — not visible to the client',
    );
    expect(reply?.matches('[part~="staff"]')).to.be.true;
    expect(reply?.querySelector('[part~="note-label"]')).to.equal(null);
    expect(reply?.querySelector('.badge')?.textContent?.trim()).to.equal('Staff');
    // The three kinds look different, not by a label alone.
    const background = (li: Element | undefined) =>
      getComputedStyle(li!.querySelector('article')!).backgroundColor;
    expect(new Set([background(first), background(note), background(reply)]).size).to.equal(3);
    expect(last?.querySelector('.attachments button')?.getAttribute('aria-label')).to.equal(
      'Download bounce.txt',
    );
    await expect(el).to.be.accessible();
  });

  it('downloads an attachment through the staff API', async () => {
    const saved: { name: string; text: string }[] = [];
    const original = PortalAdminTicket.saveFile;
    PortalAdminTicket.saveFile = (blob, name) => void blob.text().then((text) => saved.push({ name, text }));
    try {
      const el = await mount(fake, ticket);
      button(el, 'bounce.txt').click();
      await waitUntil(() => saved.length === 1, 'never saved');
      expect(saved[0]).to.deep.equal({ name: 'bounce.txt', text: 'Delivery failed: 550' });
      const attachment = ticket.messages[3]!.attachments[0]!;
      expect(
        fake.callsTo(`/api/admin/v1/support/tickets/${ticket.id}/attachments/${attachment.id}`),
      ).to.have.length(1);

      fake.answer(`GET /api/admin/v1/support/tickets/${ticket.id}/attachments/${attachment.id}`, () =>
        problem(404, 'NOT_FOUND', 'There is no such attachment.'),
      );
      button(el, 'bounce.txt').click();
      await waitUntil(() => alertText(el).length > 0, 'no message');
      expect(alertText(el)).to.equal('bounce.txt could not be downloaded. There is no such attachment.');
    } finally {
      PortalAdminTicket.saveFile = original;
    }
  });

  it('replies to the client through the replies route, leaving it answered by default', async () => {
    const el = await mount(fake, ticket);
    expect(composer(el).matches('[part~="reply"]')).to.be.true;
    expect(sendButton(el).textContent?.trim()).to.equal('Send reply to client');
    expect($<HTMLSelectElement>(el, '[name="statusAfter"]').value).to.equal('answered');
    await send(el, '  The queue is **flowing** again.  ');
    expect(fake.callsTo(repliesPath(), 'POST')[0]?.body).to.deep.equal({
      message: 'The queue is **flowing** again.',
      attachments: [],
      status: 'answered',
    });
    expect(fake.callsTo(notesPath())).to.have.length(0);
    expect(noticeText(el)).to.equal('Your reply was sent to the client.');
    expect(messages(el)).to.have.length(5);
    expect(messages(el).at(-1)?.matches('[part~="staff"]')).to.be.true;
    expect(messages(el).at(-1)?.querySelector('.rich strong')?.textContent).to.equal('flowing');
    expect($(el, '.title .badge').textContent).to.equal('Answered');
    expect($<HTMLTextAreaElement>(el, '[name="message"]').value).to.equal('');
    expect($<HTMLSelectElement>(el, '[name="status"]').value).to.equal('answered');
  });

  it('sets the status after a reply', async () => {
    const el = await mount(fake, ticket);
    await fill(el, 'statusAfter', 'closed');
    await send(el, 'Closing this, all fixed.');
    expect(fake.callsTo(repliesPath(), 'POST')[0]?.body.status).to.equal('closed');
    expect($(el, '.title .badge').textContent).to.equal('Closed');
    expect($<HTMLSelectElement>(el, '[name="statusAfter"]').value).to.equal('answered');
  });

  it('adds an internal note through the notes route, in a composer that cannot pass for a reply', async () => {
    const el = await mount(fake, ticket);
    const replyBorder = getComputedStyle(composer(el)).borderStyle;
    tab(el, 'Internal note').click();
    await el.updateComplete;
    expect(composer(el).matches('[part~="note"]')).to.be.true;
    expect(tab(el, 'Internal note').getAttribute('aria-selected')).to.equal('true');
    expect(sendButton(el).textContent?.trim()).to.equal('Add internal note');
    expect($(editor(el), 'label').textContent?.trim()).to.equal('Internal note');
    expect($(editor(el), '#md-hint').textContent).to.contain('the client is never shown or emailed them');
    expect(getComputedStyle(composer(el)).borderStyle).to.not.equal(replyBorder);
    expect(el.shadowRoot!.querySelector('[name="statusAfter"]')).to.equal(null);
    await expect(el).to.be.accessible();

    await send(el, 'Checked the logs: the MX is wrong.');
    expect(fake.callsTo(notesPath(), 'POST')[0]?.body).to.deep.equal({
      message: 'Checked the logs: the MX is wrong.',
      attachments: [],
    });
    expect(fake.callsTo(repliesPath())).to.have.length(0);
    expect(noticeText(el)).to.equal('Your internal note was added. The client does not see it.');
    expect(messages(el).at(-1)?.matches('[part~="note"]')).to.be.true;
    // A note leaves the status as it was.
    expect($(el, '.title .badge').textContent).to.equal('Customer reply');
  });

  it('asks for a message before sending', async () => {
    const el = await mount(fake, ticket);
    await send(el, '   ');
    expect($(editor(el), '#md-error').textContent).to.equal('Write a message.');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('message');
    expect(fake.callsTo(repliesPath())).to.have.length(0);
  });

  it('writes in the shared Markdown editor, previewed as the server renders it', async () => {
    const el = await mount(fake, ticket);
    const md = editor(el);
    expect($(md, 'label').textContent?.trim()).to.equal('Reply to the client');
    tab(el, 'Preview', md).click();
    await md.updateComplete;
    expect($(md, '[part~="preview"]').textContent?.trim()).to.equal('Nothing to preview yet.');
    tab(el, 'Write', md).click();
    await md.updateComplete;
    await fill(el, 'message', 'Try **this** <b>now</b>');
    tab(el, 'Preview', md).click();
    await waitUntil(() => md.shadowRoot!.querySelector('[part~="preview"] .rich'), 'never previewed');
    expect(fake.callsTo('/api/admin/v1/content/preview', 'POST')[0]?.body).to.deep.equal({
      markdown: 'Try **this** <b>now</b>',
    });
    expect($(md, '[part~="preview"] strong').textContent).to.equal('this');
    expect($(md, '[part~="preview"]').textContent).to.contain('<b>now</b>');
    await expect(el).to.be.accessible();
    // Sending with nothing written goes back to the text, with the message beside it.
    await fill(el, 'message', '');
    sendButton(el).click();
    const writePanel = $(md, 'textarea').closest('[role="tabpanel"]')!;
    await waitUntil(() => !writePanel.hasAttribute('hidden'), 'the text never came back');
    expect(md.shadowRoot!.activeElement?.localName).to.equal('textarea');
    expect($(md, '#md-error').textContent).to.equal('Write a message.');
  });

  it('uploads files one by one, shows each one’s state, removes one, and sends the rest', async () => {
    const el = await mount(fake, ticket);
    await waitUntil(() => el.shadowRoot!.querySelector('#files-hint'), 'rules never shown');
    expect($(el, '#files-hint').textContent).to.equal(
      'Up to 3 files, each at most 5 MB. Accepted: png, jpg, pdf, txt, log.',
    );
    expect($(el, 'input[name="files"]').getAttribute('accept')).to.equal('.png,.jpg,.pdf,.txt,.log');
    fake.holdUploads = true;
    await pick(
      el,
      file('screen.png', 2048),
      file('trace.log', 30),
      file('setup.exe'),
      file('huge.pdf', 6 * 1024 * 1024),
    );
    expect(fileNames(el)).to.deep.equal([
      'screen.png 2 KB Uploading… Remove',
      'trace.log 30 B Uploading… Remove',
      'setup.exe 10 B Not uploaded: files of this type are not accepted Remove',
      'huge.pdf 6 MB Not uploaded: it is larger than 5 MB Remove',
    ]);
    expect(sendButton(el).disabled).to.be.true;
    fake.releaseUploads();
    await waitUntil(() => fileNames(el)[1]?.includes('Ready'), 'never uploaded');
    const uploads = fake.callsTo('/api/admin/v1/support/attachments', 'POST');
    expect(uploads.map((c) => c.query.name)).to.deep.equal(['screen.png', 'trace.log']);
    expect(uploads[1]?.body).to.deep.equal({ size: 30, text: 'A'.repeat(30) });

    await fill(el, 'message', 'See the attached.');
    sendButton(el).click();
    await el.updateComplete;
    expect(alertText(el)).to.equal('Wait until the files finish uploading, or remove those that failed.');
    expect(fake.callsTo(repliesPath())).to.have.length(0);

    $<HTMLButtonElement>(el, 'button[aria-label="Remove setup.exe"]').click();
    $<HTMLButtonElement>(el, 'button[aria-label="Remove huge.pdf"]').click();
    $<HTMLButtonElement>(el, 'button[aria-label="Remove screen.png"]').click();
    await el.updateComplete;
    expect(fileNames(el)).to.deep.equal(['trace.log 30 B Ready Remove']);
    await expect(el).to.be.accessible();
    sendButton(el).click();
    await settled(el);
    const [, log] = [...fake.uploads.values()].slice(-2);
    expect(fake.callsTo(repliesPath(), 'POST')[0]?.body.attachments).to.deep.equal([log?.attachment.id]);
    expect(fileNames(el)).to.deep.equal([]);
    expect(messages(el).at(-1)?.querySelector('.attachments')?.textContent).to.contain('trace.log');
  });

  // Regression: the rows are redrawn in place, so focus went to the button two places on, skipping a file.
  it('moves focus to the next file’s Remove button after a removal, else to the file picker', async () => {
    const el = await mount(fake, ticket);
    await waitUntil(() => el.shadowRoot!.querySelector('#files-hint'), 'rules never shown');
    await pick(el, file('a.exe'), file('b.exe'), file('c.exe'));
    const focused = () => el.shadowRoot!.activeElement;
    $<HTMLButtonElement>(el, 'button[aria-label="Remove a.exe"]').click();
    await waitUntil(() => fileNames(el).length === 2);
    await el.updateComplete;
    expect(focused()?.getAttribute('aria-label')).to.equal('Remove b.exe');
    $<HTMLButtonElement>(el, 'button[aria-label="Remove c.exe"]').click();
    await waitUntil(() => fileNames(el).length === 1);
    await el.updateComplete;
    expect(focused()?.getAttribute('name')).to.equal('files');
  });

  it('takes no more files than a message may carry, and says what the server refused', async () => {
    fake.supportSettings.attachments.maxFiles = 1;
    const el = await mount(fake, ticket);
    await waitUntil(() => el.shadowRoot!.querySelector('#files-hint'), 'rules never shown');
    await pick(el, file('a.png'), file('b.png'));
    expect(alertText(el)).to.equal('At most 1 files per message.');
    await waitUntil(() => fileNames(el)[0]?.includes('Ready'), 'never uploaded');
    expect(fileNames(el)).to.have.length(1);

    // The rules changed on the server since the page loaded.
    fake.supportSettings.attachments.types = ['pdf'];
    $<HTMLButtonElement>(el, 'button[aria-label="Remove a.png"]').click();
    await el.updateComplete;
    await pick(el, file('c.png'));
    await waitUntil(() => fileNames(el)[0]?.includes('Not uploaded'), 'never refused');
    expect(fileNames(el)[0]).to.equal('c.png 10 B Not uploaded: files of this type are not accepted Remove');
  });

  it('sends a retry with the same Idempotency-Key, and a new message with a new one', async () => {
    const el = await mount(fake, ticket);
    fake.answer(`POST ${repliesPath()}`, () => problem(503, 'SERVICE_UNAVAILABLE', 'The server is busy.'));
    await send(el, 'We fixed it.');
    expect(alertText(el)).to.contain('The server is busy.');
    expect($<HTMLTextAreaElement>(el, '[name="message"]').value).to.equal('We fixed it.');
    sendButton(el).click();
    await settled(el);
    expect(noticeText(el)).to.equal('Your reply was sent to the client.');
    await send(el, 'One more thing.');
    const keys = fake.idempotencyKeys.filter((k) => k.path === repliesPath()).map((k) => k.key);
    expect(keys).to.have.length(3);
    expect(keys[0]).to.equal(keys[1]);
    expect(keys[2]).to.not.equal(keys[1]);
  });

  // Regression: a reply still on its way when another ticket was opened put the first ticket on the second's page,
  // where the next reply would have gone to the first ticket's client.
  it('keeps showing the ticket now open when a reply sent from the one before answers late', async () => {
    const client = fake.client();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const reply = client.support.reply.bind(client.support);
    client.support.reply = async (...args: Parameters<typeof reply>) => {
      await held;
      return reply(...args);
    };
    const el = await mountPage<PortalAdminTicket>(
      html`<portal-admin-ticket
        .client=${client}
        .session=${fake.signIn('sam@example.com')}
        lang="en"
        ticket-id=${ticket.id}
      ></portal-admin-ticket>`,
      fake,
      { as: 'sam@example.com' },
    );
    await fill(el, 'message', 'The queue is flowing again.');
    sendButton(el).click();
    await el.updateComplete;
    const other = fake.ticket('Upgrade to the business plan');
    el.ticketId = other.id;
    await waitUntil(() => $(el, 'h1').textContent === 'Upgrade to the business plan', 'never opened');
    release();
    await waitUntil(() => fake.callsTo(repliesPath(), 'POST').length === 1, 'never sent');
    await settled(el);
    expect($(el, 'h1').textContent).to.equal('Upgrade to the business plan');
    expect($(el, '[part~="details"]').textContent).to.contain('P3RW-8HZN');
    await send(el, 'The business plan is 20 a month.');
    expect(fake.callsTo(`/api/admin/v1/support/tickets/${other.id}/replies`, 'POST')).to.have.length(1);
    expect(fake.callsTo(repliesPath(), 'POST')).to.have.length(1);
  });

  it('changes status, priority, department and assignee, sending only what changed', async () => {
    const el = await mount(fake, ticket, { as: 'grace@example.com' });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[name="assigneeId"] option').length === 4);
    const people = [...el.shadowRoot!.querySelectorAll('[name="assigneeId"] option')].map(
      (o) => o.textContent,
    );
    expect(people).to.deep.equal(['Unassigned', 'Me (Grace Hopper)', 'Sam Support', 'Tess Totp']);
    await fill(el, 'priority', 'high');
    await fill(el, 'departmentId', fake.department('Abuse').id);
    await fill(el, 'assigneeId', '');
    button(el, 'Save changes').click();
    await settled(el);
    expect(fake.callsTo(`/api/admin/v1/support/tickets/${ticket.id}`, 'PATCH')[0]?.body).to.deep.equal({
      priority: 'high',
      departmentId: fake.department('Abuse').id,
      assigneeId: null,
    });
    expect(noticeText(el)).to.equal('The ticket was updated.');
    expect($(el, '[part~="details"]').textContent).to.contain('Abuse');
    expect($(el, '[part~="details"]').textContent).to.contain('Unassigned');
    expect([...el.shadowRoot!.querySelectorAll('.title .badge')].map((b) => b.textContent)).to.include(
      'High',
    );

    button(el, 'Save changes').click();
    await el.updateComplete;
    expect(noticeText(el)).to.equal('Nothing has changed, so there was nothing to save.');

    button(el, 'Assign to me').click();
    await settled(el);
    expect(fake.callsTo(`/api/admin/v1/support/tickets/${ticket.id}`, 'PATCH')[1]?.body).to.deep.equal({
      assigneeId: fake.member('grace@example.com').id,
    });
    expect(noticeText(el)).to.equal('The ticket is assigned to you.');
    expect($<HTMLSelectElement>(el, '[name="assigneeId"]').value).to.equal(
      fake.member('grace@example.com').id,
    );
    expect(el.shadowRoot!.textContent).to.not.contain('Assign to me');
    // Regression: focus left with the button.
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('assigneeId');
    await expect(el).to.be.accessible();
  });

  it('lets support staff assign to anyone who works tickets (not billing staff), and explains a gone department', async () => {
    const el = await mount(fake, fake.ticket('Upgrade to the business plan'));
    // Support staff may not read the staff list; the support route names who may be assigned.
    expect(fake.callsTo('/api/admin/v1/staff')).to.have.length(0);
    expect(fake.callsTo('/api/admin/v1/support/staff')).to.have.length(1);
    const people = [...el.shadowRoot!.querySelectorAll('[name="assigneeId"] option')].map(
      (o) => o.textContent,
    );
    expect(people).to.deep.equal(['Unassigned', 'Grace Hopper', 'Me (Sam Support)', 'Tess Totp']);
    fake.answer(`PATCH /api/admin/v1/support/tickets/${fake.ticket('Upgrade to the business plan').id}`, () =>
      problem(422, 'DEPARTMENT_UNAVAILABLE', 'There is no such department.'),
    );
    await fill(el, 'departmentId', fake.department('Technical').id);
    button(el, 'Save changes').click();
    await settled(el);
    expect(alertText(el)).to.equal('That department no longer exists. Reload the page and choose another.');
  });

  it('shows billing staff the ticket and its notes, read-only', async () => {
    const el = await mount(fake, ticket, { as: 'bill@example.com' });
    expect(el.shadowRoot!.textContent).to.contain(
      'Your role can read tickets but not reply to them or change them.',
    );
    expect(el.shadowRoot!.querySelector('[part~="composer"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="controls"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('textarea, select, input')).to.equal(null);
    expect(messages(el)).to.have.length(4);
    expect(el.shadowRoot!.querySelector('[part~="note-label"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('never runs script from a message’s HTML (200 XSS payloads as a hostile server would send them)', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(20_000);
    const xss = spyOnXss();
    try {
      const hostile = fake.addTicket(fake.account('Globex'), {
        subject: 'Hostile',
        department: fake.department('Sales'),
      });
      for (const p of XSS_PAYLOADS) {
        fake.addMessage(hostile, { author: 'client', body: p.markdown, html: p.markdown });
      }
      const el = await mount(fake, hostile, { as: 'grace@example.com' });
      expect(messages(el)).to.have.length(XSS_PAYLOADS.length);
      await flushTasks();
      expect(xss.calls).to.deep.equal([]);
      expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
      // Nor forms or frames of its own: the two forms are the page's.
      expect(el.shadowRoot!.querySelectorAll('form, frame, frameset')).to.have.length(2);
    } finally {
      xss.restore();
    }
  });

  it('says when a ticket does not exist', async () => {
    const el = await mount(fake, 'tkt_nope');
    expect($(el, '[part~="load-error"]').textContent).to.contain('There is no such ticket.');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, ticket, { lang: 'es' });
    expect($(el, '.title .badge').textContent).to.equal('Respuesta del cliente');
    expect($(el, '[part~="note-label"]').textContent).to.contain('Nota interna — no visible para el cliente');
    expect(sendButton(el).textContent?.trim()).to.equal('Enviar respuesta al cliente');
    tab(el, 'Nota interna').click();
    await el.updateComplete;
    expect(sendButton(el).textContent?.trim()).to.equal('Añadir nota interna');
    await expect(el).to.be.accessible();
  });
});
