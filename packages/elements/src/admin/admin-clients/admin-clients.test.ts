import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdmin, fill, mountPage, problem, rows, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminClients } from './admin-clients.js';

const original = location.pathname + location.search;

const mount = (fake: FakeAdmin, pageSize = 25) =>
  mountPage<PortalAdminClients>(
    html`<portal-admin-clients .client=${fake.client()} page-size=${pageSize} .searchDelay=${50}></portal-admin-clients>`,
    fake,
  );

const names = (el: PortalAdminClients) => rows(el).map((r) => r.querySelector('td')?.textContent?.trim());
const listCalls = (fake: FakeAdmin) => fake.callsTo('/api/admin/v1/clients', 'GET');

describe('<portal-admin-clients>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('lists clients newest first with their status, users and a link to each', async () => {
    const el = await mount(fake);
    expect(names(el)).to.deep.equal(['Initech', 'Globex', 'Acme Ltd']);
    const [initech] = rows(el);
    expect(initech?.textContent).to.contain('Disabled');
    expect(initech?.querySelector('a')?.getAttribute('href')).to.equal(`#/clients/${fake.accounts[0]?.id}`);
    const acme = rows(el)[2]!;
    expect([...acme.querySelectorAll('td')].map((td) => td.textContent?.trim()).slice(1, 5)).to.deep.equal([
      'Acme Limited',
      'ada@acme.test',
      'Active',
      '2',
    ]);
    await expect(el).to.be.accessible();
  });

  it('searches as you type (debounced to one request) and filters by status', async () => {
    const el = await mount(fake);
    const before = listCalls(fake).length;
    await fill(el, 'q', 'g');
    await fill(el, 'q', 'gl');
    await fill(el, 'q', 'glo');
    await waitUntil(() => names(el).length === 1, 'search never applied');
    expect(names(el)).to.deep.equal(['Globex']);
    expect(listCalls(fake).length - before).to.equal(1);
    expect(listCalls(fake).at(-1)?.query.q).to.equal('glo');

    await fill(el, 'q', '');
    await waitUntil(() => names(el).length === 3);
    await fill(el, 'status', 'disabled');
    await waitUntil(() => names(el).length === 1);
    expect(names(el)).to.deep.equal(['Initech']);
    expect(listCalls(fake).at(-1)?.query.status).to.equal('disabled');

    await fill(el, 'q', 'nobody');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'));
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal(
      'No clients match. Try another search or status.',
    );
    await expect(el).to.be.accessible();
  });

  it('loads more with the cursor and moves focus to the first new client', async () => {
    for (let i = 1; i <= 22; i++) fake.addClient({ name: `Client ${String(i).padStart(2, '0')}` });
    const el = await mount(fake, 10);
    expect(rows(el)).to.have.length(10);
    button(el, 'Load more').click();
    await settled(el);
    expect(rows(el)).to.have.length(20);
    expect(listCalls(fake).at(-1)?.query).to.include({ cursor: 'c10', limit: '10' });
    expect(el.shadowRoot!.activeElement?.textContent).to.equal(names(el)[10]);
    button(el, 'Load more').click();
    await settled(el);
    expect(rows(el)).to.have.length(25);
    expect(el.shadowRoot!.querySelector('[part~="more"]') === null).to.be.true;
    expect($(el, '.more').textContent).to.contain('25 shown');
  });

  it('creates a client, showing the server’s field errors beside the fields', async () => {
    const el = await mount(fake);
    button(el, 'New client').click();
    await el.updateComplete;
    expect($(el, '[part~="new"]').getAttribute('aria-expanded')).to.equal('true');
    await submitFormOf(el, 'name');
    expect($(el, '#name-error').textContent).to.equal('Fill this in.');
    expect(fake.callsTo('/api/admin/v1/clients', 'POST')).to.have.length(0);

    await fill(el, 'name', 'Hooli');
    await fill(el, 'email', 'ada@acme.test');
    await fill(el, 'address.city', 'Palo Alto');
    await fill(el, 'sendInvitation', true);
    await submitFormOf(el, 'name');
    await settled(el);
    expect($(el, '#email-error').textContent).to.equal('This email address is already in use.');
    expect($(el, '[name="email"]').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('email');
    await expect(el).to.be.accessible();

    fake.answer('POST /api/admin/v1/clients', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'phone', message: 'Phone must be at most 40 characters' },
        { path: 'address.postcode', message: 'Postcode must be at most 20 characters' },
      ]),
    );
    await fill(el, 'email', 'owner@hooli.test');
    await submitFormOf(el, 'name');
    await settled(el);
    expect($(el, '#phone-error').textContent).to.equal('Phone must be at most 40 characters');
    expect($(el, '#address-postcode-error').textContent).to.equal('Postcode must be at most 20 characters');
    expect(alertText(el)).to.equal('');

    await submitFormOf(el, 'name');
    await settled(el);
    const [, , created] = fake.callsTo('/api/admin/v1/clients', 'POST');
    expect(created?.body).to.deep.equal({
      name: 'Hooli',
      email: 'owner@hooli.test',
      address: { city: 'Palo Alto' },
      sendInvitation: true,
    });
    const hooli = fake.accounts.find((a) => a.name === 'Hooli')!;
    expect(location.hash).to.equal(`#/clients/${hooli.id}`);
    expect(hooli.users[0]?.status).to.equal('invited');
  });

  it('shows a load failure with a retry', async () => {
    fake.answer('GET /api/admin/v1/clients', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await mountPage<PortalAdminClients>(
      html`<portal-admin-clients .client=${fake.client()}></portal-admin-clients>`,
      fake,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="load-error"]'));
    expect($(el, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await waitUntil(() => rows(el).length === 3);
  });

  it('says so when there are no clients yet', async () => {
    fake.accounts.length = 0;
    const el = await mount(fake);
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal(
      'No clients yet. Create the first with "New client".',
    );
  });
});
