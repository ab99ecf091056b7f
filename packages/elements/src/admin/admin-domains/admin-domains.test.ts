import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminDomains } from '../../../test/fake-admin-domains.js';
import { fill, mountPage, problem, rows } from '../../../test/fake-admin.js';
import { $, button } from '../../../test/helpers.js';
import type { PortalAdminDomains } from './admin-domains.js';

const mount = (fake: FakeAdminDomains, accountId = '', pageSize = 25) =>
  mountPage<PortalAdminDomains>(
    html`<portal-admin-domains .client=${fake.client()} .searchDelay=${0} account-id=${accountId} page-size=${pageSize}></portal-admin-domains>`,
    fake,
  );

const listCalls = (fake: FakeAdminDomains) =>
  fake.callsTo('/api/admin/v1/domains').filter((c) => c.query.limit !== '100');

describe('<portal-admin-domains>', () => {
  let fake: FakeAdminDomains;
  beforeEach(() => {
    fake = new FakeAdminDomains();
  });

  it('lists domains with client, status, expiry, auto-renew and registrar; failed ones stand out', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Domains');
    const [globex, failed, idn, plain] = rows(el);
    expect(globex?.textContent).to.contain('globex.dev');
    expect(globex?.textContent).to.contain('Awaiting payment');
    expect(failed?.querySelector('.badge.bad')?.textContent).to.equal('Failed');
    expect(idn?.querySelector('a')?.textContent).to.equal('bücher.com');
    expect(idn?.textContent).to.contain('xn--bcher-kva.com');
    expect(idn?.textContent).to.contain('Off');
    expect(plain?.textContent).to.contain('Active');
    expect(plain?.textContent).to.match(/Jun 1, 2026/);
    const example = fake.domain('example.com');
    expect(plain?.querySelector('a')?.getAttribute('href')).to.equal(`#/domains/${example.id}`);
    expect(plain?.querySelectorAll('a')[1]?.getAttribute('href')).to.equal(`#/clients/${example.accountId}`);
    await waitUntil(() => plain?.textContent?.includes('Local registrar'), 'registrar name never shown');
    expect(failed?.textContent).to.contain('OpenReg');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="failed"]'), 'failed count never shown');
    expect($(el, '[part~="failed"]').textContent).to.contain(
      'One domain failed at the registrar and needs a retry.',
    );
    await expect(el).to.be.accessible();
  });

  it('shows the registrar’s id until its name can be read, and asks for the names once per client', async () => {
    const client = fake.client();
    const open = () =>
      mountPage<PortalAdminDomains>(
        html`<portal-admin-domains .client=${client}></portal-admin-domains>`,
        fake,
      );
    const asked = () => fake.callsTo('/api/admin/v1/domains/registrars').length;
    fake.answer('GET /api/admin/v1/domains/registrars', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await open();
    await waitUntil(() => asked() === 1);
    await el.updateComplete;
    expect(rows(el).at(-1)?.textContent).to.contain('local');
    expect(el.shadowRoot!.querySelector('[part~="load-error"]') === null).to.be.true;
    // A failed answer is not kept: the next page asks again, and the page after that uses the names it got.
    const again = await open();
    await waitUntil(() => rows(again).at(-1)?.textContent?.includes('Local registrar'), 'never asked again');
    const third = await open();
    await waitUntil(() => rows(third).at(-1)?.textContent?.includes('Local registrar'));
    expect(asked()).to.equal(2);
  });

  it('shows only the failed domains from the count, and filters by status', async () => {
    const acme = fake.account('Acme Ltd');
    fake.addDomain(acme, { domain: 'acme-two.com', status: 'failed' });
    const el = await mount(fake);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="failed"]'), 'failed count never shown');
    expect($(el, '[part~="failed"]').textContent).to.contain('2 domains failed at the registrar');
    button(el, 'Show failed domains').click();
    await waitUntil(() => rows(el).length === 2, 'filter never applied');
    expect(listCalls(fake).at(-1)?.query.status).to.equal('failed');
    expect($<HTMLSelectElement>(el, '[name="status"]').value).to.equal('failed');
    expect(el.shadowRoot!.querySelector('[part~="failed"]') === null).to.be.true;

    await fill(el, 'status', 'expired');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'));
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal(
      'No domains match. Try another search or status.',
    );
  });

  it('searches by name as you type', async () => {
    const el = await mount(fake);
    await fill(el, 'q', 'bücher');
    await waitUntil(() => rows(el).length === 1, 'search never applied');
    expect(listCalls(fake).at(-1)?.query.q).to.equal('bücher');
    expect(rows(el)[0]?.textContent).to.contain('bücher.com');
  });

  it('narrows to one client and pages with "Load more"', async () => {
    const acme = fake.account('Acme Ltd');
    const el = await mount(fake, acme.id, 2);
    expect(rows(el)).to.have.length(2);
    expect($(el, '.filtered').textContent).to.contain('Showing the domains of Acme Ltd.');
    $<HTMLButtonElement>(el, '[part~="more"]').click();
    await waitUntil(() => rows(el).length === 3, 'never loaded more');
    expect(listCalls(fake).at(-1)?.query).to.include({ accountId: acme.id, cursor: 'c2' });
    expect(el.shadowRoot!.activeElement?.localName).to.equal('a');
  });

  it('says when there are none, and when the list cannot load', async () => {
    fake.domains.length = 0;
    const el = await mount(fake);
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No domains yet.');
    expect(el.shadowRoot!.querySelector('[part~="failed"]') === null).to.be.true;

    fake.answer('GET /api/admin/v1/domains', () => problem(500, 'INTERNAL', 'Something broke.'), 2);
    const failed = await mount(fake);
    expect($(failed, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(failed).to.be.accessible();
  });
});
