import { isPortalApiError } from '@portico/sdk';
import { html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { addMessages } from '../../lib/localize.js';
import * as contentEn from '../../lib/locales/content-en.js';
import * as contentEs from '../../lib/locales/content-es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './unsubscribe.styles.js';

addMessages('en', contentEn.unsubscribe);
addMessages('es', contentEs.unsubscribe);

/**
 * The token in the page's query (`?token=…`), removed from the address bar and the history entry at once so it
 * is not left in history, bookmarks or screenshots. Undefined when there is none.
 */
export function takeQueryToken(): string | undefined {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return undefined;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return token;
}

/** Where the page stands. */
type Step = 'ready' | 'done' | 'invalid';

/**
 * The page an announcement mail's "Unsubscribe" link opens (`/unsubscribe?token=…`): it asks "Stop announcement
 * emails to your address?" and stops them only when the person presses the button, so a mail scanner that opens
 * the link spends nothing. A used, expired or unknown link is explained; other failures can be tried again.
 *
 * The token comes from the `token` property, else the page's `?token=` (removed from the address bar at once).
 *
 * @summary Unsubscribe from announcement emails, with one button.
 *
 * @attr token - The link's token; else read from the page's `?token=`.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart form - The form with the button.
 * @csspart title - The heading.
 * @csspart intro - The question, the result, or why the link cannot be used.
 * @csspart hint - What still comes by email.
 * @csspart button - The button (also `submit`).
 * @csspart submit - The button.
 * @csspart spinner - The spinner in the button while it works.
 * @csspart done - The confirmation.
 * @csspart invalid - Why the link cannot be used.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @cssproperty [--portal-unsubscribe-width=32rem] - Maximum width.
 * @cssproperty --portal-unsubscribe-padding - Padding inside the box.
 * @cssproperty --portal-unsubscribe-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-unsubscribe-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalErrorEvent} portal-error - The request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-unsubscribe')
export class PortalUnsubscribe extends PortalElement {
  static override styles = [hostStyles, formStyles, styles];

  /** The link's token. */
  @property() token?: string;

  @state() private step: Step = 'ready';

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.token === undefined) this.token = takeQueryToken();
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      <h2 part="title" class="title" tabindex="-1">${this.t('unsubTitle')}</h2>
      ${this.#renderStep()} ${this.renderMessages()}
    </div>`;
  }

  #renderStep(): TemplateResult {
    if (!this.client) return html`<p part="intro" class="intro">${this.t('notConfigured')}</p>`;
    if (!this.token) return html`<p part="intro invalid" class="intro">${this.t('unsubNoToken')}</p>`;
    switch (this.step) {
      case 'done':
        return html`<div part="done" class="done">
          <p part="intro">${this.t('unsubDone')}</p>
          <p part="hint" class="hint">${this.t('unsubDoneHint')}</p>
        </div>`;
      case 'invalid':
        return html`<p part="intro invalid" class="intro">${this.t('unsubInvalid')}</p>`;
      default:
        return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#submit}>
          <p part="intro" class="question">${this.t('unsubQuestion')}</p>
          <p part="hint" class="hint">${this.t('unsubHint')}</p>
          ${submitButton(this.t('unsubButton'), this.busy)}
        </form>`;
    }
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const token = this.token;
    if (!token) return;
    let invalid = false;
    const ok = await this.attempt('unsubscribe', [], async (client) => {
      try {
        await client.announcements.unsubscribe(token);
      } catch (error) {
        // A malformed token fails the contract's check; to the reader it is the same bad link.
        if (
          isPortalApiError(error) &&
          (error.code === 'LINK_INVALID' || error.code === 'VALIDATION_FAILED')
        ) {
          invalid = true;
          return;
        }
        throw error;
      }
    });
    if (!ok) return;
    this.step = invalid ? 'invalid' : 'done';
    void this.focusPart('[part~="title"]');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-unsubscribe': PortalUnsubscribe;
  }
}
