import { expect, html, waitUntil } from '@open-wc/testing';
import { fill, mountPage, noticeText, problem, rows, submitFormOf } from '../../../test/fake-admin.js';
import { FakeAdminApps } from '../../../test/fake-admin-apps.js';
import { $, button, settled } from '../../../test/helpers.js';
import type { AffiliateTab, PortalAdminAffiliates } from './admin-affiliates.js';

const mount = (fake: FakeAdminApps, o: { as?: string; lang?: string; tab?: AffiliateTab } = {}) => {
  const as = o.as ?? 'grace@example.com';
  return mountPage<PortalAdminAffiliates>(
    html`<portal-admin-affiliates .client=${fake.client()} .session=${fake.signIn(as)} .searchDelay=${0} tab=${o.tab ?? 'affiliates'} lang=${o.lang ?? 'en'}></portal-admin-affiliates>`,
    fake,
    { as },
  );
};

const cells = (el: PortalAdminAffiliates, n = 3) =>
  rows(el).map((r) =>
    [...r.querySelectorAll('td')].slice(0, n).map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
  );
const press = async (el: PortalAdminAffiliates, label: string) => {
  $<HTMLButtonElement>(el, `[aria-label="${label}"]`).click();
  await el.updateComplete;
};
const confirm = async (el: PortalAdminAffiliates) => {
  await waitUntil(
    () => el.shadowRoot!.querySelector('dialog[aria-labelledby="confirm-title"][open]'),
    'no confirmation',
  );
  $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
};
const showTab = async (el: PortalAdminAffiliates, tab: string) => {
  button(el, tab).click();
  await el.updateComplete;
  await waitUntil(() => !el.shadowRoot!.querySelector('[part~="loading"]'), `${tab} never loaded`);
  await el.updateComplete;
};
const savebar = (el: PortalAdminAffiliates) =>
  $(el, '[part~="save"]').textContent?.replace(/\s+/g, ' ').trim();
const unloadBlocked = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

