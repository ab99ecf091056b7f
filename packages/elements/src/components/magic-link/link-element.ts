import {
  isMfaRequired,
  isPortalApiError,
  type MfaRequired,
  type PortalClient,
  type Session,
  type SignInResult,
} from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PortalSignedInEvent } from '../../lib/events.js';
import { replaceHash } from '../../lib/hash.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { mfaStep } from '../../lib/mfa-step.js';
import { PortalElement } from '../../lib/portal-element.js';

addMessages('en', en.links);
addMessages('es', es.links);

/**
 * Where a link page stands: previewing the link, showing it, refused (`invalid`: unknown, used or expired;
 * `disabled`: the login is disabled), preview failed for another reason (`failed`), or signed in (`done`).
 */
export type LinkStep = 'loading' | 'ready' | 'invalid' | 'disabled' | 'failed' | 'done';

/**
 * The token in the address bar's hash (`#token=…`), removed from the address bar and the history entry at once
 * so it is not left in history, bookmarks or screenshots. Undefined when there is none.
 */
export function takeLinkToken(): string | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (token === null) return undefined;
  params.delete('token');
  const rest = params.toString();
  replaceHash(rest ? `#${rest}` : '');
  return token;
}

/**
 * Base of the pages an emailed link opens (`<portal-magic-link>`, `<portal-invitation>`): takes the token from
 * the URL, previews it (which never spends it), shows a refused link or a disabled login in words, and asks for
 * the second factor when the login has two-step verification.
 */
export abstract class LinkElement<P extends { businessName: string }> extends PortalElement {
  /** The link's token; read from the page's `#token=…` (and removed from the address bar) when not set. */
  @property({ attribute: false }) token?: string;

  /** The sign-in page, linked when the link cannot be used. */
  @property({ attribute: 'login-href' }) loginHref = '/login';

  /** Where to go once signed in. */
  @property() redirect?: string;

  /** Stay on the page once signed in, showing who is signed in. */
  @property({ type: Boolean, attribute: 'no-redirect' }) noRedirect = false;

  /** Where the page stands. */
  @state() protected step: LinkStep = 'loading';

  /** What the link is for, once previewed. */
  @state() protected preview?: P;

  /** The spent link's sign-in, waiting for its second factor. */
  @state() protected mfa?: MfaRequired;

  /** Where to go once the second factor is accepted. */
  #mfaTarget: string | undefined;

  /** The text shown for a refused link. */
  protected abstract readonly invalidMessage: MessageKey;

  /** The `action` of the `portal-error` fired when the preview fails. */
  protected abstract readonly previewAction: string;

  /** The client and token last previewed. */
  #previewed: [PortalClient, string] | undefined;

  /** Asks the server what the link is for, without spending it. */
  protected abstract fetchPreview(client: PortalClient, token: string): Promise<P>;

  /** The view once the link is previewed. */
  protected abstract renderReady(preview: P): TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.token === undefined) this.token = takeLinkToken();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const { client, token } = this;
    const [lastClient, lastToken] = this.#previewed ?? [];
    if (client && token && this.step !== 'done' && (client !== lastClient || token !== lastToken)) {
      this.#previewed = [client, token];
      void this.#loadPreview(token);
    }
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.#renderStep()} ${this.renderMessages()}
    </div>`;
  }

  #renderStep(): TemplateResult {
    if (!this.client) return html`<p part="intro" class="intro">${this.t('notConfigured')}</p>`;
    if (!this.token) return this.#renderRefused('linkInvalidTitle', this.t('noToken'));
    if (this.mfa) {
      return mfaStep(
        this,
        this.mfa,
        (session) => this.finish(session, this.#mfaTarget),
        (message) => this.#restart(message),
      );
    }
    switch (this.step) {
      case 'invalid':
        return this.#renderRefused('linkInvalidTitle', this.t(this.invalidMessage));
      case 'disabled':
        return this.#renderRefused(
          'accountDisabledTitle',
          this.t('accountDisabled', { business: this.preview?.businessName }),
        );
      case 'failed':
        return html`<button part="button retry" class="secondary" type="button" @click=${this.#retry}>
          ${this.t('tryAgain')}
        </button>`;
      case 'done': {
        const session = this.sessionState.session;
        return session
          ? this.renderSignedIn(session)
          : html`<a part="link" class="link" href=${this.loginHref}>${this.t('goToSignIn')}</a>`;
      }
      case 'ready':
        return this.preview ? this.renderReady(this.preview) : this.renderLoading();
      default:
        return this.renderLoading();
    }
  }

  #renderRefused(title: MessageKey, text: string) {
    return html`<h2 part="title" class="title" tabindex="-1">${this.t(title)}</h2>
      <p part="intro" class="intro">${text}</p>
      ${this.loginHref ? html`<a part="link" class="link" href=${this.loginHref}>${this.t('goToSignIn')}</a>` : nothing}`;
  }

  async #loadPreview(token: string) {
    this.step = 'loading';
    this.preview = undefined;
    const preview = await this.run(this.previewAction, [], (client) => this.fetchPreview(client, token));
    if (token !== this.token) return;
    if (preview) {
      this.preview = preview;
      this.step = 'ready';
    } else if (this.step === 'loading') {
      this.step = 'failed';
    }
  }

  #retry = () => {
    this.#previewed = undefined;
    this.requestUpdate();
  };

  /**
   * `attempt` that also recognizes a refused link or a disabled login and shows it as a step of its own.
   * Returns what `work` returned, or undefined when it failed.
   */
  protected async run<T>(
    action: string,
    fields: readonly string[],
    work: (client: PortalClient) => Promise<T>,
  ): Promise<T | undefined> {
    let result: T | undefined;
    let code: string | undefined;
    await this.attempt(action, fields, async (client) => {
      try {
        result = await work(client);
      } catch (error) {
        code = isPortalApiError(error) ? error.code : undefined;
        throw error;
      }
    });
    if (code === 'LINK_INVALID' || code === 'ACCOUNT_DISABLED') {
      this.step = code === 'LINK_INVALID' ? 'invalid' : 'disabled';
      this.alertMessage = '';
      void this.focusPart('[part="title"]');
    }
    return result;
  }

  /** The link was spent: signs in, or first asks for the second factor. */
  protected answered(result: SignInResult, target: string | undefined): void {
    if (!isMfaRequired(result)) {
      this.finish(result, target);
      return;
    }
    this.mfa = result;
    this.#mfaTarget = target;
    this.alertMessage = '';
  }

  /** The two-step verification cannot go on, and the link is spent: the sign-in page is what is left. */
  #restart(message: string) {
    this.mfa = undefined;
    this.step = 'done';
    this.values = {};
    this.alertMessage = message;
    void this.focusPart('a[part="link"]');
  }

  /**
   * Signed in: fires a cancelable `portal-signed-in`, then goes to `target` unless the event was cancelled,
   * `no-redirect` is set or there is no target; else says who is signed in.
   */
  protected finish(session: Session, target: string | undefined): void {
    this.mfa = undefined;
    this.step = 'done';
    this.values = {};
    const event = new PortalSignedInEvent(session, { cancelable: true });
    this.emit(event);
    if (!event.defaultPrevented && !this.noRedirect && target) location.assign(target);
    else void this.focusPart('#signed-in');
  }
}
