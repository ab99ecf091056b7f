import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Domain } from '@portico/sdk';
import { FakeMyDomains, inDomainsProvider, registrarError } from '../../../test/fake-my-domains.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button, settled } from '../../../test/helpers.js';
import type { PortalDomain, PortalRenewalInvoicedEvent } from './domain.js';

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

/** Noon (the reader's time) `days` days from today. */
const inDays = (days: number) => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 12).toISOString();
};

async function domainEl(
  fake: FakeMyDomains,
  domain: Domain | undefined,
  options: Parameters<typeof inDomainsProvider>[3] & { invoiceHref?: string } = {},
): Promise<PortalDomain> {
  const el = await inDomainsProvider<PortalDomain>(
    fake,
    html`<portal-domain
      domain-id=${domain?.id ?? ''}
      invoice-href=${options.invoiceHref ?? ''}
      login-href="/login"
    ></portal-domain>`,
    'portal-domain',
    options,
  );
  if (domain && options.signedInAs !== null) await loaded(el);
  return el;
}

async function loaded(el: PortalDomain) {
  await waitUntil(() =>
    el.shadowRoot!.querySelector('#domain-title, [part~="load-error"], [part="not-allowed"]'),
  );
  await el.updateComplete;
}

const all = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const nsInputs = (el: PortalDomain) => all(el, 'input[name^="ns-"]') as HTMLInputElement[];
const nsErrors = (el: PortalDomain) =>
  all(el, '.ns-rows li').map((li) => text(li.querySelector('.field-error')) ?? null);
const sectionAlert = (el: PortalDomain, section: string) =>
  text($(el, `[part~="${section}"] [role="alert"]`)) ?? '';

