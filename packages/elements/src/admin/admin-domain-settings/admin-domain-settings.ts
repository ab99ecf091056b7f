import type { DomainSettings, DomainSettingsInput } from '@portico/sdk/admin';
import { domainsAdminRoutes as routes, parseDomainName } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { domainProblemMessage } from '../lib/domain-labels.js';
import { checkboxField, textField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { saveBar } from '../lib/save-bar.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-domain-settings.styles.js';

addAdminMessages('en', en.common, en.settings, en.domains, en.domainSettings);
addAdminMessages('es', es.common, es.settings, es.domains, es.domainSettings);

/** The settings as typed. */
interface Draft {
  /** One row per name server; `key` keeps each row's input when one above is removed. */
  nameservers: { key: number; value: string }[];
  renewalLeadDays: string;
  privacyByDefault: boolean;
}

const MIN_NAMESERVERS = 2;
const MAX_NAMESERVERS = 13;
const GROUP = 'defaultNameservers';

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Settings → Domains (`#/domain-settings`): the name servers new registrations start with (2 to 13 host names,
 * each checked as a registry would, IDN allowed and sent in its ASCII form), how many days before expiry a domain
 * with auto-renew gets its renewal invoice (1 to 120), and whether WHOIS privacy starts on. Billing and admin staff
 * change them; support staff see them.
 *
 * @summary Settings → Domains: default name servers, renewal lead time, privacy.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart form - The settings form.
 * @csspart field - A label, input, hint and error.
 * @csspart nameservers - The default name servers editor.
 * @csspart save - The "Save changes" bar.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the settings load.
 * @csspart load-error - Shown when the settings could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-domain-settings')
export class PortalAdminDomainSettings extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  @state() private saved?: DomainSettings;
  @state() private draft?: Draft;

  #keys = 0;
  /** Which row each name server sent came from, for the server's `defaultNameservers.<n>` errors. */
  #sentRows: number[] = [];

  readonly #load = this.loadTask(
    'adminDomainSettings',
    () => [],
    (admin) => admin.domains.settings(),
    (settings) => this.#settle(settings),
  );

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('domainSettingsTitle')}</h1>
      ${this.can(routes.updateSettings) ? nothing : html`<p class="intro">${this.t('domainSettingsReadOnly')}</p>`}
      ${this.renderMessages()} ${this.renderTask(this.#load, this.draft, (d) => this.#renderForm(d))}
    </div>`;
  }

  #renderForm(d: Draft) {
    const canSave = this.can(routes.updateSettings);
    const changes = Object.keys(this.#changes().input).length;
    return html`<form part="form" class="page" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <section class="card" aria-labelledby="registrations-title">
        <h2 id="registrations-title">${this.t('newRegistrations')}</h2>
        <fieldset class="page" ?disabled=${!canSave}>
          <legend class="sr-only">${this.t('newRegistrations')}</legend>
          ${this.#renderNameservers(d)}
          ${textField({
            name: 'renewalLeadDays',
            label: this.t('domainRenewalLeadDays'),
            hint: this.t('domainRenewalLeadDaysHint'),
            inputmode: 'numeric',
            value: d.renewalLeadDays,
            error: this.fieldErrors.renewalLeadDays,
            onInput: (e) => this.#set('renewalLeadDays', (e.target as HTMLInputElement).value),
          })}
          ${checkboxField({
            name: 'privacyByDefault',
            label: this.t('privacyByDefault'),
            hint: this.t('privacyByDefaultHint'),
            checked: d.privacyByDefault,
            error: this.fieldErrors.privacyByDefault,
            onChange: (e) => this.#set('privacyByDefault', (e.target as HTMLInputElement).checked),
          })}
        </fieldset>
      </section>
      ${canSave ? saveBar(this.t, { changes, busy: this.busy, onDiscard: this.#discard }) : nothing}
    </form>`;
  }

  #renderNameservers(d: Draft) {
    const rows = d.nameservers;
    const groupError = this.fieldErrors[GROUP];
    return html`<fieldset part="nameservers" aria-describedby=${groupError ? 'nameservers-hint nameservers-error' : 'nameservers-hint'}>
      <legend>${this.t('defaultNameservers')}</legend>
      <p class="hint" id="nameservers-hint">${this.t('defaultNameserversHint')}</p>
      <ul class="nameservers">
        ${rows.map(
          (row, i) => html`<li class="nameserver">
            ${textField({
              name: `nameservers.${i}`,
              label: this.t('nameserverN', { n: i + 1 }),
              value: row.value,
              autocomplete: 'off',
              maxlength: 300,
              placeholder: i < 2 ? `ns${i + 1}.example.com` : undefined,
              error: this.fieldErrors[`nameservers.${i}`],
              onInput: (e) => this.#setRow(i, (e.target as HTMLInputElement).value),
            })}
            ${
              rows.length > MIN_NAMESERVERS
                ? html`<button class="secondary small" type="button" aria-label=${this.t('removeNameserverN', { n: i + 1 })} @click=${() => this.#removeRow(i)}>
                    ${this.t('remove')}
                  </button>`
                : nothing
            }
          </li>`,
        )}
      </ul>
      ${groupError ? html`<p class="field-error" id="nameservers-error">${groupError}</p>` : nothing}
      <div>
        <button part="button add-nameserver" class="secondary small" type="button" ?disabled=${rows.length >= MAX_NAMESERVERS} @click=${this.#addRow}>
          ${this.t('addNameserver')}
        </button>
      </div>
    </fieldset>`;
  }

  #settle(s: DomainSettings) {
    this.saved = s;
    const rows = s.defaultNameservers.map((value) => ({ key: ++this.#keys, value }));
    while (rows.length < MIN_NAMESERVERS) rows.push({ key: ++this.#keys, value: '' });
    this.draft = {
      nameservers: rows,
      renewalLeadDays: String(s.renewalLeadDays),
      privacyByDefault: s.privacyByDefault,
    };
  }

  #set<K extends keyof Draft>(key: K, value: Draft[K]) {
    if (!this.draft) return;
    this.draft = { ...this.draft, [key]: value };
    this.clearError(key);
  }

  #setRow(i: number, value: string) {
    const rows = this.draft?.nameservers ?? [];
    this.#set(
      'nameservers',
      rows.map((r, j) => (j === i ? { ...r, value } : r)),
    );
    this.clearError(`nameservers.${i}`);
    this.clearError(GROUP);
  }

  #addRow = () => {
    const rows = [...(this.draft?.nameservers ?? []), { key: ++this.#keys, value: '' }];
    this.#set('nameservers', rows);
    this.clearError(GROUP);
    void this.focusField(`nameservers.${rows.length - 1}`);
  };

  #removeRow(i: number) {
    const rows = (this.draft?.nameservers ?? []).filter((_, j) => j !== i);
    this.#set('nameservers', rows);
    // Errors are kept by row number: those below the removed row move up with it.
    this.fieldErrors = Object.fromEntries(
      Object.entries(this.fieldErrors).flatMap(([name, message]) => {
        const row = /^nameservers\.(\d+)$/.exec(name);
        if (!row) return [[name, message]];
        const n = Number(row[1]);
        return n === i ? [] : [[n > i ? `nameservers.${n - 1}` : name, message]];
      }),
    );
    void this.focusField(`nameservers.${Math.min(i, rows.length - 1)}`);
  }

  /** What differs between the draft and the saved settings (what "Save" sends), and what is wrong with it. */
  #changes(): { input: DomainSettingsInput; errors: Record<string, string>; rows: number[] } {
    const s = this.saved;
    const d = this.draft;
    const input: DomainSettingsInput = {};
    const errors: Record<string, string> = {};
    const rows: number[] = [];
    if (!s || !d) return { input, errors, rows };
    const nameservers: string[] = [];
    d.nameservers.forEach((row, i) => {
      const text = row.value.trim();
      if (!text) return;
      const parsed = parseDomainName(text);
      if (!parsed.ok) {
        errors[`nameservers.${i}`] = domainProblemMessage(this.t, parsed.problem);
        return;
      }
      if (nameservers.includes(parsed.ascii)) {
        errors[`nameservers.${i}`] = this.t('errorNameserverTwice');
        return;
      }
      nameservers.push(parsed.ascii);
      rows.push(i);
    });
    const typed = d.nameservers.filter((r) => r.value.trim()).length;
    if (typed < MIN_NAMESERVERS) errors[GROUP] = this.t('errorNameserversMin');
    else if (typed > MAX_NAMESERVERS) errors[GROUP] = this.t('errorNameserversMax');
    if (!sameList(nameservers, s.defaultNameservers)) input.defaultNameservers = nameservers;
    const days = d.renewalLeadDays.trim();
    const lead = /^\d{1,3}$/.test(days) ? Number(days) : Number.NaN;
    if (!(lead >= 1 && lead <= 120)) errors.renewalLeadDays = this.t('errorLeadDays');
    else if (lead !== s.renewalLeadDays) input.renewalLeadDays = lead;
    if (d.privacyByDefault !== s.privacyByDefault) input.privacyByDefault = d.privacyByDefault;
    return { input, errors, rows };
  }

  #fieldOf = (path: string): string | undefined => {
    const row = /^defaultNameservers\.(\d+)$/.exec(path);
    if (row) {
      const at = this.#sentRows[Number(row[1])];
      return at === undefined ? GROUP : `nameservers.${at}`;
    }
    if (path === GROUP) return GROUP;
    return path === 'renewalLeadDays' || path === 'privacyByDefault' ? path : undefined;
  };

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const { input, errors, rows } = this.#changes();
    if (Object.keys(errors).length) {
      this.showFieldErrors(errors);
      // The group's message has no control of its own: focus its first name server.
      if (Object.keys(errors)[0] === GROUP) void this.focusField('nameservers.0');
      return;
    }
    if (!Object.keys(input).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    this.#sentRows = rows;
    let saved: DomainSettings | undefined;
    await this.attempt('adminSaveDomainSettings', this.#fieldOf, async (admin) => {
      saved = await admin.domains.updateSettings(input);
    });
    if (!saved) {
      if (Object.keys(this.fieldErrors)[0] === GROUP) void this.focusField('nameservers.0');
      return;
    }
    this.#settle(saved);
    this.notice = this.t('domainSettingsSaved');
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
    'portal-admin-domain-settings': PortalAdminDomainSettings;
  }
}
