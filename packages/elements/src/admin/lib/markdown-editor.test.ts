import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FakeAdminContent } from '../../../test/fake-admin-content.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { problem } from '../../../test/fake-admin.js';
import { $ } from '../../../test/helpers.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalAdminMarkdownEditor } from './markdown-editor.js';
import './markdown-editor.js';

const mount = async (fake: FakeAdminContent, lang = 'en', value = '') => {
  fake.signIn('grace@example.com');
  return fixture<PortalAdminMarkdownEditor>(
    html`<portal-admin-markdown-editor
      name="body"
      label="Article text"
      lang=${lang}
      .maxlength=${40}
      .value=${value}
      .client=${fake.client()}
    ></portal-admin-markdown-editor>`,
  );
};

const tab = (el: PortalAdminMarkdownEditor, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find(
    (t) => t.textContent?.trim() === name,
  )!;
const textarea = (el: PortalAdminMarkdownEditor) => $<HTMLTextAreaElement>(el, 'textarea');
const preview = (el: PortalAdminMarkdownEditor) => $(el, '#md-panel-preview');

async function typeText(el: PortalAdminMarkdownEditor, value: string) {
  const area = textarea(el);
  area.value = value;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function showPreview(el: PortalAdminMarkdownEditor) {
  tab(el, 'Preview').click();
  await el.updateComplete;
  await waitUntil(() => preview(el).getAttribute('aria-busy') === 'false', 'preview never came');
}

describe('<portal-admin-markdown-editor>', () => {
  let fake: FakeAdminContent;
  beforeEach(() => {
    fake = new FakeAdminContent();
  });

  it('is a labelled textarea with Write and Preview tabs, a character count and a Markdown hint', async () => {
    const el = await mount(fake);
    expect($(el, 'label').textContent).to.equal('Article text');
    expect($(el, 'label').getAttribute('for')).to.equal('md-text');
    expect($(el, '[role="tablist"]').getAttribute('aria-label')).to.equal('Article text: write or preview');
    expect(tab(el, 'Write').getAttribute('aria-selected')).to.equal('true');
    expect(tab(el, 'Preview').getAttribute('tabindex')).to.equal('-1');
    expect(textarea(el).getAttribute('aria-describedby')).to.equal('md-hint md-count');
    expect($(el, '#md-hint').textContent).to.contain('**bold**');
    expect($(el, '#md-count').textContent?.trim()).to.equal('0 / 40 characters');
    await expect(el).to.be.accessible();
  });

  it('counts what is typed, fires input as the host, and says how far over the limit it is', async () => {
    const el = await mount(fake);
    const seen: { name: string; value: string }[] = [];
    el.addEventListener('input', (e) => {
      const target = e.target as PortalAdminMarkdownEditor;
      seen.push({ name: target.name, value: target.value });
    });
    await typeText(el, 'Hello');
    expect(seen).to.deep.equal([{ name: 'body', value: 'Hello' }]);
    expect($(el, '#md-count').textContent?.trim()).to.equal('5 / 40 characters');
    await typeText(el, 'x'.repeat(43));
    expect($(el, '#md-count').textContent).to.contain('43 / 40 characters · 3 too many');
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
  });

  it('previews through the server, rendered with the console’s sanitizer, and moves between tabs with arrows', async () => {
    const el = await mount(fake, 'en', '## Servers\n\nUse **IMAP**.');
    await showPreview(el);
    expect(fake.callsTo('/api/admin/v1/content/preview', 'POST')[0]?.body).to.deep.equal({
      markdown: '## Servers\n\nUse **IMAP**.',
    });
    expect($(el, '.rich h2').textContent).to.equal('Servers');
    expect($(el, '.rich strong').textContent).to.equal('IMAP');
    expect(textarea(el).closest('[role="tabpanel"]')!.hasAttribute('hidden')).to.be.true;
    await expect(el).to.be.accessible();

    // The same text is not rendered twice.
    tab(el, 'Write').click();
    await el.updateComplete;
    await showPreview(el);
    expect(fake.callsTo('/api/admin/v1/content/preview', 'POST')).to.have.length(1);

    tab(el, 'Preview').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await el.updateComplete;
    expect(tab(el, 'Write').getAttribute('aria-selected')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(tab(el, 'Write'));

    // focus() goes back to the text from any tab.
    await showPreview(el);
    el.focus();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
  });

  it('says there is nothing to preview, and why a preview failed, with a retry', async () => {
    const el = await mount(fake);
    await showPreview(el);
    expect(preview(el).textContent).to.contain('Nothing to preview yet.');
    expect(fake.callsTo('/api/admin/v1/content/preview')).to.have.length(0);

    tab(el, 'Write').click();
    await typeText(el, 'Hi');
    fake.answer('POST /api/admin/v1/content/preview', () =>
      problem(503, 'INTERNAL', 'Down for maintenance.'),
    );
    await showPreview(el);
    expect(preview(el).textContent).to.contain('Down for maintenance.');
    $<HTMLButtonElement>(el, '#md-panel-preview button').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.rich p')?.textContent === 'Hi', 'never retried');
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, 'es');
    expect(tab(el, 'Escribir')).to.exist;
    expect(tab(el, 'Vista previa')).to.exist;
    expect($(el, '#md-count').textContent?.trim()).to.equal('0 / 40 caracteres');
    await expect(el).to.be.accessible();
  });

  it('runs none of the XSS payloads a hostile server sends back as preview HTML', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(60_000);
    fake.render = (markdown) => markdown;
    const xss = spyOnXss();
    try {
      const el = await mount(fake);
      el.maxlength = 100_000;
      await typeText(el, 'Start');
      await showPreview(el);
      // A page putting other text in while the Preview tab shows renders it again.
      for (const { id, markdown } of XSS_PAYLOADS) {
        el.value = markdown;
        await el.updateComplete;
        await waitUntil(() => preview(el).getAttribute('aria-busy') === 'false', `${id} never rendered`, {
          interval: 1,
        });
        expect(dangerousNodes(el.shadowRoot!), id).to.deep.equal([]);
      }
      await flushTasks();
      expect(xss.calls).to.deep.equal([]);
      expect(fake.callsTo('/api/admin/v1/content/preview')).to.have.length(XSS_PAYLOADS.length + 1);
    } finally {
      xss.restore();
    }
  });
});
