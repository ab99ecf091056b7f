import type { PortalConfig } from '@portico/sdk';
import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { addMessages } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { hostStyles } from '../../lib/styles.js';
import { ConfigController } from '../provider/portal-config.js';
import { cleanFooterHtml } from './clean-html.js';
import styles from './footer.styles.js';

addMessages('en', en.footer);
addMessages('es', es.footer);

/** Whether `url` leaves the page's origin (mailto included). */
const isExternal = (url: string) => new URL(url, location.href).origin !== location.origin;

/**
 * The portal's footer: the business's footer links, its footer text (HTML the server sanitized, filtered again
 * here against the same allow-list before it is drawn), and "© year business".
 *
 * Inside a `<portal-provider>` it uses the provider's configuration; standalone, give it an `api` attribute.
 * While the configuration loads it shows a placeholder; when it cannot be loaded, only its slotted content.
 * Themed by the global `--portal-*` tokens (see `<portal-provider>`) and the properties and parts below.
 *
 * @summary Portal footer: links, the business's footer text and copyright.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @slot - Extra content shown after the footer text.
 *
 * @csspart base - The `<footer>`.
 * @csspart nav - The footer links' `<nav>`.
 * @csspart links - The list of footer links.
 * @csspart link - A footer link.
 * @csspart content - The business's footer text.
 * @csspart copyright - "© year business".
 * @csspart skeleton - The placeholder shown while the configuration loads.
 *
 * @cssproperty --portal-footer-background - Background; falls back to `--portal-color-surface-raised`.
 * @cssproperty --portal-footer-border-color - Line above the footer; falls back to `--portal-color-border`.
 * @cssproperty [--portal-footer-max-width=72rem] - Width of the footer's content, centred.
 */
@customElement('portal-footer')
export class PortalFooter extends PortalElement {
  static override styles = [hostStyles, styles];

  readonly #config = new ConfigController(this);
  /** The last footer HTML cleaned, and the result, so re-renders do not parse it again. */
  #cleaned: [string, string] = ['', ''];

  protected override render() {
    const { status, config } = this.#config.state;
    if (status === 'loading') {
      return html`<div part="skeleton" class="skeleton" role="status">
        <span class="sr-only">${this.t('loading')}</span>
      </div>`;
    }
    return html`<footer part="base" class="base" lang=${this.textLang}>
      <div class="inner">
        ${config?.footerLinks.length ? this.#renderLinks(config) : nothing}
        ${config?.footerHtml ? html`<div part="content" class="content">${unsafeHTML(this.#clean(config.footerHtml))}</div>` : nothing}
        <slot></slot>
        ${
          config
            ? html`<p part="copyright" class="copyright">
              ${this.t('copyright', { year: new Date().getFullYear(), name: config.businessName })}
            </p>`
            : nothing
        }
      </div>
    </footer>`;
  }

  #renderLinks(config: PortalConfig) {
    return html`<nav part="nav" aria-label=${this.t('footerLinks')}>
      <ul part="links" class="links">
        ${config.footerLinks.map(
          ({ label, url }) =>
            html`<li>
              <a part="link" href=${url} rel=${isExternal(url) ? 'noopener noreferrer' : nothing}>${label}</a>
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  #clean(dirty: string): string {
    if (this.#cleaned[0] !== dirty) this.#cleaned = [dirty, cleanFooterHtml(dirty)];
    return this.#cleaned[1];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-footer': PortalFooter;
  }
}
