import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Ticket } from '@portico/sdk';
import { FakeSupport, inSupportProvider, minutesAgo } from '../../../test/fake-support.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button, settled } from '../../../test/helpers.js';
import { all, text } from '../../../test/queries.js';
import { flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalTicket, PortalTicketChangedEvent } from './ticket.js';

async function ticketEl(
  fake: FakeSupport,
  ticket: Ticket | undefined,
  options: Parameters<typeof inSupportProvider>[3] = {},
): Promise<PortalTicket> {
  const el = await inSupportProvider<PortalTicket>(
    fake,
    ticket
      ? html`<portal-ticket ticket-id=${ticket.id} login-href="/login"></portal-ticket>`
      : html`<portal-ticket login-href="/login"></portal-ticket>`,
    'portal-ticket',
    options,
  );
  if (options.signedInAs !== null) await loaded(el);
  return el;
}

async function loaded(el: PortalTicket) {
  await waitUntil(
    () =>
      el.shadowRoot!.querySelector(
        '#ticket-title, [part~="load-error"], [part="not-allowed"], [part="not-found"], [part="empty"]',
      ),
    'never loaded',
  );
  await el.updateComplete;
}

/** Waits for the reply box (it needs the attachment rules). */
async function replyBox(el: PortalTicket) {
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="attach"]'), 'no reply box');
  await el.updateComplete;
}

