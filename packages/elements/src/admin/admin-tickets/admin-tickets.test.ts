import { expect, html, waitUntil } from '@open-wc/testing';
import { fill, mountPage, problem, rows } from '../../../test/fake-admin.js';
import { FakeAdminSupport } from '../../../test/fake-admin-support.js';
import { $, button } from '../../../test/helpers.js';
import { parseTicketFilters, ticketFiltersQuery, type PortalAdminTickets } from './admin-tickets.js';

const original = location.pathname + location.search;

const mount = (
  fake: FakeAdminSupport,
  o: { as?: string; query?: string; accountId?: string; pageSize?: number; lang?: string } = {},
) =>
  mountPage<PortalAdminTickets>(
    html`<portal-admin-tickets
      .client=${fake.client()}
      .session=${fake.signIn(o.as ?? 'grace@example.com')}
      .searchDelay=${0}
      query=${o.query ?? ''}
      account-id=${o.accountId ?? ''}
      page-size=${o.pageSize ?? 25}
      lang=${o.lang ?? 'en'}
    ></portal-admin-tickets>`,
    fake,
    { as: o.as ?? 'grace@example.com' },
  );

const listCalls = (fake: FakeAdminSupport) => fake.callsTo('/api/admin/v1/support/tickets');
const subjects = (el: PortalAdminTickets) =>
  rows(el).map((r) => r.querySelector('.subject')?.textContent?.trim());
/** The queue link whose text (visible and for screen readers) is `text`. */
const queueLink = (el: PortalAdminTickets, text: string) => {
  const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="queues"] a')];
  const found = links.find((a) => a.textContent?.replace(/\s+/g, ' ').trim() === text);
  if (!found)
    throw new Error(`No queue "${text}": ${links.map((a) => a.textContent?.replace(/\s+/g, ' ').trim())}`);
  return found;
};
const loaded = (el: PortalAdminTickets, count: number) =>
  waitUntil(
    () => rows(el).length === count && !el.shadowRoot!.querySelector('table[aria-busy="true"]'),
    `never showed ${count} rows`,
  );

