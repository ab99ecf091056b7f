import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdmin, fill, mountPage, problem, rows, submitFormOf } from '../../../test/fake-admin.js';
import { $, button, settled } from '../../../test/helpers.js';
import type { PortalAdminAudit } from './admin-audit.js';

const mount = (fake: FakeAdmin, pageSize = 50) =>
  mountPage<PortalAdminAudit>(
    html`<portal-admin-audit .client=${fake.client()} page-size=${pageSize}></portal-admin-audit>`,
    fake,
  );

const actions = (el: PortalAdminAudit) => rows(el).map((r) => r.querySelector('code')?.textContent);
const lastQuery = (fake: FakeAdmin) => fake.callsTo('/api/admin/v1/audit').at(-1)?.query;

async function apply(el: PortalAdminAudit) {
  await submitFormOf(el, 'action');
  await waitUntil(() =>
    el.shadowRoot!.querySelector('table[aria-busy="false"], [part~="empty"], [part~="load-error"]'),
  );
  await el.updateComplete;
}

describe('<portal-admin-audit>', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = new FakeAdmin();
  });

  it('lists entries newest first: time, actor, action, target, client, IP and details', async () => {
    fake.addAudit({ action: 'settings.updated', details: { fields: ['brandColor'] }, ip: '198.51.100.4' });
    const el = await mount(fake);
    expect(actions(el)).to.deep.equal([
      'settings.updated',
      'magic_link.used',
      'auth.sign_in_failed',
      'client.created',
      'auth.sign_in',
    ]);
    const cells = [...rows(el)[0]!.querySelectorAll('td')].map((td) =>
      td.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(cells[1]).to.contain('grace@example.com');
    expect(cells[4]).to.equal(fake.accounts[0]?.id);
    expect(cells[5]).to.contain('198.51.100.4');
    expect(cells[6]).to.equal('{"fields":["brandColor"]}');
    expect(rows(el)[0]!.querySelector('time')?.getAttribute('datetime')).to.match(/^2025-03-01T/);
    await expect(el).to.be.accessible();
  });

  it('filters by action prefix, actor, client and time', async () => {
    const el = await mount(fake);
    await fill(el, 'action', 'auth.');
    await apply(el);
    expect(actions(el)).to.deep.equal(['auth.sign_in_failed', 'auth.sign_in']);
    expect(lastQuery(fake)).to.include({ action: 'auth.', limit: '50' });

    await fill(el, 'actorId', fake.staff[0]!.id);
    await fill(el, 'accountId', fake.accounts[0]!.id);
    await fill(el, 'since', '2025-03-01T00:00');
    await fill(el, 'until', '2025-03-31T23:59');
    await apply(el);
    const query = lastQuery(fake)!;
    expect(query).to.include({ actorId: fake.staff[0]!.id, accountId: fake.accounts[0]!.id });
    expect(query.since).to.equal(new Date('2025-03-01T00:00').toISOString());
    expect(query.until).to.equal(new Date('2025-03-31T23:59').toISOString());

    await fill(el, 'action', 'nothing.here');
    await apply(el);
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('Nothing matches these filters.');

    button(el, 'Clear').click();
    await waitUntil(() => rows(el).length === 4);
    expect($<HTMLInputElement>(el, '[name="action"]').value).to.equal('');
  });

  it('refuses an end before the start without asking the server, and shows the server’s objection', async () => {
    const el = await mount(fake);
    const before = fake.callsTo('/api/admin/v1/audit').length;
    await fill(el, 'since', '2025-03-02T00:00');
    await fill(el, 'until', '2025-03-01T00:00');
    await submitFormOf(el, 'action');
    expect($(el, '#until-error').textContent).to.equal('Choose a time after "From".');
    expect(fake.callsTo('/api/admin/v1/audit')).to.have.length(before);

    fake.answer('GET /api/admin/v1/audit', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'action', message: 'Too long to be an action' },
      ]),
    );
    await fill(el, 'until', '');
    await fill(el, 'action', 'x');
    await apply(el);
    expect($(el, '#action-error').textContent).to.equal('Too long to be an action');
    await expect(el).to.be.accessible();
  });

  it('loads more with the cursor and moves focus to the first new entry', async () => {
    for (let i = 0; i < 26; i++) fake.addAudit({ action: `client.updated` });
    const el = await mount(fake, 25);
    expect(rows(el)).to.have.length(25);
    button(el, 'Load more').click();
    await settled(el);
    expect(rows(el)).to.have.length(30);
    expect(lastQuery(fake)).to.include({ cursor: 'c25', limit: '25' });
    expect(el.shadowRoot!.activeElement === rows(el)[25]).to.be.true;
    expect(el.shadowRoot!.querySelector('[part~="more"]') === null).to.be.true;
  });

  it('says so when nothing was recorded yet, and speaks Spanish', async () => {
    fake.audit.length = 0;
    const el = await mountPage<PortalAdminAudit>(
      html`<portal-admin-audit .client=${fake.client()} lang="es"></portal-admin-audit>`,
      fake,
    );
    expect($(el, 'h1').textContent).to.equal('Registro de auditoría');
    expect($(el, '[part~="empty"]').textContent?.trim()).to.equal('Todavía no se ha registrado nada.');
    await expect(el).to.be.accessible();
  });
});
