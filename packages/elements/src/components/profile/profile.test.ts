import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakeAccount, inAccountProvider } from '../../../test/fake-account.js';
import { problem } from '../../../test/fake-portal.js';
import { $, alertText, button, input, settled, type } from '../../../test/helpers.js';
import type { PortalErrorEvent } from '../../lib/events.js';
import type { PortalProfile, PortalProfileSavedEvent } from './profile.js';

const profile = (account: FakeAccount, options: Parameters<typeof inAccountProvider>[3] = {}) =>
  inAccountProvider<PortalProfile>(
    account,
    html`<portal-profile login-href="/login"></portal-profile>`,
    'portal-profile',
    options,
  );

/** Waits for the profile to load. */
async function loaded(el: PortalProfile) {
  await waitUntil(() => el.shadowRoot!.querySelector('form'), 'profile never loaded');
  await el.updateComplete;
}

const select = (el: PortalProfile, name: string) => $<HTMLSelectElement>(el, `select[name="${name}"]`);

/** Picks `value` in the select named `name`, as a person would. */
async function choose(el: PortalProfile, name: string, value: string) {
  const field = select(el, name);
  field.value = value;
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Submits the form whose submit button reads `label`. */
async function save(el: PortalProfile, label: string) {
  button(el, label).click();
  await settled(el);
}

const statusText = (el: PortalProfile) => $(el, '[role="status"]').textContent?.trim() ?? '';
const fieldError = (el: PortalProfile, name: string) =>
  el.shadowRoot!.querySelector(`#${name.replace('.', '-')}-error`)?.textContent?.trim();

describe('<portal-profile>', () => {
  let account: FakeAccount;
  beforeEach(() => {
    account = new FakeAccount();
  });

  it("shows your details, your email and the account's details", async () => {
    const el = await profile(account);
    await loaded(el);
    await waitUntil(() => select(el, 'locale').options.length === 2, 'the portal languages never came');
    expect(input(el, 'name').value).to.equal('Ada Lovelace');
    expect([...select(el, 'locale').options].map((o) => [o.value, o.textContent?.trim()])).to.deep.equal([
      ['en', 'English'],
      ['es', 'Español'],
    ]);
    expect(select(el, 'locale').value).to.equal('en');
    expect($(el, '[part~="email"]').textContent).to.contain('ada@example.com').and.contain('Verified');
    expect(input(el, 'accountName').value).to.equal('Analytical Engines Ltd');
    expect(input(el, 'phone').value).to.equal('+44 20 7946 0000');
    expect(input(el, 'address.city').value).to.equal('London');
    expect(select(el, 'address.country').value).to.equal('GB');
    expect(select(el, 'address.country').selectedOptions[0]?.textContent?.trim()).to.equal('United Kingdom');
    expect(select(el, 'currency').value).to.equal('GBP');
    expect(select(el, 'currency').selectedOptions[0]?.textContent?.trim()).to.equal('GBP · British Pound');
    expect(input(el, 'accountName').required, 'an account always needs a name').to.be.true;
    expect(input(el, 'company').required).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('saves only what changed in your details', async () => {
    const el = await profile(account);
    await loaded(el);
    await save(el, 'Save your details');
    expect(statusText(el)).to.equal('Nothing has changed.');
    expect(account.callsTo('PATCH /api/v1/me')).to.have.length(0);
    await type(el, 'name', '  Ada King ');
    await save(el, 'Save your details');
    expect(account.callsTo('PATCH /api/v1/me').map((c) => c.body)).to.deep.equal([{ name: 'Ada King' }]);
    expect(statusText(el)).to.equal('Your details are saved.');
    await type(el, 'name', ' ');
    await save(el, 'Save your details');
    expect(fieldError(el, 'name')).to.equal('Fill in this field.');
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'name'));
  });

  it('switches the elements to the preferred language once saved (the provider has no lang)', async () => {
    const el = await profile(account, { lang: null });
    await loaded(el);
    await waitUntil(() => select(el, 'locale').options.length === 2, 'the portal languages never came');
    await choose(el, 'locale', 'es');
    await save(el, 'Save your details');
    expect(account.callsTo('PATCH /api/v1/me').map((c) => c.body)).to.deep.equal([{ locale: 'es' }]);
    await waitUntil(() => el.resolvedLocale === 'es', 'the language did not follow the preference');
    await el.updateComplete;
    expect($(el, '[part="title"]').textContent).to.equal('Perfil');
    expect(statusText(el)).to.equal('Tus datos se han guardado.');
  });

  it("saves only the account's fields that changed, the address whole", async () => {
    const el = await profile(account);
    await loaded(el);
    await save(el, 'Save account details');
    expect(statusText(el)).to.equal('Nothing has changed.');
    await type(el, 'company', '');
    await type(el, 'address.postcode', 'SW1Y 4JJ');
    await choose(el, 'currency', 'EUR');
    await save(el, 'Save account details');
    expect(account.callsTo('PATCH /api/v1/profile').map((c) => c.body)).to.deep.equal([
      {
        company: null,
        address: {
          line1: '12 St James’s Square',
          line2: '',
          city: 'London',
          state: '',
          postcode: 'SW1Y 4JJ',
          country: 'GB',
        },
        currency: 'EUR',
      },
    ]);
    expect(statusText(el)).to.equal('The account details are saved.');
    expect(account.details.acct_01!.currency).to.equal('EUR');
    expect(input(el, 'company').value).to.equal('');
  });

  it("shows the server's field errors beside their fields and explains known codes", async () => {
    const el = await profile(account);
    await loaded(el);
    const errors: PortalErrorEvent[] = [];
    el.addEventListener('portal-error', (event) => errors.push(event));
    await type(el, 'phone', 'call me maybe');
    await save(el, 'Save account details');
    expect(fieldError(el, 'phone')).to.equal('Use digits, spaces and + ( ) - . / only');
    expect(input(el, 'phone').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'phone').getAttribute('aria-describedby')).to.equal('phone-error');
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'phone'));
    expect(alertText(el)).to.equal('');
    expect(errors.map((e) => e.detail.action)).to.deep.equal(['updateProfile']);
    await type(el, 'phone', '+44 20 7946 0001');
    account.currencies = ['GBP'];
    await choose(el, 'currency', 'USD');
    await save(el, 'Save account details');
    expect(fieldError(el, 'currency')).to.equal('This currency is not available. Pick another.');
    await expect(el).to.be.accessible();
  });

  it('marks required fields and flags the missing ones with a banner', async () => {
    account.requiredFields = ['company', 'address'];
    account.details.acct_01!.company = null;
    account.details.acct_01!.address = { line1: '', city: 'London', country: '' };
    const el = await profile(account);
    await loaded(el);
    expect($(el, '[part="missing"]').textContent?.trim()).to.equal(
      'These details are needed before you continue: Company and Address.',
    );
    expect(input(el, 'company').required).to.be.true;
    expect(input(el, 'address.line1').required).to.be.true;
    expect(input(el, 'address.city').required).to.be.true;
    expect(select(el, 'address.country').required).to.be.true;
    expect(input(el, 'address.postcode').required).to.be.false;
    expect($(el, '#company-hint').textContent).to.equal('Needed to continue.');
    expect($(el, '#address-line1-hint').textContent).to.equal('Needed to continue.');
    expect(el.shadowRoot!.querySelector('#address-city-hint'), 'the city is filled').to.be.null;
    await expect(el).to.be.accessible();
    // Checked before asking the server.
    await save(el, 'Save account details');
    expect(fieldError(el, 'company')).to.equal('Fill in this field.');
    expect(account.callsTo('PATCH /api/v1/profile')).to.have.length(0);
  });

  it('is read-only with a note for someone who may not change the profile', async () => {
    account.asContact('technical');
    const el = await profile(account);
    await loaded(el);
    expect($(el, '[part="read-only"]').textContent).to.contain('Only the account owner');
    expect(input(el, 'accountName').readOnly).to.be.true;
    expect(select(el, 'currency').disabled).to.be.true;
    expect(() => button(el, 'Save account details')).to.throw();
    // Their own details stay theirs.
    expect(input(el, 'name').readOnly).to.be.false;
    await expect(el).to.be.accessible();
  });

  it("keeps your own details for someone who may not see the account's", async () => {
    account.asContact('custom', ['billing:read']);
    const el = await profile(account);
    await loaded(el);
    expect(input(el, 'name').value).to.equal('Ada Lovelace');
    expect($(el, '[part="read-only"]').textContent?.trim()).to.equal(
      "You don't have access to this account's details.",
    );
    expect(el.shadowRoot!.querySelector('[name="accountName"]')).to.be.null;
  });

  it('changes the email with the password and a code sent to the new address', async () => {
    const el = await profile(account);
    await loaded(el);
    button(el, 'Change email').click();
    await el.updateComplete;
    await waitUntil(
      () => el.shadowRoot!.activeElement === input(el, 'password'),
      'focus not on the password',
    );
    await type(el, 'password', 'wrong');
    await type(el, 'email', 'ada@lovelace.example');
    await save(el, 'Send code');
    expect(fieldError(el, 'password')).to.equal("That password isn't right.");
    await type(el, 'password', 'analytical engine');
    await save(el, 'Send code');
    expect(account.callsTo('POST /api/v1/me/email').at(-1)!.body).to.deep.equal({
      password: 'analytical engine',
      email: 'ada@lovelace.example',
    });
    expect($(el, '[part~="email-change"]').textContent).to.contain(
      'We sent a 6-digit code to ada@lovelace.example.',
    );
    await waitUntil(() => el.shadowRoot!.activeElement === input(el, 'code'), 'focus not on the code');
    await expect(el).to.be.accessible();
    await type(el, 'code', '000000');
    await save(el, 'Confirm new email');
    expect(fieldError(el, 'code')).to.equal('That code is not valid.');
    await type(el, 'code', '123 456');
    await save(el, 'Confirm new email');
    expect(account.callsTo('POST /api/v1/me/email/confirm').at(-1)!.body).to.deep.equal({
      email: 'ada@lovelace.example',
      code: '123456',
    });
    expect(statusText(el)).to.equal('Your email is now ada@lovelace.example.');
    expect($(el, '[part~="email"]').textContent).to.contain('ada@lovelace.example');
    expect(el.shadowRoot!.querySelector('[part~="email-change"]')).to.be.null;
  });

  it('explains that a login without a password cannot change its email here', async () => {
    account.hasPassword = false;
    const el = await profile(account);
    await loaded(el);
    expect($(el, '[part~="email"]').textContent).to.contain('Your login has no password yet.');
    expect(() => button(el, 'Change email')).to.throw();
  });

  it('asks only for the missing fields when complete, and refreshes the session once saved', async () => {
    account.requiredFields = ['phone', 'address'];
    account.details.acct_01!.phone = null;
    const el = await inAccountProvider<PortalProfile>(
      account,
      html`<portal-profile complete></portal-profile>`,
      'portal-profile',
    );
    await loaded(el);
    expect($(el, '[part="title"]').textContent).to.equal('Complete your profile');
    const names = [...el.shadowRoot!.querySelectorAll('input, select')].map((f) => f.getAttribute('name'));
    expect(names).to.deep.equal(['phone']);
    await expect(el).to.be.accessible();
    await type(el, 'phone', '+44 20 7946 0000');
    const saved = oneEvent(el, 'portal-profile-saved') as Promise<PortalProfileSavedEvent>;
    const sessions = account.portal.callsTo('/api/v1/auth/session').length;
    await save(el, 'Save and continue');
    expect((await saved).detail.missingFields).to.deep.equal([]);
    expect(account.callsTo('PATCH /api/v1/profile').map((c) => c.body)).to.deep.equal([
      { phone: '+44 20 7946 0000' },
    ]);
    await waitUntil(() => el.sessionState.session?.profileMissing.length === 0, 'session not refreshed');
    expect(account.portal.callsTo('/api/v1/auth/session').length).to.equal(sessions + 1);
  });

  it('shows the sign-in link when signed out', async () => {
    const el = await profile(account, { signedInAs: null });
    expect($(el, '[part="signed-out"]').textContent).to.contain('Sign in to continue.');
    expect($<HTMLAnchorElement>(el, '[part="signed-out"] a').getAttribute('href')).to.equal('/login');
    expect(account.callsTo('/api/v1/profile')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('reports a profile that could not be loaded, and loads it on "Try again"', async () => {
    account.answer('GET /api/v1/profile', () => problem(500, 'INTERNAL', 'Something broke.'));
    const errors: PortalErrorEvent[] = [];
    const record = (event: PortalErrorEvent) => errors.push(event);
    document.addEventListener('portal-error', record);
    try {
      const el = await profile(account);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="load-error"]'), 'no load error');
      expect($(el, '[part="load-error"]').textContent).to.contain('Something broke.');
      expect(errors.map((e) => e.detail.action)).to.deep.equal(['getProfile']);
      await expect(el).to.be.accessible();
      button(el, 'Try again').click();
      await loaded(el);
      expect(input(el, 'accountName').value).to.equal('Analytical Engines Ltd');
    } finally {
      document.removeEventListener('portal-error', record);
    }
  });

  it('speaks Spanish, in the dark theme too', async () => {
    const el = await inAccountProvider<PortalProfile>(
      account,
      html`<portal-profile theme="dark"></portal-profile>`,
      'portal-profile',
      { lang: 'es' },
    );
    await loaded(el);
    expect($(el, 'label[for="accountName"]').textContent).to.contain('Nombre de la cuenta');
    expect(select(el, 'address.country').selectedOptions[0]?.textContent?.trim()).to.equal('Reino Unido');
    await expect(el).to.be.accessible();
  });

  it('loads the other account after a switch', async () => {
    account.addAccount({ id: 'acct_02', name: 'Difference Engines', role: 'owner' }, { company: 'DE Co' });
    const el = await profile(account);
    await loaded(el);
    await el.client!.auth.switchAccount({ accountId: 'acct_02' });
    await waitUntil(
      () =>
        el.shadowRoot!.querySelector<HTMLInputElement>('[name="accountName"]')?.value ===
        'Difference Engines',
      'not reloaded',
    );
    expect(input(el, 'company').value).to.equal('DE Co');
  });
});
