import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminContent } from '../../../test/fake-admin-content.js';
import { fill, mountPage, rows } from '../../../test/fake-admin.js';
import { $ } from '../../../test/helpers.js';
import type { PortalAdminAnnouncements } from './admin-announcements.js';

const mount = (fake: FakeAdminContent, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminAnnouncements>(
    html`<portal-admin-announcements
      .client=${fake.client()}
      .session=${fake.signIn(as)}
      .now=${() => fake.now}
      time-zone="Europe/Madrid"
      lang=${lang}
    ></portal-admin-announcements>`,
    fake,
    { as },
  );

const cells = (el: PortalAdminAnnouncements) =>
  rows(el).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()));

describe('<portal-admin-announcements>', () => {
  let fake: FakeAdminContent;
  beforeEach(() => {
    fake = new FakeAdminContent();
  });

  it('lists drafts, scheduled and published announcements with their dates in the staff member’s zone', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('Announcements');
    expect($(el, '[part~="new"]').getAttribute('href')).to.equal('#/announcements/new');
    const shown = cells(el);
    expect(shown.map((c) => c[0])).to.deep.equal([
      'Holiday opening hours holiday-opening-hours',
      'Prices for 2026 prices-for-2026',
      'A new data centre in Madrid a-new-data-centre-in-madrid',
      'Maintenance on Saturday maintenance-on-saturday',
    ]);
    expect(shown[0]![1]).to.equal('Draft');
    // 2025-06-07T10:00Z is 12:00 in Madrid (summer time).
    expect(shown[1]![1]).to.equal('Scheduled for Jun 7, 2025, 12:00 PM');
    expect(shown[2]![1]).to.equal('Published May 31, 2025, 12:00 PM');
    expect(shown[3]![2]).to.equal('Mailed to 37 people on May 23, 2025, 1:00 PM.');
    expect(shown[2]![2]).to.equal('Not mailed');
    expect(rows(el)[1]!.querySelector('a')!.getAttribute('href')).to.equal(
      `#/announcements/${fake.announcement('Prices for 2026').id}`,
    );
    await expect(el).to.be.accessible();
  });

  it('filters by state', async () => {
    const el = await mount(fake);
    await fill(el, 'status', 'scheduled');
    await waitUntil(() => rows(el).length === 1, 'never filtered');
    expect(fake.calls.at(-1)?.query).to.include({ status: 'scheduled' });
    expect(cells(el)[0]![0]).to.contain('Prices for 2026');
    fake.announcements.length = 0;
    await fill(el, 'status', 'draft');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'), 'never empty');
    expect($(el, '[part~="empty"]').textContent).to.contain('No announcements in this state.');
  });

  it('shows billing staff the list without "New announcement", and speaks Spanish', async () => {
    const el = await mount(fake, 'bill@example.com', 'es');
    expect($(el, 'h1').textContent).to.equal('Anuncios');
    expect(el.shadowRoot!.querySelector('[part~="new"]') === null).to.be.true;
    expect(el.shadowRoot!.textContent).to.contain('Tu rol puede verlo, pero no cambiarlo.');
    expect(cells(el)[0]![1]).to.equal('Borrador');
    await expect(el).to.be.accessible();
  });
});
