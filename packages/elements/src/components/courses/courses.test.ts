import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeCourses, inCoursesProvider } from '../../../test/fake-courses.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import { all, find, text } from '../../../test/queries.js';
import type { PortalCourse } from '../course/course.js';
import type { PortalCourses } from './courses.js';

type Options = Parameters<typeof inCoursesProvider>[3];

async function mount(
  fake: FakeCourses,
  options: Options & { courseHref?: string } = {},
): Promise<PortalCourses> {
  const el = await inCoursesProvider<PortalCourses>(
    fake,
    options.courseHref
      ? html`<portal-courses course-href=${options.courseHref} login-href="/login"></portal-courses>`
      : html`<portal-courses login-href="/login"></portal-courses>`,
    'portal-courses',
    options,
  );
  if (options.signedInAs !== null) await loaded(el);
  return el;
}

async function loaded(el: PortalCourses) {
  await waitUntil(
    () =>
      find(
        el,
        '[part~="course"], portal-course, [part~="load-error"], [part="not-allowed"], [part="empty"], [part="unavailable"]',
      ),
    'never loaded',
  );
  await el.updateComplete;
}

const cards = (el: PortalCourses) =>
  all(el, '[part~="course"]').map((card) => ({
    title: text(card.querySelector('[part="title"]')),
    summary: text(card.querySelector('[part="summary"]')),
    count: text(card.querySelector('[part="count"]')),
    progress: card.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext'),
    link: text(card.querySelector('[part~="open"]')),
    href: card.querySelector('[part~="open"]')?.getAttribute('href'),
  }));

