import type { MagicLinkPreview, MagicLinkResult, PortalClient } from '@portico/sdk';
import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { addMessages } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { LinkElement } from './link-element.js';
import styles from './magic-link.styles.js';

addMessages('en', en.magicLink);
addMessages('es', es.magicLink);

/**
 * The page a magic link opens (`https://portal.example.com/magic-link#token=pml_…`). It takes the token from the
 * address bar (and removes it from there at once), shows whom the link signs in to which business and until
 * when, and spends the link only when the person presses its one button: opening the page, or a mail scanner
 * fetching it, never does.
 *
 * A login with two-step verification is asked for the code from its authenticator app, or a backup code, first.
 * Signed in, it fires `portal-signed-in` and then goes to the page the link was made for (the session's `next`),
 * else to `redirect`, else says who is signed in; `no-redirect`, or cancelling the event, keeps it on the page. A used, expired or unknown link, or a disabled login, is explained with a link to `login-href`.
 *
 * Inside a `<portal-provider>` it uses the provider's client; standalone, give it an `api` attribute. Themed by the
 * global `--portal-*` tokens (see `<portal-provider>`) and the properties and parts below.
 *
 * @summary Magic-link sign-in page: preview, then one button spends the link.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart form - The form with the sign-in button.
 * @csspart title - The heading.
 * @csspart intro - Whom the link signs in, or why it cannot be used.
 * @csspart expiry - Until when the link works.
 * @csspart button - The sign-in, retry and sign-out buttons.
 * @csspart submit - The sign-in button.
 * @csspart spinner - The spinner in the button while the link is spent.
 * @csspart retry - "Try again", when the link could not be checked.
 * @csspart link - The link to the sign-in page.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region, e.g. for a network failure.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the link is checked.
 * @csspart signed-in - "Signed in as …" with the sign-out button.
 * @csspart sign-out - The sign-out button.
 * @csspart field - The two-step verification step's label, input, hint and error (also `label`, `input`, `hint`,
 * `field-error`).
 *
 * @cssproperty [--portal-magic-link-width=26rem] - Maximum width.
 * @cssproperty --portal-magic-link-padding - Padding inside the box.
 * @cssproperty --portal-magic-link-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-magic-link-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalSignedInEvent} portal-signed-in - The link signed someone in; `event.detail` is the session, with
 * `next`. Cancelable: `preventDefault()` stays on the page.
 * @event {PortalSignedOutEvent} portal-signed-out - Someone signed out with the sign-out button.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-magic-link')
export class PortalMagicLink extends LinkElement<MagicLinkPreview> {
  static override styles = [hostStyles, formStyles, styles];

  protected readonly invalidMessage = 'magicLinkInvalid';
  protected readonly previewAction = 'previewMagicLink';

  protected fetchPreview(client: PortalClient, token: string): Promise<MagicLinkPreview> {
    return client.auth.previewMagicLink({ token });
  }

  protected renderReady(preview: MagicLinkPreview) {
    const time = new Intl.DateTimeFormat(this.textLang, { timeStyle: 'short' }).format(
      new Date(preview.expiresAt),
    );
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#redeem}>
      <h2 part="title" class="title" tabindex="-1">${this.t('magicLinkTitle')}</h2>
      <p part="intro" class="intro">
        ${this.t('magicLinkIntro', { business: preview.businessName, email: preview.email })}
      </p>
      <p part="expiry" class="hint">${this.t('magicLinkExpires', { time })}</p>
      ${submitButton(this.t('signIn'), this.busy)}
    </form>`;
  }

  #redeem = async (event: SubmitEvent) => {
    event.preventDefault();
    const token = this.token;
    if (!token || this.step !== 'ready') return;
    const result = await this.run('redeemMagicLink', [], (client) => client.auth.redeemMagicLink({ token }));
    if (result) this.answered(result, this.#target(result));
  };

  /** `next` (the server's absolute URL of the link's destination) when it is a web address, else `redirect`. */
  #target({ next }: MagicLinkResult): string | undefined {
    return next && /^https?:\/\//i.test(next) ? next : this.redirect;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-magic-link': PortalMagicLink;
  }
}
