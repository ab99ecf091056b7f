import { expect, html, nextFrame, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { FakeContent, inContentProvider } from '../../../test/fake-content.js';
import { json, problem } from '../../../test/fake-portal.js';
import { $, button } from '../../../test/helpers.js';
import { all, find, shows, text } from '../../../test/queries.js';
import { dangerousNodes, flushTasks, spyOnXss } from '../../../test/xss.js';
import { XSS_PAYLOADS } from '../../../test/xss-payloads.js';
import type { PortalFaq } from './faq.js';

const mount = (
  fake: FakeContent,
  content: TemplateResult = html`<portal-faq></portal-faq>`,
  options: { lang?: string } = {},
) => inContentProvider<PortalFaq>(fake, content, 'portal-faq', options);

async function filter(el: PortalFaq, value: string) {
  const box = $<HTMLInputElement>(el, 'input[name="faq-q"]');
  box.value = value;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

const questions = (el: PortalFaq) => all(el, '[part~="question"]').map(text);
const item = (el: PortalFaq, id: string) => $<HTMLDetailsElement>(el, `[data-item="${id}"]`);

describe('<portal-faq>', () => {
  let fake: FakeContent;
  beforeEach(() => {
    history.replaceState(null, '', location.pathname);
    fake = new FakeContent().seed();
  });
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('shows the groups with their questions as disclosures and the answers’ HTML', async () => {
    const release = fake.holdFilter('');
    const el = await mount(fake);
    expect(text(find(el, '[part="loading"]'))).to.contain('Loading');
    release();
    await shows(el, '[part~="item"]');
    expect(all(el, '[part="group-title"]').map(text)).to.deep.equal(['Your account', 'Billing']);
    expect(questions(el)).to.deep.equal([
      'How do I change my password?',
      'Can I change my email address?',
      'Do you give refunds?',
      'Which payment methods work?',
    ]);
    const refund = item(el, 'faq_refund');
    expect(refund.localName).to.equal('details');
    expect(refund.open).to.be.false;
    expect(refund.querySelector('summary')).to.exist;
    expect(refund.querySelector('.rich a')!.getAttribute('href')).to.equal('https://example.com/terms');
    await expect(el).to.be.accessible();

    // Opening a question gives it an address to share, without a new history entry.
    const length = history.length;
    refund.querySelector('summary')!.click();
    await waitUntil(() => location.hash === '#faq/faq_refund', 'the hash never followed');
    expect(history.length).to.equal(length);
    await expect(el).to.be.accessible();
  });

  it('asks the server after a pause in typing and says how many match, or that none do', async () => {
    const el = await mount(fake);
    await shows(el, '[part~="item"]');
    for (const q of ['r', 're', 'ref', 'refund']) await filter(el, q);
    await waitUntil(() => questions(el).length === 1, 'never filtered');
    expect(questions(el)).to.deep.equal(['Do you give refunds?']);
    expect(fake.callsTo('GET /api/v1/faq').map((c) => c.query)).to.deep.equal([{}, { q: 'refund' }]);
    expect(text(find(el, '[part="status"]'))).to.equal('1 question matches.');
    expect(all(el, '[part="group-title"]').map(text)).to.deep.equal(['Billing']);

    await filter(el, 'zebra');
    await shows(el, '[part="empty"]');
    expect(text(find(el, '[part="empty"]'))).to.equal('No questions match “zebra”.');
    expect(text(find(el, '[part="status"]'))).to.equal('No questions match “zebra”.');
    await expect(el).to.be.accessible();

    await filter(el, '');
    await waitUntil(() => questions(el).length === 4, 'clearing never showed them all');
  });

  it('aborts the filter before, so only the last one’s answer shows', async () => {
    const release = fake.holdFilter('password');
    const el = await mount(fake, html`<portal-faq search-delay="20"></portal-faq>`);
    await shows(el, '[part~="item"]');
    await filter(el, 'password');
    await waitUntil(() => fake.callsTo('GET /api/v1/faq').length === 2, 'the first filter never went');
    await filter(el, 'payment');
    await waitUntil(() => questions(el).length === 1, 'the second filter never showed');
    expect(fake.abortedFilters).to.deep.equal(['password']);
    release();
    await nextFrame();
    await el.updateComplete;
    expect(questions(el)).to.deep.equal(['Which payment methods work?']);
  });

  it('opens and scrolls to the question of a #faq/<id> link, on load and when the hash changes', async () => {
    history.replaceState(null, '', '#faq/faq_methods');
    const el = await mount(fake);
    await shows(el, '[part~="item"]');
    await waitUntil(() => item(el, 'faq_methods').open, 'the linked question never opened');
    expect(el.shadowRoot!.activeElement).to.equal(item(el, 'faq_methods').querySelector('summary'));
    expect(all(el, 'details[open]')).to.have.length(1);

    history.pushState(null, '', '#faq/faq_email');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitUntil(() => item(el, 'faq_email').open, 'the second link never opened');
    const box = item(el, 'faq_email').getBoundingClientRect();
    expect(box.top).to.be.lessThan(window.innerHeight);
    expect(box.bottom).to.be.greaterThan(0);
  });

  it('says when there are no questions', async () => {
    fake.faq = [];
    const el = await mount(fake);
    await shows(el, '[part="empty"]');
    expect(text(find(el, '[part="empty"]'))).to.equal('There are no questions here yet.');
    await expect(el).to.be.accessible();
  });

  it('renders nothing when the business hides its FAQ (404)', async () => {
    fake.hidden.add('faq');
    const el = await mount(fake);
    await waitUntil(() => el.hidden, 'never hidden');
    await el.updateComplete;
    expect($(el, '[part="base"]').children).to.have.length(0);
  });

  it('shows a failed load with “Try again”', async () => {
    fake.answer('GET /api/v1/faq', () => problem(503, 'UNAVAILABLE', 'Down for a moment.'));
    const el = await mount(fake);
    await shows(el, '[part="load-error"]');
    expect(text(find(el, '[part="load-error"] p'))).to.equal('Down for a moment.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await shows(el, '[part~="item"]');
  });

  it('speaks Spanish', async () => {
    const el = await mount(fake, html`<portal-faq></portal-faq>`, { lang: 'es' });
    await shows(el, '[part~="item"]');
    expect(text(find(el, '[part="title"]'))).to.equal('Preguntas frecuentes');
    expect(text(find(el, 'label'))).to.equal('Filtrar preguntas');
    await filter(el, 'refund');
    await waitUntil(() => text(find(el, '[part="status"]')) === 'Coincide 1 pregunta.', 'no Spanish count');
    await expect(el).to.be.accessible();
  });

  it('runs none of the XSS payloads given as answers’ HTML', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(20_000);
    const { calls, restore } = spyOnXss();
    try {
      const el = await mount(fake);
      await shows(el, '[part~="item"]');
      const hostile = {
        groups: [
          {
            id: 'faqg_xss',
            name: 'Hostile',
            items: XSS_PAYLOADS.map(({ id, markdown }) => ({
              id: `faq_${id}`,
              question: id,
              html: markdown,
            })),
          },
        ],
      };
      fake.answer('GET /api/v1/faq', () => json(200, hostile));
      await filter(el, 'hostile');
      await waitUntil(() => all(el, '[part~="item"]').length === XSS_PAYLOADS.length, 'never rendered', {
        timeout: 15_000,
      });
      for (const details of all(el, 'details')) (details as HTMLDetailsElement).open = true;
      await flushTasks();
      expect(calls).to.deep.equal([]);
      expect(dangerousNodes(el.shadowRoot!)).to.deep.equal([]);
    } finally {
      restore();
    }
  });
});
