import {
  type Address,
  isPortalApiError,
  type PortalClient,
  type Profile,
  type ProfileField,
  type ProfileUpdateInput,
  type Session,
} from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { CooldownController } from '../../lib/cooldown-controller.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { badge, selectField, textField } from '../../lib/fields.js';
import { codeField, linkButton, normalizeCode, submitButton } from '../../lib/form.js';
import { countries, currencyLabel, formatList, languageName } from '../../lib/format.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { ConfigController } from '../provider/portal-config.js';
import styles from './profile.styles.js';

addMessages('en', en.forms, en.account, en.profile);
addMessages('es', es.forms, es.account, es.profile);

/** The address lines, as the form names them (`address.city`) and the contract keys them. */
const ADDRESS_LINES = ['line1', 'line2', 'city', 'state', 'postcode', 'country'] as const;
type AddressLine = (typeof ADDRESS_LINES)[number];
/** A postal address counts as filled with a street line, a city and a country (as the server decides). */
const ADDRESS_REQUIRED: readonly AddressLine[] = ['line1', 'city', 'country'];
const ADDRESS_LABELS: Record<AddressLine, MessageKey> = {
  line1: 'addressLine1',
  line2: 'addressLine2',
  city: 'city',
  state: 'region',
  postcode: 'postcode',
  country: 'country',
};
const ADDRESS_AUTOCOMPLETE: Record<AddressLine, string> = {
  line1: 'address-line1',
  line2: 'address-line2',
  city: 'address-level2',
  state: 'address-level1',
  postcode: 'postal-code',
  country: 'country',
};
const FIELD_LABELS: Record<ProfileField, MessageKey> = {
  company: 'company',
  phone: 'phone',
  address: 'address',
};

/** The views of the email change. */
type EmailStep = 'idle' | 'form' | 'code';

const trimmed = (value: string | undefined) => (value ?? '').trim();

/** The account's details as form values, keyed by field name. */
function accountValues(profile: Profile): Record<string, string> {
  const { account } = profile;
  const values: Record<string, string> = {
    accountName: account.name,
    company: account.company ?? '',
    phone: account.phone ?? '',
    currency: account.currency,
  };
  for (const line of ADDRESS_LINES) values[`address.${line}`] = account.address[line] ?? '';
  return values;
}

/**
 * The account's details were saved. `detail` is the profile as the server now has it (with `missingFields`), for
 * a site that handles incomplete profiles itself (`<portal-provider profile-gate="off">`).
 */
export class PortalProfileSavedEvent extends Event {
  static readonly eventName = 'portal-profile-saved';
  readonly detail: Profile;
  constructor(profile: Profile) {
    super(PortalProfileSavedEvent.eventName, { bubbles: true, composed: true });
    this.detail = profile;
  }
}

