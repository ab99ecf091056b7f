import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminContent, typeMarkdown } from '../../../test/fake-admin-content.js';
import { fill, mountPage, noticeText, submitFormOf } from '../../../test/fake-admin.js';
import { $, settled } from '../../../test/helpers.js';
import type { PortalAdminAnnouncement } from './admin-announcement.js';

const original = location.pathname + location.search;

const mount = (fake: FakeAdminContent, o: { id?: string; as?: string; lang?: string; zone?: string } = {}) =>
  mountPage<PortalAdminAnnouncement>(
    html`<portal-admin-announcement
      .client=${fake.client()}
      .session=${fake.signIn(o.as ?? 'grace@example.com')}
      .now=${() => fake.now}
      announcement-id=${o.id ?? ''}
      time-zone=${o.zone ?? 'America/New_York'}
      lang=${o.lang ?? 'en'}
    ></portal-admin-announcement>`,
    fake,
    { as: o.as ?? 'grace@example.com' },
  );

async function choose(el: PortalAdminAnnouncement, publish: string) {
  const radio = $<HTMLInputElement>(el, `input[name="publish"][value="${publish}"]`);
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

const mailButton = (el: PortalAdminAnnouncement) => $<HTMLButtonElement>(el, '[part~="mail"]');
const reason = (el: PortalAdminAnnouncement) => $(el, '#mail-reason').textContent?.trim();
/** Text with the spaces `Intl` may put in times (narrow no-break) as plain ones. */
const plain = (text: string | undefined) => (text ?? '').replace(/\s/g, ' ');
const posts = (fake: FakeAdminContent) => fake.callsTo('/api/admin/v1/announcements', 'POST');

describe('<portal-admin-announcement>', () => {
  let fake: FakeAdminContent;
  beforeEach(() => {
    fake = new FakeAdminContent();
    history.replaceState(null, '', `${original}#/announcements/new`);
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('schedules a new announcement at a time typed in the staff member’s zone, sent in UTC', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent?.trim()).to.equal('New announcement');
    await fill(el, 'title', 'Summer sale');
    expect($<HTMLInputElement>(el, '[name="slug"]').value).to.equal('summer-sale');
    await typeMarkdown(el, 'Half price **all June**.');
    await choose(el, 'schedule');
    expect($(el, '#publishAt-hint').textContent).to.contain('(America/New_York)');
    await expect(el).to.be.accessible();

    // In the past for the page's clock: refused before anything is sent.
    await fill(el, 'publishAt', '2025-06-01T09:30');
    await submitFormOf(el, 'title');
    expect($(el, '#publishAt-error').textContent).to.equal('Pick a time in the future, or publish it now.');
    expect(posts(fake)).to.have.length(0);

    // 09:30 in New York in June is EDT (UTC−4).
    await fill(el, 'publishAt', '2025-06-10T09:30');
    await submitFormOf(el, 'title');
    await waitUntil(() => noticeText(el).startsWith('Summer sale will be published on'), 'never scheduled');
    expect(posts(fake)[0]?.body).to.deep.equal({
      title: 'Summer sale',
      body: 'Half price **all June**.',
      slug: 'summer-sale',
      publishedAt: '2025-06-10T13:30:00.000Z',
    });
    expect(plain(noticeText(el))).to.equal('Summer sale will be published on Jun 10, 2025, 9:30 AM.');
    expect(location.hash).to.equal(`#/announcements/${fake.announcement('Summer sale').id}`);
    // Reopened, the time shows as it was typed.
    expect($<HTMLInputElement>(el, '[name="publishAt"]').value).to.equal('2025-06-10T09:30');
  });

  it('converts a winter time (EST, UTC−5) and one in another zone', async () => {
    const ny = await mount(fake);
    await fill(ny, 'title', 'Winter');
    await typeMarkdown(ny, 'Cold.');
    await choose(ny, 'schedule');
    await fill(ny, 'publishAt', '2025-12-01T09:30');
    await submitFormOf(ny, 'title');
    await settled(ny);
    expect(posts(fake).at(-1)?.body.publishedAt).to.equal('2025-12-01T14:30:00.000Z');

    const tokyo = await mount(fake, { zone: 'Asia/Tokyo' });
    await fill(tokyo, 'title', 'Tokyo');
    await typeMarkdown(tokyo, 'Hi.');
    await choose(tokyo, 'schedule');
    await fill(tokyo, 'publishAt', '2025-07-01T08:00');
    await submitFormOf(tokyo, 'title');
    await settled(tokyo);
    expect(posts(fake).at(-1)?.body.publishedAt).to.equal('2025-06-30T23:00:00.000Z');
  });

  it('publishes a draft now, at the page’s clock', async () => {
    const a = fake.announcement('Holiday opening hours');
    const el = await mount(fake, { id: a.id });
    expect($<HTMLInputElement>(el, 'input[value="draft"]').checked).to.be.true;
    await choose(el, 'now');
    await submitFormOf(el, 'title');
    await waitUntil(() => noticeText(el) === 'Holiday opening hours is published.', 'never published');
    expect(fake.callsTo(`/api/admin/v1/announcements/${a.id}`, 'PATCH')[0]?.body).to.deep.equal({
      publishedAt: new Date(fake.now).toISOString(),
    });
    // Now published: kept as it is unless changed.
    expect($<HTMLInputElement>(el, 'input[value="keep"]').checked).to.be.true;
    expect($(el, 'label[for="publish-keep"]').textContent).to.contain('Published on Jun 2, 2025');
  });

  it('mails a published announcement once, after a dialog saying it goes to every client once', async () => {
    const a = fake.announcement('A new data centre in Madrid');
    const el = await mount(fake, { id: a.id });
    expect(mailButton(el).disabled).to.be.false;
    mailButton(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    expect($(el, 'dialog').textContent).to.contain('Mail A new data centre in Madrid to all clients?');
    expect($(el, 'dialog').textContent).to.contain('It cannot be sent again.');
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, 'dialog [part~="cancel"]').click();
    await el.updateComplete;
    expect(fake.callsTo(`/api/admin/v1/announcements/${a.id}/mailing`)).to.have.length(0);

    mailButton(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
    await waitUntil(() => noticeText(el).startsWith('Mailed to 42 people on'), 'never mailed');
    expect(fake.callsTo(`/api/admin/v1/announcements/${a.id}/mailing`, 'POST')).to.have.length(1);
    expect($(el, '[part~="mailing"]').textContent).to.contain('Mailed to 42 people on Jun 2, 2025');
    expect(mailButton(el).disabled).to.be.true;
    expect(reason(el)).to.equal('It was already mailed: an announcement goes out once.');
    expect(mailButton(el).getAttribute('aria-describedby')).to.equal('mail-reason');
    // Regression: the button, disabled for good, took focus with it to the document's body.
    expect(el.shadowRoot!.activeElement?.id).to.equal('mailing-title');
  });

  it('says why a draft or a scheduled announcement cannot be mailed yet', async () => {
    const draft = await mount(fake, { id: fake.announcement('Holiday opening hours').id });
    expect(mailButton(draft).disabled).to.be.true;
    expect(reason(draft)).to.equal('Publish it first: only a published announcement can be mailed.');

    const scheduled = await mount(fake, { id: fake.announcement('Prices for 2026').id });
    expect(mailButton(scheduled).disabled).to.be.true;
    expect(plain(reason(scheduled))).to.equal(
      'It can be mailed once it is published on Jun 7, 2025, 6:00 AM.',
    );
    expect($<HTMLInputElement>(scheduled, '[name="publishAt"]').value).to.equal('2025-06-07T06:00');

    const published = await mount(fake, { id: fake.announcement('A new data centre in Madrid').id });
    await fill(published, 'title', 'A new data centre in Seville');
    expect(reason(published)).to.equal('Save your changes first, so clients get what you see.');
  });

  it('shows a slug another announcement uses beside the slug', async () => {
    const el = await mount(fake);
    await fill(el, 'title', 'Prices for 2026');
    await typeMarkdown(el, 'Text.');
    await submitFormOf(el, 'title');
    await settled(el);
    expect($(el, '#slug-error').textContent).to.equal('Another announcement already uses this slug.');
  });

  it('shows billing staff the announcement and its mailing, read-only, in Spanish', async () => {
    const el = await mount(fake, {
      id: fake.announcement('Maintenance on Saturday').id,
      as: 'bill@example.com',
      lang: 'es',
    });
    expect(el.shadowRoot!.textContent).to.contain('Tu rol puede verlo, pero no cambiarlo.');
    expect($<HTMLInputElement>(el, '[name="title"]').matches(':disabled')).to.be.true;
    expect(el.shadowRoot!.querySelector('button[type="submit"], [part~="mail"], [part~="delete"]') === null)
      .to.be.true;
    expect($(el, '[part~="mailing"]').textContent).to.contain('Enviado por correo a 37 personas');
    await expect(el).to.be.accessible();
  });
});