describe('<portal-admin-tickets>', () => {
  let fake: FakeAdminSupport;
  beforeEach(() => {
    fake = new FakeAdminSupport();
    history.replaceState(null, '', original);
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('lists the tickets not closed, most recently active first, with client, department, status, priority and assignee', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Tickets');
    expect(listCalls(fake)[0]?.query).to.deep.equal({ status: 'active', limit: '25' });
    expect(subjects(el)).to.deep.equal([
      'DNS records for globex.dev',
      'Upgrade to the business plan',
      'Mail is not arriving',
    ]);
    const mail = rows(el)[2]!;
    const ticket = fake.ticket('Mail is not arriving');
    expect(mail.querySelector('a')?.getAttribute('href')).to.equal(`#/tickets/${ticket.id}`);
    expect(mail.querySelector('a')?.textContent).to.equal('K7QM-2X4T');
    expect(mail.querySelectorAll('a')[1]?.getAttribute('href')).to.equal(`#/clients/${ticket.accountId}`);
    expect(mail.textContent).to.contain('Acme Ltd');
    expect(mail.textContent).to.contain('Technical');
    expect(mail.querySelector('.badge.bad')?.textContent).to.equal('Customer reply');
    expect(mail.textContent).to.contain('Urgent');
    expect(mail.textContent).to.contain('Sam Support');
    expect(mail.textContent).to.contain('Client wrote last');
    expect(mail.classList.contains('waiting-row')).to.be.true;
    const dns = rows(el)[0]!;
    expect(dns.textContent).to.contain('Me (Grace Hopper)');
    expect(dns.textContent).to.contain('Staff wrote last');
    expect(rows(el)[1]?.textContent).to.contain('Unassigned');
    await expect(el).to.be.accessible();
  });

  it('shows the queues with their counts, customer replies standing out, and opens a queue in place', async () => {
    const el = await mount(fake, { as: 'sam@example.com' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="queues"] ul'), 'queues never shown');
    expect(queueLink(el, 'Mine 1 not closed')).to.exist;
    expect(queueLink(el, 'Unassigned 1 not closed')).to.exist;
    const waiting = queueLink(el, '1 Customer reply in Technical');
    expect(waiting.matches('[part~="waiting"].waiting:not(.none)')).to.be.true;
    expect(queueLink(el, '0 Customer reply in Sales').classList.contains('none')).to.be.true;
    expect(queueLink(el, '1 Open in Sales')).to.exist;
    expect(queueLink(el, '1 Answered in Technical')).to.exist;
    expect(queueLink(el, '0 Open in Technical')).to.exist;
    // Abuse has no tickets, and is listed all the same.
    expect(queueLink(el, '0 Open in Abuse')).to.exist;

    const tech = fake.department('Technical');
    expect(waiting.getAttribute('href')).to.equal(`#/tickets?status=customer_reply&department=${tech.id}`);
    waiting.click();
    await loaded(el, 1);
    expect(listCalls(fake).at(-1)?.query).to.deep.equal({
      status: 'customer_reply',
      departmentId: tech.id,
      limit: '25',
    });
    expect(waiting.getAttribute('aria-current')).to.equal('true');
    expect($<HTMLSelectElement>(el, '[name="status"]').value).to.equal('customer_reply');
    expect($<HTMLSelectElement>(el, '[name="department"]').value).to.equal(tech.id);

    queueLink(el, 'Mine 1 not closed').click();
    await loaded(el, 1);
    expect(listCalls(fake).at(-1)?.query).to.deep.equal({ status: 'active', assignee: 'me', limit: '25' });
    expect(subjects(el)).to.deep.equal(['Mail is not arriving']);
    await expect(el).to.be.accessible();
  });

  it('filters by status, department, priority, assignee and search', async () => {
    const el = await mount(fake);
    await fill(el, 'status', 'all');
    await loaded(el, 4);
    expect(listCalls(fake).at(-1)?.query).to.deep.equal({ limit: '25' });
    await fill(el, 'priority', 'high');
    await loaded(el, 1);
    expect(subjects(el)).to.deep.equal(['Old invoice question']);
    expect(rows(el)[0]?.textContent).to.contain('Closed');
    await fill(el, 'priority', '');
    await fill(el, 'department', fake.department('Sales').id);
    await loaded(el, 2);
    await fill(el, 'assignee', 'none');
    await loaded(el, 2);
    const sam = fake.member('sam@example.com');
    await fill(el, 'assignee', sam.id);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'), 'never empty');
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No tickets match. Try other filters.');
    expect(listCalls(fake).at(-1)?.query).to.include({
      assignee: sam.id,
      departmentId: fake.department('Sales').id,
    });
    button(el, 'Clear filters').click();
    await loaded(el, 3);
    await fill(el, 'q', 'k7qm-2x4t');
    await loaded(el, 1);
    expect(listCalls(fake).at(-1)?.query).to.include({ q: 'k7qm-2x4t' });
    expect(subjects(el)).to.deep.equal(['Mail is not arriving']);
  });

  it('offers the staff who work tickets as assignees, and only me and unassigned to a role that cannot list staff', async () => {
    const el = await mount(fake);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[name="assignee"] option').length > 3);
    const options = [...el.shadowRoot!.querySelectorAll('[name="assignee"] option')].map(
      (o) => o.textContent,
    );
    expect(options).to.deep.equal(['Anyone', 'Me', 'Unassigned', 'Sam Support', 'Tess Totp']);

    const sam = await mount(fake, { as: 'sam@example.com' });
    expect(fake.callsTo('/api/admin/v1/staff')).to.have.length(1);
    const seen = [...sam.shadowRoot!.querySelectorAll('[name="assignee"] option')].map((o) => o.textContent);
    expect(seen).to.deep.equal(['Anyone', 'Me', 'Unassigned', 'Grace Hopper']);
  });

  it('reads its filters from the query and writes them back to the hash, which it follows', async () => {
    history.replaceState(null, '', `${original}#/tickets?status=open&priority=medium`);
    const el = await mount(fake, { query: 'status=open&priority=medium&bogus=1' });
    expect(listCalls(fake)[0]?.query).to.deep.equal({ status: 'open', priority: 'medium', limit: '25' });
    expect(subjects(el)).to.deep.equal(['Upgrade to the business plan']);
    expect($<HTMLSelectElement>(el, '[name="priority"]').value).to.equal('medium');

    await fill(el, 'status', 'answered');
    await fill(el, 'priority', '');
    await fill(el, 'assignee', 'me');
    await loaded(el, 1);
    expect(location.hash).to.equal('#/tickets?status=answered&assignee=me');
    await fill(el, 'q', 'dns records');
    await waitUntil(() => listCalls(fake).at(-1)?.query.q === 'dns records', 'never searched');
    await loaded(el, 1);
    expect(location.hash).to.equal('#/tickets?status=answered&assignee=me&q=dns+records');
    expect(parseTicketFilters(location.hash.split('?')[1] ?? '')).to.deep.equal({
      status: 'answered',
      department: '',
      priority: '',
      assignee: 'me',
      q: 'dns records',
    });

    // Back, forward or a link to other filters of this page.
    location.hash = '#/tickets?status=all&priority=high';
    await waitUntil(() => subjects(el)[0] === 'Old invoice question', 'never followed the hash');
    expect(subjects(el)).to.deep.equal(['Old invoice question']);
    expect($<HTMLSelectElement>(el, '[name="status"]').value).to.equal('all');
    expect($<HTMLInputElement>(el, '[name="q"]').value).to.equal('');
    expect(ticketFiltersQuery(parseTicketFilters('status=active&q=%20x%20'))).to.equal('q=x');
  });

  it('narrows to one client and pages with "Load more"', async () => {
    const acme = fake.account('Acme Ltd');
    for (let i = 0; i < 3; i++) {
      fake.addTicket(acme, { subject: `Question ${i}`, department: fake.department('Sales') });
    }
    const el = await mount(fake, { accountId: acme.id, pageSize: 2 });
    expect(rows(el)).to.have.length(2);
    expect($(el, '.filtered').textContent).to.contain('Showing the tickets of Acme Ltd.');
    $<HTMLButtonElement>(el, '[part~="more"]').click();
    await waitUntil(() => rows(el).length === 4, 'never loaded more');
    expect(listCalls(fake).at(-1)?.query).to.include({ accountId: acme.id, cursor: 'c2' });
    expect(el.shadowRoot!.activeElement?.localName).to.equal('a');
  });

  it('says when there are none, and when the list or the queues cannot load', async () => {
    fake.tickets.length = 0;
    const el = await mount(fake);
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No tickets yet.');

    fake.answer('GET /api/admin/v1/support/tickets', () => problem(500, 'INTERNAL', 'Something broke.'));
    fake.answer('GET /api/admin/v1/support/queues', () => problem(500, 'INTERNAL', 'Something broke.'));
    const failed = await mount(fake);
    expect($(failed, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await waitUntil(() => failed.shadowRoot!.textContent?.includes('The queue counts could not be loaded.'));
    await expect(failed).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, { lang: 'es' });
    expect($(el, 'h1').textContent).to.equal('Tickets');
    expect(rows(el)[2]?.textContent).to.contain('Respuesta del cliente');
    expect(rows(el)[2]?.textContent).to.contain('Urgente');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="queues"] ul'));
    expect($(el, '[part~="queues"]').textContent).to.contain('Míos');
    expect($<HTMLSelectElement>(el, '[name="status"]').selectedOptions[0]?.textContent).to.equal(
      'Sin cerrar',
    );
    await expect(el).to.be.accessible();
  });
});
