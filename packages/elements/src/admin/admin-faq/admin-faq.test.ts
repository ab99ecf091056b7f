import { expect, html, waitUntil } from '@open-wc/testing';
import { FakeAdminContent, typeMarkdown } from '../../../test/fake-admin-content.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { fill, mountPage, noticeText, submitFormOf } from '../../../test/fake-admin.js';
import { $, alertText, button, settled } from '../../../test/helpers.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalAdminMarkdownEditor } from '../lib/markdown-editor.js';
import type { PortalAdminFaq } from './admin-faq.js';

const mount = (fake: FakeAdminContent, as = 'grace@example.com', lang = 'en') =>
  mountPage<PortalAdminFaq>(
    html`<portal-admin-faq .client=${fake.client()} .session=${fake.signIn(as)} lang=${lang}></portal-admin-faq>`,
    fake,
    { as },
  );

const groups = (el: PortalAdminFaq) =>
  [...el.shadowRoot!.querySelectorAll('[part~="group"]')].map((g) => ({
    name: g.querySelector('h2')?.textContent?.trim(),
    questions: [...g.querySelectorAll('[part~="question"] h3')].map((h) => h.textContent?.trim()),
  }));
const press = async (el: PortalAdminFaq, label: string) => {
  $<HTMLButtonElement>(el, `[aria-label="${label}"]`).click();
  await el.updateComplete;
};
const confirm = async (el: PortalAdminFaq) => {
  await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'no confirmation asked');
  $<HTMLButtonElement>(el, 'dialog [part~="confirm"]').click();
};
describe('<portal-admin-faq>', () => {
  let fake: FakeAdminContent;
  beforeEach(() => {
    fake = new FakeAdminContent();
  });

  it('lists the groups in order with their questions and answers as clients see them', async () => {
    const el = await mount(fake);
    expect($(el, 'h1').textContent).to.equal('FAQ');
    expect(groups(el)).to.deep.equal([
      { name: 'Billing', questions: ['How do I pay?', 'Can I get a refund?', 'Do you charge VAT?'] },
      { name: 'Accounts', questions: ['How do I add a contact?'] },
      { name: 'Domains', questions: [] },
    ]);
    expect($(el, '[part~="question"] .rich strong').textContent).to.equal('bank transfer');
    expect(el.shadowRoot!.textContent).to.contain('No questions in this group yet.');
    await expect(el).to.be.accessible();
  });

  it('adds a question with a Markdown answer, and edits one into another group', async () => {
    const el = await mount(fake);
    await press(el, 'Add question to Accounts');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('question');
    await submitFormOf(el, 'question');
    expect($(el, '#question-error').textContent).to.equal('Fill this in.');
    expect($<PortalAdminMarkdownEditor>(el, 'portal-admin-markdown-editor').error).to.equal(
      'Write the answer.',
    );
    await expect(el).to.be.accessible();

    await fill(el, 'question', 'Can I have two logins?');
    await typeMarkdown(el, 'Yes: invite a **contact**.');
    await submitFormOf(el, 'question');
    await waitUntil(() => noticeText(el) === 'The question Can I have two logins? was added.', 'never added');
    const accounts = fake.faq.find((g) => g.name === 'Accounts')!;
    expect(fake.callsTo('/api/admin/v1/faq/items', 'POST')[0]?.body).to.deep.equal({
      groupId: accounts.id,
      question: 'Can I have two logins?',
      answer: 'Yes: invite a **contact**.',
      position: 1,
    });
    expect(groups(el)[1]!.questions).to.deep.equal(['How do I add a contact?', 'Can I have two logins?']);

    await press(el, 'Edit Do you charge VAT?');
    expect($<HTMLSelectElement>(el, '[name="groupId"]').value).to.equal(fake.faq[0]!.id);
    await fill(el, 'groupId', accounts.id);
    await submitFormOf(el, 'question');
    await waitUntil(
      () => noticeText(el) === 'The question Do you charge VAT? was moved to Accounts.',
      'never moved',
    );
    const item = fake.faqItem('Do you charge VAT?');
    expect(fake.callsTo(`/api/admin/v1/faq/items/${item.id}`, 'PATCH')[0]?.body).to.deep.equal({
      groupId: accounts.id,
    });
    expect(groups(el)[1]!.questions).to.include('Do you charge VAT?');
  });

  it('reorders questions and groups, renumbering only what moved, and keeps focus on the button', async () => {
    const el = await mount(fake);
    await press(el, 'Move down: How do I pay?');
    await waitUntil(() => noticeText(el) === 'How do I pay? is now number 2.', 'never moved');
    expect(groups(el)[0]!.questions).to.deep.equal([
      'Can I get a refund?',
      'How do I pay?',
      'Do you charge VAT?',
    ]);
    const patched = fake.calls.filter((c) => c.method === 'PATCH').map((c) => c.body);
    expect(patched).to.deep.equal([{ position: 0 }, { position: 1 }]);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Move down: How do I pay?');
    // The first one cannot move up.
    expect($<HTMLButtonElement>(el, '[aria-label="Move up: Can I get a refund?"]').disabled).to.be.true;

    await press(el, 'Move up: Accounts');
    await waitUntil(() => groups(el)[0]!.name === 'Accounts', 'group never moved');
    expect(noticeText(el)).to.equal('Accounts is now number 1.');
  });

  it('renames and adds groups, explains that one with questions cannot be deleted, and deletes questions', async () => {
    const el = await mount(fake);
    await press(el, 'Rename Domains');
    await fill(el, 'groupName', 'Domain names');
    await submitFormOf(el, 'groupName');
    await waitUntil(() => noticeText(el) === 'The group Domain names was saved.', 'never renamed');

    button(el, 'Add group').click();
    await el.updateComplete;
    await fill(el, 'groupName', 'Email');
    await submitFormOf(el, 'groupName');
    await waitUntil(() => groups(el).length === 4, 'never added');
    expect(fake.callsTo('/api/admin/v1/faq/groups', 'POST')[0]?.body).to.deep.equal({
      name: 'Email',
      position: 3,
    });

    await press(el, 'Delete Accounts');
    await confirm(el);
    await waitUntil(() => alertText(el).startsWith('Accounts still has questions.'), 'never explained');

    await press(el, 'Delete How do I add a contact?');
    expect($(el, 'dialog').textContent).to.contain('Delete the question How do I add a contact?');
    await confirm(el);
    await waitUntil(
      () => noticeText(el) === 'The question How do I add a contact? was deleted.',
      'never deleted',
    );
    await settled(el);
    await press(el, 'Delete Accounts');
    await confirm(el);
    await waitUntil(() => noticeText(el) === 'The group Accounts was deleted.', 'group never deleted');
    expect(groups(el).map((g) => g.name)).to.deep.equal(['Billing', 'Domain names', 'Email']);
  });

  it('shows billing staff the FAQ, read-only, in Spanish', async () => {
    const el = await mount(fake, 'bill@example.com', 'es');
    expect($(el, 'h1').textContent).to.equal('Preguntas frecuentes');
    expect(el.shadowRoot!.textContent).to.contain('Tu rol puede verlo, pero no cambiarlo.');
    expect(el.shadowRoot!.querySelectorAll('button').length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('runs none of the XSS payloads in answers a hostile server sends as HTML', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(60_000);
    const group = fake.addFaqGroup('Hostile');
    for (const { id, markdown } of XSS_PAYLOADS) fake.addFaqItem(group, `Q ${id}`, 'x').html = markdown;
    const xss = spyOnXss();
    try {
      const el = await mount(fake);
      for (const details of el.shadowRoot!.querySelectorAll('details')) details.open = true;
      await flushTasks();
      expect(el.shadowRoot!.querySelectorAll('[part~="question"]').length).to.be.greaterThan(
        XSS_PAYLOADS.length,
      );
      expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
      expect(xss.calls).to.deep.equal([]);
    } finally {
      xss.restore();
    }
  });
});
