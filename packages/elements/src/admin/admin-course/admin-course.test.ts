import { aTimeout, expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminCourses } from '../../../test/fake-admin-courses.js';
import { fill, mountPage, noticeText, problem, rows, submitFormOf } from '../../../test/fake-admin.js';
import { typeMarkdown } from '../../../test/fake-admin-content.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import { courseHash } from '../lib/course-labels.js';
import { PortalAdminCourse } from './admin-course.js';

const original = location.pathname + location.search;
const API = '/api/admin/v1/courses';

const mount = (fake: FakeAdminCourses, id: string, o: { as?: string; lang?: string } = {}) =>
  mountPage<PortalAdminCourse>(
    html`<portal-admin-course
      .client=${fake.client()}
      .session=${fake.signIn(o.as ?? 'sam@example.com')}
      course-id=${id}
      page-size="2"
      lang=${o.lang ?? 'en'}
    ></portal-admin-course>`,
    fake,
    { as: o.as ?? 'sam@example.com' },
  );

const tab = (el: PortalAdminCourse, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find(
    (t) => t.textContent?.trim() === name,
  )!;
const byLabel = (el: PortalAdminCourse, label: string) =>
  $<HTMLButtonElement>(el, `button[aria-label="${label}"]`);
const moduleTitles = (el: PortalAdminCourse) =>
  [...el.shadowRoot!.querySelectorAll('.module h3')].map((h) => h.textContent?.trim());
const lessonTitles = (el: PortalAdminCourse) =>
  [...el.shadowRoot!.querySelectorAll('.lesson a')].map((a) => a.textContent?.trim());
const value = (el: PortalAdminCourse, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`).value;
const checked = (el: PortalAdminCourse, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`).checked;

/** Whether leaving the browser page now would ask first. */
const guarded = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

/** Answers the open confirmation dialog. */
async function confirm(el: PortalAdminCourse, expected: string, yes = true) {
  await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation');
  expect($(el, 'dialog').textContent).to.contain(expected);
  $<HTMLButtonElement>(el, `dialog [part~="${yes ? 'confirm' : 'cancel'}"]`).click();
  // The answer reaches the page a task later; then its request runs.
  await aTimeout(0);
  await settled(el);
}

async function openTab(el: PortalAdminCourse, name: string) {
  tab(el, name).click();
  await el.updateComplete;
  await settled(el);
}

/** Picks `files` in the lesson's file input, as a person would. */
async function pick(el: PortalAdminCourse, ...files: File[]) {
  const input = $<HTMLInputElement>(el, 'input[name="files"]');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

const file = (name: string, size = 10) => new File([new Uint8Array(size).fill(65)], name);
const uploads = (el: PortalAdminCourse) =>
  [...el.shadowRoot!.querySelectorAll('.uploads li')].map((li) =>
    li.textContent?.replace(/\s+/g, ' ').trim(),
  );
const fileNames = (el: PortalAdminCourse) =>
  [...el.shadowRoot!.querySelectorAll('.files li button.link')].map((b) => b.textContent?.trim());

describe('<portal-admin-course>', () => {
  let fake: FakeAdminCourses;
  beforeEach(() => {
    fake = new FakeAdminCourses();
    history.replaceState(null, '', `${original}#/courses/${fake.course('Hosting 101').id}`);
  });
  afterEach(() => {
    history.replaceState(null, '', original);
  });

  describe('details', () => {
    it('edits the course and sends only what changed, granting products chosen from the list', async () => {
      const c = fake.course('Hosting 101');
      const [starter, business] = fake.products;
      const el = await mount(fake, c.id);
      expect($(el, 'h1').textContent?.trim()).to.equal('Hosting 101');
      expect(tab(el, 'Details').getAttribute('aria-selected')).to.equal('true');
      expect(value(el, 'title')).to.equal('Hosting 101');
      expect(value(el, 'access')).to.equal('granted');
      expect(checked(el, `product.${starter!.id}`)).to.be.true;
      expect(checked(el, `product.${business!.id}`)).to.be.false;
      expect($(el, '[part~="save"]').textContent).to.contain('No unsaved changes.');
      expect(guarded()).to.be.false;
      await expect(el).to.be.accessible();

      await fill(el, 'summary', 'Your first site, step by step.');
      await fill(el, `product.${business!.id}`, true);
      await fill(el, `product.${starter!.id}`, false);
      await typeMarkdown(el, 'All about **hosting**.', 'description');
      expect($(el, '[part~="save"]').textContent).to.contain('Unsaved changes: 3');
      expect(guarded()).to.be.true;

      await submitFormOf(el, 'title');
      await waitUntil(() => noticeText(el) === 'The course Hosting 101 was saved.', 'never saved');
      expect(fake.callsTo(`${API}/${c.id}`, 'PATCH')[0]?.body).to.deep.equal({
        summary: 'Your first site, step by step.',
        description: 'All about **hosting**.',
        productIds: [business!.id],
      });
      expect(c.productIds).to.deep.equal([business!.id]);
      expect(guarded()).to.be.false;

      await submitFormOf(el, 'title');
      expect(noticeText(el)).to.equal('Nothing has changed, so there was nothing to save.');
    });

    it('puts a taken slug (409) and the server’s field errors (422) beside their fields', async () => {
      const c = fake.course('Email basics');
      const el = await mount(fake, c.id);
      await fill(el, 'slug', 'hosting-101');
      await submitFormOf(el, 'title');
      await settled(el);
      expect($(el, '#slug-error').textContent).to.equal(
        'Another course already uses this slug. Choose another.',
      );
      expect(alertText(el)).to.equal('');
      expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('slug');

      fake.answer(`PATCH ${API}/${c.id}`, () =>
        problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
          { path: 'summary', message: 'At most 500 characters' },
          { path: 'productIds.0', message: 'Not a valid prod id' },
        ]),
      );
      await fill(el, 'slug', 'email-101');
      await fill(el, 'summary', 'Short.');
      await submitFormOf(el, 'title');
      await settled(el);
      expect($(el, '#summary-error').textContent).to.equal('At most 500 characters');
      expect($(el, '#productIds-error').textContent).to.equal('Not a valid prod id');
      expect(alertText(el)).to.equal('');
    });

    it('discards changes back to the saved course', async () => {
      const el = await mount(fake, fake.course('Hosting 101').id);
      await fill(el, 'title', 'Hosting 102');
      await fill(el, 'status', 'draft');
      button(el, 'Discard changes').click();
      await el.updateComplete;
      expect(value(el, 'title')).to.equal('Hosting 101');
      expect(value(el, 'status')).to.equal('published');
      expect(guarded()).to.be.false;
    });

    it('deletes the course after confirming, then goes back to the list', async () => {
      const c = fake.course('Email basics');
      const el = await mount(fake, c.id);
      $<HTMLButtonElement>(el, '[part~="delete"]').click();
      await confirm(el, 'Delete the course Email basics?', false);
      expect(fake.courses).to.include(c);
      $<HTMLButtonElement>(el, '[part~="delete"]').click();
      await confirm(el, 'Delete the course Email basics?');
      await waitUntil(() => location.hash === '#/courses', 'never went back');
      expect(fake.courses).not.to.include(c);
    });

    it('says when the course does not exist', async () => {
      const el = await mount(fake, 'crs_nope');
      expect($(el, '[part~="load-error"]').textContent).to.contain('There is no such course.');
    });
  });

  describe('outline', () => {
    it('adds, renames, moves and deletes modules; a module with lessons says why it stays', async () => {
      const c = fake.course('Hosting 101');
      const el = await mount(fake, c.id);
      await openTab(el, 'Outline');
      expect(moduleTitles(el)).to.deep.equal(['Getting started', 'DNS']);
      expect(byLabel(el, 'Move up: Getting started').disabled).to.be.true;
      await expect(el).to.be.accessible();

      await submitFormOf(el, 'newModule');
      expect($(el, '#newModule-error').textContent).to.equal('Fill this in.');
      await fill(el, 'newModule', 'Email');
      await submitFormOf(el, 'newModule');
      await waitUntil(() => noticeText(el) === 'The module Email was added.', 'never added');
      expect(moduleTitles(el)).to.deep.equal(['Getting started', 'DNS', 'Email']);
      expect(value(el, 'newModule')).to.equal('');

      byLabel(el, 'Move up: Email').click();
      await settled(el);
      expect(moduleTitles(el)).to.deep.equal(['Getting started', 'Email', 'DNS']);
      const email = c.modules.find((m) => m.title === 'Email')!;
      expect(fake.callsTo(`${API}/${c.id}/modules/${email.id}`, 'PATCH')[0]?.body).to.deep.equal({
        position: 1,
      });
      expect(el.shadowRoot!.activeElement?.id).to.equal(`module-${email.id}`);
      byLabel(el, 'Move down: Getting started').click();
      await settled(el);
      expect(moduleTitles(el)).to.deep.equal(['Email', 'Getting started', 'DNS']);

      byLabel(el, 'Rename Email').click();
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal(`module.${email.id}`);
      await fill(el, `module.${email.id}`, 'Mail');
      await submitFormOf(el, `module.${email.id}`);
      await waitUntil(() => noticeText(el) === 'The module is now called Mail.', 'never renamed');
      expect(moduleTitles(el)).to.deep.equal(['Mail', 'Getting started', 'DNS']);

      byLabel(el, 'Delete DNS').click();
      await confirm(el, 'Delete the module DNS?');
      expect(alertText(el)).to.equal(
        'The module DNS still has lessons (1). Move them to another module or delete them, then delete the module.',
      );
      expect(moduleTitles(el)).to.include('DNS');

      byLabel(el, 'Delete Mail').click();
      await confirm(el, 'Delete the module Mail?');
      expect(noticeText(el)).to.equal('The module Mail was deleted.');
      expect(moduleTitles(el)).to.deep.equal(['Getting started', 'DNS']);
    });

    it('adds lessons to a module and moves them within it', async () => {
      const c = fake.course('Hosting 101');
      const start = c.modules[0]!;
      const el = await mount(fake, c.id);
      await openTab(el, 'Outline');
      const field = `newLesson.${start.id}`;
      await fill(el, field, 'Backups');
      await submitFormOf(el, field);
      await waitUntil(() => noticeText(el) === 'The lesson Backups was added.', 'never added');
      expect(fake.callsTo(`${API}/${c.id}/lessons`, 'POST')[0]?.body).to.deep.equal({
        moduleId: start.id,
        title: 'Backups',
      });
      expect(lessonTitles(el)).to.deep.equal([
        'Welcome',
        'Your control panel',
        'Backups',
        'Records explained',
      ]);
      const backups = fake.lesson('Backups');
      expect(el.shadowRoot!.activeElement?.id).to.equal(`lesson-${backups.id}`);
      expect(byLabel(el, 'Move down: Backups').disabled).to.be.true;

      byLabel(el, 'Move up: Backups').click();
      await settled(el);
      await waitUntil(() => lessonTitles(el)[1] === 'Backups', 'never moved');
      expect(fake.callsTo(`${API}/${c.id}/lessons/${backups.id}`, 'PATCH')[0]?.body).to.deep.equal({
        position: 1,
      });
      expect(lessonTitles(el)).to.deep.equal([
        'Welcome',
        'Backups',
        'Your control panel',
        'Records explained',
      ]);
      // Drip and files show in the outline.
      expect($(el, '.lessons').textContent).to.contain('Opens after 2 days');
      expect($(el, '.lessons').textContent).to.contain('Files: 1');
    });
  });

  describe('lesson', () => {
    const openLesson = async (title: string) => {
      const c = fake.course('Hosting 101');
      const l = fake.lesson(title);
      history.replaceState(null, '', `${original}${courseHash(c.id, l.id)}`);
      const el = await mount(fake, c.id);
      await waitUntil(() => el.shadowRoot!.querySelector('#lesson-heading'), 'lesson never shown');
      return { el, c, l };
    };

    it('opens from the outline at a shareable address and goes back to it', async () => {
      const c = fake.course('Hosting 101');
      const l = fake.lesson('Your control panel');
      const el = await mount(fake, c.id);
      await openTab(el, 'Outline');
      $<HTMLAnchorElement>(el, `#lesson-${l.id}`).click();
      await waitUntil(() => el.shadowRoot!.querySelector('#lesson-heading'), 'lesson never shown');
      expect(location.hash).to.equal(courseHash(c.id, l.id));
      expect($(el, '#lesson-heading').textContent?.trim()).to.equal('Your control panel');
      expect(el.shadowRoot!.activeElement?.id).to.equal('lesson-heading');
      await expect(el).to.be.accessible();

      button(el, '← Back to the outline').click();
      await waitUntil(() => el.shadowRoot!.querySelector('.modules'), 'never back');
      expect(tab(el, 'Outline').getAttribute('aria-selected')).to.equal('true');
    });

    it('edits drip days, video, module and text; the server’s kind of video shows', async () => {
      const { el, c, l } = await openLesson('Welcome');
      expect($(el, '[part~="video-kind"]').textContent?.trim()).to.equal('Shown as: YouTube video, embedded');
      expect(value(el, 'lessonDripDays')).to.equal('0');
      expect($(el, '#lessonDripDays-hint').textContent).to.contain('Opens as soon as access begins.');

      await fill(el, 'lessonDripDays', '9999');
      await submitFormOf(el, 'lessonTitle');
      expect($(el, '#lessonDripDays-error').textContent).to.equal(
        'Enter a whole number of days from 0 to 3650.',
      );
      await fill(el, 'lessonVideoUrl', 'not a url');
      await submitFormOf(el, 'lessonTitle');
      expect($(el, '#lessonVideoUrl-error').textContent).to.contain('https://');
      expect(fake.callsTo(`${API}/${c.id}/lessons/${l.id}`, 'PATCH')).to.have.length(0);

      await fill(el, 'lessonDripDays', '3');
      expect($(el, '#lessonDripDays-hint').textContent).to.contain('Opens 3 days after access begins.');
      await fill(el, 'lessonVideoUrl', 'https://cdn.example.com/intro.mp4');
      // The kind shown is the server's, for the URL it saw.
      expect(el.shadowRoot!.querySelector('[part~="video-kind"]')).to.equal(null);
      await fill(el, 'lessonModuleId', c.modules[1]!.id);
      await typeMarkdown(el, 'New **text**.', 'lessonBody');
      expect(guarded()).to.be.true;
      await submitFormOf(el, 'lessonTitle');
      await waitUntil(() => noticeText(el) === 'The lesson Welcome was saved.', 'never saved');
      expect(fake.callsTo(`${API}/${c.id}/lessons/${l.id}`, 'PATCH')[0]?.body).to.deep.equal({
        moduleId: c.modules[1]!.id,
        body: 'New **text**.',
        videoUrl: 'https://cdn.example.com/intro.mp4',
        dripDays: 3,
      });
      expect($(el, '[part~="video-kind"]').textContent?.trim()).to.equal(
        'Shown as: video file, played in the browser',
      );
      expect(guarded()).to.be.false;
    });

    it('asks before leaving a lesson with unsaved changes', async () => {
      const { el, c, l } = await openLesson('Welcome');
      await fill(el, 'lessonTitle', 'Hello');
      button(el, '← Back to the outline').click();
      await confirm(el, 'Leave the lesson without saving?', false);
      expect(location.hash).to.equal(courseHash(c.id, l.id));
      button(el, '← Back to the outline').click();
      await confirm(el, 'Leave the lesson without saving?');
      await waitUntil(() => el.shadowRoot!.querySelector('.modules'), 'never left');
      expect(location.hash).to.equal(courseHash(c.id));
    });

    it("asks before the browser's Back leaves a lesson with unsaved changes, and staying keeps them", async () => {
      const { el, c, l } = await openLesson('Welcome');
      await fill(el, 'lessonTitle', 'Hello');
      location.hash = courseHash(c.id);
      await confirm(el, 'Leave the lesson without saving?', false);
      await waitUntil(() => location.hash === courseHash(c.id, l.id), 'the lesson address is not back');
      expect((el.shadowRoot!.querySelector('[name="lessonTitle"]') as HTMLInputElement).value).to.equal(
        'Hello',
      );
      location.hash = courseHash(c.id);
      await confirm(el, 'Leave the lesson without saving?');
      await waitUntil(() => el.shadowRoot!.querySelector('.modules'), 'never left');
      expect(location.hash).to.equal(courseHash(c.id));
    });

    it('uploads files within the attachment rules, refusing a type it does not accept, and removes one', async () => {
      const { el, c, l } = await openLesson('Welcome');
      expect(fileNames(el)).to.deep.equal(['checklist.pdf']);
      expect($(el, '#files-hint').textContent).to.contain('pdf, txt, zip');
      fake.holdUploads = true;
      await pick(el, file('notes.txt'), file('virus.exe'));
      expect(uploads(el)).to.deep.equal([
        'notes.txt 10 bytes Uploading…',
        'virus.exe 10 bytes Not uploaded: files of this type are not accepted. Dismiss',
      ]);
      // Only the accepted file was sent.
      await waitUntil(
        () => fake.callsTo(`${API}/${c.id}/lessons/${l.id}/files`, 'POST').length,
        'never sent',
      );
      expect(fake.callsTo(`${API}/${c.id}/lessons/${l.id}/files`, 'POST').map((x) => x.query)).to.deep.equal([
        { name: 'notes.txt' },
      ]);
      fake.releaseUploads();
      await waitUntil(() => uploads(el)[0]?.includes('Uploaded'), 'never uploaded');
      expect(fileNames(el)).to.deep.equal(['checklist.pdf', 'notes.txt']);
      await expect(el).to.be.accessible();

      byLabel(el, 'Remove checklist.pdf').click();
      await confirm(el, 'Remove the file checklist.pdf?');
      expect(noticeText(el)).to.equal('The file checklist.pdf was removed.');
      expect(fileNames(el)).to.deep.equal(['notes.txt']);
      expect(l.files.map((f) => f.name)).to.deep.equal(['notes.txt']);
    });

    it('shows the server refusing a file whose content is not what its name says', async () => {
      const { el, c, l } = await openLesson('Welcome');
      await pick(el, file('fake.pdf'));
      await waitUntil(() => !uploads(el)[0]?.includes('Uploading'), 'never answered');
      expect(fake.callsTo(`${API}/${c.id}/lessons/${l.id}/files`, 'POST')).to.have.length(1);
      expect(uploads(el)).to.deep.equal([
        'fake.pdf 10 bytes Not uploaded: files of this type are not accepted. Dismiss',
      ]);
      expect(fileNames(el)).to.deep.equal(['checklist.pdf']);
      byLabel(el, 'Dismiss fake.pdf').click();
      await el.updateComplete;
      expect(uploads(el)).to.deep.equal([]);
      expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('files');
    });

    it('downloads a file through the staff API', async () => {
      const { el } = await openLesson('Welcome');
      const saved: { name: string; text: string }[] = [];
      const before = PortalAdminCourse.saveFile;
      PortalAdminCourse.saveFile = (blob, name) =>
        void blob.text().then((text) => saved.push({ name, text }));
      try {
        byLabel(el, 'Download checklist.pdf').click();
        await waitUntil(() => saved.length, 'never downloaded');
        expect(saved[0]).to.deep.equal({ name: 'checklist.pdf', text: '%PDF-1.4 checklist' });
      } finally {
        PortalAdminCourse.saveFile = before;
      }
    });

    it('deletes a lesson after confirming and shows the outline', async () => {
      const { el, c, l } = await openLesson('Records explained');
      button(el, 'Delete lesson').click();
      await confirm(el, 'Delete the lesson Records explained?');
      await waitUntil(() => el.shadowRoot!.querySelector('.modules'), 'never back to the outline');
      expect(location.hash).to.equal(courseHash(c.id));
      expect(noticeText(el)).to.equal('The lesson Records explained was deleted.');
      expect(lessonTitles(el)).not.to.include('Records explained');
      expect(c.modules[1]!.lessons).not.to.include(l);
    });
  });

  describe('students', () => {
    it('pages the students with their access, since and completed lessons', async () => {
      const c = fake.course('Hosting 101');
      fake.addStudents(c, 2);
      const el = await mount(fake, c.id);
      expect(fake.callsTo(`${API}/${c.id}/students`)).to.have.length(0);
      await openTab(el, 'Students');
      await waitUntil(() => rows(el).length === 2, 'students never shown');
      const first = [...rows(el)[0]!.cells].map((cell) => cell.textContent?.trim());
      expect(first[0]).to.equal('Initech');
      expect(first[1]).to.equal('Purchase');
      expect(first[3]).to.equal('0 of 3');
      expect(fake.callsTo(`${API}/${c.id}/students`)[0]?.query).to.deep.equal({ limit: '2' });
      await expect(el).to.be.accessible();

      button(el, 'Load more').click();
      await waitUntil(() => rows(el).length === 4, 'next page never came');
      expect(fake.callsTo(`${API}/${c.id}/students`)[1]?.query).to.deep.equal({ limit: '2', cursor: 'c2' });
      expect([...rows(el)[2]!.cells][4]?.textContent?.trim()).to.equal('Never');
      button(el, 'Load more').click();
      await waitUntil(() => rows(el).length === 5, 'last page never came');
      expect(el.shadowRoot!.textContent).not.to.contain('Load more');
    });

    it('says when nobody has started the course', async () => {
      const el = await mount(fake, fake.course('Email basics').id);
      await openTab(el, 'Students');
      expect($(el, '[part~="empty"]').textContent).to.contain('No account has started this course yet.');
    });
  });

  it('moves between tabs with the arrow keys', async () => {
    const el = await mount(fake, fake.course('Hosting 101').id);
    tab(el, 'Details').focus();
    tab(el, 'Details').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await el.updateComplete;
    expect(tab(el, 'Outline').getAttribute('aria-selected')).to.equal('true');
    await waitUntil(() => el.shadowRoot!.activeElement === tab(el, 'Outline'), 'focus did not follow');
    tab(el, 'Outline').dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await el.updateComplete;
    expect(tab(el, 'Students').getAttribute('aria-selected')).to.equal('true');
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, fake.course('Hosting 101').id, { lang: 'es' });
    expect(tab(el, 'Temario')).to.exist;
    expect($(el, '.title .badge').textContent).to.equal('Publicado');
    expect(button(el, 'Guardar cambios')).to.exist;
    await openTab(el, 'Temario');
    expect(button(el, 'Añadir módulo')).to.exist;
    await expect(el).to.be.accessible();
  });
});
