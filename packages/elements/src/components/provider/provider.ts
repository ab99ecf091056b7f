import { provide } from '@lit/context';
import { grants, type PortalClient, type Session, type SessionMode } from '@portico/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  type PortalConfigState,
  type PortalSessionState,
  portalClientContext,
  portalConfigContext,
  portalLangContext,
  portalSessionContext,
} from '../../lib/context.js';
import { makeClient } from '../../lib/client-factory.js';
import { PortalErrorEvent, PortalSessionChangeEvent } from '../../lib/events.js';
import { catalogLanguage, translate } from '../../lib/localize.js';
import { trackReferral } from '../../lib/referral.js';
import { SessionController } from '../../lib/session-controller.js';
import { brandTokens } from './brand.js';
import { CONFIG_LOADING, configState, loadPortalConfig } from './portal-config.js';
import styles from './provider.styles.js';

/** The signed-in person's preferred language, when the elements have text in it. */
function preferredLanguage(session: Session | null): string | undefined {
  const tag = session?.user.locale;
  return tag && (catalogLanguage(tag) !== 'en' || /^en\b/i.test(tag)) ? tag : undefined;
}

/** Whether `session` lacks required profile fields that its person may fill (as the server decides). */
const profileIncomplete = (session: Session | null) =>
  !!session?.profileMissing.length && grants(session.permissions, 'profile:write');

/**
 * Connects the Portico elements inside it to one portal: creates the SDK client, loads the session and
 * keeps it current, loads the portal's public configuration (branding, sections, footer), and shares them (and
 * its language) with every element it contains.
 *
 * The `--portal-*` tokens below theme every element; set them on the provider or any ancestor. Colours default
 * to a light and a dark palette picked by `color-scheme`. Once the configuration loads, the business's brand
 * colour becomes the default primary colour (darkened or lightened where needed so text in it stays readable in
 * each scheme), with a matching `--portal-color-on-primary`; a `--portal-color-primary` of the page's own still
 * wins (set `--portal-color-on-primary` with it).
 *
 * @summary Shares one Portico client, session and language with the elements inside it.
 *
 * @attr api - The Portico server's URL, e.g. `https://portal.example.com`.
 * @attr mode - `cookie` (default, API on the same site) or `token` (cross-site: bearer token kept in memory).
 * @attr lang - Language for the elements inside (`en`, `es`); else the signed-in person's preferred language, else
 * the page's `lang`.
 * @attr profile-gate - `off` to handle incomplete profiles yourself (see `portal-profile-saved` and the session's
 * `profileMissing`); by default a dialog asks for the missing fields.
 * @attr theme - `light` or `dark` to force a colour scheme on the elements inside; else the visitor's preference.
 * @attr referral-param - The query parameter of affiliates' referral links (default `ref`).
 * @attr no-referral-tracking - Turns off recording visits through referral links.
 *
 * When it connects, a page opened through an affiliate's referral link (`?ref=<code>`) is recorded with
 * `portal.affiliate.track`, the referral kept for `<portal-register>` to send (localStorage `portico.referral`),
 * and the parameter taken out of the address bar; this never blocks rendering, and a failure is silent.
 *
 * While someone is signed in whose account lacks profile fields the business requires (the session's
 * `profileMissing`), and they may fill them, a modal dialog with `<portal-profile complete>` asks for them; Escape
 * does not close it, and it closes once the session reports nothing missing. It needs `<portal-profile>` defined
 * (`elements.js`; the sign-in bundle has none), and `profile-gate="off"` turns it off.
 *
 * @slot - The page content holding Portico elements.
 *
 * @csspart profile-gate - The dialog asking for missing profile fields.
 *
 * @cssproperty --portal-color-primary - Brand colour of buttons and links.
 * @cssproperty --portal-color-on-primary - Text on the brand colour.
 * @cssproperty --portal-color-text - Body text.
 * @cssproperty --portal-color-muted - Secondary text.
 * @cssproperty --portal-color-surface - Background of forms, inputs and menus.
 * @cssproperty --portal-color-surface-raised - Hovered menu items, pressed toggles, loading placeholders.
 * @cssproperty --portal-color-border - Borders of inputs and panels.
 * @cssproperty --portal-color-danger - Errors.
 * @cssproperty --portal-color-focus - Focus ring.
 * @cssproperty [--portal-color-scheme=light dark] - `light dark` (follow the visitor), `light` or `dark`.
 * @cssproperty [--portal-radius=0.5rem] - Corner radius.
 * @cssproperty [--portal-font-family=system-ui] - Font family.
 * @cssproperty [--portal-font-size=1rem] - Base font size.
 * @cssproperty [--portal-space=1rem] - Base spacing unit.
 *
 * @event {PortalSessionChangeEvent} portal-session-change - The first session load finished, or the session changed
 * since (sign-in, sign-out, a session the server ended); `event.detail` is `{ status, session }`.
 * @event {PortalErrorEvent} portal-error - The portal configuration could not be loaded; `event.detail` is
 * `{ action: 'config', error }`. The elements then show their defaults.
 */
