import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { daysFromNow, type FakeCourse, FakeCourses, inCoursesProvider } from '../../../test/fake-courses.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import { all, find, shows, text } from '../../../test/queries.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import { formatDate } from '../../lib/format.js';
import type { PortalCourse, PortalLessonCompletedEvent } from './course.js';
import { embedSrc } from './course.js';

type Options = Parameters<typeof inCoursesProvider>[3];

async function mount(fake: FakeCourses, course?: string, options: Options = {}): Promise<PortalCourse> {
  const el = await inCoursesProvider<PortalCourse>(
    fake,
    course
      ? html`<portal-course course=${course} login-href="/login"></portal-course>`
      : html`<portal-course login-href="/login"></portal-course>`,
    'portal-course',
    options,
  );
  if (options.signedInAs !== null) await loaded(el);
  return el;
}

async function loaded(el: PortalCourse) {
  await waitUntil(
    () =>
      find(
        el,
        '#course-title, #lesson-title, [part~="load-error"], [part="not-allowed"], [part="not-found"], [part="empty"], [part="locked"]',
      ),
    'never loaded',
  );
  await el.updateComplete;
}

/** Follows a link as the browser does: the hash changes, `hashchange` fires. */
async function go(el: PortalCourse, hash: string) {
  location.hash = hash;
  await waitUntil(() => location.hash === hash);
  await el.updateComplete;
}

const heading = (el: PortalCourse) => text(find(el, '#lesson-title') ?? find(el, '#course-title'));
const lessonTitle = (el: PortalCourse) => text(find(el, '#lesson-title'));
const progressText = (el: PortalCourse) => $(el, '[role="progressbar"]').getAttribute('aria-valuetext');
const outlineRows = (el: PortalCourse) =>
  all(el, '.lesson-row').map((row) => [
    row.localName,
    text(row.querySelector('.lesson-name')),
    row.getAttribute('aria-current') ?? '',
  ]);

