import { expect, html, waitUntil } from '@open-wc/testing';
import type { AdminDomain } from '@portico/sdk/admin';
import { FakeAdminDomains } from '../../../test/fake-admin-domains.js';
import { mountPage, noticeText, problem, rows } from '../../../test/fake-admin.js';
import { $, alertText, button } from '../../../test/helpers.js';
import type { PortalAdminDomain } from './admin-domain.js';

const mount = (fake: FakeAdminDomains, domain: AdminDomain | string, as = 'grace@example.com') =>
  mountPage<PortalAdminDomain>(
    html`<portal-admin-domain .client=${fake.client()} .session=${fake.signIn(as)} domain-id=${typeof domain === 'string' ? domain : domain.id}></portal-admin-domain>`,
    fake,
    { as },
  );

const actions = (el: PortalAdminDomain) =>
  [...el.shadowRoot!.querySelectorAll('[role="group"] button')].map((b) => b.textContent?.trim());
const details = (el: PortalAdminDomain) => $(el, '[part~="details"]').textContent ?? '';

describe('<portal-admin-domain>', () => {
  let fake: FakeAdminDomains;
  beforeEach(() => {
    fake = new FakeAdminDomains();
  });

  it('shows a failed domain with the registrar’s error and its tasks, and offers a retry', async () => {
    const domain = fake.domain('acme-shop.net');
    const el = await mount(fake, domain);
    expect($(el, 'h1').textContent).to.equal('acme-shop.net');
    expect($(el, '.title .badge').textContent).to.equal('Failed');
    expect($(el, '[part~="last-error"]').textContent).to.contain(
      'name server ns1.broken.test does not resolve',
    );
    expect(details(el)).to.contain('Acme Ltd');
    await waitUntil(() => details(el).includes('OpenReg'), 'registrar name never shown');
    expect(details(el)).to.contain('Registration');
    expect(details(el)).to.contain('None yet');
    expect($(el, '[part~="details"] a[href^="#/invoices/"]').getAttribute('href')).to.equal(
      `#/invoices/${domain.invoiceId}`,
    );
    const [task] = rows(el);
    expect(task?.textContent).to.contain('Registration');
    expect(task?.textContent).to.contain('Failed');
    expect(task?.querySelectorAll('td.num')[1]?.textContent?.trim()).to.equal('5');
    expect(actions(el)).to.deep.equal(['Retry at the registrar']);
    await expect(el).to.be.accessible();
  });

  it('retries: the registrar registers it, and the page shows the domain active', async () => {
    const domain = fake.domain('acme-shop.net');
    const el = await mount(fake, domain);
    button(el, 'Retry at the registrar').click();
    await waitUntil(() => noticeText(el).startsWith('The registrar was asked again'), 'never retried');
    expect(noticeText(el)).to.equal('The registrar was asked again: acme-shop.net is now active.');
    expect(fake.callsTo(`/api/admin/v1/domains/${domain.id}/retry`, 'POST')).to.have.length(1);
    expect($(el, '.title .badge').textContent).to.equal('Active');
    expect(el.shadowRoot!.querySelector('[part~="last-error"]') === null).to.be.true;
    expect(rows(el)[0]?.textContent).to.contain('Done');
    expect(actions(el)).to.deep.equal(['Sync from the registrar', 'Turn auto-renew off']);
    expect(el.shadowRoot!.activeElement?.localName).to.equal('h1');
  });

  it('says when a retry failed again, and when there was nothing left to retry', async () => {
    const domain = fake.domain('acme-shop.net');
    fake.retryFails = true;
    const el = await mount(fake, domain);
    button(el, 'Retry at the registrar').click();
    await waitUntil(() => noticeText(el).startsWith('The registrar was asked again'), 'never retried');
    expect(noticeText(el)).to.equal('The registrar was asked again: acme-shop.net is now failed.');
    expect($(el, '[part~="last-error"]').textContent).to.contain('The registry timed out.');
    expect(rows(el)[0]?.querySelectorAll('td.num')[1]?.textContent?.trim()).to.equal('6');

    // Someone else's retry got there first.
    fake.answer(`POST /api/admin/v1/domains/${domain.id}/retry`, () =>
      problem(409, 'CONFLICT', 'Nothing failed for this domain.'),
    );
    button(el, 'Retry at the registrar').click();
    await waitUntil(() => alertText(el).length > 0, 'no message');
    expect(alertText(el)).to.equal('Nothing has failed for acme-shop.net, so there is nothing to retry.');
    await expect(el).to.be.accessible();
  });

  it('syncs from the registrar, and says when the registrar cannot be read', async () => {
    const domain = fake.domain('example.com');
    const el = await mount(fake, domain);
    expect(actions(el)).to.deep.equal(['Sync from the registrar', 'Turn auto-renew off']);
    expect(details(el)).to.contain('Locked');
    expect(details(el)).to.contain('ns1.portico.test');
    button(el, 'Sync from the registrar').click();
    await waitUntil(() => noticeText(el) === 'example.com was read from the registrar.', 'never synced');
    expect(details(el)).to.match(/Jun 1, 2027/);

    fake.registrarDown = true;
    button(el, 'Sync from the registrar').click();
    await waitUntil(() => alertText(el).length > 0, 'no message');
    expect(alertText(el)).to.equal(
      'Sync from the registrar failed. The registrar could not be reached. Nothing was changed; try again in a moment.',
    );
    expect(details(el)).to.match(/Jun 1, 2027/);
  });

  it('turns auto-renew off and on', async () => {
    const domain = fake.domain('xn--bcher-kva.com');
    const el = await mount(fake, domain);
    expect($(el, 'h1').textContent).to.equal('bücher.com');
    expect(details(el)).to.contain('xn--bcher-kva.com');
    button(el, 'Turn auto-renew on').click();
    await waitUntil(() => noticeText(el) === 'Auto-renew is on for bücher.com.', 'never changed');
    expect(fake.callsTo(`/api/admin/v1/domains/${domain.id}`, 'PATCH')[0]?.body).to.deep.equal({
      autoRenew: true,
    });
    expect(actions(el)).to.include('Turn auto-renew off');
  });

  it('shows support staff the domain with only the sync action', async () => {
    const el = await mount(fake, fake.domain('example.com'), 'sam@example.com');
    expect(actions(el)).to.deep.equal(['Sync from the registrar']);
    const failed = await mount(fake, fake.domain('acme-shop.net'), 'sam@example.com');
    expect(failed.shadowRoot!.querySelector('[role="group"]') === null).to.be.true;
    expect($(failed, '[part~="last-error"]').textContent).to.contain('does not resolve');
  });

  it('offers nothing for an unpaid domain, and says when a domain does not exist', async () => {
    const pending = await mount(fake, fake.domain('globex.dev'));
    expect($(pending, '.title .badge').textContent).to.equal('Awaiting payment');
    expect(pending.shadowRoot!.querySelector('[role="group"]') === null).to.be.true;
    expect(pending.shadowRoot!.textContent).to.contain('The registrar has not been asked anything yet.');

    const missing = await mount(fake, 'dom_nope');
    expect($(missing, '[part~="load-error"]').textContent).to.contain('There is no such domain.');
    await expect(missing).to.be.accessible();
  });
});