@customElement('portal-provider')
export class PortalProvider extends LitElement {
  static override styles = styles;

  /** The Portico server's URL. */
  @property() api?: string;

  /** Where the session lives: `cookie` or `token`. */
  @property() mode: SessionMode = 'cookie';

  /** Language for the elements inside (reflects `lang`); else the signed-in person's preferred language. */
  @property({ attribute: 'lang' }) locale?: string;

  /** `off` leaves incomplete profiles to the site: no dialog asks for the missing fields. */
  @property({ attribute: 'profile-gate' }) profileGate: 'on' | 'off' = 'on';

  /** The query parameter of referral links. */
  @property({ attribute: 'referral-param' }) referralParam = 'ref';

  /** Turns off recording visits through referral links. */
  @property({ type: Boolean, attribute: 'no-referral-tracking' }) noReferralTracking = false;

  /** The language the elements inside speak: `lang`, else the signed-in person's preferred one. */
  @provide({ context: portalLangContext })
  @state()
  protected sharedLang?: string;

  /** Whether `<portal-profile>` is defined, which the profile gate shows. */
  @state() private profileDefined = false;

  /**
   * The SDK client to share. Made from `api` and `mode` unless you set one (e.g. with an injected `fetch`,
   * extra headers or a token).
   */
  @provide({ context: portalClientContext })
  @property({ attribute: false })
  client?: PortalClient;

  /** The session as the elements see it: `{ status, session }`. */
  @provide({ context: portalSessionContext })
  @state()
  sessionState: PortalSessionState = { status: 'loading', session: null };

  /** The portal configuration as the elements see it: `{ status, config }`. */
  @provide({ context: portalConfigContext })
  @state()
  configState: PortalConfigState = CONFIG_LOADING;

