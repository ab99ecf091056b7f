import { expect, html, waitUntil } from '@open-wc/testing';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { FakeAdminApps } from '../../../test/fake-admin-apps.js';
import { $, settled } from '../../../test/helpers.js';
import type { PortalAdminAffiliate } from './admin-affiliate.js';

const mount = (fake: FakeAdminApps, id: string, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminAffiliate>(
    html`<portal-admin-affiliate .client=${fake.client()} .session=${fake.signIn(as)} affiliate-id=${id} page-size="5" lang=${lang}></portal-admin-affiliate>`,
    fake,
    { as },
  );

const tableRows = (el: PortalAdminAffiliate, part: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>(`[part~="${part}"] tbody tr`),
];
const text = (row: Element) => [...row.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

describe('<portal-admin-affiliate>', () => {
  let fake: FakeAdminApps;
  beforeEach(() => {
    fake = new FakeAdminApps();
  });

  it('shows the affiliate: account, code and link, stats, balances and the ledger, paged', async () => {
    const acme = fake.affiliate('Acme Ltd');
    const el = await mount(fake, acme.id);
    expect($(el, 'h1').textContent).to.equal('Acme Ltd');
    expect($(el, '.title [part~="badge"]').textContent).to.equal('Active');
    expect($(el, '[part~="details"] dd a').getAttribute('href')).to.equal(`#/clients/${acme.accountId}`);
    expect($(el, '[part~="details"]').textContent).to.contain('https://www.example.com/?ref=ACME10');
    expect($(el, '[part~="stats"]').textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      '40 Clicks 5 Sign-ups 3 Conversions',
    );
    expect(tableRows(el, 'balances').map(text)).to.deep.equal([
      ['USD', '$25.00', '$0.00', '$100.00', '$50.00'],
    ]);
    const ledger = tableRows(el, 'ledger');
    expect(ledger).to.have.length(5);
    expect(text(ledger[0]!).slice(1)).to.deep.equal([
      'Payout requested',
      'Requested',
      '$50.00',
      'Payout requested',
    ]);
    $<HTMLButtonElement>(el, '[part~="ledger"] [part~="more"]').click();
    await settled(el);
    await waitUntil(() => tableRows(el, 'ledger').length === 10, 'the next page never came');
    expect(el.shadowRoot!.activeElement === tableRows(el, 'ledger')[5], 'focus is on the first row added').to
      .be.true;
    await expect(el).to.be.accessible();
  });

  it('adjusts the available balance, with a ledger row, and checks the amount first', async () => {
    const acme = fake.affiliate('Acme Ltd');
    const el = await mount(fake, acme.id);
    expect($<HTMLInputElement>(el, '[name="currency"]').value).to.equal('USD');
    await fill(el, 'amount', '0');
    await submitFormOf(el, 'amount');
    expect($(el, '#amount-error').textContent).to.equal('Enter an amount other than zero.');
    expect($(el, '#description-error').textContent).to.equal('Fill this in.');
    await fill(el, 'amount', '-12.345');
    await fill(el, 'description', 'Refund clawback');
    await submitFormOf(el, 'amount');
    expect($(el, '#amount-error').textContent).to.equal('Too many decimals for USD.');
    await fill(el, 'amount', '-12.34');
    await submitFormOf(el, 'amount');
    await settled(el);
    const adjust = fake.callsTo(`/api/admin/v1/affiliates/${acme.id}/adjustments`, 'POST');
    expect(adjust[0]?.body).to.deep.equal({ amount: -1234, currency: 'USD', description: 'Refund clawback' });
    expect(noticeText(el)).to.equal('The balance was adjusted by -$12.34.');
    await waitUntil(
      () => text(tableRows(el, 'balances')[0]!)[2] === '-$12.34',
      'the balance never refreshed',
    );
    expect(text(tableRows(el, 'ledger')[0]!).slice(1)).to.deep.equal([
      'Adjustment',
      'Available',
      '-$12.34',
      'Refund clawback',
    ]);
    expect($<HTMLInputElement>(el, '[name="amount"]').value).to.equal('');

    fake.answer(`POST /api/admin/v1/affiliates/${acme.id}/adjustments`, () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'currency', message: 'A 3-letter currency code' },
      ]),
    );
    await fill(el, 'amount', '5');
    await fill(el, 'description', 'Bonus');
    await submitFormOf(el, 'amount');
    await settled(el);
    expect($(el, '#currency-error').textContent).to.equal('A 3-letter currency code');
  });

  it('suspends an active affiliate after a confirmation', async () => {
    const acme = fake.affiliate('Acme Ltd');
    const el = await mount(fake, acme.id);
    $<HTMLButtonElement>(el, '[aria-label="Suspend Acme Ltd"]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => acme.status === 'suspended', 'never suspended');
    await settled(el);
    expect($(el, '.title [part~="badge"]').textContent).to.equal('Suspended');
    expect(el.shadowRoot!.querySelector('[aria-label="Reactivate Acme Ltd"]')).to.exist;
  });

  it('keeps the affiliate shown when a status change of the one left answers late', async () => {
    const acme = fake.affiliate('Acme Ltd');
    const globex = fake.affiliate('Globex');
    const el = await mount(fake, acme.id);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.answer(`POST /api/admin/v1/affiliates/${acme.id}/status`, async () => {
      await held;
      acme.status = 'suspended';
      return new Response(
        JSON.stringify({ ...acme, status: 'suspended', balances: fake.balancesOf(acme.id) }),
        {
          status: 200,
          headers: { 'content-type': 'application/json' },
        },
      );
    });
    $<HTMLButtonElement>(el, '[aria-label="Suspend Acme Ltd"]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => fake.callsTo(`/api/admin/v1/affiliates/${acme.id}/status`).length === 1);
    // The console moves to another affiliate (the same element shows it) before the answer comes.
    el.affiliateId = globex.id;
    await waitUntil(() => $(el, 'h1').textContent === 'Globex', 'Globex never shown');
    release();
    await settled(el);
    await el.updateComplete;
    expect($(el, 'h1').textContent).to.equal('Globex');
    expect($(el, '.title [part~="badge"]').textContent).to.equal('Pending');
    expect(el.shadowRoot!.querySelector('[aria-label="Approve Globex"]')).to.exist;
  });

  it('sends a corrected adjustment as a new request after one whose answer was lost', async () => {
    const acme = fake.affiliate('Acme Ltd');
    const el = await mount(fake, acme.id);
    const path = `/api/admin/v1/affiliates/${acme.id}/adjustments`;
    fake.loseAnswers = 1;
    await fill(el, 'amount', '10');
    await fill(el, 'description', 'Bonus');
    await submitFormOf(el, 'amount');
    await settled(el);
    expect($(el, '[role="alert"]').textContent?.trim()).not.to.equal('');
    // The server did record it; the same request again gets that answer, not a second row.
    await submitFormOf(el, 'amount');
    await settled(el);
    expect(noticeText(el)).to.equal('The balance was adjusted by $10.00.');
    expect(fake.ledger.filter((e) => e.kind === 'adjustment')).to.have.length(1);
    // Another adjustment is a new request, with a new key.
    await fill(el, 'amount', '20');
    await fill(el, 'description', 'Bonus, corrected');
    fake.loseAnswers = 1;
    await submitFormOf(el, 'amount');
    await settled(el);
    await fill(el, 'amount', '25');
    await submitFormOf(el, 'amount');
    await settled(el);
    expect($(el, '[role="alert"]').textContent?.trim()).to.equal('');
    expect(noticeText(el)).to.equal('The balance was adjusted by $25.00.');
    const keys = fake.idempotencyKeys.filter((k) => k.path === path).map((k) => k.key);
    expect(keys).to.have.length(4);
    expect(keys[1]).to.equal(keys[0]);
    expect(keys[2]).not.to.equal(keys[0]);
    expect(keys[3]).not.to.equal(keys[2]);
    expect(fake.ledger.filter((e) => e.kind === 'adjustment').map((e) => e.amount)).to.deep.equal([
      2500, 2000, 1000,
    ]);
  });

  it('shows support staff the affiliate without the money and status actions', async () => {
    const el = await mount(fake, fake.affiliate('Acme Ltd').id, 'sam@example.com');
    expect(el.shadowRoot!.querySelector('[part~="adjust"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="status"][aria-label]')).to.equal(null);
    expect(tableRows(el, 'ledger')).to.have.length(5);
  });

  it('says when there is no such affiliate', async () => {
    const el = await mount(fake, 'aff_00000000000000000000000000');
    expect($(el, '[part~="load-error"]').textContent).to.contain('There is no such affiliate.');
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, fake.affiliate('Globex').id, 'grace@example.com', 'es');
    expect($(el, '.title [part~="badge"]').textContent).to.equal('Pendiente');
    expect($(el, '[aria-label="Aprobar a Globex"]').textContent?.trim()).to.equal('Aprobar');
    expect($(el, '#balances-title').textContent).to.equal('Saldos');
    expect($(el, '[part~="empty"]').textContent).to.equal('Aún no ha ganado nada.');
  });
});
