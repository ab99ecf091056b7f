import { type ApiToken, type CreatedApiToken, grants, type Permission } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { selectField, textField } from '../../lib/fields.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { addMessages } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { permissionGrid, permissionSummary } from '../../lib/permission-grid.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './api-tokens.styles.js';

addMessages('en', en.account, en.permissions, en.apiTokens);
addMessages('es', es.account, es.permissions, es.apiTokens);

/** The expiry choices, in days; empty is "never". */
const EXPIRY_DAYS = ['30', '90', '365', ''] as const;

/**
 * The signed-in person's API tokens on the active account (the owner sees everyone's): name, first characters,
 * scopes, who created it, when it was last used and from where, and when it expires; with "Revoke" (confirmed).
 *
 * "New token" opens a form: a name, the scopes as a grid of areas by "View" and "Change" (only what the person may
 * do on the account themselves; "Change" includes "View"), and an expiry of 30, 90 or 365 days or never. The new
 * token is shown once, with "Copy" and a clear note that it cannot be shown again.
 *
 * @summary API tokens: list, create (shown once), revoke.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart intro - The explanation under the heading.
 * @csspart new - The "New token" button.
 * @csspart form - The form creating a token.
 * @csspart field - A label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input or select.
 * @csspart hint - A field's hint.
 * @csspart permissions - The scopes grid.
 * @csspart permission-grid - The table inside it.
 * @csspart checkbox - A checkbox of the grid.
 * @csspart created - The new token, shown once.
 * @csspart secret - The new token's value.
 * @csspart copy - The "Copy" button.
 * @csspart done - The "Done" button that puts the new token away.
 * @csspart table - The list of tokens.
 * @csspart revoke - A "Revoke" button.
 * @csspart dialog - The confirmation dialog.
 * @csspart cancel - The dialog's "Cancel" button.
 * @csspart confirm - The dialog's confirm button.
 * @csspart button - Buttons.
 * @csspart submit - The "Create token" button.
 * @csspart empty - Shown when there are no tokens.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the list loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-api-tokens-width=56rem] - Maximum width.
 * @cssproperty --portal-api-tokens-padding - Padding inside the box.
 * @cssproperty --portal-api-tokens-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-api-tokens-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-api-tokens')
export class PortalApiTokens extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  @state() private tokens?: ApiToken[];
  @state() private creating = false;
  @state() private scopes: Permission[] = [];
  /** The token just created: its secret is shown until "Done", then forgotten. */
  @state() private created?: CreatedApiToken;

  readonly #load = this.loadTask(
    'listTokens',
    () => [],
    (client) => client.tokens.list(),
    (tokens) => {
      this.tokens = tokens;
    },
  );

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession(() => this.#renderContent())}
      ${this.renderMessages()} ${this.renderConfirm()}
    </div>`;
  }

  #renderContent(): TemplateResult {
    return html`<div class="header">
        <h2 part="title">${this.t('tokensTitle')}</h2>
        ${
          this.created
            ? nothing
            : html`<button
                part="button new"
                class="primary"
                type="button"
                aria-expanded=${this.creating ? 'true' : 'false'}
                aria-controls="create-token"
                @click=${this.#toggleCreate}
              >
                ${this.t('newToken')}
              </button>`
        }
      </div>
      <p part="intro" class="intro">${this.t('tokensIntro')}</p>
      ${this.created ? this.#renderCreated(this.created) : this.creating ? this.#renderCreate() : nothing}
      ${this.renderTask(this.#load, this.tokens, (tokens) => this.#renderTable(tokens))}`;
  }

  #renderCreate(): TemplateResult {
    const held = this.session?.permissions ?? [];
    return html`<form
      part="form"
      class="card"
      id="create-token"
      novalidate
      aria-labelledby="create-token-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.#create}
    >
      <h3 id="create-token-title">${this.t('createTokenTitle')}</h3>
      <div class="grid-2">
        ${textField({
          name: 'name',
          label: this.t('tokenName'),
          value: this.values.name,
          required: true,
          maxlength: 60,
          hint: this.t('tokenNameHint'),
          error: this.fieldErrors.name,
          onInput: this.onInput,
        })}
        ${selectField({
          name: 'expiresInDays',
          label: this.t('tokenExpiry'),
          value: this.values.expiresInDays ?? '90',
          options: EXPIRY_DAYS.map((days) => ({
            value: days,
            label: days ? this.t('expiresInDays', { days }) : this.t('never'),
          })),
          onChange: this.onInput,
        })}
      </div>
      ${permissionGrid({
        name: 'scopes',
        legend: this.t('tokenScopes'),
        value: this.scopes,
        available: (permission) => grants(held, permission),
        required: true,
        hint: this.t('tokenScopesHint'),
        error: this.fieldErrors.scopes,
        t: this.t,
        onChange: (scopes) => {
          this.scopes = scopes;
          if (this.fieldErrors.scopes) {
            const { scopes: _, ...rest } = this.fieldErrors;
            this.fieldErrors = rest;
          }
        },
      })}
      <div class="actions">
        ${submitButton(this.t('createToken'), this.busy)}
        <button part="button" class="secondary" type="button" @click=${this.#toggleCreate}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderCreated(created: CreatedApiToken): TemplateResult {
    return html`<section part="created" class="card created" aria-labelledby="created-title">
      <h3 id="created-title" tabindex="-1">${this.t('tokenCreatedTitle')}</h3>
      <p class="banner" id="created-note">${this.t('tokenCreatedNote')}</p>
      <div class="field">
        <label part="label" for="secret">${this.t('tokenSecret', { name: created.name })}</label>
        <div class="control">
          <input
            part="input secret"
            class="mono"
            id="secret"
            readonly
            .value=${created.token}
            aria-describedby="created-note"
            @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()}
          />
          <button part="button copy" class="secondary" type="button" @click=${this.#copySecret}>
            ${this.t('copy')}
          </button>
        </div>
      </div>
      <div class="actions">
        <button part="button done" class="primary" type="button" @click=${this.#done}>${this.t('tokenDone')}</button>
      </div>
    </section>`;
  }

  #renderTable(tokens: ApiToken[]): TemplateResult {
    if (!tokens.length) return html`<p part="empty" class="empty">${this.t('noTokens')}</p>`;
    const lang = this.resolvedLocale;
    return html`<div class="table-wrap" role="region" aria-labelledby="tokens-caption" tabindex="0">
      <table part="table">
        <caption id="tokens-caption" class="sr-only">${this.t('tokensTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('tokenName')}</th>
            <th scope="col">${this.t('tokenPrefix')}</th>
            <th scope="col">${this.t('tokenScopes')}</th>
            <th scope="col">${this.t('tokenCreatedBy')}</th>
            <th scope="col">${this.t('tokenLastUsed')}</th>
            <th scope="col">${this.t('tokenExpiry')}</th>
            <th scope="col"><span class="sr-only">${this.t('actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${tokens.map(
            (token) => html`<tr>
              <th scope="row">${token.name}</th>
              <td><code>${token.prefix}…</code></td>
              <td>${permissionSummary(token.scopes, this.t)}</td>
              <td>
                ${token.createdBy.name}
                <span class="sub"><time datetime=${token.createdAt}>${formatDate(lang, token.createdAt)}</time></span>
              </td>
              <td>
                ${
                  token.lastUsedAt
                    ? token.lastUsedIp
                      ? this.t('tokenUsedFrom', {
                          time: formatDateTime(lang, token.lastUsedAt),
                          ip: token.lastUsedIp,
                        })
                      : formatDateTime(lang, token.lastUsedAt)
                    : this.t('tokenNeverUsed')
                }
              </td>
              <td>${token.expiresAt ? formatDate(lang, token.expiresAt) : this.t('never')}</td>
              <td>
                ${rowButton({
                  part: 'revoke',
                  text: this.t('revoke'),
                  ariaLabel: this.t('revokeName', { name: token.name }),
                  danger: true,
                  disabled: this.busy,
                  onClick: () => this.#revoke(token),
                })}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.creating = false;
    this.created = undefined;
    this.scopes = [];
  }

  #toggleCreate = () => {
    this.creating = !this.creating;
    this.fieldErrors = {};
    this.alertMessage = '';
    if (this.creating) {
      this.values = { name: '', expiresInDays: '90' };
      this.scopes = [];
      void this.focusField('name');
    } else {
      void this.focusPart('[part~="new"]');
    }
  };

  #create = async (event: SubmitEvent) => {
    event.preventDefault();
    const name = (this.values.name ?? '').trim();
    const errors: Record<string, string> = {};
    if (!name) errors.name = this.t('fieldRequired');
    if (!this.scopes.length) errors.scopes = this.t('pickScope');
    this.fieldErrors = errors;
    this.alertMessage = '';
    if (errors.name) return void this.focusField('name');
    if (errors.scopes) return void this.focusPart('input[name="scopes"]:not([disabled])');
    const days = this.values.expiresInDays ?? '90';
    const input = { name, scopes: this.scopes, ...(days ? { expiresInDays: Number(days) } : {}) };
    let created: CreatedApiToken | undefined;
    await this.attempt('createToken', ['name', 'scopes', 'expiresInDays'], async (client) => {
      created = await client.tokens.create(input);
    });
    if (!created) {
      if (this.fieldErrors.scopes) void this.focusPart('input[name="scopes"]:not([disabled])');
      return;
    }
    const { token: _secret, ...listed } = created;
    this.tokens = [listed, ...(this.tokens ?? [])];
    this.created = created;
    this.creating = false;
    this.values = {};
    void this.focusPart('#created-title');
  };

  #copySecret = () => {
    if (this.created) void this.copy(this.created.token);
  };

  #done = () => {
    this.created = undefined;
    this.notice = '';
    void this.focusPart('[part~="new"]');
  };

  async #revoke(token: ApiToken) {
    const confirmed = await this.confirmAction({
      title: this.t('revokeTitle', { name: token.name }),
      body: this.t('revokeBody'),
      confirm: this.t('revoke'),
      danger: true,
    });
    if (!confirmed) return;
    const revoked = await this.attempt('revokeToken', [], (client) => client.tokens.revoke(token.id));
    if (!revoked) return;
    this.tokens = this.tokens?.filter((t) => t.id !== token.id);
    this.notice = this.t('tokenRevoked', { name: token.name });
    void this.focusPart('[part~="new"]');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-api-tokens': PortalApiTokens;
  }
}