  readonly #session = new SessionController(this, (state) => {
    this.sessionState = state;
    this.#announce(state);
  });
  #madeClient: PortalClient | undefined;
  /** The state last told to the page with `portal-session-change`. */
  #announced: PortalSessionState | undefined;
  /** The client the configuration was loaded through; `false` before the first load. */
  #configFor: PortalClient | undefined | false = false;
  /** What had focus when the profile gate opened. */
  #beforeGate: HTMLElement | null = null;
  /** Bumped by every configuration load, so only the latest one is shown. */
  #configLoads = 0;
  /** Whether this page's address was checked for a referral link. */
  #referralChecked = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.sharedLang = this.locale;
    if (customElements.get('portal-profile')) this.profileDefined = true;
    else void customElements.whenDefined('portal-profile').then(() => (this.profileDefined = true));
    // Children ask for the client as soon as they connect, before this element's first update.
    this.#makeClient();
  }

  /** Loads the session from the server again. */
  refresh(): Promise<unknown> {
    return this.#session.refresh();
  }

  /**
   * Loads the portal configuration from the server again (e.g. after staff changed it) and shares it; the
   * elements keep showing the previous one until it arrives.
   */
  refreshConfig(): Promise<void> {
    return this.#loadConfig(true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('mode')) this.#makeClient(true);
    this.#session.client = this.client;
    if (this.client && !this.#referralChecked) {
      this.#referralChecked = true;
      // In the background: tracking a referral never holds up the page, and never throws.
      if (!this.noReferralTracking) void trackReferral(this.client, location, this.referralParam || 'ref');
    }
    this.sharedLang = this.locale || preferredLanguage(this.sessionState.session);
    if (this.client !== this.#configFor) void this.#loadConfig(false);
  }

  async #loadConfig(reload: boolean) {
    const client = this.client;
    const load = ++this.#configLoads;
    if (client !== this.#configFor)
      this.#setConfig(client ? CONFIG_LOADING : { status: 'error', config: null });
    this.#configFor = client;
    if (!client) return;
    const state = await configState(loadPortalConfig(client, reload));
    if (load !== this.#configLoads) return;
    if (state.status === 'error') {
      const event = new PortalErrorEvent({ action: 'config', error: state.error });
      this.dispatchEvent(event);
      // A failed reload keeps the configuration already shown.
      if (this.configState.config) return;
    }
    this.#setConfig(state);
  }

  #setConfig(state: PortalConfigState) {
    this.configState = state;
    const tokens = state.config ? brandTokens(state.config.brandColor) : undefined;
    // Private properties the tokens fall back to (styles.ts): an inline --portal-color-primary would beat the page's.
    if (tokens) {
      this.style.setProperty('--portal-brand', tokens.primary);
      this.style.setProperty('--portal-brand-on', tokens.onPrimary);
    } else {
      this.style.removeProperty('--portal-brand');
      this.style.removeProperty('--portal-brand-on');
    }
  }

  #announce(state: PortalSessionState) {
    const last = this.#announced;
    if (state.status === 'loading' || (last?.status === state.status && last.session === state.session))
      return;
    this.#announced = state;
    // Through a variable: the manifest analyzer would list `dispatchEvent(new …(state))` as an event named "state".
    const event = new PortalSessionChangeEvent(state);
    this.dispatchEvent(event);
  }

  #makeClient(remake = false) {
    const ours = this.client === undefined || this.client === this.#madeClient;
    if (!ours || !this.api || (this.client && !remake)) return;
    if (this.client && this.client.baseUrl === this.api && this.client.mode === this.mode) return;
    this.#madeClient = makeClient({ baseUrl: this.api, mode: this.mode });
    this.client = this.#madeClient;
  }

  protected override render() {
    const gate =
      this.profileGate !== 'off' && this.profileDefined && profileIncomplete(this.sessionState.session);
    return html`<slot></slot>${
      gate
        ? html`<dialog
            part="profile-gate"
            class="gate"
            aria-label=${translate(this.sharedLang || document.documentElement.lang, 'completeProfileTitle')}
            @cancel=${(event: Event) => event.preventDefault()}
            @close=${this.#keepGateOpen}
          >
            <portal-profile complete></portal-profile>
          </dialog>`
        : nothing
    }`;
  }

  protected override updated(): void {
    const gate = this.renderRoot.querySelector<HTMLDialogElement>('dialog.gate');
    if (gate && !gate.open) {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      this.#beforeGate ??= active as HTMLElement | null;
      gate.showModal();
    } else if (!gate && this.#beforeGate) {
      // The gate closed: back to where the person was.
      this.#beforeGate.focus();
      this.#beforeGate = null;
    }
  }

  /** Escape is refused, but a browser may close the dialog anyway after repeated presses: open it again. */
  #keepGateOpen = (event: Event) => {
    const dialog = event.target as HTMLDialogElement;
    if (dialog.isConnected && !dialog.open) dialog.showModal();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-provider': PortalProvider;
  }
}
