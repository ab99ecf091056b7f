// A support ticket end to end, in Chromium against a real server: a new client opens a ticket with an attachment
// from the example site's support page (another origin), staff sign in to the console, read it (the attachment
// downloads with its bytes), add an internal note and reply; the client sees the reply in the thread (and never the
// note) and gets the reply by email with the ticket's reference.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eventually, mailFor, mailIds, registerClient, signInOnSite, startStack } from './helpers.mjs';

/** The demo's staff admin (seeded outside production), as `npm start` prints it. */
const DEMO_STAFF = { email: 'admin@example.com', password: 'northwind-staff-console' };

describe('a support ticket from client to staff and back', () => {
  const name = 'Grace Hopper';
  const email = `grace.${randomBytes(4).toString('hex')}@example.com`;
  const password = 'compile the first compiler';
  const subject = `Mail bounces since this morning ${randomBytes(2).toString('hex')}`;
  const log = `2026-11-22 09:14:02 bounce: 550 5.1.1 mailbox unavailable ${randomBytes(4).toString('hex')}\n`;
  const reply = 'We found a stale MX record and fixed it. Mail flows again.';
  const note = 'Customer was on the old MX cluster; moved them.';

  let stack;
  let page;
  const pageErrors = [];

  before(async () => {
    stack = await startStack();
    await registerClient(stack.server.apiUrl, { name, email, password });
    const context = await stack.browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await stack?.close();
  });

  test('open with an attachment, staff reply from the console, the client sees the reply and the email', async () => {
    await signInOnSite(page, stack.site.origin, { name, email, password });

    // The client opens a ticket with a log file from the example site's support page.
    await page.goto(`${stack.site.origin}/support.html`);
    const tickets = page.locator('portal-tickets');
    await tickets.getByRole('button', { name: 'New ticket' }).first().click();
    await tickets.getByLabel('Department').selectOption({ label: 'Technical support' });
    await tickets.getByLabel('Subject').fill(subject);
    await tickets
      .getByLabel('Message', { exact: true })
      .fill('Every mail to **example.com** bounces. Log attached.');
    await tickets.locator('input[type="file"]').setInputFiles({
      name: 'bounce.log',
      mimeType: 'text/plain',
      buffer: Buffer.from(log),
    });
    await tickets.getByText('Attached', { exact: true }).waitFor();
    await tickets.getByRole('button', { name: 'Open ticket' }).click();
    const thread = tickets.locator('portal-ticket');
    await thread.getByRole('heading', { name: subject }).waitFor();
    await thread.getByText('bounce.log').waitFor();
    assert.match(page.url(), /#ticket\/tkt_/);
    const ticketId = page.url().split('#ticket/')[1];
    const seen = await mailIds(stack.server.apiUrl, email);

    // Staff sign in to the console, find it in the queue and open it.
    const staffContext = await stack.browser.newContext({ acceptDownloads: true });
    const staffPage = await staffContext.newPage();
    staffPage.setDefaultTimeout(15_000);
    staffPage.on('pageerror', (error) => pageErrors.push(error.message));
    await staffPage.goto(`${stack.server.origin}/admin`);
    const login = staffPage.locator('portal-admin-login');
    await login.getByLabel('Email').fill(DEMO_STAFF.email);
    await login.getByLabel('Password').fill(DEMO_STAFF.password);
    await login.getByRole('button', { name: 'Sign in' }).click();
    await staffPage.waitForFunction(() =>
      document.querySelector('portal-admin-app')?.shadowRoot?.querySelector('nav'),
    );
    await staffPage.goto(`${stack.server.origin}/admin#/tickets`);
    const queue = staffPage.locator('portal-admin-tickets');
    // Each row opens by its reference, the first link of the row.
    await queue.locator('tr', { hasText: subject }).getByRole('link').first().click();
    const staffTicket = staffPage.locator('portal-admin-ticket');
    await staffTicket.getByText(subject).first().waitFor();

    // The attachment downloads with the bytes the client sent.
    const [download] = await Promise.all([
      staffPage.waitForEvent('download'),
      staffTicket.getByRole('button', { name: /bounce\.log/ }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'bounce.log');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    assert.equal(await readFile(path, 'utf8'), log);

    // An internal note, then the reply.
    await staffTicket.getByRole('tab', { name: 'Internal note' }).click();
    await staffTicket.getByRole('textbox', { name: 'Internal note', exact: true }).fill(note);
    await staffTicket.getByRole('button', { name: 'Add internal note' }).click();
    await staffTicket.getByText('Your internal note was added').waitFor();
    await staffTicket.getByRole('tab', { name: 'Reply to client' }).click();
    await staffTicket.getByRole('textbox', { name: 'Reply to the client', exact: true }).fill(reply);
    await staffTicket.getByRole('button', { name: 'Send reply to client' }).click();
    await staffTicket.getByText('Your reply was sent to the client').waitFor();

    // The client sees the reply (and not the note) after a reload, with the ticket answered.
    await page.reload();
    const again = page.locator('portal-tickets portal-ticket');
    await again.getByText(reply).waitFor();
    assert.equal(await again.getByText(note).count(), 0);
    await again.getByText('Answered').first().waitFor();

    // And by email, with the reference in the subject and a link to the ticket.
    const mail = await eventually(
      async () =>
        (await mailFor(stack.server.apiUrl, email)).find((m) => !seen.has(m.id) && m.text.includes(reply)),
      { timeout: 10_000, message: 'the reply mailed to the client' },
    );
    assert.match(mail.subject, /\[#[0-9A-Z]{4}-[0-9A-Z]{4}\]/);
    assert.ok(mail.text.includes(`#ticket/${ticketId}`), mail.text);
    assert.ok(!mail.text.includes(note));

    await staffContext.close();
    assert.deepEqual(pageErrors, []);
  });
});
