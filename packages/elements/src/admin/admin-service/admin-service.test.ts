import { expect, html, waitUntil } from '@open-wc/testing';
import type { AdminService } from '@portico/sdk/admin';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, noticeText, submitFormOf } from '../../../test/fake-admin.js';
import { $, button } from '../../../test/helpers.js';
import type { PortalAdminService } from './admin-service.js';

const mount = (fake: FakeAdminBilling, service: AdminService, as = 'grace@example.com') =>
  mountPage<PortalAdminService>(
    html`<portal-admin-service .client=${fake.client()} .session=${fake.signIn(as)} service-id=${service.id}></portal-admin-service>`,
    fake,
    { as },
  );

const actions = (el: PortalAdminService) =>
  [...el.shadowRoot!.querySelectorAll('[role="group"] button')].map((b) => b.textContent?.trim());

describe('<portal-admin-service>', () => {
  let fake: FakeAdminBilling;
  let active: AdminService;
  beforeEach(() => {
    fake = new FakeAdminBilling();
    active = fake.services.find((s) => s.status === 'active')!;
  });

  it('shows the service and the client’s cancellation request', async () => {
    const el = await mount(fake, active);
    expect($(el, 'h1').textContent).to.equal('Starter');
    expect($(el, '.title .badge').textContent).to.equal('Active');
    const details = $(el, '[part~="details"]').textContent ?? '';
    expect(details).to.contain('acme.example');
    expect(details).to.contain('Monthly');
    expect(details).to.contain('$5.00');
    expect(el.shadowRoot!.textContent).to.contain('Moving to another host.');
    expect(el.shadowRoot!.textContent).to.contain('At the end of the period');
    expect(actions(el)).to.deep.equal(['Edit', 'Suspend', 'Cancel service']);
    await expect(el).to.be.accessible();
  });

  it('changes the label, price and next due date, sending only what changed', async () => {
    const el = await mount(fake, active);
    button(el, 'Edit').click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '[name="amount"]').value).to.equal('5.00');
    await fill(el, 'label', 'www.acme.example');
    await fill(el, 'amount', '7.5');
    await fill(el, 'nextDueAt', '2025-06-15');
    await expect(el).to.be.accessible();
    await submitFormOf(el, 'label');
    await waitUntil(() => noticeText(el) === 'Starter was saved.', 'never saved');
    expect(fake.callsTo(`/api/admin/v1/services/${active.id}`, 'PATCH')[0]?.body).to.deep.equal({
      label: 'www.acme.example',
      amount: 750,
      nextDueAt: '2025-06-15',
    });
    expect($(el, '[part~="details"]').textContent).to.contain('$7.50');
  });

  it('suspends with a reason, then reactivates', async () => {
    const el = await mount(fake, active);
    button(el, 'Suspend').click();
    await el.updateComplete;
    await submitFormOf(el, 'reason');
    expect($(el, '#reason-error').textContent).to.equal('Fill this in.');
    await fill(el, 'reason', 'Abuse report');
    await submitFormOf(el, 'reason');
    await waitUntil(
      () => noticeText(el) === 'Starter is suspended and the client was told.',
      'never suspended',
    );
    expect(fake.callsTo(`/api/admin/v1/services/${active.id}/suspend`, 'POST')[0]?.body).to.deep.equal({
      reason: 'Abuse report',
    });
    expect($(el, '[part~="details"]').textContent).to.contain('Abuse report');
    expect(actions(el)).to.deep.equal(['Edit', 'Reactivate', 'Cancel service']);
    button(el, 'Reactivate').click();
    await waitUntil(() => noticeText(el) === 'Starter is active again.', 'never reactivated');
  });

  it('activates a pending service, and cancels one after a confirmation', async () => {
    const pending = fake.services.find((s) => s.status === 'pending')!;
    const el = await mount(fake, pending);
    expect(actions(el)).to.deep.equal(['Edit', 'Activate', 'Cancel service']);
    button(el, 'Activate').click();
    await waitUntil(() => noticeText(el) === 'Business is active.', 'never activated');
    button(el, 'Cancel service').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
    expect($(el, 'dialog').textContent).to.contain('Cancel Business of Acme Ltd now?');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el) === 'Business is cancelled.', 'never cancelled');
    expect(actions(el)).to.deep.equal([]);
  });

  it('shows support staff the service but no actions', async () => {
    const el = await mount(fake, active, 'sam@example.com');
    expect(actions(el)).to.deep.equal([]);
    expect($(el, '[part~="details"]').textContent).to.contain('acme.example');
  });
});
