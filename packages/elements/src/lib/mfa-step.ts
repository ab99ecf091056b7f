import { isPortalApiError, type MfaRequired, type PortalClient, type Session } from '@portico/sdk';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { field, linkButton, normalizeCode, submitButton } from './form.js';
import { addMessages } from './localize.js';
import * as en from './locales/en.js';
import * as es from './locales/es.js';
import { PortalElement } from './portal-element.js';
import { formStyles, hostStyles } from './styles.js';

addMessages('en', en.mfa);
addMessages('es', es.mfa);

/** The second factor was accepted; `session` is the new session. Heard only by the element showing the step. */
export class MfaCompleteEvent extends Event {
  static readonly eventName = 'mfa-complete';
  constructor(readonly session: Session) {
    super(MfaCompleteEvent.eventName);
  }
}

/**
 * The step cannot go on: its ticket expired, was used, or took too many wrong codes. The element showing it starts
 * the sign-in over and shows `message` (empty when the person chose "Start over").
 */
export class MfaRestartEvent extends Event {
  static readonly eventName = 'mfa-restart';
  constructor(readonly message: string) {
    super(MfaRestartEvent.eventName);
  }
}

/** The parts of the step the elements showing it pass on, so `::part()` styles it like the rest of the form. */
const EXPORTED_PARTS =
  'form, title, intro, expiry, field, label, input, hint, error, field-error, alert, status, button, submit, spinner, link';

/**
 * The two-step verification step of a sign-in (internal: `<portal-login>`, `<portal-register>`,
 * `<portal-magic-link>` and `<portal-invitation>` show it when a sign-in answers `mfa_required`). Asks for the
 * 6-digit code from the authenticator app, or a backup code, and finishes the sign-in with `auth.completeMfa`.
 * When the ticket's lifetime runs out it asks its host to start over instead of sending a code that cannot work.
 */
@customElement('portal-mfa-step')
export class PortalMfaStep extends PortalElement {
  static override styles = [
    hostStyles,
    formStyles,
    css`
      :host {
        display: block;
        /* Inside its host, whose theme already chose the scheme. */
        color-scheme: inherit;
      }
    `,
  ];

  /** The sign-in's answer that asked for the second factor. */
  @property({ attribute: false }) challenge?: MfaRequired;

  /** The client of the element showing the step (which may be standalone). */
  @property({ attribute: false }) hostClient?: PortalClient;

  /** Asking for a backup code rather than the app's code. */
  @state() private backup = false;

  #deadline = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  override get client(): PortalClient | undefined {
    return this.hostClient ?? super.client;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#deadline) this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('challenge') && this.challenge) {
      this.backup = !this.challenge.methods.includes('totp');
      this.values = {};
      this.fieldErrors = {};
      this.alertMessage = '';
      this.#deadline = Date.now() + this.challenge.expiresInSeconds * 1000;
      this.#schedule();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('challenge') && this.challenge) void this.focusField('code');
  }

  protected override render() {
    const challenge = this.challenge;
    if (!challenge) return nothing;
    const both = challenge.methods.includes('totp') && challenge.methods.includes('backup_code');
    const time = new Intl.DateTimeFormat(this.textLang, { timeStyle: 'short' }).format(this.#deadline);
    return html`<form
        part="form"
        lang=${this.textLang}
        novalidate
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${this.#submit}
      >
        <h2 part="title" class="title">${this.t('mfaTitle')}</h2>
        <p part="intro" class="intro">${this.t(this.backup ? 'mfaBackupIntro' : 'mfaIntro')}</p>
        ${field({
          name: 'code',
          label: this.t(this.backup ? 'backupCode' : 'mfaCode'),
          autocomplete: this.backup ? 'off' : 'one-time-code',
          inputmode: this.backup ? 'text' : 'numeric',
          hint: this.backup ? this.t('backupCodeHint') : undefined,
          value: this.values.code,
          error: this.fieldErrors.code,
          onInput: this.onInput,
        })}
        <p part="expiry" class="hint">${this.t('mfaDeadline', { time })}</p>
        ${submitButton(this.t('mfaVerify'), this.busy)}
        <div class="links">
          ${both ? linkButton(this.t(this.backup ? 'useAuthenticatorApp' : 'useBackupCode'), this.#switch) : nothing}
          ${linkButton(this.t('mfaStartOver'), () => this.#restart(''))}
        </div>
      </form>
      ${this.renderMessages()}`;
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => this.#restart(this.t('mfaExpired')),
      Math.max(0, this.#deadline - Date.now()),
    );
  }

  #switch = () => {
    this.backup = !this.backup;
    this.values = {};
    this.fieldErrors = {};
    this.alertMessage = '';
    void this.focusField('code');
  };

  #restart(message: string) {
    clearTimeout(this.#timer);
    this.dispatchEvent(new MfaRestartEvent(message));
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const ticket = this.challenge?.ticket;
    if (!ticket || this.busy) return;
    const code = normalizeCode(this.values.code).toLowerCase();
    if (!(this.backup ? /^[a-z2-7]{16}$/ : /^\d{6}$/).test(code)) {
      this.alertMessage = '';
      this.fieldErrors = { code: this.t(this.backup ? 'enterBackupCode' : 'enterCode') };
      void this.focusField('code');
      return;
    }
    if (Date.now() >= this.#deadline) return this.#restart(this.t('mfaExpired'));
    let session: Session | undefined;
    let failure: unknown;
    await this.attempt('completeMfa', ['code'], async (client) => {
      try {
        session = await client.auth.completeMfa({ ticket, code });
      } catch (error) {
        failure = error;
        throw error;
      }
    });
    if (session) {
      clearTimeout(this.#timer);
      this.dispatchEvent(new MfaCompleteEvent(session));
      return;
    }
    if (!isPortalApiError(failure)) return;
    // The ticket is spent, or took its last wrong code (TOO_MANY_ATTEMPTS with no wait: waiting cannot help).
    const dead =
      failure.code === 'TICKET_INVALID' ||
      (failure.code === 'TOO_MANY_ATTEMPTS' && failure.retryAfter === undefined);
    if (dead) {
      this.alertMessage = '';
      this.#restart(failure.detail ?? failure.title);
    } else if (failure.code === 'INVALID_CODE') {
      // The detail also says how many tries are left.
      this.values = {};
      if (failure.detail) this.fieldErrors = { code: failure.detail };
    }
  };
}

/**
 * Shows the two-step verification step for `challenge` inside `host`, with `host`'s client and language.
 * `onComplete` gets the session; `onRestart` the message to show while the sign-in starts over.
 */
export function mfaStep(
  host: PortalElement,
  challenge: MfaRequired,
  onComplete: (session: Session) => void,
  onRestart: (message: string) => void,
): TemplateResult {
  return html`<portal-mfa-step
    exportparts=${EXPORTED_PARTS}
    lang=${host.resolvedLocale}
    .challenge=${challenge}
    .hostClient=${host.client}
    @mfa-complete=${(event: MfaCompleteEvent) => onComplete(event.session)}
    @mfa-restart=${(event: MfaRestartEvent) => onRestart(event.message)}
  ></portal-mfa-step>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-mfa-step': PortalMfaStep;
  }
}
