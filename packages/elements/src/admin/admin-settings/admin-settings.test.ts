import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdmin, fill, mountPage, noticeText, problem, rows } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminSettings } from './admin-settings.js';

const mount = (fake: FakeAdmin, lang = 'en') =>
  mountPage<PortalAdminSettings>(
    html`<portal-admin-settings .client=${fake.client()} lang=${lang}></portal-admin-settings>`,
    fake,
  );

const save = async (el: PortalAdminSettings) => {
  button(el, 'Save changes').click();
  await settled(el);
};

const patches = (fake: FakeAdmin) => fake.callsTo('/api/admin/v1/settings', 'PATCH');

/** Chooses `file` in the logo input, as a person would. */
async function chooseLogo(el: PortalAdminSettings, file: File) {
  const input = $<HTMLInputElement>(el, 'input[type="file"]');
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

describe('<portal-admin-settings>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('shows every setting, with the server’s own origins read-only', async () => {
    const el = await mount(fake);
    expect($<HTMLInputElement>(el, '[name="businessName"]').value).to.equal('Portico Hosting');
    expect($<HTMLInputElement>(el, '[name="sections.store"]').checked).to.be.false;
    expect($<HTMLInputElement>(el, '[name="sections.faq"]').checked).to.be.true;
    expect($<HTMLInputElement>(el, '[name="footerLinks.1.url"]').value).to.equal('mailto:help@example.com');
    const configured = $(el, '[aria-labelledby="configured-title"]');
    expect(configured.textContent).to.contain('https://env.example.com');
    expect(configured.querySelector('button') === null).to.be.true;
    expect($<HTMLSelectElement>(el, '[name="defaultCurrency"]').value).to.equal('USD');
    expect($(el, '[part~="save"]').textContent).to.contain('No unsaved changes.');
    await expect(el).to.be.accessible();
  });

  it('sends only the fields that changed', async () => {
    const el = await mount(fake);
    await save(el);
    expect(patches(fake)).to.have.length(0);
    expect(noticeText(el)).to.equal('Nothing has changed, so there was nothing to save.');

    await fill(el, 'businessName', 'Portico Cloud');
    await fill(el, 'sections.store', true);
    $<HTMLButtonElement>(el, '[aria-label="Move link 2 up"]').click();
    await el.updateComplete;
    await fill(el, 'newOrigin', 'https://shop.example.com/');
    button(el, 'Add').click();
    await el.updateComplete;
    await fill(el, 'portalUrl', 'https://www.example.com/portal');
    expect($(el, '[part~="save"]').textContent).to.contain('Unsaved changes: 5');
    await save(el);
    expect(patches(fake)[0]?.body).to.deep.equal({
      businessName: 'Portico Cloud',
      sections: { store: true },
      footerLinks: [
        { label: 'Contact', url: 'mailto:help@example.com' },
        { label: 'Privacy', url: 'https://example.com/privacy' },
      ],
      allowedOrigins: ['https://www.example.com', 'https://shop.example.com'],
      portalUrl: 'https://www.example.com/portal',
    });
    expect(noticeText(el)).to.equal('The settings were saved.');
    expect($(el, '[part~="save"]').textContent).to.contain('No unsaved changes.');

    await fill(el, 'termsUrl', 'https://example.com/terms');
    await save(el);
    expect(patches(fake)[1]?.body).to.deep.equal({ termsUrl: 'https://example.com/terms' });
  });

  it('checks the brand colour, links and URLs before sending, and shows the server’s objections', async () => {
    const el = await mount(fake);
    await fill(el, 'brandColor', 'blue');
    button(el, 'Add link').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('footerLinks.2.label');
    await fill(el, 'footerLinks.2.url', 'ftp://files.example.com');
    await save(el);
    expect(patches(fake)).to.have.length(0);
    expect($(el, '#brandColor-error').textContent).to.equal('Use a colour such as #1d4ed8.');
    expect($(el, '#footerLinks-2-label-error').textContent).to.equal('Fill this in.');
    expect($(el, '#footerLinks-2-url-error').textContent).to.equal(
      'Use an address starting with https://, http:// or mailto:.',
    );
    await expect(el).to.be.accessible();

    await fill(el, 'brandColor', '#0F766E');
    expect($<HTMLInputElement>(el, 'input[type="color"]').value).to.equal('#0f766e');
    $<HTMLButtonElement>(el, '[aria-label="Remove link 3"]').click();
    await el.updateComplete;
    fake.answer('PATCH /api/admin/v1/settings', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'brandColor', message: 'Use a colour such as #1d4ed8' },
      ]),
    );
    await save(el);
    expect(patches(fake)[0]?.body).to.deep.equal({ brandColor: '#0f766e' });
    expect($(el, '#brandColor-error').textContent).to.equal('Use a colour such as #1d4ed8');
    expect(alertText(el)).to.equal('');
  });

  it('shows the footer HTML the server kept, and says when its sanitizer changed it', async () => {
    const el = await mount(fake);
    await fill(el, 'footerHtml', '<p onclick="steal()">Call us</p><script>alert(1)</script>');
    await save(el);
    expect(patches(fake)[0]?.body).to.deep.equal({
      footerHtml: '<p onclick="steal()">Call us</p><script>alert(1)</script>',
    });
    expect($(el, '[part~="kept"]').textContent).to.contain('some of the HTML was removed');
    expect($(el, '[part~="kept"] code').textContent).to.equal('<p>Call us</p>');
    expect($<HTMLTextAreaElement>(el, '[name="footerHtml"]').value).to.equal('<p>Call us</p>');

    await fill(el, 'footerHtml', '<p>Plain</p>');
    await save(el);
    expect($(el, '[part~="kept"]').textContent).to.contain('This is the HTML your clients see');
    expect($(el, '[part~="kept"]').textContent).not.to.contain('removed');
  });

  it('refuses a logo of the wrong type or over 512 KB before any request, then uploads and removes one', async () => {
    const el = await mount(fake);
    await chooseLogo(el, new File(['hello'], 'logo.txt', { type: 'text/plain' }));
    expect($(el, '#logo-error').textContent).to.equal('The logo must be a PNG, JPEG, WebP or SVG image.');
    await chooseLogo(el, new File([new Uint8Array(512 * 1024 + 1)], 'big.png', { type: 'image/png' }));
    expect($(el, '#logo-error').textContent).to.equal('The logo must be at most 512 KB.');
    expect(fake.callsTo('/api/admin/v1/settings/logo')).to.have.length(0);
    await expect(el).to.be.accessible();

    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    await chooseLogo(el, new File([svg], 'logo.svg', { type: 'image/svg+xml' }));
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/settings/logo', 'PUT')[0]?.body).to.deep.equal({
      contentType: 'image/svg+xml',
      data: btoa(svg),
    });
    expect($<HTMLImageElement>(el, '[part~="logo"] img').alt).to.equal('Current logo');
    expect(noticeText(el)).to.equal('The logo was uploaded.');
    expect(el.shadowRoot!.querySelector('#logo-error') === null).to.be.true;

    button(el, 'Remove logo').click();
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/settings/logo', 'DELETE')).to.have.length(1);
    expect($(el, '[part~="logo"]').textContent?.trim()).to.equal('No logo');
  });

  it('sets a custom domain, lists the DNS records to copy, and shows each verification result', async () => {
    const el = await mount(fake);
    await fill(el, 'domain', 'not a domain');
    button(el, 'Use this domain').click();
    await el.updateComplete;
    expect($(el, '#domain-error').textContent).to.equal('Enter a domain such as portal.example.com.');

    await fill(el, 'domain', 'Portal.Example.com');
    button(el, 'Use this domain').click();
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/settings/custom-domain', 'PUT')[0]?.body).to.deep.equal({
      domain: 'portal.example.com',
    });
    const records = rows(el).map((r) =>
      [...r.querySelectorAll('td')].map(
        (td) => td.querySelector('code')?.textContent ?? td.textContent?.trim(),
      ),
    );
    expect(records).to.deep.equal([
      ['CNAME', 'portal.example.com', 'portico.example.net'],
      ['A', 'portal.example.com', '203.0.113.10'],
    ]);
    expect($(el, '[part~="domain"]').textContent).to.contain('24 to 48 hours');
    expect($(el, '[part~="domain"] .badge').textContent).to.equal('Pending');
    expect($(el, '[part~="domain"] dl').textContent).to.contain('Not checked yet');
    await expect(el).to.be.accessible();

    const copied: string[] = [];
    Object.defineProperty(navigator.clipboard, 'writeText', {
      configurable: true,
      value: async (text: string) => void copied.push(text),
    });
    try {
      $<HTMLButtonElement>(el, '[aria-label="Copy the value of the CNAME record"]').click();
      await waitUntil(() => copied.length === 1);
    } finally {
      delete (navigator.clipboard as unknown as Record<string, unknown>).writeText;
    }
    expect(copied).to.deep.equal(['portico.example.net']);

    button(el, 'Verify').click();
    await settled(el);
    expect($(el, '[part~="domain"] .badge').textContent).to.equal('Pending');
    expect($(el, '[part~="domain"] dl').textContent).not.to.contain('Not checked yet');
    expect(noticeText(el)).to.contain('does not point here yet');

    fake.dns = 'failed';
    button(el, 'Verify').click();
    await settled(el);
    expect($(el, '[part~="domain"] .badge').textContent).to.equal('Failed');
    expect($(el, '[part~="domain"] dl').textContent).to.contain('CNAME to elsewhere.example.net');

    fake.answer('POST /api/admin/v1/settings/custom-domain/verify', () =>
      problem(503, 'DNS_LOOKUP_FAILED', 'The DNS lookup failed.'),
    );
    button(el, 'Verify').click();
    await settled(el);
    expect(alertText(el)).to.equal(
      'The DNS lookup could not be made just now. Nothing changed; try again in a moment.',
    );

    fake.dns = 'verified';
    button(el, 'Verify').click();
    await settled(el);
    expect($(el, '[part~="domain"] .badge').textContent).to.equal('Verified');
    expect(noticeText(el)).to.equal('portal.example.com points here. The portal is served at it.');

    button(el, 'Remove domain').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[name="domain"]'), 'domain never removed');
    expect(fake.callsTo('/api/admin/v1/settings/custom-domain', 'DELETE')).to.have.length(1);
    expect(noticeText(el)).to.equal('portal.example.com is no longer used.');
  });

  it('chooses the profile fields clients must fill in', async () => {
    const el = await mount(fake);
    const box = (field: string) => $<HTMLInputElement>(el, `[name="requiredProfileFields.${field}"]`);
    expect(['company', 'phone', 'address'].map((f) => box(f).checked)).to.deep.equal([false, false, false]);
    expect($(el, 'label[for="requiredProfileFields-address"]').textContent).to.equal('Postal address');
    await expect(el).to.be.accessible();

    await fill(el, 'requiredProfileFields.address', true);
    await fill(el, 'requiredProfileFields.company', true);
    expect($(el, '[part~="save"]').textContent).to.contain('Unsaved changes: 1');
    await save(el);
    expect(patches(fake)[0]?.body).to.deep.equal({ requiredProfileFields: ['company', 'address'] });
    expect(noticeText(el)).to.equal('The settings were saved.');
    expect(box('company').checked).to.be.true;
    expect(box('phone').checked).to.be.false;

    await fill(el, 'requiredProfileFields.company', false);
    await fill(el, 'requiredProfileFields.company', true);
    expect($(el, '[part~="save"]').textContent).to.contain('No unsaved changes.');
    await fill(el, 'requiredProfileFields.address', false);
    await save(el);
    expect(patches(fake)[1]?.body).to.deep.equal({ requiredProfileFields: ['company'] });
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, 'es');
    expect($(el, 'h1').textContent).to.equal('Ajustes del portal de clientes');
    expect($(el, 'label[for="sections-faq"]').textContent).to.equal('Preguntas frecuentes');
    expect($(el, 'label[for="requiredProfileFields-phone"]').textContent).to.equal('Teléfono');
    await expect(el).to.be.accessible();
  });
});