describe('<portal-admin-affiliates>', () => {
  let fake: FakeAdminApps;
  beforeEach(() => {
    fake = new FakeAdminApps();
  });

  it('lists the affiliates, filters and searches them, and moves between tabs by keyboard', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Affiliates');
    expect(cells(el)).to.deep.equal([
      ['Initech', 'INITECH', 'Suspended'],
      ['Globex', 'GLOBEX', 'Pending'],
      ['Acme Ltd', 'ACME10', 'Active'],
    ]);
    const acme = fake.affiliate('Acme Ltd');
    expect(rows(el)[2]!.querySelector('a')?.getAttribute('href')).to.equal(`#/affiliates/${acme.id}`);
    // Only the tab shown loads.
    expect(fake.calls.some((c) => c.path.startsWith('/api/admin/v1/affiliates/payouts'))).to.be.false;
    await expect(el).to.be.accessible();

    await fill(el, 'status', 'pending');
    await waitUntil(() => rows(el).length === 1, 'the status filter never applied');
    await fill(el, 'status', '');
    await fill(el, 'q', 'acme1');
    await waitUntil(
      () => rows(el).length === 1 && cells(el)[0]![0] === 'Acme Ltd',
      'the search never applied',
    );
    await fill(el, 'q', 'nobody');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'));
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('No affiliates match.');

    $<HTMLButtonElement>(el, '#tab-affiliates').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }),
    );
    await el.updateComplete;
    expect(el.tab).to.equal('commissions');
    expect(el.shadowRoot!.activeElement?.id).to.equal('tab-commissions');
    expect($(el, '#tab-commissions').getAttribute('aria-selected')).to.equal('true');
    expect($(el, '[role="tabpanel"]').getAttribute('aria-labelledby')).to.equal('tab-commissions');
  });

  it('approves, suspends and reactivates affiliates inline', async () => {
    const el = await mount(fake);
    await press(el, 'Approve Globex');
    await settled(el);
    expect(fake.affiliate('Globex').status).to.equal('active');
    expect(noticeText(el)).to.equal('Globex is active.');
    expect(cells(el)[1]).to.deep.equal(['Globex', 'GLOBEX', 'Active']);

    await press(el, 'Suspend Acme Ltd');
    await confirm(el);
    await settled(el);
    expect(fake.affiliate('Acme Ltd').status).to.equal('suspended');
    expect(el.shadowRoot!.querySelector('[aria-label="Reactivate Acme Ltd"]')).to.exist;

    await press(el, 'Reactivate Initech');
    await settled(el);
    expect(fake.affiliate('Initech').status).to.equal('active');
  });

  it('lists commissions, filtered by status', async () => {
    const el = await mount(fake, { tab: 'commissions' });
    expect(cells(el)).to.deep.equal([
      ['Acme Ltd', '$12.00', 'Reversed'],
      ['Acme Ltd', '$25.00', 'Clearing'],
      ['Acme Ltd', '$50.00', 'Payable'],
      ['Acme Ltd', '$60.00', 'Payable'],
      ['Acme Ltd', '$40.00', 'Payable'],
    ]);
    await fill(el, 'status', 'payable');
    await waitUntil(() => rows(el).length === 3, 'the filter never applied');
    expect(fake.calls.at(-1)?.query.status).to.equal('payable');
    await expect(el).to.be.accessible();
  });

  it('approves a requested payout and credits another, each after a confirmation, with their ledger rows', async () => {
    const el = await mount(fake, { tab: 'payouts' });
    expect(cells(el)).to.deep.equal([
      ['Acme Ltd', '$50.00', 'Requested'],
      ['Acme Ltd', '$50.00', 'Approved'],
      ['Acme Ltd', '$50.00', 'Paid'],
    ]);
    const [requested, approved] = [fake.payouts[2]!, fake.payouts[1]!];
    await press(el, 'Approve $50.00 to Acme Ltd');
    await confirm(el);
    await settled(el);
    expect(requested.status).to.equal('approved');
    expect(fake.ledgerOfPayout(requested.id)).to.deep.equal([
      'payout_requested available -5000',
      'payout_requested requested 5000',
    ]);
    expect(noticeText(el)).to.equal('$50.00 to Acme Ltd was approved.');

    $<HTMLButtonElement>(
      el,
      'tbody tr:nth-child(2) [aria-label="Credit to account: $50.00 to Acme Ltd"]',
    ).click();
    await confirm(el);
    await settled(el);
    expect(approved.status).to.equal('credited');
    expect(fake.ledgerOfPayout(approved.id).slice(2)).to.deep.equal([
      'payout_credited requested -5000',
      'payout_credited paid 5000',
    ]);
    expect(fake.credited).to.deep.equal([{ accountId: approved.accountId, amount: 5000, currency: 'USD' }]);
    expect(cells(el)[1]).to.deep.equal(['Acme Ltd', '$50.00', 'Credited']);
  });

  it('records a payout paid with its method and reference', async () => {
    const el = await mount(fake, { tab: 'payouts' });
    const approved = fake.payouts[1]!;
    await press(el, 'Record paid: $50.00 to Acme Ltd');
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[data-modal][open]'), 'no dialog');
    expect($(el, '#payout-title').textContent?.trim()).to.equal('Record $50.00 to Acme Ltd as paid');
    expect($(el, 'dialog .details').textContent).to.equal('IBAN GB00 1234');
    await submitFormOf(el, 'method');
    expect($(el, '#method-error').textContent).to.equal('Fill this in.');
    expect($(el, '#reference-error').textContent).to.equal('Fill this in.');
    await expect(el).to.be.accessible();
    await fill(el, 'method', 'bank');
    await fill(el, 'reference', 'TRX-2291');
    await submitFormOf(el, 'method');
    await settled(el);
    expect(fake.callsTo(`/api/admin/v1/affiliates/payouts/${approved.id}/paid`)[0]?.body).to.deep.equal({
      method: 'bank',
      reference: 'TRX-2291',
    });
    expect(fake.ledgerOfPayout(approved.id).slice(2)).to.deep.equal([
      'payout_paid requested -5000',
      'payout_paid paid 5000',
    ]);
    await waitUntil(() => !el.shadowRoot!.querySelector('dialog[data-modal]'));
    expect(cells(el, 6)[1]![5]).to.contain('by bank, reference TRX-2291');
  });

  it('rejects a payout with a reason, shown beside the reason when refused', async () => {
    const el = await mount(fake, { tab: 'payouts' });
    const requested = fake.payouts[2]!;
    await press(el, 'Reject $50.00 to Acme Ltd');
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[data-modal][open]'), 'no dialog');
    fake.answer(`POST /api/admin/v1/affiliates/payouts/${requested.id}/reject`, () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'reason', message: 'At most 500 characters' },
      ]),
    );
    await fill(el, 'reason', 'Too long a reason');
    await submitFormOf(el, 'reason');
    await settled(el);
    expect($(el, '#reason-error').textContent).to.equal('At most 500 characters');
    expect(requested.status).to.equal('requested');
    await fill(el, 'reason', 'Duplicate request');
    await submitFormOf(el, 'reason');
    await settled(el);
    expect(requested.status).to.equal('rejected');
    expect(fake.ledgerOfPayout(requested.id).slice(2)).to.deep.equal([
      'payout_rejected requested -5000',
      'payout_rejected available 5000',
    ]);
    expect(noticeText(el)).to.equal('$50.00 to Acme Ltd was rejected.');
    expect(cells(el, 6)[0]![5]).to.equal('Rejected: Duplicate request');
  });

  it('returns a rejected payout to the available balance in its own currency', async () => {
    const acme = fake.affiliate('Acme Ltd');
    fake.move(acme.id, 'adjustment', 'available', 9000, 'EUR', 'Opening balance');
    const euros = fake.addPayout(acme, 9000, 'requested', 'EUR');
    const el = await mount(fake, { tab: 'payouts', lang: 'en' });
    await press(el, 'Reject €90.00 to Acme Ltd');
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[data-modal][open]'), 'no dialog');
    await fill(el, 'reason', 'Wrong account');
    await submitFormOf(el, 'reason');
    await settled(el);
    expect(euros.status).to.equal('rejected');
    const eur = fake.balancesOf(acme.id).find((b) => b.currency === 'EUR');
    expect(eur).to.deep.include({ available: 9000, requested: 0 });
    expect(fake.balancesOf(acme.id).find((b) => b.currency === 'USD')).to.deep.include({
      available: 0,
      requested: 10000,
    });
  });

  it('shows a payout another staff member decided as a conflict, leaving it as it was', async () => {
    const el = await mount(fake, { tab: 'payouts' });
    fake.payouts[2]!.status = 'paid';
    await press(el, 'Approve $50.00 to Acme Ltd');
    await confirm(el);
    await settled(el);
    expect($(el, '[role="alert"]').textContent).to.contain('This payout was already decided.');
  });

  it('edits the programme’s rules and per-product commissions, saving only what changed', async () => {
    const el = await mount(fake, { tab: 'settings' });
    expect($<HTMLSelectElement>(el, '[name="signup"]').value).to.equal('approval');
    expect($<HTMLSelectElement>(el, '[name="rule.type"]').value).to.equal('percent');
    expect($<HTMLInputElement>(el, '[name="rule.rate"]').value).to.equal('10');
    expect($<HTMLInputElement>(el, '[name="minimumPayout"]').value).to.equal('50.00');
    expect($<HTMLInputElement>(el, '[name="products.0.amount"]').value).to.equal('15.00');
    expect($<HTMLInputElement>(el, '[name="products.0.currency"]').value).to.equal('USD');
    expect(savebar(el)).to.contain('No unsaved changes.');
    expect(unloadBlocked()).to.be.false;
    await expect(el).to.be.accessible();

    await fill(el, 'rule.rate', '12,5');
    await fill(el, 'recurring', true);
    await fill(el, 'linkBase', '');
    button(el, 'Add a product').click();
    await el.updateComplete;
    const business = fake.products.find((p) => p.name === 'Business')!;
    expect($<HTMLSelectElement>(el, '[name="products.1.productId"]').value).to.equal(business.id);
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('products.1.productId');
    await fill(el, 'products.1.type', 'none');
    expect(savebar(el)).to.contain('Unsaved changes: 4');
    expect(unloadBlocked()).to.be.true;

    await submitFormOf(el, 'windowDays');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/affiliates/settings', 'PATCH')[0]?.body).to.deep.equal({
      commission: { type: 'percent', rateBps: 1250 },
      recurring: true,
      linkBase: null,
    });
    expect(fake.callsTo('/api/admin/v1/affiliates/product-commissions', 'PUT')[0]?.body).to.deep.equal({
      items: [
        { productId: fake.products[0]!.id, rule: { type: 'fixed', amount: 1500, currency: 'USD' } },
        { productId: business.id, rule: { type: 'none' } },
      ],
    });
    expect(noticeText(el)).to.equal(
      'The programme’s rules were saved. They apply to commissions from now on.',
    );
    expect(savebar(el)).to.contain('No unsaved changes.');
    expect(unloadBlocked()).to.be.false;
    expect($<HTMLInputElement>(el, '[name="rule.rate"]').value).to.equal('12.5');

    // A fixed default needs an amount in its currency.
    await fill(el, 'rule.type', 'fixed');
    await fill(el, 'rule.amount', '2.505');
    await submitFormOf(el, 'windowDays');
    expect($(el, '#rule-amount-error').textContent).to.equal('Too many decimals for USD.');
    await fill(el, 'rule.amount', '2.50');
    await fill(el, 'products.0.productId', business.id);
    await submitFormOf(el, 'windowDays');
    expect($(el, '#products-1-productId-error').textContent).to.equal('This product already has a rule.');
    button(el, 'Discard changes').click();
    await el.updateComplete;
    expect($<HTMLSelectElement>(el, '[name="rule.type"]').value).to.equal('percent');
    expect(fake.callsTo('/api/admin/v1/affiliates/settings', 'PATCH')).to.have.length(1);
  });

  it('shows the server’s refusal of a rule beside its field, and keeps the changes', async () => {
    const el = await mount(fake, { tab: 'settings' });
    await fill(el, 'windowDays', '400');
    await submitFormOf(el, 'windowDays');
    expect($(el, '#windowDays-error').textContent).to.equal('Enter a whole number of days from 1 to 365.');
    await fill(el, 'windowDays', '60');
    await fill(el, 'products.0.type', 'percent');
    await fill(el, 'products.0.rate', '30');
    fake.answer('PATCH /api/admin/v1/affiliates/settings', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'windowDays', message: 'At most 90 for this business' },
      ]),
    );
    await submitFormOf(el, 'windowDays');
    await settled(el);
    expect($(el, '#windowDays-error').textContent).to.equal('At most 90 for this business');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('windowDays');
    expect(savebar(el)).to.contain('Unsaved changes: 2');
    expect(fake.callsTo('/api/admin/v1/affiliates/product-commissions', 'PUT')).to.have.length(0);

    fake.answer('PUT /api/admin/v1/affiliates/product-commissions', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'items.0.rule.rateBps', message: 'At most 25 % for this product' },
      ]),
    );
    await fill(el, 'windowDays', '45');
    await submitFormOf(el, 'windowDays');
    await settled(el);
    expect(fake.affiliateSettings.windowDays).to.equal(45);
    expect($(el, '#products-0-rate-error').textContent).to.equal('At most 25 % for this product');
    // The rules saved; only the product's stays unsaved.
    expect(savebar(el)).to.contain('Unsaved changes: 1');
  });

  it('lets support staff read everything but move no money and change no rule', async () => {
    const el = await mount(fake, { as: 'sam@example.com' });
    expect($(el, '.intro').textContent).to.equal(
      'Your role can read the programme but not change it or move money.',
    );
    expect(el.shadowRoot!.querySelector('[part~="status"][aria-label]')).to.equal(null);
    expect([...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent?.trim())).not.to.include(
      'Actions',
    );
    await showTab(el, 'Payouts');
    expect(rows(el)).to.have.length(3);
    expect(el.shadowRoot!.querySelector('[part~="payout"]')).to.equal(null);
    await showTab(el, 'Settings');
    expect(el.shadowRoot!.querySelector('[part~="save"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="add-product"]')).to.equal(null);
    expect($<HTMLFieldSetElement>(el, '[part~="form"] fieldset').disabled).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('gives billing staff the money actions', async () => {
    const el = await mount(fake, { as: 'bill@example.com', tab: 'payouts' });
    expect(el.shadowRoot!.querySelectorAll('[part~="payout"]').length).to.be.greaterThan(0);
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, { lang: 'es', tab: 'payouts' });
    expect($(el, 'h1').textContent).to.equal('Afiliados');
    expect(
      [...el.shadowRoot!.querySelectorAll('[role="tab"]')].map((t) => t.textContent?.trim()),
    ).to.deep.equal(['Afiliados', 'Comisiones', 'Pagos', 'Ajustes']);
    expect(cells(el)[0]![2]).to.equal('Solicitado');
    const approve = el.shadowRoot!.querySelector('[part~="payout"]')!;
    expect(approve.textContent?.trim()).to.equal('Aprobar');
    expect(approve.getAttribute('aria-label')).to.match(/^Aprobar 50,00\sUS\$ a Acme Ltd$/);
  });
});
