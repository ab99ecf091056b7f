import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminBilling } from '../../../test/fake-admin-billing.js';
import { fill, mountPage, noticeText, problem, rows, submitFormOf } from '../../../test/fake-admin.js';
import { $ } from '../../../test/helpers.js';
import type { PortalAdminCancellations } from './admin-cancellations.js';

const mount = (fake: FakeAdminBilling, as = 'grace@example.com') =>
  mountPage<PortalAdminCancellations>(
    html`<portal-admin-cancellations .client=${fake.client()} .session=${fake.signIn(as)}></portal-admin-cancellations>`,
    fake,
    { as },
  );

/** The `n`th row's button with `part`. */
const nth = (el: PortalAdminCancellations, part: string, n: number) =>
  el.shadowRoot!.querySelectorAll<HTMLButtonElement>(`[part~="${part}"]`)[n]!;

describe('<portal-admin-cancellations>', () => {
  let fake: FakeAdminBilling;
  beforeEach(() => {
    fake = new FakeAdminBilling();
    const globex = fake.services.find((s) => s.accountName === 'Globex')!;
    fake.addCancellation(globex, { type: 'immediate', reason: 'Closing the business.' });
  });

  it('shows the pending requests with their service, client, timing and reason', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Cancellation requests');
    expect(fake.callsTo('/api/admin/v1/cancellations')[0]?.query.status).to.equal('pending');
    const [globex, acme] = rows(el);
    expect(globex?.textContent).to.contain('Closing the business.');
    expect(globex?.textContent).to.contain('Immediately');
    expect(acme?.textContent).to.contain('At the end of the period');
    expect(acme?.textContent).to.contain('ada@acme.test');
    await expect(el).to.be.accessible();
  });

  it('approves a request after a confirmation that says when the service ends', async () => {
    const el = await mount(fake);
    const request = fake.cancellations.find((c) => c.accountName === 'Acme Ltd')!;
    nth(el, 'approve', 1).click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
    expect($(el, 'dialog').textContent).to.contain('stops at the end of its paid period');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el).startsWith('Approved: Starter of Acme Ltd'), 'never approved');
    expect(fake.callsTo(`/api/admin/v1/cancellations/${request.id}/approve`, 'POST')).to.have.length(1);
    expect(rows(el)[1]?.textContent).to.contain('Approved');
  });

  it('rejects a request with a note the client sees', async () => {
    const el = await mount(fake);
    const request = fake.cancellations.find((c) => c.accountName === 'Globex')!;
    nth(el, 'reject', 0).click();
    await el.updateComplete;
    expect($(el, '#reject-title').textContent).to.equal('Reject cancelling Starter of Globex');
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('name') === 'note',
      'note never focused',
    );
    await submitFormOf(el, 'note');
    expect($(el, '#note-error').textContent).to.equal('Fill this in.');
    await fill(el, 'note', 'Your contract runs until June.');
    await expect(el).to.be.accessible();
    await submitFormOf(el, 'note');
    await waitUntil(() => noticeText(el) === 'Rejected: Globex was told why.', 'never rejected');
    expect(fake.callsTo(`/api/admin/v1/cancellations/${request.id}/reject`, 'POST')[0]?.body).to.deep.equal({
      note: 'Your contract runs until June.',
    });
    expect(rows(el)[0]?.textContent).to.contain('Rejected');
    expect(rows(el)[0]?.textContent).to.contain('Note: Your contract runs until June.');
  });

  it('shows support staff the queue but no way to process it, and the other statuses on request', async () => {
    const el = await mount(fake, 'sam@example.com');
    expect(rows(el)).to.have.length(2);
    expect(el.shadowRoot!.querySelector('[part~="approve"], [part~="reject"]') === null).to.be.true;
    await fill(el, 'status', 'approved');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'));
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No requests match.');
  });

  it('says when nothing is waiting, and when the queue cannot load', async () => {
    fake.cancellations.length = 0;
    const el = await mount(fake);
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No requests are waiting.');
    fake.answer('GET /api/admin/v1/cancellations', () => problem(500, 'INTERNAL', 'Something broke.'));
    const failed = await mount(fake);
    expect($(failed, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(failed).to.be.accessible();
  });
});