/**
 * The signed-in person's profile: their name and preferred language (which the elements then speak, and every
 * email), their email with a "Change email" flow (current password and new address, then the 6-digit code sent
 * there), and the active account's details: account name, company, phone, postal address and billing currency.
 *
 * Fields the business requires are marked, and those still empty are flagged with a banner. Saving sends only
 * what changed; the server's field errors show beside their fields. Someone who may not change the account's
 * details (a contact without `profile:write`) sees them read-only with a note.
 *
 * With `complete` it asks only for the required fields the account is missing, with "Save and continue":
 * `<portal-provider>` shows it so in a modal dialog until the profile is complete. Saving there refreshes the
 * session, so every element learns the profile is complete.
 *
 * @summary Your details, email change and the account's details.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr complete - Ask only for the missing required fields (the profile gate).
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart intro - The explanation when `complete`.
 * @csspart missing - The banner naming the missing required fields.
 * @csspart section - "Your details" and "Account details".
 * @csspart form - Each form.
 * @csspart field - A label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input or select.
 * @csspart select - The language, country and currency selects.
 * @csspart hint - A field's hint.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region ("saved").
 * @csspart email - The email address with its state and the "Change email" button.
 * @csspart badge - "Verified" or "Not verified".
 * @csspart email-change - The email change form.
 * @csspart change-email - The "Change email" button.
 * @csspart address - The address fields.
 * @csspart read-only - The note shown when the account's details cannot be changed.
 * @csspart button - Buttons.
 * @csspart submit - The save buttons.
 * @csspart link - Secondary actions (resend code, cancel, sign out).
 * @csspart loading - Shown while loading.
 * @csspart load-error - Shown when the profile could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-profile-width=40rem] - Maximum width.
 * @cssproperty --portal-profile-padding - Padding inside the box.
 * @cssproperty --portal-profile-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-profile-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-color-warning - The missing-fields banner's edge.
 *
 * @event {PortalProfileSavedEvent} portal-profile-saved - The account's details were saved; `event.detail` is the profile.
 * @event {PortalSignedOutEvent} portal-signed-out - The person signed out (offered when `complete`).
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-profile')
export class PortalProfile extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** Asks only for the required fields the account is missing, with "Save and continue". */
  @property({ type: Boolean, reflect: true }) complete = false;

  /** Seconds before "Resend code" can be pressed again. */
  @property({ type: Number, attribute: 'resend-cooldown' }) resendCooldown = 30;

  /** The profile as loaded; `null` when this person may not see the account's details. */
  @state() private profile?: Profile | null;
  @state() private emailStep: EmailStep = 'idle';

  readonly #config = new ConfigController(this);
  readonly #cooldown = new CooldownController(this);

  readonly #load = this.loadTask(
    'getProfile',
    () => [],
    async (client) => {
      try {
        return await client.account.getProfile();
      } catch (error) {
        // Someone without `profile:read` still has their own details.
        if (isPortalApiError(error, 'PERMISSION_DENIED')) return null;
        throw error;
      }
    },
    (profile) => {
      this.profile = profile;
      this.#reset(profile);
      if (this.complete && profile?.missingFields.length === 0) void this.#refreshSession();
      // In the provider's profile gate, start at the first field rather than on the dialog.
      else if (this.complete && this.closest('dialog[open]')) void this.focusPart('input, select');
    },
  );

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${
        this.complete
          ? html`<h2 part="title">${this.t('completeProfileTitle')}</h2>
              <p part="intro" class="intro">${this.t('completeProfileIntro')}</p>`
          : html`<h2 part="title">${this.t('profileTitle')}</h2>`
      }
      ${this.renderSession((session) =>
        this.renderTask(this.#load, this.profile, (profile) =>
          this.complete ? this.#renderComplete(session, profile) : this.#renderFull(session, profile),
        ),
      )}
      ${this.renderMessages()}
    </div>`;
  }

  #renderFull(session: Session, profile: Profile | null): TemplateResult {
    const missing = profile?.canEdit ? profile.missingFields : [];
    return html`${
      missing.length
        ? html`<p part="missing" class="banner">
            ${this.t('missingBanner', { fields: this.#fieldNames(missing) })}
          </p>`
        : nothing
    }
      <section part="section" aria-labelledby="you-title">
        <h3 id="you-title">${this.t('yourDetails')}</h3>
        ${this.#renderMe(session)} ${this.#renderEmail(session, profile)}
      </section>
      <section part="section" aria-labelledby="account-title">
        <h3 id="account-title">${this.t('accountDetails')}</h3>
        ${
          profile
            ? this.#renderAccount(profile, this.#accountFields())
            : html`<p part="read-only" class="not-allowed">${this.t('noProfileAccess')}</p>`
        }
      </section>`;
  }

  #renderComplete(session: Session, profile: Profile | null): TemplateResult {
    const missing = profile?.missingFields ?? session.profileMissing;
    if (!profile?.canEdit) {
      return html`<p part="read-only" class="not-allowed">
          ${this.t('completeNotAllowed', { fields: this.#fieldNames(missing) })}
        </p>
        <div class="links">${linkButton(this.t('signOut'), () => void this.signOut(), this.busy)}</div>`;
    }
    const form = missing.length
      ? this.#renderAccount(profile, this.#accountFields(missing))
      : html`<p>${this.t('accountSaved')}</p>`;
    return html`${form}
      <div class="links">${linkButton(this.t('signOut'), () => void this.signOut(), this.busy)}</div>`;
  }

  #renderMe(session: Session): TemplateResult {
    const { config } = this.#config.state;
    const current = session.user.locale;
    const locales = [...new Set([...(config?.locales ?? ['en']), current])];
    return html`<form part="form" novalidate aria-labelledby="you-title" @submit=${this.#saveMe}>
      <div class="grid-2">
        ${textField({
          name: 'name',
          label: this.t('personName'),
          value: this.values.name,
          autocomplete: 'name',
          required: true,
          maxlength: 120,
          error: this.fieldErrors.name,
          onInput: this.onInput,
        })}
        ${selectField({
          name: 'locale',
          label: this.t('preferredLanguage'),
          value: this.values.locale,
          hint: this.t('preferredLanguageHint'),
          error: this.fieldErrors.locale,
          options: locales.map((tag) => ({ value: tag, label: languageName(tag), lang: tag })),
          onChange: this.onInput,
        })}
      </div>
      <div class="actions">${submitButton(this.t('saveDetails'), this.busy)}</div>
    </form>`;
  }

  #renderEmail(session: Session, profile: Profile | null): TemplateResult {
    const { user } = session;
    const verified = user.emailVerifiedAt
      ? badge(this.t('emailVerified'), 'good')
      : badge(this.t('emailNotVerified'), 'warn');
    const summary = html`<div part="email" class="email">
      <div>
        <span class="label">${this.t('email')}</span>
        <span class="address">${user.email}</span> ${verified}
      </div>
      ${
        this.emailStep === 'idle'
          ? profile?.user.hasPassword === false
            ? html`<p class="muted">${this.t('errorNoPassword')}</p>`
            : html`<button
                part="button change-email"
                class="secondary"
                type="button"
                aria-expanded="false"
                ?disabled=${this.busy}
                @click=${this.#startEmailChange}
              >
                ${this.t('changeEmail')}
              </button>`
          : nothing
      }
    </div>`;
    if (this.emailStep === 'idle') return summary;
    const email = trimmed(this.values.email);
    return html`${summary}
      <form
        part="form email-change"
        class="card"
        novalidate
        aria-labelledby="email-title"
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${this.emailStep === 'form' ? this.#sendEmailCode : this.#confirmEmail}
      >
        <h4 id="email-title" class="subtitle">${this.t('changeEmailTitle')}</h4>
        ${
          this.emailStep === 'form'
            ? html`<p class="intro">${this.t('changeEmailIntro')}</p>
                ${textField({
                  name: 'password',
                  label: this.t('profilePassword'),
                  type: 'password',
                  autocomplete: 'current-password',
                  required: true,
                  value: this.values.password,
                  error: this.fieldErrors.password,
                  onInput: this.onInput,
                })}
                ${textField({
                  name: 'email',
                  label: this.t('newEmail'),
                  type: 'email',
                  autocomplete: 'email',
                  inputmode: 'email',
                  required: true,
                  value: this.values.email,
                  error: this.fieldErrors.email,
                  onInput: this.onInput,
                })}
                <div class="actions">
                  ${submitButton(this.t('sendEmailCode'), this.busy)}
                  ${this.#cancelButton()}
                </div>`
            : html`<p class="intro">${this.t('codeSent', { email })}</p>
                ${codeField({
                  label: this.t('code'),
                  value: this.values.code,
                  error: this.fieldErrors.code,
                  onInput: this.onInput,
                })}
                <div class="actions">
                  ${submitButton(this.t('confirmEmailChange'), this.busy)}
                  ${this.#resendButton()}
                  ${linkButton(this.t('useAnotherEmail'), () => this.#goEmail('form', 'email'))}
                  ${this.#cancelButton()}
                </div>`
        }
      </form>`;
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.emailStep = 'idle';
  }

  #cancelButton() {
    return html`<button part="button" class="secondary" type="button" @click=${this.#cancelEmailChange}>
      ${this.t('cancel')}
    </button>`;
  }

  #resendButton() {
    const wait = this.#cooldown.remaining;
    return linkButton(
      wait ? this.t('resendIn', { seconds: wait }) : this.t('resendCode'),
      () => void this.#resendCode(),
      wait > 0 || this.busy,
    );
  }

  /** The account form with `fields` (all; or when `complete`, the missing ones). */
  #renderAccount(profile: Profile, fields: readonly string[]): TemplateResult {
    const readonly = !profile.canEdit;
    const required = new Set(this.#requiredFields(profile));
    const missing = new Set(this.#missingFields(profile));
    const lang = this.resolvedLocale;
    const text = (name: string, label: MessageKey, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
      fields.includes(name)
        ? textField({
            name,
            label: this.t(label),
            value: this.values[name],
            required: required.has(name),
            readonly,
            hint: missing.has(name) ? this.t('missingHint') : undefined,
            error: this.fieldErrors[name],
            onInput: this.onInput,
            ...extra,
          })
        : nothing;
    const addressShown = ADDRESS_LINES.some((line) => fields.includes(`address.${line}`));
    const country = this.values['address.country'] ?? '';
    const known = countries(lang);
    // A code the browser cannot name (or an old one) stays selectable as it is.
    const countryOptions =
      country && !known.some((c) => c.code === country)
        ? [{ code: country, name: country }, ...known]
        : known;
    return html`${readonly ? html`<p part="read-only" class="banner">${this.t('readOnlyNote')}</p>` : nothing}
      <form
        part="form"
        novalidate
        aria-labelledby=${this.complete ? nothing : 'account-title'}
        aria-label=${this.complete ? this.t('completeProfileTitle') : nothing}
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${this.#saveAccount}
      >
        ${readonly ? nothing : html`<p class="muted">${this.t('requiredNote')}</p>`}
        <div class="grid-2">
          ${text('accountName', 'accountName', { autocomplete: 'organization', maxlength: 120 })}
          ${text('company', 'company', { autocomplete: 'organization', maxlength: 200 })}
          ${text('phone', 'phone', { type: 'tel', autocomplete: 'tel', inputmode: 'tel', maxlength: 40 })}
        </div>
        ${
          addressShown
            ? html`<fieldset part="address">
                <legend>${this.t('address')}</legend>
                <div class="grid-2">
                  ${ADDRESS_LINES.filter((line) => line !== 'country').map((line) =>
                    text(`address.${line}`, ADDRESS_LABELS[line], {
                      autocomplete: ADDRESS_AUTOCOMPLETE[line],
                      maxlength: line === 'postcode' ? 20 : line === 'line1' || line === 'line2' ? 200 : 100,
                    }),
                  )}
                  ${selectField({
                    name: 'address.country',
                    label: this.t('country'),
                    value: country,
                    autocomplete: 'country',
                    required: required.has('address.country'),
                    disabled: readonly,
                    hint: missing.has('address.country') ? this.t('missingHint') : undefined,
                    error: this.fieldErrors['address.country'],
                    options: [
                      { value: '', label: this.t('chooseCountry') },
                      ...countryOptions.map((c) => ({ value: c.code, label: c.name })),
                    ],
                    onChange: this.onInput,
                  })}
                </div>
              </fieldset>`
            : nothing
        }
        ${
          fields.includes('currency')
            ? selectField({
                name: 'currency',
                label: this.t('currency'),
                value: this.values.currency,
                disabled: readonly,
                hint: this.t('currencyHint'),
                error: this.fieldErrors.currency,
                options: [...new Set([...profile.currencies, profile.account.currency])].map((code) => ({
                  value: code,
                  label: currencyLabel(lang, code),
                })),
                onChange: this.onInput,
              })
            : nothing
        }
        ${
          readonly
            ? nothing
            : html`<div class="actions">
                ${submitButton(this.t(this.complete ? 'saveAndContinue' : 'saveAccount'), this.busy)}
              </div>`
        }
      </form>`;
  }

  /** The account fields shown: all, or when `complete` only those of the `missing` required fields. */
  #accountFields(missing?: readonly ProfileField[]): string[] {
    const address = ADDRESS_LINES.map((line) => `address.${line}`);
    if (!missing) return ['accountName', 'company', 'phone', ...address, 'currency'];
    return missing.flatMap((field) => (field === 'address' ? address : [field]));
  }

  /** The form fields the business requires (an account always needs a name). */
  #requiredFields(profile: Profile): string[] {
    return [
      'accountName',
      ...profile.requiredFields.flatMap((field) =>
        field === 'address' ? ADDRESS_REQUIRED.map((line) => `address.${line}`) : [field],
      ),
    ];
  }

  /** The required form fields that are empty on the server. */
  #missingFields(profile: Profile): string[] {
    const { address } = profile.account;
    return profile.missingFields.flatMap((field) =>
      field === 'address'
        ? ADDRESS_REQUIRED.filter((line) => !trimmed(address[line] ?? undefined)).map(
            (line) => `address.${line}`,
          )
        : [field],
    );
  }

  #fieldNames(fields: readonly ProfileField[]): string {
    return formatList(
      this.resolvedLocale,
      fields.map((field) => this.t(FIELD_LABELS[field])),
    );
  }

  /** Puts the form back to what the server has. */
  #reset(profile: Profile | null) {
    const user = this.session?.user;
    this.values = {
      name: user?.name ?? '',
      locale: user?.locale ?? 'en',
      ...(profile ? accountValues(profile) : {}),
    };
    this.fieldErrors = {};
    this.emailStep = 'idle';
  }

  /** What changed among `fields`, as the update input: trimmed, empty company and phone as null. */
  #changes(profile: Profile, fields: readonly string[]): ProfileUpdateInput {
    const { account } = profile;
    const input: ProfileUpdateInput = {};
    const shown = (name: string) => fields.includes(name);
    const value = (name: string) => trimmed(this.values[name]);
    if (shown('accountName') && value('accountName') !== account.name)
      input.accountName = value('accountName');
    if (shown('company') && value('company') !== (account.company ?? ''))
      input.company = value('company') || null;
    if (shown('phone') && value('phone') !== (account.phone ?? '')) input.phone = value('phone') || null;
    const lines = ADDRESS_LINES.filter((line) => shown(`address.${line}`));
    if (lines.some((line) => value(`address.${line}`) !== (account.address[line] ?? ''))) {
      // The address is one value: send it whole.
      const address: Address = {};
      for (const line of ADDRESS_LINES) address[line] = value(`address.${line}`);
      input.address = address;
    }
    if (shown('currency') && value('currency') !== account.currency) input.currency = value('currency');
    return input;
  }

  /** Checks the required fields among `fields` are filled; shows and focuses the first that is not. */
  #checkRequired(names: readonly string[]): boolean {
    const errors: Record<string, string> = {};
    for (const name of names) if (!trimmed(this.values[name])) errors[name] = this.t('fieldRequired');
    this.fieldErrors = errors;
    this.alertMessage = '';
    const first = names.find((name) => errors[name]);
    if (first) void this.focusField(first);
    return !first;
  }

  #saveMe = async (event: SubmitEvent) => {
    event.preventDefault();
    const session = this.session;
    if (!session || !this.#checkRequired(['name'])) return;
    const name = trimmed(this.values.name);
    const locale = this.values.locale || session.user.locale;
    const input = {
      ...(name !== session.user.name ? { name } : {}),
      ...(locale !== session.user.locale ? { locale } : {}),
    };
    if (!Object.keys(input).length) {
      this.notice = this.t('noChanges');
      return;
    }
    const saved = await this.attempt('updateMe', ['name', 'locale'], (client) =>
      client.account.updateMe(input),
    );
    if (!saved) return;
    // A new language reaches this element through the provider a moment later: say "saved" in it.
    if (input.locale) await new Promise((resolve) => setTimeout(resolve));
    this.notice = this.t('detailsSaved');
  };

  #saveAccount = async (event: SubmitEvent) => {
    event.preventDefault();
    const profile = this.profile;
    const session = this.session;
    if (!profile?.canEdit || !session) return;
    const fields = this.complete ? this.#accountFields(profile.missingFields) : this.#accountFields();
    if (!this.#checkRequired(this.#requiredFields(profile).filter((name) => fields.includes(name)))) return;
    const input = this.#changes(profile, fields);
    if (!Object.keys(input).length) {
      this.notice = this.t('noChanges');
      return;
    }
    let updated: Profile | undefined;
    await this.attempt('updateProfile', fields, async (client) => {
      updated = await client.account.updateProfile(input);
    });
    if (!updated) return;
    this.profile = updated;
    this.values = { ...this.values, ...accountValues(updated) };
    this.notice = this.t('accountSaved');
    this.emit(new PortalProfileSavedEvent(updated));
    const known = [...session.profileMissing].sort().join();
    if (known !== [...updated.missingFields].sort().join()) await this.#refreshSession();
  };

  /** Loads the session again and tells everyone following the client (the provider's profile gate included). */
  async #refreshSession() {
    const client: PortalClient | undefined = this.client;
    if (!client) return;
    try {
      const session = await client.auth.session();
      if (session) client.auth.updated(session);
    } catch (error) {
      this.emit(new PortalErrorEvent({ action: 'session', error }));
    }
  }

  #startEmailChange = () => {
    this.values = { ...this.values, password: '', email: '', code: '' };
    this.#goEmail('form', 'password');
  };

  #cancelEmailChange = () => {
    this.values = { ...this.values, password: '', code: '' };
    this.emailStep = 'idle';
    this.fieldErrors = {};
    this.alertMessage = '';
    void this.focusPart('[part~="change-email"]');
  };

  #goEmail(step: EmailStep, focus: string) {
    this.emailStep = step;
    this.fieldErrors = {};
    this.alertMessage = '';
    if (step === 'form') this.notice = '';
    void this.focusField(focus);
  }

  #sendEmailCode = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ password: 'password', email: 'email' })) return;
    const input = { password: this.values.password ?? '', email: trimmed(this.values.email) };
    if (await this.attempt('changeEmail', ['password', 'email'], (c) => c.account.changeEmail(input))) {
      this.values = { ...this.values, code: '' };
      this.#cooldown.start(this.resendCooldown);
      this.#goEmail('code', 'code');
    }
  };

  async #resendCode() {
    const input = { password: this.values.password ?? '', email: trimmed(this.values.email) };
    if (await this.attempt('changeEmail', [], (c) => c.account.changeEmail(input))) {
      this.#cooldown.start(this.resendCooldown);
      this.notice = this.t('codeResent', { email: input.email });
      void this.focusField('code');
    }
  }

  #confirmEmail = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ code: 'code' })) return;
    const email = trimmed(this.values.email);
    const code = normalizeCode(this.values.code);
    let session: Session | undefined;
    await this.attempt('confirmEmailChange', ['code'], async (client) => {
      session = await client.account.confirmEmailChange({ email, code });
    });
    if (!session) return;
    this.values = { ...this.values, password: '', code: '' };
    this.emailStep = 'idle';
    this.notice = this.t('emailChanged', { email: session.user.email });
    void this.focusPart('[part~="change-email"]');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-profile': PortalProfile;
  }
  interface GlobalEventHandlersEventMap {
    'portal-profile-saved': PortalProfileSavedEvent;
  }
}
