import type { HomeSettings, HomeSettingsInput } from '@portico/sdk/admin';
import { contentAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, isHttpUrl } from '../lib/admin-element.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { saveBar } from '../lib/save-bar.js';
import { adminStyles, saveBarStyles } from '../lib/styles.js';

addAdminMessages('en', en.common, en.settings, en.content);
addAdminMessages('es', es.common, es.settings, es.content);

/** The settings as typed, by field name. */
type Draft = Record<
  'title' | 'subtitle' | 'ctaLabel' | 'ctaUrl' | 'featuredLimit' | 'announcementsLimit',
  string
>;

const FIELDS = {
  'hero.title': 'title',
  'hero.subtitle': 'subtitle',
  'hero.cta': 'ctaLabel',
  'hero.cta.label': 'ctaLabel',
  'hero.cta.url': 'ctaUrl',
  featuredLimit: 'featuredLimit',
  announcementsLimit: 'announcementsLimit',
} as Record<string, keyof Draft>;

const draftOf = (s: HomeSettings): Draft => ({
  title: s.hero.title,
  subtitle: s.hero.subtitle,
  ctaLabel: s.hero.cta?.label ?? '',
  ctaUrl: s.hero.cta?.url ?? '',
  featuredLimit: String(s.featuredLimit),
  announcementsLimit: String(s.announcementsLimit),
});

/** A whole number from 0 to `max` typed, or undefined. */
function count(text: string, max: number): number | undefined {
  const s = text.trim();
  if (!/^\d{1,3}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= max ? n : undefined;
}

/**
 * The portal home (`#/home`): the hero clients see first (title, subtitle and an optional button: its words and
 * where it goes, a path on the portal such as `/store` or an http(s) URL), how many featured products it shows
 * (0 to 12; 0 hides them) and how many of the latest announcements (0 to 10). Saved with the save bar, which
 * counts the changes and discards them. Billing staff read only.
 *
 * @summary Portal home: hero, call to action, featured products and announcements.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart form - The settings form.
 * @csspart field - A label, input, hint and error.
 * @csspart save - The "Save changes" bar.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the settings load.
 * @csspart load-error - Shown when the settings could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-home')
export class PortalAdminHome extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, saveBarStyles];

  @state() private saved?: HomeSettings;
  @state() private draft?: Draft;

  readonly #load = this.loadTask(
    'adminHome',
    () => [],
    (admin) => admin.content.home(),
    (settings) => this.#settle(settings),
  );

  protected override render() {
    const canSave = this.can(routes.updateHome);
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('homeTitle')}</h1>
      <p class="intro">${canSave ? this.t('homeIntro') : this.t('contentReadOnly')}</p>
      ${this.renderMessages()} ${this.renderTask(this.#load, this.draft, (d) => this.#renderForm(d, canSave))}
    </div>`;
  }

  #renderForm(d: Draft, canSave: boolean) {
    const field = (name: keyof Draft, label: string, extra: Record<string, unknown> = {}) =>
      this.textInput(name, label, {
        value: d[name],
        error: this.fieldErrors[name],
        onInput: (e: Event) => this.#set(name, (e.target as HTMLInputElement).value),
        ...extra,
      });
    const changes = Object.keys(this.#read().input).length;
    return html`<form part="form" class="page" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <section class="card" aria-labelledby="hero-title">
        <h2 id="hero-title">${this.t('homeHero')}</h2>
        <fieldset class="page" ?disabled=${!canSave}>
          <legend class="sr-only">${this.t('homeHero')}</legend>
          ${field('title', this.t('heroTitle'), { required: true, maxlength: 120 })}
          ${field('subtitle', this.t('heroSubtitle'), { maxlength: 300 })}
          <div class="grid-2">
            ${field('ctaLabel', this.t('ctaLabel'), { maxlength: 40, hint: this.t('ctaLabelHint') })}
            ${field('ctaUrl', this.t('ctaUrl'), { maxlength: 2000, placeholder: '/store', hint: this.t('ctaUrlHint') })}
          </div>
        </fieldset>
      </section>
      <section class="card" aria-labelledby="sections-title">
        <h2 id="sections-title">${this.t('homeSections')}</h2>
        <fieldset class="grid-2" ?disabled=${!canSave}>
          <legend class="sr-only">${this.t('homeSections')}</legend>
          ${field('featuredLimit', this.t('featuredLimit'), { inputmode: 'numeric', hint: this.t('featuredLimitHint') })}
          ${field('announcementsLimit', this.t('announcementsLimit'), { inputmode: 'numeric', hint: this.t('announcementsLimitHint') })}
        </fieldset>
      </section>
      ${canSave ? saveBar(this.t, { changes, busy: this.busy, onDiscard: this.#discard }) : nothing}
    </form>`;
  }

  #settle(s: HomeSettings) {
    this.saved = s;
    this.draft = draftOf(s);
  }

  #set(name: keyof Draft, value: string) {
    if (!this.draft) return;
    this.draft = { ...this.draft, [name]: value };
    this.clearError(name);
  }

  /** What differs from the saved settings (what "Save" sends), and what is wrong with the draft. */
  #read(): { input: HomeSettingsInput; errors: Record<string, string> } {
    const s = this.saved;
    const d = this.draft;
    const input: HomeSettingsInput = {};
    const errors: Record<string, string> = {};
    if (!s || !d) return { input, errors };
    const title = d.title.trim();
    const subtitle = d.subtitle.trim();
    const label = d.ctaLabel.trim();
    const url = d.ctaUrl.trim();
    if (!title) errors.title = this.t('errorRequired');
    if (label && !url) errors.ctaUrl = this.t('homeErrorCtaUrlMissing');
    else if (url && !label) errors.ctaLabel = this.t('homeErrorCtaLabelMissing');
    else if (url && !(/^\/\S*$/.test(url) || isHttpUrl(url))) errors.ctaUrl = this.t('homeErrorCtaUrl');
    const cta = label && url ? { label, url } : null;
    const was = s.hero;
    if (
      title !== was.title ||
      subtitle !== was.subtitle ||
      cta?.label !== was.cta?.label ||
      cta?.url !== was.cta?.url
    ) {
      input.hero = { title, subtitle, cta };
    }
    const featured = count(d.featuredLimit, 12);
    if (featured === undefined) errors.featuredLimit = this.t('homeErrorCountUpTo', { max: 12 });
    else if (featured !== s.featuredLimit) input.featuredLimit = featured;
    const announcements = count(d.announcementsLimit, 10);
    if (announcements === undefined) errors.announcementsLimit = this.t('homeErrorCountUpTo', { max: 10 });
    else if (announcements !== s.announcementsLimit) input.announcementsLimit = announcements;
    return { input, errors };
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const { input, errors } = this.#read();
    if (!this.showFieldErrors(errors)) return;
    if (!Object.keys(input).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    const saved = await this.attemptResult(
      'adminSaveHome',
      (path) => FIELDS[path],
      (admin) => admin.content.updateHome(input),
    );
    if (!saved) return;
    this.#settle(saved);
    this.notice = this.t('homeSaved');
  };

  #discard = () => {
    if (!this.saved) return;
    this.#settle(this.saved);
    this.fieldErrors = {};
    this.notice = this.t('changesDiscarded');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-home': PortalAdminHome;
  }
}
