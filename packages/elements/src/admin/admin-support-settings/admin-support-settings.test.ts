import { expect, html, waitUntil } from '@open-wc/testing';
import { fill, mountPage, noticeText, problem, rows, submitFormOf } from '../../../test/fake-admin.js';
import { FakeAdminSupport } from '../../../test/fake-admin-support.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import type { PortalAdminSupportSettings } from './admin-support-settings.js';

const mount = (fake: FakeAdminSupport, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminSupportSettings>(
    html`<portal-admin-support-settings .client=${fake.client()} .session=${fake.signIn(as)} lang=${lang}></portal-admin-support-settings>`,
    fake,
    { as },
  );

const rowOf = (el: PortalAdminSupportSettings, name: string) =>
  rows(el).find((r) => r.querySelector('th')?.textContent?.trim().startsWith(name))!;
const press = async (el: PortalAdminSupportSettings, label: string) => {
  $<HTMLButtonElement>(el, `button[aria-label="${label}"]`).click();
  await el.updateComplete;
};
const checked = (el: PortalAdminSupportSettings) =>
  [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="types"] input:checked')].map((i) =>
    i.name.replace('types.', ''),
  );
const settingsPatches = (fake: FakeAdminSupport) => fake.callsTo('/api/admin/v1/support/settings', 'PATCH');
const savebar = (el: PortalAdminSupportSettings) =>
  $(el, '[part~="save"]').textContent?.replace(/\s+/g, ' ').trim();