async function write(el: PortalTicket, value: string) {
  const box = $<HTMLTextAreaElement>(el, 'textarea[name="message"]');
  box.value = value;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

const thread = (el: PortalTicket) =>
  all(el, '[part~="message"]').map((m) => [
    text(m.querySelector('.author')),
    m.classList.contains('staff') ? 'staff' : 'client',
    text(m.querySelector('.rich')),
  ]);

describe('<portal-ticket>', () => {
  let fake: FakeSupport;
  const start = location.href;
  beforeEach(() => {
    fake = new FakeSupport();
    history.replaceState(null, '', start);
  });
  afterEach(() => {
    history.replaceState(null, '', start);
  });

  /** Ada's question, Grace's answer with a file, Ada's follow-up. */
  function conversation(extra: Partial<Ticket> = {}): Ticket {
    return fake.addTicket({
      subject: 'Mail bounces',
      status: 'customer_reply',
      priority: 'high',
      createdAt: minutesAgo(120),
      messages: [
        fake.message({ body: 'Every mail **bounces**.', createdAt: minutesAgo(120) }),
        fake.message({
          author: { kind: 'staff', name: 'Grace Hopper' },
          body: 'Fixed the MX record, see the log.',
          attachments: [fake.attachment('mx.log', 2048)],
          createdAt: minutesAgo(60),
        }),
        fake.message({ body: 'Still bouncing.', createdAt: minutesAgo(10) }),
      ],
      ...extra,
    });
  }

  it('shows the ticket: header, details and the conversation oldest first, staff set apart', async () => {
    const ticket = conversation();
    const el = await ticketEl(fake, ticket);
    expect(text($(el, '[part="reference"]'))).to.equal('K7QM-0001');
    expect(text($(el, '#ticket-title'))).to.equal('Mail bounces');
    expect(text($(el, '[part="badge"]'))).to.equal('You replied');
    const details = text($(el, '[part="details"]'))!;
    expect(details).to.contain('Department Technical');
    expect(details).to.contain('Priority High');
    expect(details).to.contain('Opened by Ada Lovelace');
    expect(thread(el)).to.deep.equal([
      ['Ada Lovelace', 'client', 'Every mail bounces.'],
      ['Grace Hopper', 'staff', 'Fixed the MX record, see the log.'],
      ['Ada Lovelace', 'client', 'Still bouncing.'],
    ]);
    expect(text($(el, '.message.staff .staff-badge'))).to.equal('Support team');
    expect($(el, '.message .rich strong').textContent).to.equal('bounces');
    expect(text($(el, '[part~="download"]'))).to.equal('⤓ Download mx.log 2 kB');
    await replyBox(el);
    expect(button(el, 'Send reply')).to.exist;
    expect(button(el, 'Close ticket')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('fires portal-ticket-opened once per ticket shown', async () => {
    const ticket = conversation();
    const opened: Ticket[] = [];
    document.addEventListener('portal-ticket-opened', (e) => opened.push(e.detail.ticket), { once: true });
    await ticketEl(fake, ticket);
    expect(opened.map((t) => t.id)).to.deep.equal([ticket.id]);
  });

  it('replies: the thread shows the reply, the box empties, the event says so', async () => {
    const ticket = conversation();
    const el = await ticketEl(fake, ticket);
    await replyBox(el);
    expect(text($(el, '#message-hint'))).to.contain('Markdown supported');
    await write(el, 'It works now, **thanks**!');
    const changed = oneEvent(el, 'portal-ticket-changed') as Promise<PortalTicketChangedEvent>;
    button(el, 'Send reply').click();
    await settled(el);
    const [sent] = fake.callsTo(`POST /api/v1/support/tickets/${ticket.id}/replies`);
    expect(sent!.body).to.deep.equal({ message: 'It works now, **thanks**!', attachments: [] });
    expect(sent!.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    expect(thread(el).at(-1)).to.deep.equal(['Ada Lovelace', 'client', 'It works now, thanks!']);
    expect($<HTMLTextAreaElement>(el, 'textarea[name="message"]').value).to.equal('');
    expect(text($(el, '[part~="reply"] .notice'))).to.equal('Your reply was sent.');
    expect((await changed).detail.ticket.messages).to.have.length(4);
    await waitUntil(
      () => el.shadowRoot!.activeElement === all(el, '[part~="message"]').at(-1),
      'focus not on the new message',
    );
    await expect(el).to.be.accessible();
  });

  it('replies with a file', async () => {
    const ticket = conversation();
    const el = await ticketEl(fake, ticket);
    await replyBox(el);
    const input = $<HTMLInputElement>(el, 'input[type="file"]');
    const transfer = new DataTransfer();
    transfer.items.add(new File(['after the fix'], 'after.log'));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => text(el.shadowRoot!.querySelector('.file-state')) === 'Attached');
    await write(el, 'Log after the fix attached.');
    button(el, 'Send reply').click();
    await settled(el);
    const [sent] = fake.callsTo(`POST /api/v1/support/tickets/${ticket.id}/replies`);
    expect(sent!.body!.attachments).to.deep.equal([...fake.uploads.keys()]);
    expect(all(el, '[part~="message"]').at(-1)!.querySelector('.download-name')?.textContent).to.equal(
      'after.log',
    );
    expect(el.shadowRoot!.querySelector('[part~="file"]'), 'the picker is empty again').to.be.null;
  });

  it('says that replying opens a closed ticket again', async () => {
    const ticket = conversation({ status: 'closed', closedAt: minutesAgo(5) });
    const el = await ticketEl(fake, ticket);
    await replyBox(el);
    expect(text($(el, '[part="reopen-note"]'))).to.equal('This ticket is closed. Replying opens it again.');
    expect($(el, '[part~="reply-form"]').getAttribute('aria-describedby')).to.equal('reopen-note');
    expect(el.shadowRoot!.querySelector('[part~="close-ticket"]')).to.be.null;
    expect(text($(el, '[part="details"]'))).to.contain('Closed');
    await expect(el).to.be.accessible();
    await write(el, 'It broke again.');
    button(el, 'Send and reopen').click();
    await settled(el);
    expect(text($(el, '[part="badge"]'))).to.equal('You replied');
    expect(el.shadowRoot!.querySelector('[part="reopen-note"]')).to.be.null;
    expect(button(el, 'Send reply')).to.exist;
  });

  it('refuses an empty reply without asking the server', async () => {
    const ticket = conversation();
    const el = await ticketEl(fake, ticket);
    await replyBox(el);
    await write(el, '  \n ');
    button(el, 'Send reply').click();
    await el.updateComplete;
    expect(text($(el, '#message-error'))).to.equal('Write a message.');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('message');
    expect(fake.callsTo(`POST /api/v1/support/tickets/${ticket.id}/replies`)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('sends a reply again with the same Idempotency-Key after no answer', async () => {
    const ticket = conversation();
    const el = await ticketEl(fake, ticket);
    await replyBox(el);
    await write(el, 'Any news?');
    const route = `POST /api/v1/support/tickets/${ticket.id}/replies`;
    fake.answer(route, () => problem(504, 'GATEWAY_TIMEOUT', 'No answer in time.'));
    button(el, 'Send reply').click();
    await settled(el);
    expect(text($(el, '[part~="reply"] .alert'))).to.equal('No answer in time.');
    button(el, 'Send reply').click();
    await settled(el);
    const keys = fake.callsTo(route).map((c) => c.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    expect(thread(el)).to.have.length(4);
  });

  it('closes the ticket after a confirmation', async () => {
    const ticket = conversation();
    const el = await ticketEl(fake, ticket);
    const route = `POST /api/v1/support/tickets/${ticket.id}/close`;
    button(el, 'Close ticket').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
    expect(text($(el, '#confirm-title'))).to.equal('Close ticket K7QM-0001?');
    await expect(el).to.be.accessible();
    button(el, 'Cancel').click();
    await el.updateComplete;
    expect(fake.callsTo(route)).to.have.length(0);

    const changed = oneEvent(el, 'portal-ticket-changed') as Promise<PortalTicketChangedEvent>;
    button(el, 'Close ticket').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'));
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => text(el.shadowRoot!.querySelector('[part="badge"]')) === 'Closed', 'never closed');
    expect(fake.callsTo(route)).to.have.length(1);
    expect((await changed).detail.ticket.status).to.equal('closed');
    expect(text($(el, '.base > [role="status"]'))).to.equal('The ticket is closed.');
    expect(text($(el, '[part="reopen-note"]'))).to.equal('This ticket is closed. Replying opens it again.');
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'ticket-title', 'focus not on the title');
  });

  it('downloads a file with the session, through an object URL', async () => {
    const ticket = conversation();
    const file = ticket.messages[1]!.attachments[0]!;
    const el = await ticketEl(fake, ticket);
    const clicked: { href: string; download: string; text: string }[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, text: '' });
    };
    try {
      $<HTMLButtonElement>(el, '[part~="download"]').click();
      await waitUntil(() => clicked.length === 1, 'no download');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(fake.callsTo(`GET /api/v1/support/tickets/${ticket.id}/attachments/${file.id}`)).to.have.length(1);
    expect(clicked[0]!.download).to.equal('mx.log');
    expect(clicked[0]!.href).to.match(/^blob:/);
    const blob = await (await fetch(clicked[0]!.href)).text();
    expect(blob).to.equal('contents of mx.log');
    expect(el.renderRoot.querySelector('a[download]'), 'the link is temporary').to.be.null;
  });

  it('says when a download fails', async () => {
    const ticket = conversation();
    const file = ticket.messages[1]!.attachments[0]!;
    const el = await ticketEl(fake, ticket);
    fake.answer(`GET /api/v1/support/tickets/${ticket.id}/attachments/${file.id}`, () =>
      problem(503, 'UNAVAILABLE', 'Busy, try again.'),
    );
    $<HTMLButtonElement>(el, '[part~="download"]').click();
    await waitUntil(
      () => text(el.shadowRoot!.querySelector('.base > [role="alert"]')) === 'Busy, try again.',
    );
    expect($<HTMLButtonElement>(el, '[part~="download"]').disabled).to.be.false;
  });

  it('is read-only for someone who may only read tickets', async () => {
    fake.asContact(['support:read']);
    const ticket = conversation();
    const el = await ticketEl(fake, ticket);
    expect(text($(el, '[part="not-allowed"]'))).to.equal(
      'You can read this ticket but not reply. Ask the account owner for access.',
    );
    expect(el.shadowRoot!.querySelector('[part~="reply"]')).to.be.null;
    expect(el.shadowRoot!.querySelector('[part~="close-ticket"]')).to.be.null;
    expect(fake.callsTo('GET /api/v1/support/config'), 'no attachment rules needed').to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('explains to someone who may not see tickets, without asking the server', async () => {
    fake.asContact(['billing:read']);
    const ticket = conversation();
    const el = await ticketEl(fake, ticket);
    expect(text($(el, '[part="not-allowed"]'))).to.contain("You don't have access");
    expect(fake.calls).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('says when the ticket does not exist (or is another account’s), with no "Try again"', async () => {
    const el = await inSupportProvider<PortalTicket>(
      fake,
      html`<portal-ticket ticket-id="tkt_00000000000000000000000099"></portal-ticket>`,
      'portal-ticket',
    );
    await loaded(el);
    expect(text($(el, '[part="not-found"]'))).to.equal('There is no such ticket on this account.');
    expect(el.shadowRoot!.querySelector('[part~="retry"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('shows a failed load with "Try again"', async () => {
    const ticket = conversation();
    fake.answer(`GET /api/v1/support/tickets/${ticket.id}`, () =>
      problem(503, 'UNAVAILABLE', 'Busy, try again.'),
    );
    const el = await ticketEl(fake, ticket);
    expect(text($(el, '[part="load-error"] p'))).to.equal('Busy, try again.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#ticket-title'));
  });

  it('shows loading while the ticket is on its way', async () => {
    const ticket = conversation();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.answer(`GET /api/v1/support/tickets/${ticket.id}`, async () => {
      await held;
      return json(200, ticket);
    });
    const el = await inSupportProvider<PortalTicket>(
      fake,
      html`<portal-ticket ticket-id=${ticket.id}></portal-ticket>`,
      'portal-ticket',
    );
    expect(text($(el, '[part="loading"]'))).to.equal('Loading…');
    await expect(el).to.be.accessible();
    release();
    await loaded(el);
  });

  it('asks to sign in when signed out', async () => {
    const ticket = conversation();
    const el = await ticketEl(fake, ticket, { signedInAs: null });
    expect(text($(el, '[part="signed-out"]'))).to.equal('Sign in to continue. Sign in');
    expect($(el, '[part="signed-out"] a').getAttribute('href')).to.equal('/login');
    await expect(el).to.be.accessible();
  });

  it('shows the ticket of the page’s #ticket/<id> without ticket-id, and nothing without either', async () => {
    const ticket = conversation();
    const el = await ticketEl(fake, undefined);
    expect(text($(el, '[part="empty"]'))).to.equal('No ticket to show.');
    location.hash = `#ticket/${ticket.id}`;
    await waitUntil(() => text(el.shadowRoot!.querySelector('#ticket-title')) === 'Mail bounces');
  });

  it('never runs script from a hostile server’s message HTML', async () => {
    const { calls, restore } = spyOnXss();
    try {
      const ticket = fake.addTicket({
        messages: XSS_PAYLOADS.map(({ id, markdown }) =>
          // A server that let the Markdown through as HTML.
          fake.message({ id: `msg_${id}`, body: markdown, html: markdown }),
        ),
      });
      expect(ticket.messages).to.have.length(XSS_PAYLOADS.length);
      expect(XSS_PAYLOADS.length).to.be.at.least(200);
      const el = await ticketEl(fake, ticket);
      expect(all(el, '[part~="message"]')).to.have.length(XSS_PAYLOADS.length);
      // Give any handler (onerror, onload, ontoggle, animations) its chance to run.
      await flushTasks();
      expect(calls, 'no payload ran').to.deep.equal([]);

      const rendered = [...el.shadowRoot!.querySelectorAll('.rich, .rich *')];
      expect(
        rendered
          .filter((node) =>
            /^(script|iframe|object|embed|frame|base|form|svg|math|style|link|meta)$/i.test(node.localName),
          )
          .map((n) => n.localName),
      ).to.deep.equal([]);
      const bad: string[] = [];
      for (const node of rendered) {
        for (const attr of node.attributes) {
          // Browsers skip whitespace and control characters before a URL's scheme: so does the check.
          const value = [...attr.value]
            .filter((c) => c.charCodeAt(0) > 0x20)
            .join('')
            .toLowerCase();
          if (/^on/i.test(attr.name)) bad.push(`${node.localName} ${attr.name}`);
          if (/^(javascript|vbscript|data):/.test(value))
            bad.push(`${node.localName} ${attr.name}=${attr.value}`);
        }
      }
      expect(bad).to.deep.equal([]);
    } finally {
      restore();
    }
  });

  it('speaks Spanish', async () => {
    const ticket = conversation({ status: 'closed', closedAt: minutesAgo(5) });
    const el = await ticketEl(fake, ticket, { lang: 'es' });
    await replyBox(el);
    expect(text($(el, '[part="badge"]'))).to.equal('Cerrado');
    expect(text($(el, '.message.staff .staff-badge'))).to.equal('Equipo de soporte');
    expect(text($(el, '[part="reopen-note"]'))).to.equal(
      'Este ticket está cerrado. Si respondes, se vuelve a abrir.',
    );
    expect(button(el, 'Enviar y reabrir')).to.exist;
    expect(text($(el, '[part="details"]'))).to.contain('Prioridad Alta');
    await expect(el).to.be.accessible();
  });
});
