import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminDomains } from '../../../test/fake-admin-domains.js';
import { fill, mountPage, noticeText, problem, rows, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminTlds } from './admin-tlds.js';

const mount = (fake: FakeAdminDomains, as = 'grace@example.com') =>
  mountPage<PortalAdminTlds>(
    html`<portal-admin-tlds .client=${fake.client()} .session=${fake.signIn(as)}></portal-admin-tlds>`,
    fake,
    { as },
  );

const cell = (el: PortalAdminTlds, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`);
const rowOf = (el: PortalAdminTlds, tld: string) =>
  rows(el).find((r) => r.querySelector('th')?.textContent?.trim().startsWith(`.${tld}`))!;
const press = async (el: PortalAdminTlds, label: string) => {
  $<HTMLButtonElement>(el, `[aria-label="${label}"]`).click();
  await el.updateComplete;
};
const pricesPut = (fake: FakeAdminDomains, tld: string) =>
  fake.callsTo(`/api/admin/v1/domains/tlds/${tld}/prices`, 'PUT');

describe('<portal-admin-tlds>', () => {
  let fake: FakeAdminDomains;
  beforeEach(() => {
    fake = new FakeAdminDomains();
  });

  it('lists the TLDs in store order with registrar, availability, domains and 1-year prices', async () => {
    fake.tld('net').position = 5;
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('TLDs & pricing');
    expect(rows(el).map((r) => r.querySelector('th')?.textContent?.trim())).to.deep.equal([
      '.net',
      '.com',
      '.dev',
      '.рф (.xn--p1ai)',
    ]);
    const com = rowOf(el, 'com').textContent ?? '';
    expect(com).to.contain('On sale');
    expect(com).to.contain('Local registrar');
    expect(com).to.contain('The registrar');
    expect(com).to.contain('$12.00');
    expect(com).to.contain('€11.00');
    expect(rowOf(el, 'com').querySelector('td.num')?.textContent?.trim()).to.equal('2');
    const dev = rowOf(el, 'dev').textContent ?? '';
    expect(dev).to.contain('RDAP');
    expect(dev).to.contain('https://rdap.nic.google/');
    expect(rowOf(el, 'net').textContent).to.contain('OpenReg');
    expect(rowOf(el, 'net').textContent).to.contain('No price');
    expect(rowOf(el, 'рф').textContent).to.contain('Disabled');
    await expect(el).to.be.accessible();
  });

  it('says when there are no TLDs, and when they cannot load', async () => {
    fake.tlds.length = 0;
    const el = await mount(fake);
    expect($(el, '[part~="empty"]').textContent).to.contain('No TLDs yet.');

    fake.answer('GET /api/admin/v1/domains/tlds', () => problem(503, 'INTERNAL', 'Down for maintenance.'));
    const failed = await mount(fake);
    expect($(failed, '[part~="load-error"]').textContent).to.contain('Down for maintenance.');
    await expect(failed).to.be.accessible();
    button(failed, 'Try again').click();
    await waitUntil(() => failed.shadowRoot!.querySelector('[part~="empty"]'), 'never loaded again');
  });

  it('adds a TLD checked as the contract checks it, sent in its ASCII form, then opens its prices', async () => {
    const el = await mount(fake);
    button(el, 'Add a TLD').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('tld');
    await fill(el, 'tld', '-bad-');
    await submitFormOf(el, 'tld');
    expect($(el, '#tld-error').textContent).to.equal('Enter an ending such as com or co.uk.');
    expect(fake.callsTo('/api/admin/v1/domains/tlds', 'POST')).to.have.length(0);
    await expect(el).to.be.accessible();

    await fill(el, 'tld', '.COM');
    await submitFormOf(el, 'tld');
    await settled(el);
    expect($(el, '#tld-error').textContent).to.equal('.com is already listed.');
    expect(alertText(el)).to.equal('');

    await fill(el, 'tld', '.онлайн');
    await fill(el, 'availability', 'rdap');
    await fill(el, 'position', '15');
    await fill(el, 'enabled', false);
    await submitFormOf(el, 'tld');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/domains/tlds', 'POST').at(-1)?.body).to.deep.equal({
      tld: 'xn--80asehdb',
      registrar: 'local',
      availability: 'rdap',
      enabled: false,
      position: 15,
    });
    await waitUntil(() => noticeText(el).includes('.онлайн was added. Set its prices next.'));
    expect($(el, '#editor-title').textContent).to.equal('Prices of .онлайн');
    expect(rows(el).map((r) => r.querySelector('th')?.textContent?.trim())).to.include(
      '.онлайн (.xn--80asehdb)',
    );
  });

  it('edits the registrar, availability and position, sending only what changed', async () => {
    const el = await mount(fake);
    await press(el, 'Edit .net');
    expect($<HTMLSelectElement>(el, '[name="registrar"]').value).to.equal('openreg');
    const options = [...el.shadowRoot!.querySelectorAll('[name="registrar"] option')].map(
      (o) => o.textContent,
    );
    expect(options).to.deep.equal(['Choose a registrar', 'Local registrar', 'OpenReg']);
    await fill(el, 'registrar', 'local');
    await fill(el, 'availability', 'rdap');
    expect(el.shadowRoot!.textContent).to.contain('No RDAP server is known for it');
    await fill(el, 'position', 'first');
    await submitFormOf(el, 'registrar');
    expect($(el, '#position-error').textContent).to.equal('Enter a whole number from 0 to 100000.');
    await fill(el, 'position', '30');
    await submitFormOf(el, 'registrar');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/domains/tlds/net', 'PATCH')[0]?.body).to.deep.equal({
      registrar: 'local',
      availability: 'rdap',
    });
    await waitUntil(() => noticeText(el) === '.net was saved.');
    expect(rowOf(el, 'net').textContent).to.contain('Local registrar');
  });

  it('disables and enables a TLD', async () => {
    const el = await mount(fake);
    await press(el, 'Disable .com');
    await waitUntil(() => noticeText(el) === '.com is disabled: nobody can order it now.');
    expect(fake.callsTo('/api/admin/v1/domains/tlds/com', 'PATCH')[0]?.body).to.deep.equal({
      enabled: false,
    });
    expect(rowOf(el, 'com').textContent).to.contain('Disabled');
    await press(el, 'Enable .com');
    await waitUntil(() => noticeText(el) === '.com is on sale.');
    expect(fake.tld('com').enabled).to.be.true;
  });

  it('explains that a TLD domains use cannot be removed, and removes one they do not', async () => {
    const el = await mount(fake);
    await press(el, 'Remove .com');
    expect($(el, 'dialog').textContent).to.contain('Remove .com?');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => alertText(el) === 'Domains use .com, so it cannot be removed: disable it instead.');
    expect(fake.tlds.some((t) => t.tld === 'com')).to.be.true;

    await press(el, 'Remove .рф');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el) === '.рф was removed.', 'never removed');
    expect(rows(el)).to.have.length(3);
  });

  it('edits a price grid, fills a row from its 1-year price, and saves it in minor units', async () => {
    const el = await mount(fake);
    await press(el, 'Prices of .com');
    expect($<HTMLSelectElement>(el, '[name="currency"]').value).to.equal('USD');
    expect(cell(el, 'prices.register.1').value).to.equal('12.00');
    expect(cell(el, 'prices.renew.10').value).to.equal('120.00');
    expect(cell(el, 'prices.transfer.2').value).to.equal('');
    expect(cell(el, 'prices.register.3').getAttribute('aria-label')).to.equal('Register for 3 years in USD');
    await expect(el).to.be.accessible();

    await fill(el, 'prices.register.1', '9.99');
    await press(el, 'Fill from 1 year: Register');
    expect(cell(el, 'prices.register.2').value).to.equal('19.98');
    expect(cell(el, 'prices.register.10').value).to.equal('99.90');
    for (let years = 3; years <= 10; years++) await fill(el, `prices.renew.${years}`, '');
    await fill(el, 'prices.renew.2', '25');
    await fill(el, 'prices.transfer.1', '8,5');
    await submitFormOf(el, 'prices.register.1');
    await settled(el);

    const [put] = pricesPut(fake, 'com');
    expect(put?.body).to.deep.equal({
      currency: 'USD',
      prices: [
        ...Array.from({ length: 10 }, (_, i) => ({
          action: 'register',
          years: i + 1,
          amount: 999 * (i + 1),
        })),
        { action: 'renew', years: 1, amount: 1200 },
        { action: 'renew', years: 2, amount: 2500 },
        { action: 'transfer', years: 1, amount: 850 },
      ],
    });
    await waitUntil(() => noticeText(el) === 'The USD prices of .com were saved.');
    // The EUR grid is untouched, and the table shows the new 1-year price.
    expect(fake.tld('com').prices.filter((p) => p.currency === 'EUR')).to.have.length(21);
    expect(rowOf(el, 'com').textContent).to.contain('$9.99');
    expect(cell(el, 'prices.transfer.1').value).to.equal('8.50');
  });

  it('prices a zero-decimal currency (JPY) in whole yen, and refuses decimals', async () => {
    fake.settings.enabledCurrencies.push('JPY');
    const el = await mount(fake);
    await press(el, 'Prices of .net');
    await fill(el, 'currency', 'JPY');
    await press(el, 'Fill from 1 year: Register');
    expect($(el, '#prices-register-1-error').textContent).to.equal('Enter the 1-year price first.');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('prices.register.1');

    await fill(el, 'prices.register.1', '1,500');
    await press(el, 'Fill from 1 year: Register');
    expect(cell(el, 'prices.register.4').value).to.equal('6000');
    await fill(el, 'prices.renew.1', '1500.5');
    await submitFormOf(el, 'prices.register.1');
    expect($(el, '#prices-renew-1-error').textContent).to.equal('Too many decimals for JPY.');
    expect(pricesPut(fake, 'net')).to.have.length(0);
    await expect(el).to.be.accessible();

    await fill(el, 'prices.renew.1', '1600');
    await submitFormOf(el, 'prices.register.1');
    await settled(el);
    expect(pricesPut(fake, 'net')[0]?.body).to.deep.equal({
      currency: 'JPY',
      prices: [
        ...Array.from({ length: 10 }, (_, i) => ({
          action: 'register',
          years: i + 1,
          amount: 1500 * (i + 1),
        })),
        { action: 'renew', years: 1, amount: 1600 },
      ],
    });
    await waitUntil(() => noticeText(el) === 'The JPY prices of .net were saved.');
    expect(rowOf(el, 'net').textContent).to.contain('¥1,500');
  });

  it('shows the server’s refusal beside the cell it is about', async () => {
    fake.answer('PUT /api/admin/v1/domains/tlds/dev/prices', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'prices.1.amount', message: 'The amount is too large' },
      ]),
    );
    const el = await mount(fake);
    await press(el, 'Prices of .dev');
    await fill(el, 'prices.transfer.1', '20');
    await fill(el, 'prices.transfer.2', '40');
    for (let years = 1; years <= 10; years++) {
      await fill(el, `prices.register.${years}`, '');
      await fill(el, `prices.renew.${years}`, '');
    }
    await submitFormOf(el, 'prices.transfer.1');
    await settled(el);
    expect($(el, '#prices-transfer-2-error').textContent).to.equal('The amount is too large');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('prices.transfer.2');
  });

  it('lets billing staff, who cannot read the enabled currencies, price in another currency', async () => {
    fake.settings.enabledCurrencies.push('GBP');
    const el = await mount(fake, 'bill@example.com');
    expect(fake.callsTo('/api/admin/v1/settings')).to.have.length(0);
    await press(el, 'Prices of .dev');
    const currencies = [...el.shadowRoot!.querySelectorAll('[name="currency"] option')].map(
      (o) => o.textContent,
    );
    expect(currencies).to.deep.equal(['USD', 'EUR']);
    await fill(el, 'newCurrency', 'gb');
    button(el, 'Use').click();
    await el.updateComplete;
    expect($(el, '#newCurrency-error').textContent).to.equal('Use a 3-letter currency code such as USD.');
    await fill(el, 'newCurrency', 'gbp');
    button(el, 'Use').click();
    await el.updateComplete;
    expect($<HTMLSelectElement>(el, '[name="currency"]').value).to.equal('GBP');
    expect(cell(el, 'prices.register.1').value).to.equal('');
    await fill(el, 'prices.register.1', '10');
    await submitFormOf(el, 'prices.register.1');
    await settled(el);
    expect(pricesPut(fake, 'dev')[0]?.body).to.deep.equal({
      currency: 'GBP',
      prices: [{ action: 'register', years: 1, amount: 1000 }],
    });
  });

  it('shows support staff the TLDs and their prices, read-only', async () => {
    const el = await mount(fake, 'sam@example.com');
    expect(el.shadowRoot!.textContent).to.contain(
      'Your role can see the TLDs and their prices but not change them.',
    );
    const labels = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(labels).to.deep.equal(['Prices', 'Prices', 'Prices', 'Prices']);
    await press(el, 'Prices of .com');
    expect(cell(el, 'prices.register.1').value).to.equal('12.00');
    expect(cell(el, 'prices.register.1').matches(':disabled')).to.be.true;
    expect(el.shadowRoot!.querySelector('button[type="submit"]') === null).to.be.true;
    expect(el.shadowRoot!.querySelector('[part~="fill"]') === null).to.be.true;
    await expect(el).to.be.accessible();
    button(el, 'Close').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[name="prices.register.1"]') === null).to.be.true;
  });
});
