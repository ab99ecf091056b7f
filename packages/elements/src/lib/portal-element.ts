import { consume } from '@lit/context';
import type { PortalClient, Session, SessionMode } from '@portico/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  type PortalSessionState,
  portalClientContext,
  portalLangContext,
  portalSessionContext,
} from './context.js';
import { PortalErrorEvent, PortalSignedOutEvent } from './events.js';
import { checks, describeError, type ErrorDisplay, type Translate } from './form.js';
import { catalogLanguage, type MessageKey, translate } from './localize.js';
import { SessionController } from './session-controller.js';
import { standaloneClient } from './standalone-client.js';

type Check = keyof typeof checks;

/**
 * Base of the Portico elements: finds the SDK client and session (from a `<portal-provider>`, or from its own
 * `api` attribute when standalone), resolves the language, and runs requests with busy and error state.
 */
export class PortalElement extends LitElement {
  /** The Portico server's URL, for use without a `<portal-provider>`. Ignored inside a provider. */
  @property() api?: string;

  /** Session mode of the standalone client: `cookie` (default) or `token`. Ignored inside a provider. */
  @property() mode?: SessionMode;

  /** The language of the element's text; else the provider's, else the page's, else English. */
  @property({ attribute: 'lang' }) locale?: string;

  @consume({ context: portalClientContext, subscribe: true })
  @state()
  protected providedClient?: PortalClient;

  @consume({ context: portalSessionContext, subscribe: true })
  @state()
  protected providedSession?: PortalSessionState;

  @consume({ context: portalLangContext, subscribe: true })
  @state()
  protected providedLang?: string;

  /** A request is in flight. */
  @state() protected busy = false;
  /** Message for the `role="alert"` region. */
  @state() protected alertMessage = '';
  /** Message for the `role="status"` region (e.g. "code sent"). */
  @state() protected notice = '';
  /** Messages shown beside their fields, by field name. */
  @state() protected fieldErrors: Record<string, string> = {};
  /** What has been typed, by field name. */
  @state() protected values: Record<string, string> = {};

  readonly #standalone = new SessionController(this);
  #ownClient: PortalClient | undefined;

  /** The SDK client in use: the provider's, else the standalone one made from `api`. */
  get client(): PortalClient | undefined {
    return this.providedClient ?? this.#ownClient;
  }

  /** The session state in use: the provider's, else the standalone client's. */
  get sessionState(): PortalSessionState {
    return this.providedSession ?? this.#standalone.state;
  }

  /** The language in use. */
  get resolvedLocale(): string {
    return this.locale || this.providedLang || document.documentElement.lang || 'en';
  }

  /** The language the text is shown in (English when the requested one has no catalog), for `lang`. */
  protected get textLang(): string {
    return catalogLanguage(this.resolvedLocale);
  }

  /** Translates `key` into the element's language. */
  protected t: Translate = (key, params) => translate(this.resolvedLocale, key, params);

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#ownClient = !this.providedClient && this.api ? standaloneClient(this.api, this.mode) : undefined;
    this.#standalone.client = this.#ownClient;
  }

  /** Records typing into `values` and clears that field's error. */
  protected onInput = (event: Event): void => {
    const { name, value } = event.target as HTMLInputElement;
    this.values = { ...this.values, [name]: value };
    if (this.fieldErrors[name]) {
      const { [name]: _, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  };

  /**
   * Checks fields on the client before a request; shows the first failures beside their fields and focuses the
   * first. Returns whether everything passed.
   */
  protected validate(rules: Record<string, Check>): boolean {
    const errors: Record<string, string> = {};
    for (const [name, check] of Object.entries(rules)) {
      const key: MessageKey | undefined = checks[check](this.values[name]);
      if (key) errors[name] = this.t(key);
    }
    this.fieldErrors = errors;
    this.alertMessage = '';
    const first = Object.keys(errors)[0];
    if (first) void this.focusField(first);
    return !first;
  }

  /**
   * Runs one request with busy state and error display. Field errors from the server go beside the fields
   * named in `fields`; everything else goes to the alert. Fires `portal-error` on failure.
   * Returns whether the request succeeded.
   */
  protected async attempt(
    action: string,
    fields: readonly string[],
    work: (client: PortalClient) => Promise<unknown>,
  ): Promise<boolean> {
    if (this.busy) return false;
    this.alertMessage = '';
    this.notice = '';
    this.fieldErrors = {};
    const client = this.client;
    if (!client) {
      this.alertMessage = this.t('notConfigured');
      return false;
    }
    this.busy = true;
    try {
      await work(client);
      return true;
    } catch (error) {
      const shown = this.describeFailure(error, fields);
      this.alertMessage = shown.alert;
      this.fieldErrors = shown.fields;
      this.emit(new PortalErrorEvent({ action, error }));
      const first = fields.find((name) => shown.fields[name]);
      if (first) void this.focusField(first);
      else void this.#restoreFocus();
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** What a failed request shows: messages beside `fields`, the rest in the alert. Elements may explain more codes. */
  protected describeFailure(error: unknown, fields: readonly string[]): ErrorDisplay {
    return describeError(error, fields, this.t);
  }

  /** Dispatches one of the `portal-*` events (documented with `@event` on each element). */
  protected emit(event: Event): void {
    this.dispatchEvent(event);
  }

  /** Focuses the input named `name` once rendered. */
  protected async focusField(name: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
  }

  /** Focuses `selector` once rendered. */
  protected async focusPart(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Signs out and fires `portal-signed-out` (the SDK forgets the session even when the server cannot be reached). */
  protected async signOut(): Promise<void> {
    if (!this.client) return;
    await this.attempt('logout', [], (client) => client.auth.logout());
    this.values = {};
    this.emit(new PortalSignedOutEvent());
  }

  /** The `role="alert"` and `role="status"` regions; keep them rendered so changes are announced. */
  protected renderMessages(): TemplateResult {
    return html`<div part="error alert" class="alert" role="alert">${this.alertMessage || nothing}</div>
      <div part="status" class="notice" role="status">${this.notice || nothing}</div>`;
  }

  protected renderLoading(): TemplateResult {
    return html`<div part="loading" class="loading" role="status">
      <span class="spinner" aria-hidden="true"></span>${this.t('loading')}
    </div>`;
  }

  /** "Signed in as NAME" with a sign-out button. */
  protected renderSignedIn(session: Session): TemplateResult {
    return html`<div part="signed-in" class="signed-in">
      <p id="signed-in" tabindex="-1">${this.t('signedInAs', { name: session.user.name })}</p>
      <button part="button sign-out" class="secondary" type="button" ?disabled=${this.busy} @click=${this.signOut}>
        ${this.t('signOut')}
      </button>
    </div>`;
  }

  /** A disabled button drops focus; give it back to the submit button so keyboard users are not lost. */
  async #restoreFocus() {
    await this.updateComplete;
    const active = document.activeElement;
    if (!this.shadowRoot?.activeElement && (active === document.body || active === this || !active)) {
      this.renderRoot.querySelector<HTMLElement>('[type="submit"]')?.focus();
    }
  }
}