describe('<portal-course>', () => {
  let fake: FakeCourses;
  const start = location.href;
  beforeEach(() => {
    fake = new FakeCourses();
    history.replaceState(null, '', start);
  });
  afterEach(() => {
    history.replaceState(null, '', start);
  });

  /** Two modules: "Basics" (Welcome done, Setup, Tools) and "Going further" (Deploy, then Scale locked). */
  function hosting(): FakeCourse {
    const course = fake.addCourse({
      slug: 'hosting-101',
      title: 'Hosting 101',
      summary: 'Run your own site.',
      descriptionHtml: '<p>Learn <strong>everything</strong>.</p>',
      modules: [
        fake.module({
          title: 'Basics',
          lessons: [
            fake.lesson({ title: 'Welcome' }),
            fake.lesson({ title: 'Setup', html: '<p>Install <code>nginx</code>.</p>' }),
            fake.lesson({ title: 'Tools' }),
          ],
        }),
        fake.module({
          title: 'Going further',
          lessons: [
            fake.lesson({ title: 'Deploy' }),
            fake.lesson({ title: 'Scale', opensAt: daysFromNow(5) }),
          ],
        }),
      ],
    });
    fake.completed.add(course.modules[0]!.lessons[0]!.id);
    return course;
  }
  const lessonOf = (course: FakeCourse, title: string) =>
    course.modules.flatMap((m) => m.lessons).find((l) => l.title === title)!;

  it('shows the course: title, progress, where to continue, the description and the outline', async () => {
    const course = hosting();
    const el = await mount(fake, 'hosting-101');
    expect(text($(el, '#course-title'))).to.equal('Hosting 101');
    const bar = $(el, '[role="progressbar"]');
    expect(bar.getAttribute('aria-valuetext')).to.equal('1 of 5 lessons');
    expect(bar.getAttribute('aria-valuenow')).to.equal('1');
    expect(bar.getAttribute('aria-valuemax')).to.equal('5');
    expect(bar.getAttribute('aria-label')).to.equal('Progress in Hosting 101');
    expect(text($(el, '[part="progress-text"]'))).to.equal('1 of 5 lessons');
    const resume = $<HTMLAnchorElement>(el, '[part="resume"]');
    expect(text(resume)).to.equal('Continue: Setup');
    expect(resume.getAttribute('href')).to.equal(
      `#course/hosting-101/lesson/${lessonOf(course, 'Setup').id}`,
    );
    expect($(el, '[part="description"]').innerHTML).to.contain('<strong>everything</strong>');
    expect(all(el, '[part="module-title"]').map(text)).to.deep.equal(['Basics', 'Going further']);
    const opens = formatDate('en', lessonOf(course, 'Scale').opensAt);
    expect(outlineRows(el)).to.deep.equal([
      ['a', 'Welcome (Completed)', ''],
      ['a', 'Setup', ''],
      ['a', 'Tools', ''],
      ['a', 'Deploy', ''],
      ['span', `Scale (Locked) Opens ${opens}`, ''],
    ]);
    expect(find(el, '[part~="done"] .mark')?.textContent).to.equal('✓');
    expect(find(el, '[part="back"]'), 'no list to go back to').to.be.null;
    await expect(el).to.be.accessible();
  });

  it('says "Start" before any lesson is done, and when every lesson is', async () => {
    const course = fake.addCourse({ slug: 'short' });
    const el = await mount(fake, 'short');
    expect(text($(el, '[part="resume"]'))).to.equal(`Start: ${course.modules[0]!.lessons[0]!.title}`);
    for (const l of course.modules[0]!.lessons) fake.completed.add(l.id);
    const again = await mount(fake, 'short');
    expect(find(again, '[part="resume"]')).to.be.null;
    expect(text($(again, '.all-done'))).to.equal('You have completed every lesson.');
  });

  it('follows #course/<slug> and #course/<slug>/lesson/<id>, and shows nothing without a course', async () => {
    const course = hosting();
    const el = await mount(fake);
    expect(text($(el, '[part="empty"]'))).to.equal('No course to show.');
    await go(el, '#course/hosting-101');
    await waitUntil(() => heading(el) === 'Hosting 101');
    expect($(el, '[part~="back"]').getAttribute('href')).to.equal(
      `${location.pathname}${location.search}#courses`,
    );
    const setup = lessonOf(course, 'Setup');
    await go(el, `#course/hosting-101/lesson/${setup.id}`);
    await waitUntil(() => lessonTitle(el) === 'Setup');
    expect(text($(el, '[part="module-title"].lesson-module'))).to.equal('Basics');
    expect($(el, '[part="content"]').innerHTML).to.contain('<code>nginx</code>');
    expect(text($(el, '[part="title"] a'))).to.equal('Hosting 101');
    expect($(el, '[aria-current="page"]').dataset.lesson).to.equal(setup.id);
    expect(el.shadowRoot!.activeElement?.id, 'focus moved to the lesson').to.equal('lesson-title');
    await expect(el).to.be.accessible();
  });

  it('with `course`, leaves another course’s hash alone, and follows its own lessons', async () => {
    const course = hosting();
    fake.addCourse({ slug: 'other', title: 'Other' });
    const el = await mount(fake, course.id);
    await go(el, '#course/other');
    await el.updateComplete;
    expect(heading(el)).to.equal('Hosting 101');
    expect(el.shadowRoot!.activeElement, 'focus stays where it was').to.be.null;
    expect(fake.callsTo('GET /api/v1/courses/other')).to.have.length(0);
    const setup = lessonOf(course, 'Setup');
    expect($(el, `a[data-lesson="${setup.id}"]`).getAttribute('href')).to.equal(
      `#course/${course.id}/lesson/${setup.id}`,
    );
    await go(el, `#course/hosting-101/lesson/${setup.id}`);
    await waitUntil(() => lessonTitle(el) === 'Setup', 'its lesson by slug never showed');
  });

  it('moves with Previous and Next, focusing the new heading', async () => {
    const course = hosting();
    const [welcome, setup, tools] = course.modules[0]!.lessons;
    history.replaceState(null, '', `#course/hosting-101/lesson/${setup!.id}`);
    const el = await mount(fake);
    expect(lessonTitle(el)).to.equal('Setup');
    const previous = $<HTMLAnchorElement>(el, '[part="previous"]');
    const next = $<HTMLAnchorElement>(el, '[part="next"]');
    expect(text(previous)).to.equal('← Previous lesson Welcome');
    expect(previous.getAttribute('href')).to.equal(`#course/hosting-101/lesson/${welcome!.id}`);
    expect(text(next)).to.equal('Next lesson → Tools');
    next.click();
    await waitUntil(() => lessonTitle(el) === 'Tools', 'next lesson never showed');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('lesson-title');
    expect(location.hash).to.equal(`#course/hosting-101/lesson/${tools!.id}`);
    history.back();
    await waitUntil(() => lessonTitle(el) === 'Setup', 'back never came back');
  });

  it('shows a locked next lesson with its day, not as a link', async () => {
    const course = hosting();
    const deploy = lessonOf(course, 'Deploy');
    history.replaceState(null, '', `#course/hosting-101/lesson/${deploy.id}`);
    const el = await mount(fake);
    const next = $(el, '[part="next"]');
    expect(next.localName).to.equal('span');
    expect(text(next)).to.equal(
      `Next lesson Scale Opens ${formatDate('en', lessonOf(course, 'Scale').opensAt)}`,
    );
    const locked = $(el, '[part="locked-lesson"]');
    expect(locked.localName).to.equal('span');
    expect(locked.closest('a')).to.be.null;
    expect(locked.tabIndex).to.equal(-1);
  });

  it('says when a locked lesson opens when its address is opened anyway (403 LESSON_LOCKED)', async () => {
    const course = hosting();
    const scale = lessonOf(course, 'Scale');
    history.replaceState(null, '', `#course/hosting-101/lesson/${scale.id}`);
    const el = await mount(fake);
    expect(fake.callsTo(`GET /api/v1/courses/${course.id}/lessons/${scale.id}`)).to.have.length(1);
    expect(text($(el, '[part="locked"]'))).to.equal(
      `This lesson opens on ${formatDate('en', scale.opensAt)}.`,
    );
    expect(find(el, '#lesson-title')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('says which day from the server’s answer, even when the outline did not know it', async () => {
    const course = hosting();
    const tools = lessonOf(course, 'Tools');
    const opensAt = daysFromNow(3);
    fake.answer(`GET /api/v1/courses/${course.id}/lessons/${tools.id}`, () =>
      json(
        403,
        { type: 't', title: 'Forbidden', status: 403, code: 'LESSON_LOCKED', opensAt },
        { 'content-type': 'application/problem+json' },
      ),
    );
    history.replaceState(null, '', `#course/hosting-101/lesson/${tools.id}`);
    const el = await mount(fake);
    expect(text($(el, '[part="locked"]'))).to.equal(`This lesson opens on ${formatDate('en', opensAt)}.`);
  });

  it('marks a lesson complete and not complete: pressed state, progress, tick, event', async () => {
    const course = hosting();
    const setup = lessonOf(course, 'Setup');
    history.replaceState(null, '', `#course/hosting-101/lesson/${setup.id}`);
    const el = await mount(fake);
    const toggle = () => $<HTMLButtonElement>(el, '[part~="complete"]');
    expect(text(toggle())).to.equal('Mark as complete');
    expect(toggle().getAttribute('aria-pressed')).to.equal('false');
    expect(progressText(el)).to.equal('1 of 5 lessons');

    let event = oneEvent(el, 'portal-lesson-completed') as Promise<PortalLessonCompletedEvent>;
    toggle().focus();
    toggle().click();
    let fired = await event;
    expect(fired.detail).to.deep.equal({ courseId: course.id, lessonId: setup.id, completed: true });
    expect(fired.bubbles && fired.composed).to.be.true;
    await el.updateComplete;
    expect(fake.callsTo(`PUT /api/v1/courses/${course.id}/lessons/${setup.id}/completion`)).to.have.length(1);
    expect(toggle().getAttribute('aria-pressed')).to.equal('true');
    expect(progressText(el)).to.equal('2 of 5 lessons');
    expect(text($(el, `[data-lesson="${setup.id}"] .lesson-name`))).to.equal('Setup (Completed)');
    expect(text($(el, '[role="status"].notice'))).to.equal('Lesson completed.');
    expect(el.shadowRoot!.activeElement, 'the toggle keeps focus').to.equal(toggle());
    await expect(el).to.be.accessible();

    event = oneEvent(el, 'portal-lesson-completed') as Promise<PortalLessonCompletedEvent>;
    toggle().click();
    fired = await event;
    expect(fired.detail.completed).to.be.false;
    await el.updateComplete;
    expect(fake.callsTo(`DELETE /api/v1/courses/${course.id}/lessons/${setup.id}/completion`)).to.have.length(
      1,
    );
    expect(toggle().getAttribute('aria-pressed')).to.equal('false');
    expect(progressText(el)).to.equal('1 of 5 lessons');
    expect(text($(el, '[role="status"].notice'))).to.equal('Lesson marked as not completed.');
  });

  it('says why a completion failed, and changes nothing', async () => {
    const course = hosting();
    const setup = lessonOf(course, 'Setup');
    fake.answer(`PUT /api/v1/courses/${course.id}/lessons/${setup.id}/completion`, () =>
      problem(503, 'UNAVAILABLE', 'Busy, try again.'),
    );
    history.replaceState(null, '', `#course/hosting-101/lesson/${setup.id}`);
    const el = await mount(fake);
    const failed = oneEvent(el, 'portal-error');
    $<HTMLButtonElement>(el, '[part~="complete"]').click();
    await failed;
    await el.updateComplete;
    expect(text($(el, '.base > [role="alert"]'))).to.equal('Busy, try again.');
    expect($(el, '[part~="complete"]').getAttribute('aria-pressed')).to.equal('false');
    expect(progressText(el)).to.equal('1 of 5 lessons');
  });

  it('has no "Mark as complete" for someone who may only read', async () => {
    fake.asContact(['apps:read']);
    const course = hosting();
    history.replaceState(null, '', `#course/hosting-101/lesson/${lessonOf(course, 'Setup').id}`);
    const el = await mount(fake);
    expect(lessonTitle(el)).to.equal('Setup');
    expect(find(el, '[part~="complete"]')).to.be.null;
  });

  it('never lets a late lesson answer replace the newer lesson', async () => {
    const course = hosting();
    const setup = lessonOf(course, 'Setup');
    const tools = lessonOf(course, 'Tools');
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.answer(`GET /api/v1/courses/${course.id}/lessons/${setup.id}`, async () => {
      await held;
      return json(200, fake.lessonView(course, setup.id));
    });
    const el = await mount(fake, 'hosting-101');
    await go(el, `#course/hosting-101/lesson/${setup.id}`);
    await shows(el, '[part="loading"]');
    await go(el, `#course/hosting-101/lesson/${tools.id}`);
    await waitUntil(() => lessonTitle(el) === 'Tools');
    release();
    await flushTasks();
    await el.updateComplete;
    expect(lessonTitle(el)).to.equal('Tools');
    expect($(el, '[aria-current="page"]').dataset.lesson).to.equal(tools.id);
  });

  it('keeps a completion that answers after moving on: tick and progress, not the lesson', async () => {
    const course = hosting();
    const setup = lessonOf(course, 'Setup');
    const tools = lessonOf(course, 'Tools');
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.answer(`PUT /api/v1/courses/${course.id}/lessons/${setup.id}/completion`, async () => {
      await held;
      fake.completed.add(setup.id);
      return json(200, fake.lessonView(course, setup.id));
    });
    history.replaceState(null, '', `#course/hosting-101/lesson/${setup.id}`);
    const el = await mount(fake);
    $<HTMLButtonElement>(el, '[part~="complete"]').click();
    await el.updateComplete;
    expect($(el, '[part~="complete"]').getAttribute('aria-busy')).to.equal('true');
    await go(el, `#course/hosting-101/lesson/${tools.id}`);
    await waitUntil(() => lessonTitle(el) === 'Tools');
    const event = oneEvent(el, 'portal-lesson-completed') as Promise<PortalLessonCompletedEvent>;
    release();
    expect((await event).detail).to.deep.equal({ courseId: course.id, lessonId: setup.id, completed: true });
    await el.updateComplete;
    expect(lessonTitle(el)).to.equal('Tools');
    expect($(el, '[part~="complete"]').getAttribute('aria-pressed')).to.equal('false');
    expect(text($(el, `[data-lesson="${setup.id}"] .lesson-name`))).to.equal('Setup (Completed)');
    expect(progressText(el)).to.equal('2 of 5 lessons');
  });

  describe('video', () => {
    async function lessonWithVideo(video: NonNullable<Parameters<FakeCourses['lesson']>[0]>['video']) {
      const lesson = fake.lesson({ title: 'Watch', video: video ?? null });
      const course = fake.addCourse({ modules: [fake.module({ lessons: [lesson] })] });
      history.replaceState(null, '', `#course/${course.slug}/lesson/${lesson.id}`);
      const el = await mount(fake);
      expect(lessonTitle(el)).to.equal('Watch');
      return el;
    }

    it('embeds a YouTube (no-cookie) player with a title, permissions and referrer policy', async () => {
      const el = await lessonWithVideo({
        url: 'https://youtu.be/abc123',
        kind: 'youtube',
        embedUrl: 'https://www.youtube-nocookie.com/embed/abc123',
      });
      const frame = $<HTMLIFrameElement>(el, 'iframe[part="video"]');
      expect(frame.getAttribute('src')).to.equal('https://www.youtube-nocookie.com/embed/abc123');
      expect(frame.title).to.equal('Video: Watch');
      expect(frame.getAttribute('allow')).to.equal('fullscreen; picture-in-picture');
      expect(frame.getAttribute('referrerpolicy')).to.equal('strict-origin-when-cross-origin');
      expect(frame.getAttribute('loading')).to.equal('lazy');
    });

    it('embeds a Vimeo player', async () => {
      const el = await lessonWithVideo({
        url: 'https://vimeo.com/76979871',
        kind: 'vimeo',
        embedUrl: 'https://player.vimeo.com/video/76979871',
      });
      expect($(el, 'iframe').getAttribute('src')).to.equal('https://player.vimeo.com/video/76979871');
    });

    it('never puts another address in an iframe: it becomes a link to the video, or nothing', async () => {
      const el = await lessonWithVideo({
        url: 'https://www.youtube.com/watch?v=abc123',
        kind: 'youtube',
        embedUrl: 'https://www.youtube.com/embed/abc123',
      });
      expect(find(el, 'iframe')).to.be.null;
      const link = $<HTMLAnchorElement>(el, '[part="video-link"]');
      expect(link.getAttribute('href')).to.equal('https://www.youtube.com/watch?v=abc123');
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(text(link)).to.equal('Watch the video (opens in a new tab) ↗');

      const hostile = await lessonWithVideo({
        url: 'javascript:__xss("video-url")',
        kind: 'vimeo',
        embedUrl: 'javascript:__xss("video")//https://player.vimeo.com/video/1',
      });
      expect(find(hostile, 'iframe')).to.be.null;
      expect(find(hostile, '[part="video-link"]'), 'no link to a javascript: URL').to.be.null;
      expect(dangerousNodes(hostile.shadowRoot!)).to.deep.equal([]);
    });

    it('accepts only the two player prefixes, as written and as parsed', () => {
      expect(embedSrc('https://www.youtube-nocookie.com/embed/x')).to.equal(
        'https://www.youtube-nocookie.com/embed/x',
      );
      expect(embedSrc('https://player.vimeo.com/video/1?h=2')).to.equal(
        'https://player.vimeo.com/video/1?h=2',
      );
      for (const bad of [
        null,
        '',
        'javascript:alert(1)',
        'JAVASCRIPT:https://www.youtube-nocookie.com/embed/x',
        ' https://www.youtube-nocookie.com/embed/x',
        'https://www.youtube-nocookie.com/embed/x\nx',
        'https://www.youtube-nocookie.com.evil.test/embed/x',
        'https://www.youtube-nocookie.com@evil.test/embed/x',
        'http://www.youtube-nocookie.com/embed/x',
        'https://www.youtube.com/embed/x',
        'https://player.vimeo.com/videos/1',
        'https://player.vimeo.com/video/..\\..\\x',
        'data:text/html,<script>alert(1)</script>',
        '//player.vimeo.com/video/1',
      ]) {
        expect(embedSrc(bad), String(bad)).to.be.undefined;
      }
    });

    it('plays a video file with controls, and links an other video', async () => {
      const el = await lessonWithVideo({
        url: 'https://cdn.example.com/intro.mp4',
        kind: 'file',
        embedUrl: null,
      });
      const video = $<HTMLVideoElement>(el, 'video[part="video"]');
      expect(video.getAttribute('src')).to.equal('https://cdn.example.com/intro.mp4');
      expect(video.controls).to.be.true;
      expect(video.getAttribute('preload')).to.equal('metadata');
      expect(find(el, 'iframe')).to.be.null;

      const link = await lessonWithVideo({
        url: 'https://videos.example.com/v/1',
        kind: 'link',
        embedUrl: null,
      });
      expect($(link, '[part="video-link"]').getAttribute('href')).to.equal('https://videos.example.com/v/1');
      expect(find(link, 'video, iframe')).to.be.null;
      await expect(link).to.be.accessible();
    });
  });

  it('lists the lesson’s files with their sizes and downloads one with the session', async () => {
    const pdf = fake.file('checklist.pdf', 2048);
    const lesson = fake.lesson({ title: 'Files', files: [pdf, fake.file('notes.txt', 300, 'text/plain')] });
    const course = fake.addCourse({ slug: 'files', modules: [fake.module({ lessons: [lesson] })] });
    history.replaceState(null, '', `#course/files/lesson/${lesson.id}`);
    const el = await mount(fake);
    expect(all(el, '[part~="download"]').map(text)).to.deep.equal([
      '⤓ Download checklist.pdf 2 kB',
      '⤓ Download notes.txt 300 bytes',
    ]);
    const clicked: { href: string; download: string }[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    };
    try {
      $<HTMLButtonElement>(el, '[part~="download"]').click();
      await waitUntil(() => clicked.length === 1, 'no download');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(
      fake.callsTo(`GET /api/v1/courses/${course.id}/lessons/${lesson.id}/files/${pdf.id}`),
    ).to.have.length(1);
    expect(clicked[0]!.download).to.equal('checklist.pdf');
    expect(clicked[0]!.href).to.match(/^blob:/);
    expect(await (await fetch(clicked[0]!.href)).text()).to.equal('contents of checklist.pdf');
    expect(el.renderRoot.querySelector('a[download]'), 'the link is temporary').to.be.null;
    await expect(el).to.be.accessible();
  });

  it('says when a download fails', async () => {
    const pdf = fake.file('checklist.pdf', 2048);
    const lesson = fake.lesson({ files: [pdf] });
    const course = fake.addCourse({ slug: 'files', modules: [fake.module({ lessons: [lesson] })] });
    fake.answer(`GET /api/v1/courses/${course.id}/lessons/${lesson.id}/files/${pdf.id}`, () =>
      problem(503, 'UNAVAILABLE', 'Busy, try again.'),
    );
    history.replaceState(null, '', `#course/files/lesson/${lesson.id}`);
    const el = await mount(fake);
    $<HTMLButtonElement>(el, '[part~="download"]').click();
    await waitUntil(() => text(find(el, '.base > [role="alert"]')) === 'Busy, try again.');
  });

  describe('states', () => {
    it('loading', async () => {
      hosting();
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      fake.answer('GET /api/v1/courses/hosting-101', async () => {
        await held;
        return json(200, fake.view(fake.courses[0]!));
      });
      const el = await inCoursesProvider<PortalCourse>(
        fake,
        html`<portal-course course="hosting-101"></portal-course>`,
        'portal-course',
      );
      expect(text($(el, '[part="loading"]'))).to.equal('Loading…');
      await expect(el).to.be.accessible();
      release();
      await loaded(el);
      expect(heading(el)).to.equal('Hosting 101');
    });

    it('a course that is not the account’s, or an app that is off: not found, no "Try again"', async () => {
      hosting();
      const el = await mount(fake, 'someone-elses');
      expect(text($(el, '[part="not-found"]'))).to.equal('This course is not available.');
      expect(find(el, '[part~="retry"]')).to.be.null;
      await expect(el).to.be.accessible();
      fake.off = true;
      const off = await mount(fake, 'hosting-101');
      expect(text($(off, '[part="not-found"]'))).to.equal('This course is not available.');
    });

    it('a failed load, with "Try again"', async () => {
      hosting();
      fake.answer('GET /api/v1/courses/hosting-101', () => problem(503, 'UNAVAILABLE', 'Busy, try again.'));
      const el = await mount(fake, 'hosting-101');
      expect(text($(el, '[part="load-error"] p'))).to.equal('Busy, try again.');
      await expect(el).to.be.accessible();
      button(el, 'Try again').click();
      await waitUntil(() => heading(el) === 'Hosting 101');
    });

    it('a failed lesson load, with "Try again"', async () => {
      const course = hosting();
      const setup = lessonOf(course, 'Setup');
      fake.answer(`GET /api/v1/courses/${course.id}/lessons/${setup.id}`, () =>
        problem(503, 'UNAVAILABLE', 'Busy, try again.'),
      );
      history.replaceState(null, '', `#course/hosting-101/lesson/${setup.id}`);
      const el = await mount(fake);
      expect(text($(el, '[part="load-error"] p'))).to.equal('Busy, try again.');
      button(el, 'Try again').click();
      await waitUntil(() => lessonTitle(el) === 'Setup');
    });

    it('a lesson that is not in the course', async () => {
      hosting();
      history.replaceState(null, '', '#course/hosting-101/lesson/lsn_nope');
      const el = await mount(fake);
      await shows(el, '[part="not-found"]');
      expect(text($(el, '[part="not-found"]'))).to.equal('This lesson is not in the course.');
    });

    it('signed out', async () => {
      hosting();
      const el = await mount(fake, 'hosting-101', { signedInAs: null });
      expect(text($(el, '[part="signed-out"]'))).to.equal('Sign in to continue. Sign in');
      expect(fake.calls).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('someone who may not see the account’s courses, without asking the server', async () => {
      fake.asContact(['billing:read']);
      hosting();
      const el = await mount(fake, 'hosting-101');
      expect(text($(el, '[part="not-allowed"]'))).to.contain("You don't have access");
      expect(fake.calls).to.have.length(0);
    });

    it('a course without lessons', async () => {
      fake.addCourse({ slug: 'empty', modules: [] });
      const el = await mount(fake, 'empty');
      expect(text($(el, '.outline [part="empty"]'))).to.equal('This course has no lessons yet.');
      expect(find(el, '[role="progressbar"]')).to.be.null;
      await expect(el).to.be.accessible();
    });
  });

  it('speaks Spanish', async () => {
    const course = hosting();
    const el = await mount(fake, 'hosting-101', { lang: 'es' });
    expect(progressText(el)).to.equal('1 de 5 lecciones');
    expect(text($(el, '[part="resume"]'))).to.equal('Continuar: Setup');
    const opens = formatDate('es', lessonOf(course, 'Scale').opensAt);
    expect(text($(el, '[part="locked-lesson"] .lesson-name'))).to.equal(
      `Scale (Bloqueada) Se abre el ${opens}`,
    );
    expect($(el, '[part="outline"]').getAttribute('aria-label')).to.equal('Temario del curso');
    await go(el, `#course/hosting-101/lesson/${lessonOf(course, 'Setup').id}`);
    await waitUntil(() => lessonTitle(el) === 'Setup');
    expect(text($(el, '[part~="complete"]'))).to.equal('Marcar como completada');
    expect(text($(el, '[part="next"]'))).to.equal('Lección siguiente → Tools');
    await expect(el).to.be.accessible();
  });

  describe('hostile HTML from the server', () => {
    let xss: ReturnType<typeof spyOnXss>;
    beforeEach(() => {
      xss = spyOnXss();
    });
    afterEach(() => xss.restore());

    it(`runs none of the ${XSS_PAYLOADS.length} payloads as a course description`, async function (this: {
      timeout(ms: number): void;
    }) {
      this.timeout(240_000);
      expect(XSS_PAYLOADS.length).to.equal(990);
      for (const { id, markdown } of XSS_PAYLOADS) {
        fake.addCourse({ slug: `xss-${id.toLowerCase()}`, title: `XSS ${id}`, descriptionHtml: markdown });
      }
      const el = await mount(fake);
      for (const { id } of XSS_PAYLOADS) {
        history.replaceState(null, '', `#course/xss-${id.toLowerCase()}`);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        await waitUntil(() => text(find(el, '#course-title')) === `XSS ${id}`, `course ${id} never showed`, {
          interval: 1,
        });
        expect(dangerousNodes(el.shadowRoot!), id).to.deep.equal([]);
      }
      await flushTasks();
      expect(xss.calls).to.deep.equal([]);
    });

    it(`runs none of the ${XSS_PAYLOADS.length} payloads as lesson text`, async function (this: {
      timeout(ms: number): void;
    }) {
      this.timeout(240_000);
      const lessons = XSS_PAYLOADS.map(({ id, markdown }) =>
        fake.lesson({ title: `XSS ${id}`, html: markdown }),
      );
      fake.addCourse({ slug: 'xss', modules: [fake.module({ lessons })] });
      const el = await mount(fake, 'xss');
      for (const [i, lesson] of lessons.entries()) {
        history.replaceState(null, '', `#course/xss/lesson/${lesson.id}`);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        await waitUntil(
          () => lessonTitle(el) === lesson.title,
          `lesson ${XSS_PAYLOADS[i]!.id} never showed`,
          {
            interval: 1,
          },
        );
        expect(dangerousNodes(el.shadowRoot!), XSS_PAYLOADS[i]!.id).to.deep.equal([]);
      }
      await flushTasks();
      expect(xss.calls).to.deep.equal([]);
    });
  });
});