describe('<portal-courses>', () => {
  let fake: FakeCourses;
  const start = location.href;
  const here = () => `${location.pathname}${location.search}`;
  beforeEach(() => {
    fake = new FakeCourses();
    history.replaceState(null, '', start);
  });
  afterEach(() => {
    history.replaceState(null, '', start);
  });

  /** Three courses: one not started, one halfway, one done. */
  function three() {
    const fresh = fake.addCourse({
      slug: 'email-basics',
      title: 'Email basics',
      summary: 'Set up your mail.',
    });
    const lessons = Array.from({ length: 8 }, () => fake.lesson());
    const half = fake.addCourse({
      slug: 'hosting-101',
      title: 'Hosting 101',
      summary: 'Run your own site.',
      modules: [fake.module({ lessons: lessons.slice(0, 4) }), fake.module({ lessons: lessons.slice(4) })],
    });
    for (const l of lessons.slice(0, 3)) fake.completed.add(l.id);
    const done = fake.addCourse({
      slug: 'dns',
      title: 'DNS',
      summary: '',
      modules: [fake.module({ lessons: [fake.lesson()] })],
    });
    fake.completed.add(done.modules[0]!.lessons[0]!.id);
    return { fresh, half, done };
  }

  it('lists the courses with their lessons, progress and Start, Continue or Review', async () => {
    three();
    const el = await mount(fake);
    expect(text($(el, '[part="heading"]'))).to.equal('Courses');
    expect(cards(el)).to.deep.equal([
      {
        title: 'Email basics',
        summary: 'Set up your mail.',
        count: '3 lessons',
        progress: '0 of 3 lessons',
        link: 'Start',
        href: `${here()}#course/email-basics`,
      },
      {
        title: 'Hosting 101',
        summary: 'Run your own site.',
        count: '8 lessons',
        progress: '3 of 8 lessons',
        link: 'Continue',
        href: `${here()}#course/hosting-101`,
      },
      {
        title: 'DNS',
        summary: undefined,
        count: '1 lesson',
        progress: '1 of 1 lesson',
        link: 'Review',
        href: `${here()}#course/dns`,
      },
    ]);
    const bar = all(el, '[role="progressbar"]')[1]!;
    expect(bar.getAttribute('aria-valuenow')).to.equal('3');
    expect(bar.getAttribute('aria-valuemax')).to.equal('8');
    expect(bar.getAttribute('aria-label')).to.equal('Progress in Hosting 101');
    expect((bar.firstElementChild as HTMLElement).style.width).to.equal('37.5%');
    const link = all(el, '[part~="open"]')[1]!;
    expect(link.getAttribute('aria-describedby')).to.equal(link.closest('li')!.querySelector('h3')!.id);
    await expect(el).to.be.accessible();
  });

  it('links to course-href with the course’s hash', async () => {
    three();
    const el = await mount(fake, { courseHref: '/learn/course?x=1#ignored' });
    expect(cards(el).map((c) => c.href)).to.deep.equal([
      '/learn/course?x=1#course/email-basics',
      '/learn/course?x=1#course/hosting-101',
      '/learn/course?x=1#course/dns',
    ]);
    location.hash = '#course/dns';
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(find(el, 'portal-course'), 'another page shows it').to.be.null;
  });

  it('opens a course here, and comes back to a list asked again after a lesson was completed', async () => {
    const { half } = three();
    const el = await mount(fake);
    $<HTMLAnchorElement>(el, '[data-course="hosting-101"]').click();
    await waitUntil(() => find(el, 'portal-course'), 'the course never opened');
    const course = $<PortalCourse>(el, 'portal-course');
    await waitUntil(() => text(course.shadowRoot!.querySelector('#course-title')) === 'Hosting 101');
    expect(find(el, '[part~="list"]')).to.be.null;
    expect(fake.callsTo('GET /api/v1/courses')).to.have.length(1);

    const next = half.modules[0]!.lessons[3]!;
    course.shadowRoot!.querySelector<HTMLAnchorElement>(`a[data-lesson="${next.id}"]`)!.click();
    await waitUntil(() => course.shadowRoot!.querySelector('[part~="complete"]'), 'the lesson never opened');
    course.shadowRoot!.querySelector<HTMLButtonElement>('[part~="complete"]')!.click();
    await waitUntil(() => fake.completed.has(next.id));

    course.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="back"]')!.click();
    await waitUntil(() => find(el, '[part~="list"]'), 'the list never came back');
    await waitUntil(() => fake.callsTo('GET /api/v1/courses').length === 2, 'the list was not asked again');
    await waitUntil(() => cards(el)[1]!.progress === '4 of 8 lessons');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('data-course')).to.equal('hosting-101');
  });

  it('opens the course of the page’s hash when it loads', async () => {
    three();
    history.replaceState(null, '', '#course/dns');
    const el = await mount(fake);
    const course = $<PortalCourse>(el, 'portal-course');
    await waitUntil(() => text(course.shadowRoot!.querySelector('#course-title')) === 'DNS');
  });

  it('says when there are no courses', async () => {
    const el = await mount(fake);
    expect(text($(el, '[part="empty"]'))).to.equal('You have no courses yet.');
    await expect(el).to.be.accessible();
  });

  it('says courses are not available when the app is off or not the account’s (404), with no "Try again"', async () => {
    three();
    fake.off = true;
    const el = await mount(fake);
    expect(text($(el, '[part="unavailable"]'))).to.equal('Courses are not available.');
    expect(find(el, '[part~="retry"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('shows loading while the list is on its way', async () => {
    three();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.answer('GET /api/v1/courses', async () => {
      await held;
      return json(200, { items: [] });
    });
    const el = await inCoursesProvider<PortalCourses>(
      fake,
      html`<portal-courses></portal-courses>`,
      'portal-courses',
    );
    expect(text($(el, '[part="loading"]'))).to.equal('Loading…');
    await expect(el).to.be.accessible();
    release();
    await loaded(el);
    expect(text($(el, '[part="empty"]'))).to.equal('You have no courses yet.');
  });

  it('shows a failed load with "Try again"', async () => {
    three();
    fake.answer('GET /api/v1/courses', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
    const el = await mount(fake);
    expect(text($(el, '[part="load-error"] p'))).to.equal('Busy, try again.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await waitUntil(() => cards(el).length === 3);
  });

  it('asks to sign in when signed out', async () => {
    three();
    const el = await mount(fake, { signedInAs: null });
    expect(text($(el, '[part="signed-out"]'))).to.equal('Sign in to continue. Sign in');
    expect($(el, '[part="signed-out"] a').getAttribute('href')).to.equal('/login');
    expect(fake.calls).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('explains to someone who may not see the account’s courses, without asking the server', async () => {
    fake.asContact(['support:read']);
    three();
    const el = await mount(fake);
    expect(text($(el, '[part="not-allowed"]'))).to.equal(
      "You don't have access to this account's courses. Ask the account owner.",
    );
    expect(fake.calls).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    three();
    const el = await mount(fake, { lang: 'es' });
    expect(text($(el, '[part="heading"]'))).to.equal('Cursos');
    expect(cards(el).map((c) => [c.count, c.progress, c.link])).to.deep.equal([
      ['3 lecciones', '0 de 3 lecciones', 'Empezar'],
      ['8 lecciones', '3 de 8 lecciones', 'Continuar'],
      ['1 lección', '1 de 1 lección', 'Repasar'],
    ]);
    await expect(el).to.be.accessible();
  });
});
