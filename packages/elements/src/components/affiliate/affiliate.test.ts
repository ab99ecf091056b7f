import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeApps, inAppsProvider } from '../../../test/fake-apps.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button, settled } from '../../../test/helpers.js';
import { all, find, shows, text } from '../../../test/queries.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-html-payloads.js';
import type { PortalAffiliate, PortalAffiliateJoinedEvent, PortalPayoutRequestedEvent } from './affiliate.js';
import './affiliate.js';

const affiliateEl = (fake: FakeApps, options: Parameters<typeof inAppsProvider>[3] = {}) =>
  inAppsProvider<PortalAffiliate>(
    fake,
    html`<portal-affiliate page-size="2"></portal-affiliate>`,
    'portal-affiliate',
    options,
  );

async function fill(el: PortalAffiliate, name: string, value: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(el, `[name="${name}"]`);
  field.value = value;
  field.dispatchEvent(
    new Event(field.localName === 'select' ? 'change' : 'input', { bubbles: true, composed: true }),
  );
  await el.updateComplete;
}

async function submitForm(el: PortalAffiliate, part: string) {
  $<HTMLButtonElement>(el, `[part="${part}"] [type="submit"]`).click();
  await el.updateComplete;
  await settled(el);
}

const activeLoaded = (el: PortalAffiliate) =>
  shows(el, '[part~="list"] [part="table"], [part~="list"] [part="empty"]', 'the lists');
const fieldError = (el: PortalAffiliate, name: string) => text(find(el, `#${name}-error`));
const listRows = (el: PortalAffiliate, kind: string) => all(el, `[part~="${kind}"] tbody tr`);

