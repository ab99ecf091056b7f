import { expect, html } from '@open-wc/testing';
import { FakeAdminDomains } from '../../../test/fake-admin-domains.js';
import { fill, mountPage, noticeText, problem, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminDomainSettings } from './admin-domain-settings.js';

const mount = (fake: FakeAdminDomains, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminDomainSettings>(
    html`<portal-admin-domain-settings .client=${fake.client()} .session=${fake.signIn(as)} lang=${lang}></portal-admin-domain-settings>`,
    fake,
    { as },
  );

const input = (el: PortalAdminDomainSettings, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`);
const patches = (fake: FakeAdminDomains) => fake.callsTo('/api/admin/v1/domains/settings', 'PATCH');
const nameserverCount = (el: PortalAdminDomainSettings) =>
  el.shadowRoot!.querySelectorAll('[name^="nameservers."]').length;

describe('<portal-admin-domain-settings>', () => {
  let fake: FakeAdminDomains;
  beforeEach(() => {
    fake = new FakeAdminDomains();
  });

  it('shows the default name servers, the renewal lead time and privacy', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Domain settings');
    expect(input(el, 'nameservers.0').value).to.equal('ns1.portico.test');
    expect(input(el, 'nameservers.1').value).to.equal('ns2.portico.test');
    expect(input(el, 'renewalLeadDays').value).to.equal('30');
    expect(input(el, 'privacyByDefault').checked).to.be.true;
    // Two is the least: no row can be removed yet.
    expect(el.shadowRoot!.querySelector('[aria-label^="Remove name server"]') === null).to.be.true;
    expect($(el, '[part~="save"]').textContent).to.contain('No unsaved changes.');
    await expect(el).to.be.accessible();
  });

  it('checks each name server as a registry would, and the counts and days, before sending', async () => {
    const el = await mount(fake);
    button(el, 'Add a name server').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('nameservers.2');
    await fill(el, 'nameservers.0', 'ns1..portico.test');
    await fill(el, 'nameservers.1', 'ns-.portico.test');
    await fill(el, 'nameservers.2', 'NS2.portico.test');
    await fill(el, 'renewalLeadDays', '0');
    await submitFormOf(el, 'renewalLeadDays');
    expect($(el, '#nameservers-0-error').textContent).to.equal(
      'A host name cannot start with a dot or have two dots in a row.',
    );
    expect($(el, '#nameservers-1-error').textContent).to.equal(
      'A part of a host name cannot start or end with a hyphen.',
    );
    expect(el.shadowRoot!.querySelector('#nameservers-2-error') === null).to.be.true;
    expect($(el, '#renewalLeadDays-error').textContent).to.equal(
      'Enter a whole number of days from 1 to 120.',
    );
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('nameservers.0');
    await expect(el).to.be.accessible();

    await fill(el, 'nameservers.0', 'ns2.portico.test');
    await fill(el, 'nameservers.1', '');
    await fill(el, 'renewalLeadDays', '14');
    await submitFormOf(el, 'renewalLeadDays');
    expect($(el, '#nameservers-2-error').textContent).to.equal('This name server is already in the list.');
    await fill(el, 'nameservers.2', '');
    await submitFormOf(el, 'renewalLeadDays');
    expect($(el, '#nameservers-error').textContent).to.equal('Enter at least 2 name servers.');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('nameservers.0');
    expect(patches(fake)).to.have.length(0);
  });

  it('saves only what changed, name servers in their ASCII form', async () => {
    const el = await mount(fake);
    button(el, 'Add a name server').click();
    await el.updateComplete;
    await fill(el, 'nameservers.2', 'ns3.Bücher.example');
    await fill(el, 'privacyByDefault', false);
    expect($(el, '[part~="save"]').textContent).to.contain('Unsaved changes: 2');
    await submitFormOf(el, 'renewalLeadDays');
    await settled(el);
    expect(patches(fake)[0]?.body).to.deep.equal({
      defaultNameservers: ['ns1.portico.test', 'ns2.portico.test', 'ns3.xn--bcher-kva.example'],
      privacyByDefault: false,
    });
    expect(noticeText(el)).to.equal('The domain settings were saved.');
    expect(input(el, 'nameservers.2').value).to.equal('ns3.xn--bcher-kva.example');

    $<HTMLButtonElement>(el, '[aria-label="Remove name server 1"]').click();
    await el.updateComplete;
    expect(nameserverCount(el)).to.equal(2);
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('nameservers.0');
    expect(input(el, 'nameservers.0').value).to.equal('ns2.portico.test');
    button(el, 'Discard changes').click();
    await el.updateComplete;
    expect(nameserverCount(el)).to.equal(3);
    expect(noticeText(el)).to.equal('Your changes were discarded.');
    await submitFormOf(el, 'renewalLeadDays');
    expect(noticeText(el)).to.equal('Nothing has changed, so there was nothing to save.');
  });

  it('stops adding at 13 name servers', async () => {
    const el = await mount(fake);
    for (let i = 0; i < 11; i++) {
      button(el, 'Add a name server').click();
      await el.updateComplete;
    }
    expect(nameserverCount(el)).to.equal(13);
    expect(button(el, 'Add a name server').disabled).to.be.true;
  });

  it('shows the server’s refusal beside the name server it is about', async () => {
    fake.answer('PATCH /api/admin/v1/domains/settings', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'defaultNameservers.1', message: 'This name server does not resolve' },
      ]),
    );
    const el = await mount(fake);
    await fill(el, 'nameservers.0', '');
    button(el, 'Add a name server').click();
    await el.updateComplete;
    await fill(el, 'nameservers.2', 'ns9.portico.test');
    await submitFormOf(el, 'renewalLeadDays');
    await settled(el);
    // The second name server sent is the third row (the first row was left blank).
    expect($(el, '#nameservers-2-error').textContent).to.equal('This name server does not resolve');
    expect(alertText(el)).to.equal('');
  });

  it('shows support staff the settings, read-only', async () => {
    const el = await mount(fake, 'sam@example.com');
    expect(el.shadowRoot!.textContent).to.contain('Your role can see these settings but not change them.');
    expect(input(el, 'nameservers.0').matches(':disabled')).to.be.true;
    expect(el.shadowRoot!.querySelector('[part~="save"]') === null).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('says when the settings cannot load, in Spanish too', async () => {
    fake.answer('GET /api/admin/v1/domains/settings', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await mount(fake, 'grace@example.com', 'es');
    expect($(el, 'h1').textContent).to.equal('Ajustes de dominios');
    expect($(el, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(el).to.be.accessible();
  });
});
