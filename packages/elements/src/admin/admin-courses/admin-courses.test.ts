import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminCourses } from '../../../test/fake-admin-courses.js';
import { fill, mountPage, problem, rows, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, settled } from '../../../test/helpers.js';
import './admin-courses.js';
import type { PortalAdminCourses } from './admin-courses.js';

const original = location.pathname + location.search;

const mount = (fake: FakeAdminCourses, o: { as?: string; lang?: string } = {}) =>
  mountPage<PortalAdminCourses>(
    html`<portal-admin-courses
      .client=${fake.client()}
      .session=${fake.signIn(o.as ?? 'grace@example.com')}
      lang=${o.lang ?? 'en'}
    ></portal-admin-courses>`,
    fake,
    { as: o.as ?? 'grace@example.com' },
  );

const cells = (row: HTMLTableRowElement) =>
  [...row.cells].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

describe('<portal-admin-courses>', () => {
  let fake: FakeAdminCourses;
  beforeEach(() => {
    fake = new FakeAdminCourses();
    history.replaceState(null, '', `${original}#/courses`);
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  it('lists every course with its status, access, lessons, students and granting products', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent?.trim()).to.equal('Courses');
    const [hosting, email] = rows(el);
    expect(cells(hosting!)).to.deep.equal([
      'Hosting 101 hosting-101',
      'Published',
      'Granted',
      '3',
      '3',
      'Starter hosting',
    ]);
    expect(cells(email!)).to.deep.equal(['Email basics email-basics', 'Draft', 'Everyone', '0', '0', 'None']);
    expect(hosting!.querySelector('a')!.getAttribute('href')).to.equal(
      `#/courses/${fake.course('Hosting 101').id}`,
    );
    await expect(el).to.be.accessible();
  });

  it('says when there are no courses yet', async () => {
    fake.courses.splice(0);
    const el = await mount(fake);
    expect($(el, '[part~="empty"]').textContent).to.contain('No courses yet.');
  });

  it('creates a course from a title (the slug made by the server) and opens it', async () => {
    const el = await mount(fake);
    await submitFormOf(el, 'title');
    expect($(el, '#title-error').textContent).to.equal('Fill this in.');
    expect(fake.callsTo('/api/admin/v1/courses', 'POST')).to.have.length(0);

    await fill(el, 'title', 'Backups done right');
    await submitFormOf(el, 'title');
    await waitUntil(() => location.hash !== '#/courses', 'never opened');
    const created = fake.course('Backups done right');
    expect(location.hash).to.equal(`#/courses/${created.id}`);
    expect(fake.callsTo('/api/admin/v1/courses', 'POST')[0]?.body).to.deep.equal({
      title: 'Backups done right',
    });
    expect(created.slug).to.equal('backups-done-right');
  });

  it('shows a slug another course uses beside the slug, and checks its shape first', async () => {
    const el = await mount(fake);
    await fill(el, 'title', 'Hosting again');
    await fill(el, 'slug', 'Not A Slug!');
    await submitFormOf(el, 'title');
    expect($(el, '#slug-error').textContent).to.equal(
      'Use lower-case letters, digits and single hyphens, such as hosting-101.',
    );
    await fill(el, 'slug', 'hosting-101');
    await submitFormOf(el, 'title');
    await settled(el);
    expect($(el, '#slug-error').textContent).to.equal(
      'Another course already uses this slug. Choose another.',
    );
    expect(alertText(el)).to.equal('');
    expect(location.hash).to.equal('#/courses');

    fake.answer('POST /api/admin/v1/courses', () =>
      problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
        { path: 'title', message: 'At most 200 characters' },
      ]),
    );
    await fill(el, 'slug', 'hosting-again');
    await submitFormOf(el, 'title');
    await settled(el);
    expect($(el, '#title-error').textContent).to.equal('At most 200 characters');
  });

  it('says why the list could not be loaded', async () => {
    fake.answer('GET /api/admin/v1/courses', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await mount(fake);
    expect($(el, '[part~="load-error"]').textContent).to.contain('Something broke.');
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, { lang: 'es' });
    expect($(el, 'h1').textContent?.trim()).to.equal('Cursos');
    expect($(el, 'button[type="submit"]').textContent?.trim()).to.equal('Crear curso');
    expect(cells(rows(el)[1]!)).to.include('Borrador');
    await expect(el).to.be.accessible();
  });
});
