import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PortalClient } from '@portico/sdk';
import { FakeApps } from '../../test/fake-apps.js';
import { problem } from '../../test/fake-portal.js';
import { providerChild, settled, submit, type } from '../../test/helpers.js';
import type { PortalProvider } from '../components/provider/provider.js';
import type { PortalRegister } from '../components/register/register.js';
import { clearReferral, REFERRAL_STORAGE_KEY, storedReferral, trackReferral } from './referral.js';
import '../components/provider/provider.js';
import '../components/register/register.js';

const DAY = 86_400_000;
const stored = () => JSON.parse(localStorage.getItem(REFERRAL_STORAGE_KEY) ?? 'null');

describe('referral tracking', () => {
  let fake: FakeApps;
  let client: PortalClient;
  const page = `${location.pathname}${location.search}${location.hash}`;

  /** Puts `query` in this page's address, as a visitor arriving through a link. */
  const arrive = (query: string) =>
    history.replaceState(history.state, '', `${location.pathname}${query}#top`);

  /** Keeps the referral `clk_01` as recorded by a click, expiring at `expiresAt` (ms since the epoch). */
  const keep = (expiresAt: number) =>
    localStorage.setItem(
      REFERRAL_STORAGE_KEY,
      JSON.stringify({ referral: 'clk_01', expiresAt: new Date(expiresAt).toISOString() }),
    );

  /** Registers Grace Hopper in a `<portal-register>` inside a provider of the fake; returns the form. */
  async function register(): Promise<PortalRegister> {
    const el = await providerChild<PortalRegister>(
      html`<portal-provider .client=${client}><portal-register></portal-register></portal-provider>`,
      'portal-register',
    );
    await type(el, 'name', 'Grace Hopper');
    await type(el, 'email', 'grace@example.com');
    await type(el, 'password', 'a difference engine');
    await submit(el);
    await settled(el);
    return el;
  }

  beforeEach(() => {
    fake = new FakeApps();
    client = fake.client();
    clearReferral();
  });

  afterEach(() => {
    clearReferral();
    history.replaceState(history.state, '', page);
  });

  it('records the ?ref= code, keeps the referral, and takes the parameter out of the address', async () => {
    arrive('?utm_source=blog&ref=ada42&page=2');
    const click = await trackReferral(client, location);
    expect(fake.callsTo('POST /api/v1/affiliate/clicks')[0]!.body).to.deep.equal({ code: 'ada42' });
    expect(click?.referral).to.equal('clk_01');
    expect(stored()).to.deep.equal({ referral: 'clk_01', expiresAt: click!.expiresAt });
    expect(location.search).to.equal('?utm_source=blog&page=2');
    expect(location.hash).to.equal('#top');
    expect(storedReferral()).to.equal('clk_01');
  });

  it('leaves the page’s other parameters exactly as they were written', async () => {
    arrive('?next=/checkout?step=2&ref=ada42&debug&q=a%20b+c&ref=again');
    await trackReferral(client, location);
    expect(fake.callsTo('POST /api/v1/affiliate/clicks')[0]!.body).to.deep.equal({ code: 'ada42' });
    expect(location.search).to.equal('?next=/checkout?step=2&debug&q=a%20b+c');
    expect(location.hash).to.equal('#top');
  });

  it('keeps nothing for a code that earns nothing, but still cleans the address', async () => {
    arrive('?ref=nobody');
    const click = await trackReferral(client, location);
    expect(click).to.deep.equal({ referral: null, expiresAt: null });
    expect(localStorage.getItem(REFERRAL_STORAGE_KEY)).to.be.null;
    expect(location.search).to.equal('');
  });

  it('reads another parameter name, and asks nothing without one', async () => {
    arrive('?aff=ada42');
    expect(await trackReferral(client, location)).to.be.null;
    expect(fake.calls).to.have.length(0);
    await trackReferral(client, location, 'aff');
    expect(storedReferral()).to.equal('clk_01');
    expect(location.search).to.equal('');
  });

  it('never throws: a server that cannot be reached leaves the parameter for the next visit', async () => {
    arrive('?ref=ada42');
    fake.answer('POST /api/v1/affiliate/clicks', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await trackReferral(client, location)).to.be.null;
    expect(location.search).to.equal('?ref=ada42');
    fake.answer('POST /api/v1/affiliate/clicks', () =>
      problem(400, 'VALIDATION_FAILED', 'Not a referral code'),
    );
    expect(await trackReferral(client, location)).to.be.null;
    expect(location.search).to.equal('');
    expect(localStorage.getItem(REFERRAL_STORAGE_KEY)).to.be.null;
  });

  it('ignores storage the browser refuses', async () => {
    arrive('?ref=ada42');
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      expect((await trackReferral(client, location))?.referral).to.equal('clk_01');
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(location.search).to.equal('');
  });

  it('does not touch the address bar for another address', async () => {
    arrive('?ref=keep');
    await trackReferral(client, new URL('https://shop.example/?ref=ada42'));
    expect(storedReferral()).to.equal('clk_01');
    expect(location.search).to.equal('?ref=keep');
  });

  it('honours the expiry: an expired referral is forgotten', () => {
    const now = Date.now();
    keep(now + DAY);
    expect(storedReferral(now)).to.equal('clk_01');
    expect(storedReferral(now + 2 * DAY)).to.be.null;
    expect(localStorage.getItem(REFERRAL_STORAGE_KEY)).to.be.null;
    localStorage.setItem(REFERRAL_STORAGE_KEY, '{not json');
    expect(storedReferral(now)).to.be.null;
    expect(localStorage.getItem(REFERRAL_STORAGE_KEY)).to.be.null;
  });

  describe('<portal-provider>', () => {
    it('tracks the referral link the page was opened with, in the background', async () => {
      arrive('?ref=ada42');
      const provider = await fixture<PortalProvider>(
        html`<portal-provider .client=${client}></portal-provider>`,
      );
      await waitUntil(() => storedReferral() === 'clk_01', 'never kept the referral');
      expect(provider.sessionState.status).to.not.equal('error');
      expect(location.search).to.equal('');
    });

    it('does not track with no-referral-tracking, and reads referral-param', async () => {
      arrive('?ref=ada42');
      await fixture(html`<portal-provider .client=${client} no-referral-tracking></portal-provider>`);
      await fixture(html`<portal-provider .client=${fake.client()} referral-param="via"></portal-provider>`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fake.callsTo('POST /api/v1/affiliate/clicks')).to.have.length(0);
      expect(location.search).to.equal('?ref=ada42');
    });

    it('renders while the click is still unanswered', async () => {
      arrive('?ref=ada42');
      fake.answer('POST /api/v1/affiliate/clicks', () => new Promise(() => {}));
      const el = await providerChild<PortalRegister>(
        html`<portal-provider .client=${client}><portal-register></portal-register></portal-provider>`,
        'portal-register',
      );
      expect(el.shadowRoot!.querySelector('form')).to.exist;
    });
  });

  describe('<portal-register>', () => {
    it('registers with the kept referral, and forgets it once the email is verified', async () => {
      keep(Date.now() + DAY);
      const el = await register();
      expect(fake.account.portal.callsTo('/api/v1/auth/register')[0]?.body).to.deep.include({
        email: 'grace@example.com',
        referral: 'clk_01',
      });
      expect(storedReferral()).to.equal('clk_01');
      await type(el, 'code', '123456');
      await submit(el);
      await settled(el);
      expect(fake.account.portal.callsTo('/api/v1/auth/verify-email')).to.have.length(1);
      expect(localStorage.getItem(REFERRAL_STORAGE_KEY)).to.be.null;
    });

    it('sends no referral when none is kept, or it expired', async () => {
      keep(Date.now() - DAY);
      await register();
      expect(fake.account.portal.callsTo('/api/v1/auth/register')[0]?.body).to.not.have.property('referral');
    });
  });
});