describe('<portal-admin-support-settings>', () => {
  let fake: FakeAdminSupport;
  beforeEach(() => {
    fake = new FakeAdminSupport();
  });

  it('shows the departments in order and the attachment and auto-close rules', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Support settings');
    expect(
      rows(el).map(
        (r) =>
          r
            .querySelector('th')
            ?.textContent?.trim()
            .split(/\s{2,}|\n/)[0],
      ),
    ).to.deep.equal(['Sales', 'Technical', 'Abuse']);
    const tech = rowOf(el, 'Technical');
    expect(tech.textContent).to.contain('Servers, mail and DNS.');
    expect(tech.textContent).to.contain('Visible');
    expect(tech.querySelector('td.num')?.textContent?.trim()).to.equal('2');
    expect(rowOf(el, 'Abuse').textContent).to.contain('Staff only');
    expect($<HTMLInputElement>(el, '[name="maxSizeMb"]').value).to.equal('5');
    expect($<HTMLInputElement>(el, '[name="maxFiles"]').value).to.equal('3');
    expect(checked(el)).to.deep.equal(['png', 'jpg', 'pdf', 'txt', 'log']);
    expect(el.shadowRoot!.querySelectorAll('[part~="types"] input')).to.have.length(16);
    expect($<HTMLInputElement>(el, '[name="autoClose"]').checked).to.be.true;
    expect($<HTMLInputElement>(el, '[name="autoCloseDays"]').value).to.equal('7');
    expect(savebar(el)).to.contain('No unsaved changes.');
    await expect(el).to.be.accessible();
  });

  it('checks the rules against the contract’s bounds before sending anything', async () => {
    const el = await mount(fake);
    await fill(el, 'maxSizeMb', '30');
    await fill(el, 'maxFiles', '11');
    await fill(el, 'autoCloseDays', '0');
    await submitFormOf(el, 'maxFiles');
    expect($(el, '#maxSizeMb-error').textContent).to.equal('Enter a size from 0.001 to 25 MB.');
    expect($(el, '#maxFiles-error').textContent).to.equal('Enter a whole number from 0 to 10.');
    expect($(el, '#autoCloseDays-error').textContent).to.equal('Enter a whole number of days from 1 to 365.');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('maxSizeMb');
    await expect(el).to.be.accessible();
    for (const bad of ['0', '0.0005', 'lots', '-1', '25.01']) {
      await fill(el, 'maxSizeMb', bad);
      await submitFormOf(el, 'maxFiles');
      expect($(el, '#maxSizeMb-error').textContent, bad).to.equal('Enter a size from 0.001 to 25 MB.');
    }
    expect(settingsPatches(fake)).to.have.length(0);
  });

  it('saves only what changed, in bytes, with the types in the contract’s order', async () => {
    const el = await mount(fake);
    await fill(el, 'maxSizeMb', '2,5');
    await fill(el, 'types.log', false);
    await fill(el, 'types.zip', true);
    await fill(el, 'types.gif', true);
    await fill(el, 'autoClose', false);
    expect(el.shadowRoot!.querySelector('[name="autoCloseDays"]')).to.equal(null);
    expect(savebar(el)).to.contain('Unsaved changes: 3');
    await submitFormOf(el, 'maxFiles');
    await settled(el);
    expect(settingsPatches(fake)[0]?.body).to.deep.equal({
      attachments: { maxBytes: 2.5 * 1024 * 1024, types: ['png', 'jpg', 'gif', 'pdf', 'txt', 'zip'] },
      autoCloseDays: null,
    });
    expect(noticeText(el)).to.equal('The support settings were saved.');
    expect($<HTMLInputElement>(el, '[name="maxSizeMb"]').value).to.equal('2.5');
    expect(savebar(el)).to.contain('No unsaved changes.');

    await fill(el, 'autoClose', true);
    await fill(el, 'autoCloseDays', '14');
    await fill(el, 'maxFiles', '0');
    await submitFormOf(el, 'maxFiles');
    await settled(el);
    expect(settingsPatches(fake)[1]?.body).to.deep.equal({ attachments: { maxFiles: 0 }, autoCloseDays: 14 });

    await submitFormOf(el, 'maxFiles');
    expect(noticeText(el)).to.equal('Nothing has changed, so there was nothing to save.');
  });

  it('discards changes, and shows the server’s refusal beside its field', async () => {
    const el = await mount(fake);
    await fill(el, 'maxFiles', '9');
    await fill(el, 'types.pdf', false);
    button(el, 'Discard changes').click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '[name="maxFiles"]').value).to.equal('3');
    expect(checked(el)).to.include('pdf');
    expect(noticeText(el)).to.equal('Your changes were discarded.');

    fake.answer('PATCH /api/admin/v1/support/settings', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'attachments.maxFiles', message: 'At most 10 files' },
      ]),
    );
    await fill(el, 'maxFiles', '4');
    await submitFormOf(el, 'maxFiles');
    await settled(el);
    expect($(el, '#maxFiles-error').textContent).to.equal('At most 10 files');
  });

  it('adds a department, and says when the name is taken', async () => {
    const el = await mount(fake);
    button(el, 'Add a department').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('name');
    await submitFormOf(el, 'name');
    expect($(el, '#name-error').textContent).to.equal('Fill this in.');
    await fill(el, 'name', 'sales');
    await submitFormOf(el, 'name');
    await settled(el);
    expect($(el, '#name-error').textContent).to.equal('Another department already has this name.');
    expect(alertText(el)).to.equal('');
    await fill(el, 'name', 'Billing');
    await fill(el, 'description', 'Invoices and payments.');
    await fill(el, 'visible', false);
    await submitFormOf(el, 'name');
    await settled(el);
    expect(fake.callsTo('/api/admin/v1/support/departments', 'POST').at(-1)?.body).to.deep.equal({
      name: 'Billing',
      description: 'Invoices and payments.',
      visible: false,
      position: 40,
    });
    await waitUntil(() => rows(el).length === 4, 'never listed');
    expect(noticeText(el)).to.equal('Billing was added.');
    expect(rowOf(el, 'Billing').textContent).to.contain('Staff only');
    expect(el.shadowRoot!.querySelector('[part~="editor"]')).to.equal(null);
  });

  it('renames, describes and shows a department, sending only what changed', async () => {
    const el = await mount(fake);
    await press(el, 'Edit Abuse');
    expect($<HTMLInputElement>(el, '[name="name"]').value).to.equal('Abuse');
    expect($<HTMLInputElement>(el, '[name="visible"]').checked).to.be.false;
    await expect(el).to.be.accessible();
    await fill(el, 'name', 'Abuse reports');
    await fill(el, 'visible', true);
    await submitFormOf(el, 'name');
    await settled(el);
    expect(
      fake.callsTo(`/api/admin/v1/support/departments/${fake.department('Abuse reports').id}`, 'PATCH')[0]
        ?.body,
    ).to.deep.equal({
      name: 'Abuse reports',
      visible: true,
    });
    await waitUntil(() => rowOf(el, 'Abuse reports')?.textContent?.includes('Visible'), 'never shown');
    expect(noticeText(el)).to.equal('Abuse reports was saved.');
  });

  it('moves a department down and up the order', async () => {
    const el = await mount(fake);
    expect($<HTMLButtonElement>(el, 'button[aria-label="Move Sales up"]').disabled).to.be.true;
    await press(el, 'Move Sales down');
    await waitUntil(() => noticeText(el) === 'Sales was moved.', 'never moved');
    const order = () =>
      rows(el).map(
        (r) =>
          r
            .querySelector('th')
            ?.textContent?.trim()
            .split(/\s{2,}|\n/)[0],
      );
    expect(order()).to.deep.equal(['Technical', 'Sales', 'Abuse']);
    expect(fake.departments.map((d) => [d.name, d.position])).to.deep.equal([
      ['Sales', 20],
      ['Technical', 10],
      ['Abuse', 30],
    ]);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Move Sales down');
    await press(el, 'Move Abuse up');
    await waitUntil(() => order()[1] === 'Abuse', 'never moved up');
    expect(order()).to.deep.equal(['Technical', 'Abuse', 'Sales']);
  });

  it('explains that a department with tickets cannot be deleted, and deletes one without', async () => {
    const el = await mount(fake);
    await press(el, 'Delete Technical');
    expect($(el, 'dialog').textContent).to.contain('Delete Technical?');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => alertText(el).length > 0, 'no message');
    expect(alertText(el)).to.equal(
      'Technical still has tickets, so it cannot be deleted (tickets keep their department for the record). Hide it from clients instead, or move its tickets to another department first.',
    );
    expect(rows(el)).to.have.length(3);
    await expect(el).to.be.accessible();

    await press(el, 'Delete Abuse');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el) === 'Abuse was deleted.', 'never deleted');
    expect(rows(el)).to.have.length(2);
  });

  for (const [as, role] of [
    ['sam@example.com', 'support'],
    ['bill@example.com', 'billing'],
  ] as const) {
    it(`shows ${role} staff the settings read-only`, async () => {
      const el = await mount(fake, as);
      expect(el.shadowRoot!.textContent).to.contain('Your role can see these settings but not change them.');
      expect(el.shadowRoot!.querySelector('[part~="save"]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('button')).to.equal(null);
      expect($<HTMLInputElement>(el, '[name="maxFiles"]').matches(':disabled')).to.be.true;
      expect($<HTMLInputElement>(el, '[name="types.png"]').matches(':disabled')).to.be.true;
      expect(rows(el)).to.have.length(3);
      await expect(el).to.be.accessible();
    });
  }

  it('says when the settings cannot load', async () => {
    fake.answer('GET /api/admin/v1/support/settings', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await mount(fake);
    expect($(el, '[part~="load-error"]').textContent).to.contain('Something broke.');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, 'grace@example.com', 'es');
    expect($(el, 'h1').textContent).to.equal('Ajustes de soporte');
    expect(rowOf(el, 'Abuse').textContent).to.contain('Solo personal');
    await fill(el, 'maxSizeMb', '26');
    await submitFormOf(el, 'maxFiles');
    expect($(el, '#maxSizeMb-error').textContent).to.equal('Escribe un tamaño de 0,001 a 25 MB.');
    await expect(el).to.be.accessible();
  });
});
