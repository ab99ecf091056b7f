import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakeSupport, inSupportProvider, minutesAgo } from '../../../test/fake-support.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button, settled } from '../../../test/helpers.js';
import { all, text } from '../../../test/queries.js';
import type { PortalTicket, PortalTicketOpenedEvent } from '../ticket/ticket.js';
import type { PortalTicketCreatedEvent, PortalTickets } from './tickets.js';

const ticketsEl = (
  fake: FakeSupport,
  options: Parameters<typeof inSupportProvider>[3] = {},
  content = html`<portal-tickets></portal-tickets>`,
) => inSupportProvider<PortalTickets>(fake, content, 'portal-tickets', options);

async function loaded(el: PortalTickets) {
  await waitUntil(() => el.shadowRoot!.querySelector('[part="table"], [part="empty"]'), 'never loaded');
  await el.updateComplete;
}

const rows = (el: PortalTickets) =>
  all(el, 'tbody tr').map((row) => [...row.children].map((cell) => text(cell)));

async function pick(el: PortalTickets, name: string, value: string) {
  const select = $<HTMLSelectElement>(el, `select[name="${name}"]`);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

async function fill(el: PortalTickets, name: string, value: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, `[name="${name}"]`);
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** A file of `size` bytes. */
const file = (name: string, size = 2048, type = '') => new File([new Uint8Array(size)], name, { type });

/** Chooses `files` in the picker's file input, as the browser's chooser does. */
async function choose(el: PortalTickets, files: File[]) {
  const input = $<HTMLInputElement>(el, 'input[type="file"]');
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(f);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

const fileRows = (el: PortalTickets) =>
  all(el, '[part~="file"]').map((li) => [
    text(li.querySelector('.file-name')),
    text(li.querySelector('.file-state')),
  ]);

async function openForm(el: PortalTickets) {
  button(el, 'New ticket').click();
  await waitUntil(() => el.shadowRoot!.querySelector('[part="new-form"]'), 'no form');
  await el.updateComplete;
}

async function fillForm(el: PortalTickets) {
  await pick(el, 'departmentId', 'dep_technical');
  await fill(el, 'subject', 'Mail bounces');
  await fill(el, 'message', 'Every mail to **@example.com** bounces since this morning.');
}

const uploads = (fake: FakeSupport) => fake.callsTo('POST /api/v1/support/attachments');
const opens = (fake: FakeSupport) => fake.callsTo('POST /api/v1/support/tickets');

/** Waits for the open `<portal-ticket>` to show its ticket. */
async function detail(el: PortalTickets): Promise<PortalTicket> {
  await waitUntil(() => el.shadowRoot!.querySelector('portal-ticket'), 'no ticket');
  const ticket = el.shadowRoot!.querySelector<PortalTicket>('portal-ticket')!;
  await waitUntil(() => ticket.shadowRoot?.querySelector('#ticket-title'), 'the ticket never loaded');
  return ticket;
}

describe('<portal-tickets>', () => {
  let fake: FakeSupport;
  const start = location.href;
  beforeEach(() => {
    fake = new FakeSupport();
    history.replaceState(null, '', start);
  });
  afterEach(() => {
    history.replaceState(null, '', start);
  });

  it('lists the active tickets, most recently active first, with status, priority and last activity', async () => {
    fake.addTicket({ subject: 'Old question', lastReplyAt: minutesAgo(60 * 24 * 3) });
    fake.addTicket({
      subject: 'Site down',
      status: 'answered',
      priority: 'urgent',
      lastReplyBy: 'staff',
      lastReplyAt: minutesAgo(5),
    });
    fake.addTicket({ subject: 'Done', status: 'closed', lastReplyAt: minutesAgo(1) });
    fake.addTicket({
      subject: 'Refund',
      status: 'customer_reply',
      priority: 'low',
      department: fake.config.departments[0]!,
      lastReplyAt: minutesAgo(60 * 2),
    });
    const el = await ticketsEl(fake);
    await loaded(el);
    expect(rows(el)).to.deep.equal([
      ['K7QM-0002', 'Site down', 'Technical', 'Answered', 'Urgent', '5 minutes ago Support replied'],
      ['K7QM-0004', 'Refund', 'Billing', 'You replied', 'Low', '2 hours ago You wrote'],
      ['K7QM-0001', 'Old question', 'Technical', 'Open', 'Medium', '3 days ago You wrote'],
    ]);
    expect(fake.callsTo('GET /api/v1/support/tickets')[0]!.query).to.deep.equal({
      limit: '20',
      status: 'active',
    });
    // Answered waits for the client: it stands out (the word says it too).
    expect(all(el, '[part="badge"]').map((b) => b.className)).to.deep.equal([
      'badge warn',
      'badge good',
      'badge good',
    ]);
    const link = $<HTMLAnchorElement>(el, '[part="open"]');
    expect(link.getAttribute('href')).to.equal(
      `${location.pathname}${location.search}#ticket/${fake.tickets[1]!.id}`,
    );
    expect(el.shadowRoot!.querySelector('[part~="more"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('filters: active by default, each status, or all', async () => {
    fake.addTicket({ subject: 'Live' });
    fake.addTicket({ subject: 'Finished', status: 'closed' });
    const el = await ticketsEl(fake);
    await loaded(el);
    expect(all(el, 'select[name="status"] option').map(text)).to.deep.equal([
      'Active',
      'Open',
      'Answered',
      'You replied',
      'Closed',
      'All',
    ]);
    expect(rows(el).map((r) => r[1])).to.deep.equal(['Live']);

    await pick(el, 'status', 'all');
    await waitUntil(() => rows(el).length === 2, 'all never shown');
    expect(el.status).to.equal('all');

    await pick(el, 'status', 'closed');
    await waitUntil(() => rows(el).length === 1 && rows(el)[0]![1] === 'Finished', 'closed never shown');

    await pick(el, 'status', 'answered');
    await waitUntil(() => el.shadowRoot!.querySelector('[part="empty"]'), 'empty never shown');
    expect(text($(el, '[part="empty"] p'))).to.equal('No tickets with this status.');
    expect(fake.callsTo('GET /api/v1/support/tickets').map((c) => c.query.status)).to.deep.equal([
      'active',
      undefined,
      'closed',
      'answered',
    ]);
    await expect(el).to.be.accessible();
  });

  it('loads more with the cursor, and moves focus to the first new row', async () => {
    for (let i = 1; i <= 5; i++) fake.addTicket({ subject: `Question ${i}`, lastReplyAt: minutesAgo(i) });
    const el = await ticketsEl(fake, {}, html`<portal-tickets page-size="3"></portal-tickets>`);
    await loaded(el);
    expect(rows(el).map((r) => r[1])).to.deep.equal(['Question 1', 'Question 2', 'Question 3']);
    button(el, 'Load more').click();
    await waitUntil(() => rows(el).length === 5, 'never loaded more');
    expect(fake.callsTo('GET /api/v1/support/tickets').map((c) => c.query)).to.deep.equal([
      { limit: '3', status: 'active' },
      { limit: '3', status: 'active', cursor: '3' },
    ]);
    expect(el.shadowRoot!.querySelector('[part~="more"]')).to.be.null;
    await waitUntil(() => text(el.shadowRoot!.activeElement) === 'Question 4', 'focus not on the new rows');
  });

  it('drops a "Load more" page that answers after a switch to another account (regression)', async () => {
    fake.account.addAccount({ id: 'acct_02', name: 'Difference Engines', role: 'owner' });
    for (let i = 1; i <= 5; i++) fake.addTicket({ subject: `Question ${i}`, lastReplyAt: minutesAgo(i) });
    const el = await ticketsEl(fake, {}, html`<portal-tickets page-size="3"></portal-tickets>`);
    await loaded(el);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.answer('GET /api/v1/support/tickets', async () => {
      await held;
      const { messages: _, ...old } = fake.addTicket({ subject: 'The previous account’s ticket' });
      return json(200, { items: [old], nextCursor: null });
    });
    button(el, 'Load more').click();
    await waitUntil(() => fake.callsTo('GET /api/v1/support/tickets').length === 2, 'never asked for more');
    await el.client!.auth.switchAccount({ accountId: 'acct_02' });
    await waitUntil(() => fake.callsTo('GET /api/v1/support/tickets').length === 3, 'never reloaded');
    await waitUntil(() => rows(el).length === 3, 'the other account’s list never shown');
    release();
    await settled(el);
    expect(rows(el).map((r) => r[1])).to.deep.equal(['Question 1', 'Question 2', 'Question 3']);
  });

  it('says when there are none, with "New ticket"', async () => {
    const el = await ticketsEl(fake);
    await loaded(el);
    expect(text($(el, '[part="empty"] p'))).to.equal('You have no active tickets.');
    expect($(el, '[part="empty"] [part~="new"]')).to.exist;
    await expect(el).to.be.accessible();

    await pick(el, 'status', 'all');
    await waitUntil(
      () => text(el.shadowRoot!.querySelector('[part="empty"] p')) === 'You have no support tickets yet.',
    );
    $<HTMLButtonElement>(el, '[part="empty"] [part~="new"]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="new-form"]'), 'the form never opened');
  });

  it('explains to someone who may not see tickets, without asking the server', async () => {
    fake.asContact(['billing:read']);
    const el = await ticketsEl(fake);
    expect(text($(el, '[part="not-allowed"]'))).to.equal(
      "You don't have access to this account's support tickets. Ask the account owner.",
    );
    expect(fake.calls).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('offers no "New ticket" to someone who may only read tickets', async () => {
    fake.asContact(['support:read']);
    fake.addTicket();
    const el = await ticketsEl(fake);
    await loaded(el);
    expect(rows(el)).to.have.length(1);
    expect(el.shadowRoot!.querySelector('[part~="new"]')).to.be.null;
  });

  it('shows a failed load with "Try again"', async () => {
    fake.addTicket();
    fake.answer('GET /api/v1/support/tickets', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
    const el = await ticketsEl(fake);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="load-error"]'), 'no load error');
    expect(text($(el, '[part="load-error"] p'))).to.equal('Busy, try again.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await loaded(el);
    expect(rows(el)).to.have.length(1);
  });

  it('shows loading while the list is on its way', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.addTicket();
    fake.answer('GET /api/v1/support/tickets', async () => {
      await held;
      return json(200, { items: [], nextCursor: null });
    });
    const el = await ticketsEl(fake);
    expect(text($(el, '[part="loading"]'))).to.equal('Loading…');
    await expect(el).to.be.accessible();
    release();
    await loaded(el);
  });

  it('asks to sign in when signed out', async () => {
    const el = await ticketsEl(
      fake,
      { signedInAs: null },
      html`<portal-tickets login-href="/login"></portal-tickets>`,
    );
    expect(text($(el, '[part="signed-out"]'))).to.equal('Sign in to continue. Sign in');
    expect($(el, '[part="signed-out"] a').getAttribute('href')).to.equal('/login');
    await expect(el).to.be.accessible();
  });

  it('opens a ticket in place and goes back, changing the hash without a history entry', async () => {
    const ticket = fake.addTicket({ subject: 'Mail bounces' });
    const el = await ticketsEl(fake);
    await loaded(el);
    const length = history.length;
    const opened = oneEvent(el, 'portal-ticket-opened') as Promise<PortalTicketOpenedEvent>;
    $<HTMLAnchorElement>(el, '[part="open"]').click();
    const shown = await detail(el);
    expect(shown.ticketId).to.equal(ticket.id);
    expect((await opened).detail.ticket.subject).to.equal('Mail bounces');
    expect(location.hash).to.equal(`#ticket/${ticket.id}`);
    expect(history.length, 'no new history entry').to.equal(length);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('button back');
    await expect(el).to.be.accessible();

    button(el, /All tickets/).click();
    await loaded(el);
    expect(location.hash).to.equal('');
    await waitUntil(() => text(el.shadowRoot!.activeElement) === 'Mail bounces', 'focus not back on the row');
  });

  it('opens the ticket of a mail link (#ticket/<id>), and follows the hash when the browser changes it', async () => {
    const ticket = fake.addTicket({ subject: 'From the mail' });
    fake.addTicket({ subject: 'Another' });
    history.replaceState(null, '', `#ticket/${ticket.id}`);
    const el = await ticketsEl(fake);
    const shown = await detail(el);
    expect(text(shown.shadowRoot!.querySelector('#ticket-title'))).to.equal('From the mail');

    // Back in the browser (or a link to the page) takes the hash away: the list again.
    location.hash = '';
    await loaded(el);
    expect(rows(el)).to.have.length(2);

    // Forward (or another mail link) brings it back.
    location.hash = `#ticket/${ticket.id}`;
    await detail(el);
  });

  it('links subjects to ticket-href when set, leaving the click to the browser', async () => {
    const ticket = fake.addTicket();
    const el = await ticketsEl(fake, {}, html`<portal-tickets ticket-href="/ticket#x"></portal-tickets>`);
    await loaded(el);
    expect($(el, '[part="open"]').getAttribute('href')).to.equal(`/ticket#ticket/${ticket.id}`);
  });

  it('updates a row when the open ticket changes', async () => {
    fake.addTicket({ subject: 'Mail bounces' });
    const el = await ticketsEl(fake);
    await loaded(el);
    $<HTMLAnchorElement>(el, '[part="open"]').click();
    const shown = await detail(el);
    $<HTMLButtonElement>(shown, '[part~="close-ticket"]').click();
    await waitUntil(() => shown.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
    $<HTMLButtonElement>(shown, 'dialog [part~="confirm"]').click();
    await waitUntil(() => text(shown.shadowRoot!.querySelector('[part="badge"]')) === 'Closed');
    button(el, /All tickets/).click();
    // The list is asked again: a closed ticket is not active any more.
    await waitUntil(() => el.shadowRoot!.querySelector('[part="empty"]'), 'the list was not reloaded');
    expect(fake.callsTo('GET /api/v1/support/tickets')).to.have.length(2);
  });

  describe('new ticket', () => {
    it('opens a ticket with two files and shows it', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'new-title', 'focus not on the form');
      expect(all(el, 'select[name="departmentId"] option').map(text)).to.deep.equal([
        'Choose a department',
        'Billing',
        'Technical',
      ]);
      expect(all(el, 'select[name="priority"] option').map(text)).to.deep.equal([
        'Low',
        'Medium',
        'High',
        'Urgent',
      ]);
      expect($<HTMLSelectElement>(el, 'select[name="priority"]').value).to.equal('medium');
      expect(text($(el, '#message-hint'))).to.contain('Markdown supported');
      expect(text($(el, '#new-files-rules'))).to.equal(
        'Accepted: PNG, JPG, PDF, TXT, and LOG. Up to 1 MB each, at most 3 files.',
      );
      expect($<HTMLInputElement>(el, 'input[type="file"]').accept).to.equal('.png,.jpg,.pdf,.txt,.log');
      await expect(el).to.be.accessible();

      await fillForm(el);
      await pick(el, 'priority', 'high');
      expect(text($(el, '#departmentId-hint'))).to.equal('Hosting, mail and domains');
      await choose(el, [file('screenshot.png', 3000), file('mail.log', 400)]);
      await waitUntil(
        () => fileRows(el).every(([, state]) => state === 'Attached'),
        'uploads never finished',
      );
      expect(fileRows(el)).to.deep.equal([
        ['screenshot.png', 'Attached'],
        ['mail.log', 'Attached'],
      ]);
      expect(uploads(fake).map((c) => [c.query.name, c.bytes])).to.deep.equal([
        ['screenshot.png', 3000],
        ['mail.log', 400],
      ]);
      await expect(el).to.be.accessible();

      const created = oneEvent(el, 'portal-ticket-created') as Promise<PortalTicketCreatedEvent>;
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      const shown = await detail(el);
      const [sent] = opens(fake);
      expect(sent!.body).to.deep.equal({
        departmentId: 'dep_technical',
        priority: 'high',
        subject: 'Mail bounces',
        message: 'Every mail to **@example.com** bounces since this morning.',
        attachments: [...fake.uploads.keys()],
      });
      expect(sent!.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
      const ticket = (await created).detail.ticket;
      expect(location.hash).to.equal(`#ticket/${ticket.id}`);
      expect(text(shown.shadowRoot!.querySelector('#ticket-title'))).to.equal('Mail bounces');
      expect(all(shown, '[part~="download"] .download-name').map(text)).to.deep.equal([
        'screenshot.png',
        'mail.log',
      ]);
      // Handed over: the new ticket is not fetched again.
      expect(fake.callsTo(`GET /api/v1/support/tickets/${ticket.id}`)).to.have.length(0);
      expect(text($(el, '.base > [role="status"]'))).to.equal(
        `Ticket ${ticket.reference} is open. We will reply soon.`,
      );

      // Back: the list is asked again and has it.
      button(el, /All tickets/).click();
      await waitUntil(() => rows(el).length === 1, 'the new ticket is not listed');
    });

    it('checks the fields as the API would before any request', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      await fill(el, 'message', '   ');
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await el.updateComplete;
      expect(text($(el, '#departmentId-error'))).to.equal('Choose a department.');
      expect(text($(el, '#subject-error'))).to.equal('Write a subject.');
      expect(text($(el, '#message-error'))).to.equal('Write a message.');
      expect(text($(el, '.base > [role="alert"]'))).to.equal('Check the fields marked below.');
      expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('departmentId');
      await expect(el).to.be.accessible();

      await pick(el, 'departmentId', 'dep_billing');
      await fill(el, 'subject', 'x'.repeat(201));
      await fill(el, 'message', 'Hello');
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await el.updateComplete;
      expect(text($(el, '#subject-error'))).to.equal('The subject must be at most 200 characters.');
      expect(el.shadowRoot!.querySelector('#message-error')).to.be.null;
      expect(opens(fake)).to.have.length(0);
    });

    it('shows the server’s field errors beside their fields', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      await fillForm(el);
      fake.answer('POST /api/v1/support/tickets', () =>
        problem(400, 'VALIDATION_FAILED', 'The request body has invalid fields', [
          { path: 'subject', message: 'This subject looks like spam' },
          { path: 'attachments.0', message: 'Not a valid att id' },
        ]),
      );
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await settled(el);
      expect(text($(el, '#subject-error'))).to.equal('This subject looks like spam');
      expect(text($(el, '#new-files-error'))).to.equal('Not a valid att id');
      expect($(el, 'input[name="subject"]').getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('subject');
      await expect(el).to.be.accessible();
    });

    it('explains a department that stopped taking tickets beside it', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      await fillForm(el);
      fake.config.departments = [fake.config.departments[0]!];
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await settled(el);
      expect(text($(el, '#departmentId-error'))).to.equal(
        'This department does not take tickets any more. Choose another one.',
      );
    });

    it('keeps the Idempotency-Key while the same ticket is sent again after no answer', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      await fillForm(el);
      fake.answer('POST /api/v1/support/tickets', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'), 2);
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await settled(el);
      expect(text($(el, '.base > [role="alert"]'))).to.equal('Busy, try again.');
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await settled(el);
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await detail(el);
      const keys = opens(fake).map((c) => c.idempotencyKey);
      expect(keys).to.have.length(3);
      expect(new Set(keys).size, 'one key for the same ticket').to.equal(1);
      expect(fake.tickets).to.have.length(1);
    });

    it('sends a changed form with a new Idempotency-Key', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      await fillForm(el);
      fake.answer('POST /api/v1/support/tickets', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await settled(el);
      await fill(el, 'subject', 'Mail bounces (all of it)');
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await detail(el);
      const [first, second] = opens(fake).map((c) => c.idempotencyKey);
      expect(first).not.to.equal(second);
    });

    it('refuses files the business does not accept, with no request', async () => {
      fake.config.attachments.maxFiles = 2;
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      await choose(el, [
        file('huge.pdf', 1024 * 1024 + 1),
        file('setup.exe', 10),
        file('noextension', 10),
        file('a.png', 10),
        file('b.txt', 10),
        file('c.jpg', 10),
      ]);
      await waitUntil(() => fileRows(el).filter(([, s]) => s === 'Attached').length === 2);
      expect(fileRows(el)).to.deep.equal([
        ['huge.pdf', 'Not attached: larger than 1 MB.'],
        ['setup.exe', 'Not attached: this type of file is not accepted.'],
        ['noextension', 'Not attached: this type of file is not accepted.'],
        ['a.png', 'Attached'],
        ['b.txt', 'Attached'],
        ['c.jpg', 'Not attached: at most 2 files per message.'],
      ]);
      expect(uploads(fake).map((c) => c.query.name)).to.deep.equal(['a.png', 'b.txt']);
      await expect(el).to.be.accessible();

      // Removing an attached file makes room for another.
      $<HTMLButtonElement>(el, '[aria-label="Remove a.png"]').click();
      await el.updateComplete;
      await choose(el, [file('d.log', 10)]);
      await waitUntil(() => fileRows(el).at(-1)![1] === 'Attached');
      await fillForm(el);
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await detail(el);
      const sent = opens(fake)[0]!.body!.attachments as string[];
      expect(sent.map((id) => fake.uploads.get(id)!.name)).to.deep.equal(['b.txt', 'd.log']);
    });

    it('shows the server’s refusal of a file on that file, without a retry that cannot help', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      fake.answer('POST /api/v1/support/attachments', () =>
        problem(415, 'ATTACHMENT_TYPE', 'This file is not really a PNG.'),
      );
      await choose(el, [file('fake.png', 100), file('real.png', 100)]);
      await waitUntil(() => !fileRows(el).some(([, s]) => s === 'Uploading…'));
      expect(fileRows(el)).to.deep.equal([
        ['fake.png', 'Not attached: This file is not really a PNG.'],
        ['real.png', 'Attached'],
      ]);
      expect(text($(el, '.attachments [role="status"]'))).to.equal('real.png attached.');
      expect(el.shadowRoot!.querySelector('[aria-label="Try again to upload fake.png"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('tries a file again after a failure that may pass (the server busy, the network down)', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      fake.answer('POST /api/v1/support/attachments', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
      await choose(el, [file('busy.png', 100)]);
      await waitUntil(() => fileRows(el)[0]![1] !== 'Uploading…');
      $<HTMLButtonElement>(el, '[aria-label="Try again to upload busy.png"]').click();
      await waitUntil(() => fileRows(el)[0]![1] === 'Attached', 'retry never attached it');
      expect(uploads(fake)).to.have.length(2);
    });

    it('does not try a failed file again when the others took its place (regression)', async () => {
      fake.config.attachments.maxFiles = 2;
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      fake.answer('POST /api/v1/support/attachments', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
      await choose(el, [file('first.png', 100)]);
      await waitUntil(() => fileRows(el)[0]![1] !== 'Uploading…');
      await choose(el, [file('b.txt', 10), file('c.txt', 10)]);
      await waitUntil(() => fileRows(el).filter(([, s]) => s === 'Attached').length === 2);
      $<HTMLButtonElement>(el, '[aria-label="Try again to upload first.png"]').click();
      await el.updateComplete;
      expect(fileRows(el)[0]).to.deep.equal(['first.png', 'Not attached: at most 2 files per message.']);
      expect(uploads(fake)).to.have.length(3);
      await fillForm(el);
      $<HTMLButtonElement>(el, '[type="submit"]').click();
      await detail(el);
      expect(opens(fake)[0]!.body!.attachments).to.have.length(2);
    });

    it('holds Send back while files upload', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      await fillForm(el);
      fake.answer('POST /api/v1/support/attachments', async () => {
        await held;
        return json(201, fake.attachment('slow.pdf', 100));
      });
      await choose(el, [file('slow.pdf', 100)]);
      await waitUntil(() => fileRows(el)[0]![1] === 'Uploading…');
      const send = $<HTMLButtonElement>(el, '[type="submit"]');
      expect(send.disabled).to.be.true;
      expect(text($(el, `#${send.getAttribute('aria-describedby')}`))).to.equal(
        'Wait for the files to finish uploading.',
      );
      release();
      await waitUntil(() => !$<HTMLButtonElement>(el, '[type="submit"]').disabled, 'Send stayed disabled');
    });

    it('takes dropped files, and is used with the keyboard', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      const zone = $<HTMLButtonElement>(el, '[part~="attach"]');
      expect(text(zone)).to.equal('Attach files or drop them here');
      expect(zone.getAttribute('aria-describedby')).to.equal('new-files-rules');
      const input = $<HTMLInputElement>(el, 'input[type="file"]');
      let opened = 0;
      input.click = () => {
        opened++;
      };
      zone.focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Space' });
      expect(opened, 'Enter and Space open the file chooser').to.equal(2);

      const transfer = new DataTransfer();
      transfer.items.add(file('dropped.txt', 20));
      zone.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
      await el.updateComplete;
      expect(text(zone)).to.contain('Drop the files to attach them');
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      await waitUntil(() => fileRows(el)[0]?.[1] === 'Attached', 'the dropped file was not attached');
      expect(fileRows(el)[0]![0]).to.equal('dropped.txt');

      // Remove by keyboard: focus goes back to the picker when the list is empty.
      $<HTMLButtonElement>(el, '[aria-label="Remove dropped.txt"]').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.activeElement === zone, 'focus not back on the picker');
      expect(text($(el, '.attachments [role="status"]'))).to.equal('dropped.txt removed.');
    });

    it('says when no department takes tickets', async () => {
      fake.config.departments = [];
      const el = await ticketsEl(fake);
      await loaded(el);
      button(el, 'New ticket').click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part="not-allowed"]'));
      expect(text($(el, '[part="not-allowed"]'))).to.equal(
        'No department takes tickets online right now. Contact us another way.',
      );
    });

    it('cancels back to the list', async () => {
      const el = await ticketsEl(fake);
      await loaded(el);
      await openForm(el);
      button(el, 'Cancel').click();
      await loaded(el);
      await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'button new');
    });
  });

  it('speaks Spanish', async () => {
    fake.addTicket({
      subject: 'Correo',
      status: 'answered',
      priority: 'high',
      lastReplyBy: 'staff',
      lastReplyAt: minutesAgo(90),
    });
    const el = await ticketsEl(fake, { lang: 'es' });
    await loaded(el);
    expect(text($(el, '[part="title"]'))).to.equal('Tickets de soporte');
    expect(rows(el)[0]!.slice(3, 5)).to.deep.equal(['Respondido', 'Alta']);
    expect(rows(el)[0]![5]).to.equal('hace 2 horas Respondió soporte');
    expect(text($(el, 'label[for="status"]'))).to.equal('Mostrar');
    button(el, 'Nuevo ticket').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="new-form"]'));
    expect(text($(el, '[part~="attach"]'))).to.equal('Adjuntar archivos o suéltalos aquí');
    expect(text($(el, '#message-hint'))).to.contain('Admite Markdown');
    await expect(el).to.be.accessible();
  });
});