/** Types into the name server row `index` (0-based), as a person would. */
async function typeNs(el: PortalDomain, index: number, value: string) {
  const input = nsInputs(el)[index]!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function save(el: PortalDomain) {
  $<HTMLButtonElement>(el, '[part~="nameserver-form"] [type="submit"]').click();
  await el.updateComplete;
  await settled(el);
}

/** Replaces the clipboard for the test; returns what was copied. */
function stubClipboard(): { copied: string[]; restore: () => void } {
  const original = navigator.clipboard.writeText;
  const copied: string[] = [];
  navigator.clipboard.writeText = async (value: string) => {
    copied.push(value);
  };
  return { copied, restore: () => (navigator.clipboard.writeText = original) };
}

describe('<portal-domain>', () => {
  let fake: FakeMyDomains;
  const start = location.href;
  beforeEach(() => {
    fake = new FakeMyDomains();
    history.replaceState(null, '', start);
  });
  afterEach(() => {
    history.replaceState(null, '', start);
  });

  it('shows an active domain: name, status, dates, name servers, settings, transfer code and renewal', async () => {
    const dom = fake.addDomain({ domain: 'xn--bcher-kva.example', expiresAt: inDays(20), privacy: false });
    const el = await domainEl(fake, dom);
    expect(text($(el, '#domain-title'))).to.equal('bücher.example');
    expect(text($(el, '[part="ascii"]'))).to.equal('xn--bcher-kva.example');
    expect(text($(el, '[part="badge"]'))).to.equal('Active');
    const details = text($(el, '[part="details"]'))!;
    expect(details).to.contain('Registration');
    expect(details).to.contain('Registered');
    expect(details).to.contain('Expires in 20 days');
    expect(el.shadowRoot!.querySelector('[part="banner"]')).to.be.null;
    expect(nsInputs(el).map((i) => i.value)).to.deep.equal([
      'ns1.northwind.example',
      'ns2.northwind.example',
    ]);
    const switches = all(el, '[role="switch"]');
    expect(switches.map((s) => [s.id, s.getAttribute('aria-checked')])).to.deep.equal([
      ['privacy', 'false'],
      ['locked', 'true'],
      ['autoRenew', 'true'],
    ]);
    expect(button(el, 'Show transfer code')).to.exist;
    await waitUntil(() => el.shadowRoot!.querySelector('select[name="years"]'), 'no renewal form');
    const years = all(el, 'select[name="years"] option').map(text);
    expect(years).to.deep.equal(['1 year — £9.00']);
    expect(fake.callsTo('GET /api/v1/domains/tlds')[0]!.query).to.deep.equal({ currency: 'GBP' });
    await expect(el).to.be.accessible();
  });

  describe('banners', () => {
    it('pending: pay the order’s invoice, nothing to change yet', async () => {
      const dom = fake.addDomain({
        status: 'pending',
        invoiceId: 'inv_order',
        registeredAt: null,
        expiresAt: null,
      });
      const el = await domainEl(fake, dom, { invoiceHref: '/invoices' });
      expect(text($(el, '[part="banner"] p'))).to.equal(
        'This domain is waiting for its order to be paid. We register it as soon as the invoice is paid.',
      );
      expect($(el, '[part="pay"]').getAttribute('href')).to.equal('/invoices#invoice/inv_order');
      expect(text($(el, '[part="badge"]'))).to.equal('Awaiting payment');
      expect(nsInputs(el)).to.have.length(0);
      expect(all(el, '[role="switch"]')).to.have.length(0);
      expect(el.shadowRoot!.querySelector('[part="epp"]')).to.be.null;
      expect(el.shadowRoot!.querySelector('[part="renew"]')).to.be.null;
      expect(text($(el, '[part="nameservers"]'))).to.contain(
        'Settings can be changed once the domain is active.',
      );
      await expect(el).to.be.accessible();
    });

    it('provisioning: in progress, with a refresh that shows the new status', async () => {
      const dom = fake.addDomain({ status: 'provisioning', action: 'transfer', expiresAt: null });
      const el = await domainEl(fake, dom);
      expect(text($(el, '[part="banner"] p'))).to.equal(
        'Transfer in progress. It can take up to 7 days while the current registrar releases the domain.',
      );
      await expect(el).to.be.accessible();

      button(el, 'Refresh').click();
      await settled(el);
      expect(text($(el, '[part="banner"] [role="status"]'))).to.equal('Status checked: In progress.');

      dom.status = 'active';
      dom.expiresAt = inDays(365);
      button(el, 'Refresh').click();
      await settled(el);
      expect(el.shadowRoot!.querySelector('[part="banner"]')).to.be.null;
      expect(text($(el, '[part="badge"]'))).to.equal('Active');
      expect(text($(el, '.base > [role="status"]'))).to.equal('Status checked: Active.');
      expect(nsInputs(el)).to.have.length(2);
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'domain-title', 'focus not on the title');
    });

    it('failed: our team retries; no registrar internals', async () => {
      const dom = fake.addDomain({ status: 'failed', registeredAt: null, expiresAt: null });
      const el = await domainEl(fake, dom);
      expect(text($(el, '[part="banner"]'))).to.equal(
        'We could not complete the registration. Our team has been told and will retry it; you do not need to do anything.',
      );
      expect($(el, '[part="banner"]').classList.contains('bad')).to.be.true;
      expect(text($(el, '[part="badge"]'))).to.equal('Failed');
      await expect(el).to.be.accessible();
    });

    it('expired: renew now, settings read-only', async () => {
      const dom = fake.addDomain({ status: 'expired', expiresAt: inDays(-5), domain: 'lapsed.com' });
      const el = await domainEl(fake, dom);
      expect(text($(el, '[part="banner"]'))).to.match(
        /^This domain expired on .+\. Renew it now to keep it\.$/,
      );
      expect(all(el, '[role="switch"]')).to.have.length(0);
      expect(all(el, '.toggle .state').map(text)).to.deep.equal(['On', 'On', 'On']);
      expect(all(el, '.ns-list li').map(text)).to.deep.equal([
        'ns1.northwind.example',
        'ns2.northwind.example',
      ]);
      expect(el.shadowRoot!.querySelector('[part="epp"]')).to.be.null;
      await waitUntil(() => el.shadowRoot!.querySelector('select[name="years"]'), 'no renewal form');
      expect(all(el, 'select[name="years"] option').map(text)).to.deep.equal([
        '1 year — £12.00',
        '2 years — £23.00',
        '5 years — £55.00',
      ]);
      await expect(el).to.be.accessible();
    });

    it('cancelled: says so, nothing to do', async () => {
      const dom = fake.addDomain({ status: 'cancelled', registeredAt: null, expiresAt: null });
      const el = await domainEl(fake, dom);
      expect(text($(el, '[part="banner"]'))).to.equal('This order was cancelled before it was paid.');
      expect(el.shadowRoot!.querySelector('[part="renew"]')).to.be.null;
      await expect(el).to.be.accessible();
    });
  });

  describe('name servers', () => {
    it('refuses a list with one name server left, without asking the server', async () => {
      const dom = fake.addDomain();
      const el = await domainEl(fake, dom);
      await typeNs(el, 1, '');
      await save(el);
      expect(nsErrors(el)).to.deep.equal([null, 'At least 2 name servers are needed.']);
      expect(sectionAlert(el, 'nameservers')).to.equal('Check the name servers marked below.');
      expect(nsInputs(el)[1]!.getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal(nsInputs(el)[1]);
      // Remove is off at 2 rows.
      expect(all(el, '[part~="remove"]').every((b) => (b as HTMLButtonElement).disabled)).to.be.true;
      expect(fake.callsTo(`PUT /api/v1/domains/${dom.id}/nameservers`)).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('adds rows up to 13 and no more; removes down to 2', async () => {
      const dom = fake.addDomain();
      const el = await domainEl(fake, dom);
      const add = () => $<HTMLButtonElement>(el, '[part~="add"]');
      for (let i = 3; i <= 13; i++) {
        add().click();
        await el.updateComplete;
        await waitUntil(
          () => el.shadowRoot!.activeElement === nsInputs(el)[i - 1],
          'focus not on the new row',
        );
      }
      expect(nsInputs(el)).to.have.length(13);
      expect(add().disabled, 'a 14th cannot be added').to.be.true;
      expect(text($(el, '#ns-full'))).to.equal('At most 13 name servers.');
      expect(add().getAttribute('aria-describedby')).to.equal('ns-full');
      add().click();
      await el.updateComplete;
      expect(nsInputs(el)).to.have.length(13);
      expect(all(el, 'label[for^="ns-"]').at(-1)!.textContent?.trim()).to.equal('Name server 13');

      // An empty extra row asks to be filled or removed.
      await save(el);
      expect(nsErrors(el)[2]).to.equal('Enter a name server, or remove this row.');

      const removes = () => all(el, '[part~="remove"]') as HTMLButtonElement[];
      expect(removes()[2]!.getAttribute('aria-label')).to.equal('Remove name server 3');
      while (nsInputs(el).length > 2) {
        removes().at(-1)!.click();
        await el.updateComplete;
      }
      expect(removes().every((b) => b.disabled)).to.be.true;
      expect(add().disabled).to.be.false;
      expect(nsInputs(el).map((i) => i.value)).to.deep.equal([
        'ns1.northwind.example',
        'ns2.northwind.example',
      ]);
    });

    it('refuses a duplicate and bad host names, each with its own message', async () => {
      const dom = fake.addDomain();
      const el = await domainEl(fake, dom);
      for (let i = 0; i < 4; i++) {
        $<HTMLButtonElement>(el, '[part~="add"]').click();
        await el.updateComplete;
      }
      await typeNs(el, 1, 'NS1.northwind.example.');
      await typeNs(el, 2, 'ns1..example.com');
      await typeNs(el, 3, '-ns.example.com');
      await typeNs(el, 4, 'ns 1.example.com');
      await typeNs(el, 5, 'ns1');
      await save(el);
      expect(nsErrors(el)).to.deep.equal([
        null,
        'This name server is already listed.',
        'A host name cannot start with a dot or have two dots in a row.',
        'A part of a host name cannot start or end with a hyphen.',
        'A host name cannot contain spaces.',
        'Enter the whole host name, such as ns1.example.com.',
      ]);
      expect(fake.callsTo(`PUT /api/v1/domains/${dom.id}/nameservers`)).to.have.length(0);
      await expect(el).to.be.accessible();

      // Typing into a row clears its message.
      await typeNs(el, 2, 'ns3.example.com');
      expect(nsErrors(el)[2]).to.be.null;
    });

    it('accepts an internationalized host name, sends its ASCII form and shows the stored list', async () => {
      const dom = fake.addDomain();
      const el = await domainEl(fake, dom);
      const changed = oneEvent(el, 'portal-domain-changed');
      await typeNs(el, 0, 'ns1.bücher.example');
      await typeNs(el, 1, ' NS2.Example.NET ');
      await save(el);
      expect(fake.callsTo(`PUT /api/v1/domains/${dom.id}/nameservers`)[0]!.body).to.deep.equal({
        nameservers: ['ns1.xn--bcher-kva.example', 'ns2.example.net'],
      });
      expect(nsInputs(el).map((i) => i.value)).to.deep.equal([
        'ns1.xn--bcher-kva.example',
        'ns2.example.net',
      ]);
      expect(nsErrors(el)).to.deep.equal([null, null]);
      expect(text($(el, '[part~="nameservers"] [role="status"]'))).to.equal('Name servers saved.');
      expect((await changed).detail.domain.nameservers).to.deep.equal(dom.nameservers);
      expect(el.shadowRoot!.querySelector('[part~="undo"]')).to.be.null;
    });

    it('keeps the edits and explains when the registrar refuses', async () => {
      const dom = fake.addDomain();
      const el = await domainEl(fake, dom);
      $<HTMLButtonElement>(el, '[part~="add"]').click();
      await el.updateComplete;
      await typeNs(el, 2, 'ns3.example.net');
      fake.answer(`PUT /api/v1/domains/${dom.id}/nameservers`, registrarError);
      await save(el);
      expect(sectionAlert(el, 'nameservers')).to.equal(
        'The registrar did not accept the change, so nothing was changed. Try again in a moment, or contact support if it keeps happening.',
      );
      expect(nsInputs(el).map((i) => i.value)).to.deep.equal([
        'ns1.northwind.example',
        'ns2.northwind.example',
        'ns3.example.net',
      ]);
      expect(dom.nameservers).to.have.length(2);
      await expect(el).to.be.accessible();

      // Undo goes back to the stored list.
      button(el, 'Undo changes').click();
      await el.updateComplete;
      expect(nsInputs(el)).to.have.length(2);
    });

    it('puts the server’s field errors beside their rows', async () => {
      const dom = fake.addDomain();
      const el = await domainEl(fake, dom);
      fake.answer(`PUT /api/v1/domains/${dom.id}/nameservers`, () =>
        problem(400, 'VALIDATION_FAILED', 'The request body has invalid fields', [
          { path: 'nameservers.1', message: 'This host does not answer for the domain' },
        ]),
      );
      await save(el);
      expect(nsErrors(el)).to.deep.equal([null, 'This host does not answer for the domain']);
      expect(sectionAlert(el, 'nameservers')).to.equal('Check the name servers marked below.');
      expect(el.shadowRoot!.activeElement).to.equal(nsInputs(el)[1]);
    });
  });

  describe('settings', () => {
    it('turns a setting on with one request, disabled while it is saved', async () => {
      const dom = fake.addDomain({ privacy: false });
      const el = await domainEl(fake, dom);
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      fake.answer(`PUT /api/v1/domains/${dom.id}/privacy`, async () => {
        await held;
        dom.privacy = true;
        return json(200, dom);
      });
      const privacy = $<HTMLButtonElement>(el, '#privacy');
      privacy.click();
      await el.updateComplete;
      expect(privacy.getAttribute('aria-checked')).to.equal('true');
      expect(privacy.getAttribute('aria-disabled')).to.equal('true');
      privacy.click();
      await el.updateComplete;
      expect(privacy.getAttribute('aria-checked'), 'a second click while saving does nothing').to.equal(
        'true',
      );
      release();
      await waitUntil(() => privacy.getAttribute('aria-disabled') === 'false');
      expect(fake.callsTo(`PUT /api/v1/domains/${dom.id}/privacy`)).to.have.length(1);
      expect(privacy.getAttribute('aria-checked')).to.equal('true');
      expect(fake.callsTo(`PUT /api/v1/domains/${dom.id}/privacy`)[0]!.body).to.deep.equal({ enabled: true });
      expect(text($(el, '[part="settings"] > [role="status"]'))).to.equal('WHOIS privacy is on.');
      await expect(el).to.be.accessible();
    });

    it('goes back, with the reason beside it, when the registrar refuses', async () => {
      const dom = fake.addDomain({ locked: true });
      const el = await domainEl(fake, dom);
      fake.answer(`PUT /api/v1/domains/${dom.id}/lock`, registrarError);
      const errors: unknown[] = [];
      el.addEventListener('portal-error', (e) => errors.push(e.detail.action));
      const lock = $<HTMLButtonElement>(el, '#locked');
      lock.click();
      await waitUntil(() => text($(el, '#locked-error')), 'no error beside the switch');
      expect(lock.getAttribute('aria-checked')).to.equal('true');
      expect(text($(el, '#locked-error'))).to.contain('The registrar did not accept the change');
      expect(lock.getAttribute('aria-describedby')).to.equal('locked-hint locked-error');
      expect(errors).to.deep.equal(['setLock']);
      expect(dom.locked).to.be.true;
      await expect(el).to.be.accessible();

      // Trying again clears the message and works.
      lock.click();
      await waitUntil(() => lock.getAttribute('aria-busy') === 'false' && !dom.locked);
      expect(lock.getAttribute('aria-checked')).to.equal('false');
      expect(text($(el, '#locked-error'))).to.equal('');
    });

    it('reverts auto-renew when the domain is no longer active', async () => {
      const dom = fake.addDomain({ autoRenew: true });
      const el = await domainEl(fake, dom);
      dom.status = 'expired';
      $<HTMLButtonElement>(el, '#autoRenew').click();
      await waitUntil(() => text($(el, '#autoRenew-error')));
      expect($(el, '#autoRenew').getAttribute('aria-checked')).to.equal('true');
      expect(text($(el, '#autoRenew-error'))).to.equal(
        'This domain is not active, so it cannot be changed now.',
      );
    });
  });

  describe('transfer code', () => {
    it('shows the code with a Copy button and says the owner was told', async () => {
      const clipboard = stubClipboard();
      try {
        const dom = fake.addDomain({ domain: 'northwind.com' });
        const el = await domainEl(fake, dom);
        button(el, 'Show transfer code').click();
        await settled(el);
        const code = $<HTMLInputElement>(el, 'input[name="epp"]');
        expect(code.value).to.equal(fake.eppCode);
        expect(code.readOnly).to.be.true;
        expect(text($(el, 'label[for="epp"]'))).to.equal('Transfer code for northwind.com');
        expect(text($(el, '[part="epp"]'))).to.contain(
          'The account owner has been told that the code was viewed.',
        );
        expect(fake.callsTo(`POST /api/v1/domains/${dom.id}/epp-code`)).to.have.length(1);
        await expect(el).to.be.accessible();

        button(el, 'Copy').click();
        await waitUntil(() => clipboard.copied.length === 1);
        expect(clipboard.copied).to.deep.equal([fake.eppCode]);
        await waitUntil(() => text($(el, '[part="epp"] [role="status"]')) === 'Copied to the clipboard.');
      } finally {
        clipboard.restore();
      }
    });

    it('says when it was asked for too often', async () => {
      const dom = fake.addDomain();
      const el = await domainEl(fake, dom);
      fake.answer(`POST /api/v1/domains/${dom.id}/epp-code`, () =>
        problem(429, 'RATE_LIMITED', 'Too many requests.', undefined, { 'retry-after': '120' }),
      );
      button(el, 'Show transfer code').click();
      await settled(el);
      expect(sectionAlert(el, 'epp')).to.equal(
        'The transfer code was asked for too often. Try again in 120 s.',
      );
      expect(el.shadowRoot!.querySelector('input[name="epp"]')).to.be.null;
      await expect(el).to.be.accessible();
    });

    it('is hidden, with every change, from someone who may only read domains', async () => {
      fake.asContact(['domains:read']);
      const dom = fake.addDomain();
      const el = await domainEl(fake, dom);
      expect(text($(el, '[part="not-allowed"]'))).to.equal(
        'You can see this domain but not change it. Ask the account owner for access.',
      );
      expect(el.shadowRoot!.querySelector('[part="epp"]')).to.be.null;
      expect(all(el, '[role="switch"]')).to.have.length(0);
      expect(nsInputs(el)).to.have.length(0);
      expect(all(el, '.ns-list li')).to.have.length(2);
      expect(text($(el, '[part="renew"]'))).to.contain(
        'Renewing needs permission to pay invoices on this account.',
      );
      expect(fake.callsTo('GET /api/v1/domains/tlds')).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('renewal', () => {
    it('renews for the years chosen, reusing its Idempotency-Key when trying again after no answer', async () => {
      const dom = fake.addDomain({ status: 'expired', expiresAt: inDays(-2), domain: 'lapsed.com' });
      const el = await domainEl(fake, dom);
      await waitUntil(() => el.shadowRoot!.querySelector('select[name="years"]'));
      const select = $<HTMLSelectElement>(el, 'select[name="years"]');
      select.value = '2';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;

      const route = `POST /api/v1/domains/${dom.id}/renewals`;
      fake.answer(route, () => problem(503, 'UNAVAILABLE', 'The server is restarting.'));
      button(el, 'Renew').click();
      await settled(el);
      expect(sectionAlert(el, 'renew')).to.equal('The server is restarting.');

      const invoiced = oneEvent(el, 'portal-renewal-invoiced');
      button(el, 'Renew').click();
      await settled(el);
      const event = (await invoiced) as PortalRenewalInvoicedEvent;
      const calls = fake.callsTo(route);
      expect(calls.map((c) => c.body)).to.deep.equal([{ years: 2 }, { years: 2 }]);
      expect(calls[0]!.idempotencyKey).to.be.a('string').and.not.be.empty;
      expect(calls[1]!.idempotencyKey, 'the retry reuses the key').to.equal(calls[0]!.idempotencyKey);
      expect(event.detail.invoice.total).to.equal(2300);
      expect(event.detail.domain.renewalInvoiceId).to.equal(event.detail.invoice.id);
      expect(text($(el, '[part="renewed"]'))).to.equal(
        'Invoice INV-0001 for £23.00 is ready. Pay it to renew lapsed.com.',
      );
      expect(el.shadowRoot!.querySelector('[part="renew-form"]')).to.be.null;
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'renew-title', 'focus not on the renewal');
      await expect(el).to.be.accessible();
    });

    it('uses a new key after a refusal that changed nothing, or for another term', async () => {
      const dom = fake.addDomain();
      const el = await domainEl(fake, dom);
      await waitUntil(() => el.shadowRoot!.querySelector('select[name="years"]'));
      const route = `POST /api/v1/domains/${dom.id}/renewals`;
      fake.answer(route, () => problem(422, 'PRICE_UNAVAILABLE', 'There is no price for that term.'));
      button(el, 'Renew').click();
      await settled(el);
      expect(sectionAlert(el, 'renew')).to.equal(
        'Renewing for this many years is not offered. Pick another term.',
      );
      button(el, 'Renew').click();
      await settled(el);
      const keys = fake.callsTo(route).map((c) => c.idempotencyKey);
      expect(keys).to.have.length(2);
      expect(keys[1]).not.to.equal(keys[0]);
    });

    it('goes to invoice-href#invoice/<id> unless the event is cancelled', async () => {
      const dom = fake.addDomain({ domain: 'northwind.com' });
      const el = await domainEl(fake, dom, { invoiceHref: `${location.pathname}${location.search}` });
      await waitUntil(() => el.shadowRoot!.querySelector('select[name="years"]'));
      button(el, 'Renew').click();
      await waitUntil(() => location.hash.startsWith('#invoice/'), 'never went to the invoice');
      expect(location.hash).to.equal(`#invoice/${fake.invoices[0]!.id}`);
    });

    it('shows a waiting renewal invoice instead of the form', async () => {
      const dom = fake.addDomain({ renewalInvoiceId: 'inv_waiting' });
      const el = await domainEl(fake, dom, { invoiceHref: '/invoices' });
      expect(text($(el, '[part="renew"] [part="banner"] p'))).to.equal(
        'A renewal invoice is waiting to be paid.',
      );
      expect($(el, '[part="renew"] [part="pay"]').getAttribute('href')).to.equal(
        '/invoices#invoice/inv_waiting',
      );
      expect(el.shadowRoot!.querySelector('[part="renew-form"]')).to.be.null;
      await expect(el).to.be.accessible();
    });
  });

  it('opens the domain in the page’s #domain/<id> when it has no domain-id', async () => {
    const dom = fake.addDomain({ domain: 'northwind.com' });
    const other = fake.addDomain({ domain: 'other.com' });
    history.replaceState(null, '', `#domain/${dom.id}`);
    const el = await domainEl(fake, undefined);
    await loaded(el);
    expect(text($(el, '#domain-title'))).to.equal('northwind.com');
    location.hash = `#domain/${other.id}`;
    await waitUntil(() => text(el.shadowRoot!.querySelector('#domain-title')) === 'other.com');
  });

  it('says when there is no domain, when it cannot be found, and when signed out', async () => {
    const none = await domainEl(fake, undefined);
    expect(text($(none, '[part="empty"]'))).to.equal('No domain to show.');

    const missing = await inDomainsProvider<PortalDomain>(
      fake,
      html`<portal-domain domain-id="dom_gone"></portal-domain>`,
      'portal-domain',
    );
    await waitUntil(() => missing.shadowRoot!.querySelector('[part~="load-error"]'));
    expect(text($(missing, '[part~="load-error"] p'))).to.equal('There is no such domain.');
    expect(missing.shadowRoot!.querySelector('[part~="retry"]'), 'asking again cannot help').to.be.null;
    await expect(missing).to.be.accessible();

    const dom = fake.addDomain();
    const signedOut = await domainEl(fake, dom, { signedInAs: null });
    expect(text($(signedOut, '[part="signed-out"]'))).to.equal('Sign in to continue. Sign in');
    await expect(signedOut).to.be.accessible();
  });

  it('retries a failed load', async () => {
    const dom = fake.addDomain({ domain: 'northwind.com' });
    fake.answer(`GET /api/v1/domains/${dom.id}`, () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
    const el = await inDomainsProvider<PortalDomain>(
      fake,
      html`<portal-domain domain-id=${dom.id}></portal-domain>`,
      'portal-domain',
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="load-error"]'));
    button(el, 'Try again').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#domain-title'), 'never loaded');
    expect(text($(el, '#domain-title'))).to.equal('northwind.com');
  });

  it('speaks Spanish', async () => {
    const dom = fake.addDomain({ status: 'expired', expiresAt: inDays(-3) });
    const el = await domainEl(fake, dom, { lang: 'es' });
    expect(text($(el, '[part="badge"]'))).to.equal('Caducado');
    expect(text($(el, '[part="banner"]'))).to.match(
      /^Este dominio caducó el .+\. Renuévalo ahora para conservarlo\.$/,
    );
    expect(text($(el, '#ns-title'))).to.equal('Servidores de nombres');
    await waitUntil(() => el.shadowRoot!.querySelector('select[name="years"]'));
    expect(all(el, 'select[name="years"] option').map(text)[1]).to.equal('2 años — 23,00 GBP');
    await expect(el).to.be.accessible();

    const active = fake.addDomain();
    el.domainId = active.id;
    await loaded(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="add"]'));
    await typeNs(el, 0, 'ns1..example');
    await save(el);
    expect(nsErrors(el)[0]).to.equal(
      'Un nombre de host no puede empezar por un punto ni tener dos puntos seguidos.',
    );
    expect(text($(el, '#privacy-label'))).to.equal('Privacidad WHOIS');
  });
});