describe('<portal-affiliate>', () => {
  let fake: FakeApps;
  beforeEach(() => {
    fake = new FakeApps();
  });

  describe('before joining', () => {
    it('shows the terms and how commissions are earned, and joins an open programme at once', async () => {
      const el = await affiliateEl(fake);
      await shows(el, '[part="join-form"]');
      expect(text(find(el, '[part~="terms"]'))).to.equal('Be honest about us.');
      expect(find(el, '[part~="terms"] strong')).to.exist;
      const summary = text(find(el, '[part~="summary"]'));
      expect(summary).to.contain('10% of each paid invoice, before tax');
      expect(summary).to.contain('A sign-up counts for 30 days after the click');
      expect(summary).to.contain('14 days');
      expect(summary).to.contain('£50.00');
      expect(find(el, '[name="note"]')).to.be.null;
      await expect(el).to.be.accessible();

      await fill(el, 'payoutDetails', '  PayPal: ada@example.com  ');
      const joined = oneEvent(el, 'portal-affiliate-joined') as Promise<PortalAffiliateJoinedEvent>;
      await submitForm(el, 'join-form');
      expect(fake.callsTo('POST /api/v1/affiliate')[0]!.body).to.deep.equal({
        payoutDetails: 'PayPal: ada@example.com',
      });
      expect((await joined).detail.affiliate.status).to.equal('active');
      await activeLoaded(el);
      expect(text(find(el, '[role="status"]'))).to.equal(
        'Welcome to the affiliate programme. Your referral link is ready.',
      );
      expect($<HTMLInputElement>(el, 'input[name="link"]').value).to.equal(
        'https://northwind.test/?ref=ada42',
      );
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'link-title', 'focus not on the link');
    });

    it('applies with a note when the business approves each affiliate, then shows the wait', async () => {
      fake.programme.signup = 'approval';
      const el = await affiliateEl(fake);
      await shows(el, '[part="join-form"]');
      expect(text(find(el, '#join-title'))).to.equal('Apply to join');
      await fill(el, 'note', 'My blog about hosting');
      await submitForm(el, 'join-form');
      expect(fake.callsTo('POST /api/v1/affiliate')[0]!.body).to.deep.equal({
        note: 'My blog about hosting',
      });
      expect(text(find(el, '[part="state-note"]'))).to.equal(
        'Your application is waiting for review. We will email you once it is decided.',
      );
      expect(text(find(el, '[role="status"]'))).to.equal(
        'Thank you. Your application is waiting for review.',
      );
      // No lists are asked for an affiliate that is not active.
      expect(fake.callsTo('GET /api/v1/affiliate/commissions')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('refuses payout details longer than the API takes, beside the field', async () => {
      const el = await affiliateEl(fake);
      await shows(el, '[part="join-form"]');
      await fill(el, 'payoutDetails', 'x'.repeat(1001));
      await submitForm(el, 'join-form');
      expect(fieldError(el, 'payoutDetails')).to.equal('At most 1,000 characters.');
      expect(fake.callsTo('POST /api/v1/affiliate')).to.have.length(0);
      expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('payoutDetails');
    });

    it('runs no script from hostile terms', async () => {
      const spy = spyOnXss();
      const alerts: unknown[] = [];
      const originalAlert = window.alert;
      window.alert = (message?: unknown) => alerts.push(message);
      try {
        fake.programme.termsHtml = XSS_PAYLOADS.join('\n');
        const el = await affiliateEl(fake);
        await shows(el, '[part~="terms"]');
        await flushTasks();
        expect(dangerousNodes($(el, '[part~="terms"]'))).to.deep.equal([]);
        expect(spy.calls).to.deep.equal([]);
        expect(alerts).to.deep.equal([]);
      } finally {
        window.alert = originalAlert;
        spy.restore();
      }
    });
  });

  it('says so for a pending, rejected or suspended affiliate', async () => {
    for (const [status, words] of [
      ['pending', 'waiting for review'],
      ['rejected', 'was not accepted'],
      ['suspended', 'is suspended'],
    ] as const) {
      fake.join({ status });
      const el = await affiliateEl(fake);
      await shows(el, '[part="state-note"]');
      expect(text(find(el, '[part="state-note"]'))).to.contain(words);
      expect(find(el, 'input[name="link"]')).to.be.null;
    }
  });

  describe('an active affiliate', () => {
    beforeEach(() => {
      fake.join();
      fake.seed(3);
    });

    it('shows the link, stats, balances, payout details and the lists', async () => {
      const el = await affiliateEl(fake);
      await activeLoaded(el);
      expect(all(el, '[part="stats"] div').map(text)).to.deep.equal([
        'Clicks120',
        'Sign-ups8',
        'Conversions3',
      ]);
      expect(all(el, '[part~="balances"] tbody td').map(text)).to.deep.equal([
        '£15.00',
        '£90.00',
        '£0.00',
        '£200.00',
      ]);
      expect(text(find(el, '.payout-details'))).to.equal('PayPal: ada@example.com');
      expect(listRows(el, 'commissions')).to.have.length(2);
      expect(text(listRows(el, 'commissions')[0])).to.contain('£10.00');
      expect(text(listRows(el, 'referrals')[0])).to.contain('R. 1.');
      expect(listRows(el, 'payouts')).to.have.length(2);
      expect(text(listRows(el, 'ledger')[0])).to.contain(
        'Commission on a referred client’s paid invoice (1)',
      );
      await expect(el).to.be.accessible();
    });

    it('copies the referral link and announces it politely', async () => {
      let copied = '';
      const original = navigator.clipboard.writeText;
      navigator.clipboard.writeText = async (value: string) => {
        copied = value;
      };
      try {
        const el = await affiliateEl(fake);
        await activeLoaded(el);
        button(el, 'Copy link').click();
        await waitUntil(() => copied, 'never copied');
        await el.updateComplete;
        expect(copied).to.equal('https://northwind.test/?ref=ada42');
        const status = $(el, '[role="status"]');
        expect(text(status)).to.equal('Copied to the clipboard.');
        expect(status.getAttribute('aria-live') ?? 'polite').to.equal('polite');
      } finally {
        navigator.clipboard.writeText = original;
      }
    });

    it('requests a payout in major units, with an Idempotency-Key, and shows it', async () => {
      const el = await affiliateEl(fake);
      await activeLoaded(el);
      expect(text(find(el, '#amount-hint'))).to.equal('Available: £90.00. Smallest payout: £50.00.');
      await fill(el, 'amount', '60.5');
      const requested = oneEvent(el, 'portal-payout-requested') as Promise<PortalPayoutRequestedEvent>;
      await submitForm(el, 'payout-form');
      const call = fake.callsTo('POST /api/v1/affiliate/payouts')[0]!;
      expect(call.body).to.deep.equal({ amount: 6050, currency: 'GBP' });
      expect(call.idempotencyKey).to.be.a('string').and.not.empty;
      expect((await requested).detail.payout.amount).to.equal(6050);
      expect(text(find(el, '[role="status"]'))).to.equal(
        'Payout of £60.50 requested. We will let you know when it is paid.',
      );
      expect(text(listRows(el, 'payouts')[0])).to.contain('Requested');
      await waitUntil(
        () => text(find(el, '#amount-hint'))?.startsWith('Available: £29.50'),
        'balances not reloaded',
      );
    });

    it('shows the server’s refusal of the amount beside the field (422)', async () => {
      const el = await affiliateEl(fake);
      await activeLoaded(el);
      await fill(el, 'amount', '20');
      await submitForm(el, 'payout-form');
      expect(fake.callsTo('POST /api/v1/affiliate/payouts')).to.have.length(1);
      expect(fieldError(el, 'amount')).to.equal('Below the minimum payout');
      expect($(el, 'input[name="amount"]').getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('amount');
    });

    it('checks the typed amount before sending, and explains a waiting payout', async () => {
      const el = await affiliateEl(fake);
      await activeLoaded(el);
      await fill(el, 'amount', '12.345');
      await submitForm(el, 'payout-form');
      expect(fieldError(el, 'amount')).to.equal('Too many decimals for this currency.');
      await fill(el, 'amount', 'abc');
      await submitForm(el, 'payout-form');
      expect(fieldError(el, 'amount')).to.equal('Enter an amount such as 12.50.');
      expect(fake.callsTo('POST /api/v1/affiliate/payouts')).to.have.length(0);
      fake.answer('POST /api/v1/affiliate/payouts', () =>
        problem(409, 'PAYOUT_PENDING', 'A payout of this currency is already waiting.'),
      );
      await fill(el, 'amount', '60');
      await submitForm(el, 'payout-form');
      expect(text(find(el, '[role="alert"]'))).to.equal(
        'A payout in this currency is already waiting. Wait until it is decided.',
      );
    });

    it('keeps the Idempotency-Key when the same payout is sent again after no answer', async () => {
      const el = await affiliateEl(fake);
      await activeLoaded(el);
      fake.answer('POST /api/v1/affiliate/payouts', () => Promise.reject(new TypeError('Failed to fetch')));
      await fill(el, 'amount', '60');
      await submitForm(el, 'payout-form');
      await submitForm(el, 'payout-form');
      const [first, second] = fake.callsTo('POST /api/v1/affiliate/payouts');
      expect(second!.idempotencyKey).to.equal(first!.idempotencyKey);
      expect(fake.payouts.filter((p) => p.status === 'requested')).to.have.length(1);
    });

    it('loads more of a list and focuses the first new row', async () => {
      const el = await affiliateEl(fake);
      await activeLoaded(el);
      const more = $<HTMLButtonElement>(el, '[part~="commissions"] [part~="more"]');
      more.click();
      await settled(el);
      expect(listRows(el, 'commissions')).to.have.length(3);
      expect(fake.callsTo('GET /api/v1/affiliate/commissions').at(-1)!.query).to.deep.equal({
        limit: '2',
        cursor: '2',
      });
      expect(find(el, '[part~="commissions"] [part~="more"]')).to.be.null;
      expect(el.shadowRoot!.activeElement?.getAttribute('data-row')).to.equal(fake.commissions[2]!.id);
      // The other lists keep their pages.
      expect(listRows(el, 'ledger')).to.have.length(2);
    });

    it('edits the payout details', async () => {
      const el = await affiliateEl(fake);
      await activeLoaded(el);
      button(el, 'Edit payout details').click();
      await el.updateComplete;
      expect($<HTMLTextAreaElement>(el, 'textarea[name="payoutDetails"]').value).to.equal(
        'PayPal: ada@example.com',
      );
      await fill(el, 'payoutDetails', 'IBAN GB00 0000');
      await submitForm(el, 'details-form');
      expect(fake.callsTo('PATCH /api/v1/affiliate')[0]!.body).to.deep.equal({
        payoutDetails: 'IBAN GB00 0000',
      });
      expect(text(find(el, '.payout-details'))).to.equal('IBAN GB00 0000');
      expect(text(find(el, '[role="status"]'))).to.equal('Payout details saved.');
      expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Edit payout details');
    });

    it('speaks Spanish', async () => {
      const el = await affiliateEl(fake, { lang: 'es' });
      await activeLoaded(el);
      expect(text(find(el, '[part="title"]'))).to.equal('Programa de afiliados');
      expect(text(find(el, '#link-title'))).to.equal('Tu enlace de referido');
      expect(all(el, '[part~="balances"] tbody td').map(text)[1]).to.match(/^90,00\sGBP$/);
      expect(text(find(el, '#commissions-title'))).to.equal('Comisiones');
      button(el, 'Copiar enlace');
    });
  });

  it('tells a contact that only the owner takes part (403 OWNER_ONLY)', async () => {
    fake.account.asContact('billing');
    const el = await affiliateEl(fake);
    await shows(el, '[part="not-allowed"]');
    expect(text(find(el, '[part="not-allowed"]'))).to.equal(
      'Only the account owner can take part in the affiliate programme.',
    );
    expect(find(el, '[part~="retry"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('says the programme is not available when the app is off for the account (404)', async () => {
    fake.affiliateAvailable = false;
    const el = await affiliateEl(fake);
    await shows(el, '[part="unavailable"]');
    expect(text(find(el, '[part="unavailable"]'))).to.equal(
      'The affiliate programme is not available to this account.',
    );
  });

  it('shows loading, then a load error with "Try again"', async () => {
    let release: (r: Response) => void = () => {};
    fake.answer('GET /api/v1/affiliate', () => new Promise<Response>((resolve) => (release = resolve)));
    const el = await affiliateEl(fake);
    await shows(el, '[part="loading"]');
    release(problem(500, 'INTERNAL', 'Something went wrong.'));
    await shows(el, '[part="load-error"]');
    button(el, 'Try again').click();
    await shows(el, '[part="join-form"]');
  });

  it('asks the signed-out to sign in', async () => {
    const el = await affiliateEl(fake, { signedInAs: null });
    expect(text(find(el, '[part="signed-out"]'))).to.equal('Sign in to continue.');
    expect(fake.callsTo('GET /api/v1/affiliate')).to.have.length(0);
  });

  it('drops one account’s programme when switching to another', async () => {
    fake.join();
    fake.account.addAccount({ id: 'acct_02', name: 'Difference Engines', role: 'owner' });
    const el = await affiliateEl(fake);
    await activeLoaded(el);
    fake.answer('GET /api/v1/affiliate', () => json(200, { programme: fake.programme, affiliate: null }));
    await el.client!.auth.switchAccount({ accountId: 'acct_02' });
    await shows(el, '[part="join-form"]');
    expect(find(el, 'input[name="link"]')).to.be.null;
  });

  it('never shows an answer for the account left while it was on its way', async () => {
    fake.join();
    fake.account.addAccount({ id: 'acct_02', name: 'Difference Engines', role: 'owner' });
    const el = await affiliateEl(fake);
    await activeLoaded(el);
    button(el, 'Edit payout details').click();
    await el.updateComplete;
    await fill(el, 'payoutDetails', 'IBAN GB00 0000');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.answer('PATCH /api/v1/affiliate', async () => {
      await held;
      return json(200, {
        programme: fake.programme,
        affiliate: { ...fake.affiliate!, payoutDetails: 'IBAN' },
      });
    });
    $<HTMLButtonElement>(el, '[part="details-form"] [type="submit"]').click();
    await el.updateComplete;
    fake.answer('GET /api/v1/affiliate', () => json(200, { programme: fake.programme, affiliate: null }));
    await el.client!.auth.switchAccount({ accountId: 'acct_02' });
    await shows(el, '[part="join-form"]');
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    // Difference Engines never joined: Analytical's link and balances are not theirs to see.
    expect(!!find(el, 'input[name="link"]'), 'shows the other account’s link').to.equal(false);
    expect(!!find(el, '[part="join-form"]'), 'join form').to.equal(true);
    expect(find(el, '[role="status"]')?.textContent ?? '').to.not.contain('Payout details saved.');
  });
});
