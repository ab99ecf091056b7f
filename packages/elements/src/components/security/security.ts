import { placesCredit, placesCreditStyles } from '../../lib/places-credit.js';
import { initialState, Task, TaskStatus } from '@lit/task';
import {
  type BackupCodes,
  type ClientTotpSetup,
  isPortalApiError,
  type Passkey,
  type PasskeyCredentialJson,
  type PortalClient,
  type SecurityOverview,
  type Session,
  type SessionInfo,
} from '@portico/sdk';
import { startRegistration } from '@simplewebauthn/browser';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { PortalErrorEvent } from '../../lib/events.js';
import {
  describeError,
  type FieldOptions,
  field,
  normalizeCode,
  rowButton,
  submitButton,
} from '../../lib/form.js';
import { groupSecret, relativeTime } from '../../lib/format.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { ceremonyOutcome, creationOptions, credentialJson, passkeysSupported } from '../../lib/passkeys.js';
import { PortalElement } from '../../lib/portal-element.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { groupCode, svgDataUrl } from './format.js';
import styles from './security.styles.js';

addMessages('en', en.forms, en.security);
addMessages('es', es.forms, es.security);

/** The parts of the page; each shows the messages of its own actions. */
type Section = 'password' | 'totp' | 'passkeys' | 'sessions';

/** Backup codes on screen, with the address of their text file. */
interface ShownCodes extends BackupCodes {
  file: string;
}

/**
 * The signed-in person's security page, in four sections:
 *
 * - **Password**: change it (the current one is required), optionally signing out every other session. A login
 *   without a password is told how to set one.
 * - **Two-step verification**: its status and the backup codes left; turn it on (scan the QR code or type the key,
 *   confirm with a code, then save the ten backup codes, shown once, with Copy and Download); turn it off with a code
 *   from the app or a backup code; make new backup codes with a code from the app.
 * - **Passkeys**: the list (synced or not, added, last used); add one (the browser's passkey dialog, then a name),
 *   rename it, remove it after a confirmation.
 * - **Signed-in devices**: where this login is signed in (device, place, IP, account, last active; "This device"
 *   marked); sign out one, or everywhere else.
 *
 * Signed out, it only says to sign in (linking `login-href` when set). Inside a `<portal-provider>` it uses the
 * provider's client; standalone, give it an `api` attribute.
 *
 * @summary Security page: password, two-step verification, passkeys and signed-in devices.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 * @attr login-href - The sign-in page, linked when signed out.
 *
 * @csspart base - The box around the sections.
 * @csspart section - Each section (also `password`, `totp`, `passkeys` or `sessions`).
 * @csspart title - A section's heading.
 * @csspart credit - The "IP Geolocation by DB-IP" attribution under the signed-in devices.
 * @csspart subtitle - The heading of the backup codes.
 * @csspart intro - Explanations under headings.
 * @csspart form - Each form.
 * @csspart field - A label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart hint - A field's hint.
 * @csspart error - Error messages: beside fields (also `field-error`) and in the alerts (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - A section's `role="alert"` region.
 * @csspart status - A section's `role="status"` region.
 * @csspart button - Every button, and the download link.
 * @csspart submit - A form's submit button.
 * @csspart spinner - The spinner in a submit button while a request is in flight.
 * @csspart badge - "On"/"Off" of two-step verification and the "This device" marker.
 * @csspart qr - The QR code to scan.
 * @csspart secret - The key to type, in groups of four.
 * @csspart codes - The list of backup codes.
 * @csspart download - The link that downloads the backup codes.
 * @csspart passkey - A passkey's row.
 * @csspart session - A signed-in device's row.
 * @csspart empty - "No passkeys yet".
 * @csspart loading - Shown while a section loads.
 * @csspart signed-out - The note shown when signed out.
 * @csspart link - The sign-in link shown when signed out.
 *
 * @cssproperty [--portal-security-width=44rem] - Maximum width.
 * @cssproperty --portal-security-padding - Padding inside each section.
 * @cssproperty --portal-security-background - Background of each section; falls back to `--portal-color-surface`.
 * @cssproperty --portal-security-border - Border of each section; falls back to a 1px `--portal-color-border` line.
 * @cssproperty [--portal-security-qr-size=12rem] - Width of the QR code.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-security')
export class PortalSecurity extends PortalElement {
  static override styles = [hostStyles, formStyles, styles, placesCreditStyles];

  /** The sign-in page, linked when signed out. */
  @property({ attribute: 'login-href' }) loginHref?: string;

  @state() private overview?: SecurityOverview;
  @state() private passkeyList?: Passkey[];
  @state() private sessionList?: SessionInfo[];

  /** The section whose action the alert and status messages are about. */
  @state() private section?: Section;
  /** "Sign out my other sessions" is ticked. */
  @state() private endOthers = false;
  /** Two-step verification: the form open beside its status. */
  @state() private totpForm?: 'disable' | 'regenerate';
  /** The enrolment in progress. */
  @state() private setup?: ClientTotpSetup;
  /** Backup codes just made, shown until the person says they saved them. */
  @state() private codes?: ShownCodes;
  /** A passkey the browser made, waiting for its name. */
  @state() private newPasskey?: { challengeId: string; credential: PasskeyCredentialJson };
  /** The passkey being renamed. */
  @state() private renaming?: string;
  /** The passkey whose removal is being confirmed. */
  @state() private removing?: string;

  /** The user the data shown belongs to. */
  #userId: string | undefined;

  readonly #overviewTask = this.#load(
    'securityOverview',
    (client) => client.security.overview(),
    (overview) => {
      this.overview = overview;
    },
  );
  readonly #passkeysTask = this.#load(
    'listPasskeys',
    (client) => client.security.passkeys(),
    (passkeys) => {
      this.passkeyList = passkeys;
    },
  );
  readonly #sessionsTask = this.#load(
    'listSessions',
    (client) => client.account.sessions(),
    (sessions) => {
      this.sessionList = sessions;
    },
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.codes) URL.revokeObjectURL(this.codes.file);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const userId = this.sessionState.session?.user.id;
    if (userId !== this.#userId) {
      this.#userId = userId;
      this.#forget();
    }
  }

  protected override render() {
    const { status, session } = this.sessionState;
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${status === 'loading' ? this.renderLoading() : session ? this.#renderSections(session) : this.#renderSignedOut()}
    </div>`;
  }

  #renderSignedOut() {
    return html`<p part="signed-out" class="intro">${this.t('securitySignedOut')}</p>
      ${this.loginHref ? html`<a part="link" class="link" href=${this.loginHref}>${this.t('signIn')}</a>` : nothing}`;
  }

  #renderSections(session: Session) {
    return html`${this.#section(
      'password',
      'passwordSection',
      this.#loaded(this.#overviewTask, this.overview, (overview) =>
        overview.hasPassword
          ? this.#renderPassword(session)
          : html`<p part="intro" class="intro">${this.t('noPassword')}</p>`,
      ),
    )}
    ${this.#section(
      'totp',
      'twoFactorSection',
      this.#loaded(this.#overviewTask, this.overview, (overview) => this.#renderTotp(overview)),
    )}
    ${this.#section(
      'passkeys',
      'passkeysSection',
      html`<p part="intro" class="intro">${this.t('passkeysIntro')}</p>
        ${this.#loaded(this.#passkeysTask, this.passkeyList, (list) => this.#renderPasskeys(list))}`,
    )}
    ${this.#section(
      'sessions',
      'sessionsSection',
      this.#loaded(this.#sessionsTask, this.sessionList, (list) => this.#renderSessions(list)),
    )}`;
  }

  #section(id: Section, title: MessageKey, content: unknown) {
    const mine = this.section === id;
    return html`<section part="section ${id}" class="section" aria-labelledby="${id}-title">
      <h2 part="title" class="title" id="${id}-title" tabindex="-1">${this.t(title)}</h2>
      ${content}
      <div part="error alert" class="alert" role="alert">${(mine && this.alertMessage) || nothing}</div>
      <div part="status" class="notice" role="status">${(mine && this.notice) || nothing}</div>
    </section>`;
  }

  /** A section's data once loaded; until then a spinner, or why loading failed with "Try again". */
  #loaded<T>(
    task: Pick<Task, 'status' | 'error' | 'run'>,
    data: T | undefined,
    content: (data: T) => unknown,
  ) {
    if (data !== undefined) return content(data);
    if (task.status === TaskStatus.ERROR) {
      return html`<p part="error" class="load-error">${describeError(task.error, [], this.t).alert}</p>
        <div class="actions">
          <button part="button retry" class="secondary" type="button" @click=${() => void task.run()}>
            ${this.t('securityRetry')}
          </button>
        </div>`;
    }
    return this.renderLoading();
  }

  // Password

  #renderPassword(session: Session) {
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#changePassword}>
      <input type="email" name="username" autocomplete="username" .value=${session.user.email} hidden readonly />
      ${this.#field('currentPassword', {
        label: this.t('securityCurrentPassword'),
        type: 'password',
        autocomplete: 'current-password',
      })}
      ${this.#field('newPassword', {
        label: this.t('securityNewPassword'),
        type: 'password',
        autocomplete: 'new-password',
        hint: this.t('passwordHint'),
      })}
      <label class="check">
        <input
          type="checkbox"
          name="endOtherSessions"
          .checked=${this.endOthers}
          @change=${(event: Event) => {
            this.endOthers = (event.target as HTMLInputElement).checked;
          }}
        />
        ${this.t('signOutOthersOption')}
      </label>
      <div class="actions">${submitButton(this.t('changePassword'), this.busy)}</div>
    </form>`;
  }

  #changePassword = async (event: SubmitEvent) => {
    event.preventDefault();
    this.section = 'password';
    this.notice = '';
    if (!this.validate({ currentPassword: 'password', newPassword: 'newPassword' })) return;
    const currentPassword = this.values.currentPassword ?? '';
    const newPassword = this.values.newPassword ?? '';
    let ended = 0;
    let code: string | undefined;
    const ok = await this.#run(
      'password',
      'changePassword',
      ['currentPassword', 'newPassword'],
      async (c) => {
        try {
          ({ endedSessions: ended } = await c.account.changePassword({
            currentPassword,
            newPassword,
            endOtherSessions: this.endOthers,
          }));
        } catch (error) {
          code = isPortalApiError(error) ? error.code : undefined;
          throw error;
        }
      },
    );
    if (ok) {
      this.values = {};
      this.endOthers = false;
      this.notice = ended ? this.t('passwordChangedEnded', { count: ended }) : this.t('passwordChanged');
      if (ended) void this.#sessionsTask.run();
      void this.focusPart('#password-title');
    } else if (code === 'NO_PASSWORD' && this.overview) {
      // The explanation replaces the form.
      this.overview = { ...this.overview, hasPassword: false };
      this.alertMessage = '';
      this.fieldErrors = {};
      this.values = {};
      void this.focusPart('#password-title');
    } else {
      // Shown beside the field they are about, even when the server sent no field errors.
      const field =
        code === 'WRONG_PASSWORD' ? 'currentPassword' : code === 'PASSWORD_TOO_COMMON' ? 'newPassword' : '';
      if (field && !this.fieldErrors[field] && this.alertMessage) {
        this.fieldErrors = { ...this.fieldErrors, [field]: this.alertMessage };
        this.alertMessage = '';
        void this.focusField(field);
      }
    }
  };

  // Two-step verification

  #renderTotp(overview: SecurityOverview) {
    if (this.codes) return this.#renderCodes(this.codes);
    if (this.setup) return this.#renderSetup(this.setup);
    const { enabled, enabledAt } = overview.totp;
    const date = enabledAt ? this.#date(enabledAt) : '';
    const status = html`<p class="status">
      <span part="badge" class="badge ${enabled ? 'on' : ''}">${this.t(enabled ? 'twoFactorOn' : 'twoFactorOff')}</span>
      <span>${enabled ? this.t('twoFactorOnIntro', { date }) : this.t('twoFactorOffIntro')}</span>
    </p>`;
    if (!enabled) {
      return html`${status}
        <div class="actions">
          <button part="button setup" class="primary" type="button" ?disabled=${this.busy} @click=${this.#startSetup}>
            ${this.t('setUpTwoFactor')}
          </button>
        </div>`;
    }
    const left = overview.backupCodes.remaining;
    return html`${status}
      <p part="backup-count" class="hint">
        ${this.t('backupCodesLeft', { count: left })} ${left <= 3 ? this.t('backupCodesLow') : nothing}
      </p>
      ${
        this.totpForm
          ? this.#renderTotpForm(this.totpForm)
          : html`<div class="actions">
              <button
                part="button regenerate"
                class="secondary"
                type="button"
                ?disabled=${this.busy}
                @click=${() => this.#openTotpForm('regenerate')}
              >
                ${this.t('newBackupCodes')}
              </button>
              <button
                part="button disable"
                class="secondary"
                type="button"
                ?disabled=${this.busy}
                @click=${() => this.#openTotpForm('disable')}
              >
                ${this.t('turnOff')}
              </button>
            </div>`
      }`;
  }

  #renderSetup(setup: ClientTotpSetup) {
    return html`<ol class="steps">
      <li>
        <p id="scan" tabindex="-1">${this.t('scanQr')}</p>
        <img part="qr" class="qr" src=${svgDataUrl(setup.qrSvg)} alt=${this.t('qrAlt')} />
      </li>
      <li>
        <p>${this.t('typeSecret')}</p>
        <div class="actions">
          <code part="secret" class="secret">${groupSecret(setup.secret)}</code>
          <button part="button copy" class="secondary small" type="button" @click=${() => this.#copy('totp', setup.secret)}>
            ${this.t('copyKey')}
          </button>
        </div>
      </li>
      <li>
        <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#enable}>
          ${this.#field('code', { label: this.t('appCode'), autocomplete: 'one-time-code', inputmode: 'numeric' })}
          <div class="actions">${submitButton(this.t('turnOn'), this.busy)} ${this.#cancelButton(this.#cancelSetup)}</div>
        </form>
      </li>
    </ol>`;
  }

  #renderCodes(codes: ShownCodes) {
    return html`<div class="codes-box">
      <h3 part="subtitle" class="subtitle" id="codes-title" tabindex="-1">${this.t('backupCodesTitle')}</h3>
      <p part="intro" class="intro">${this.t('backupCodesIntro')}</p>
      <ul part="codes" class="codes" aria-label=${this.t('backupCodesList')}>
        ${codes.codes.map((code) => html`<li><code>${groupCode(code)}</code></li>`)}
      </ul>
      <div class="actions">
        <button part="button copy" class="secondary" type="button" @click=${() => this.#copy('totp', this.#codesText(codes))}>
          ${this.t('copyCodes')}
        </button>
        <a part="button download" class="secondary" href=${codes.file} download="backup-codes.txt">
          ${this.t('downloadCodes')}
        </a>
        <button part="button saved" class="primary" type="button" @click=${this.#codesSaved}>
          ${this.t('savedCodes')}
        </button>
      </div>
    </div>`;
  }

  #renderTotpForm(form: 'disable' | 'regenerate') {
    const disable = form === 'disable';
    return html`<form
      part="form"
      novalidate
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${disable ? this.#disable : this.#regenerate}
    >
      <p part="intro" class="intro">${this.t(disable ? 'turnOffIntro' : 'newBackupCodesIntro')}</p>
      ${this.#field('code', {
        label: this.t(disable ? 'appOrBackupCode' : 'appCode'),
        autocomplete: 'one-time-code',
        inputmode: disable ? 'text' : 'numeric',
      })}
      <div class="actions">
        ${submitButton(this.t(disable ? 'turnOff' : 'makeBackupCodes'), this.busy)}
        ${this.#cancelButton(this.#closeTotpForm)}
      </div>
    </form>`;
  }

  #startSetup = async () => {
    let setup: ClientTotpSetup | undefined;
    let already = false;
    await this.#run('totp', 'setupTotp', [], async (client) => {
      try {
        setup = await client.security.setupTotp();
      } catch (error) {
        already = isPortalApiError(error, 'TOTP_ALREADY_ENABLED');
        throw error;
      }
    });
    if (already) void this.#overviewTask.run();
    if (!setup) return;
    this.setup = setup;
    this.values = {};
    void this.focusPart('#scan');
  };

  #cancelSetup = () => {
    this.setup = undefined;
    this.#clearMessages();
    void this.focusPart('[part~="setup"]');
  };

  #enable = async (event: SubmitEvent) => {
    event.preventDefault();
    this.section = 'totp';
    if (!this.validate({ code: 'code' })) return;
    const code = normalizeCode(this.values.code);
    let codes: BackupCodes | undefined;
    let expired = false;
    await this.#run('totp', 'enableTotp', ['code'], async (client) => {
      try {
        codes = await client.security.enableTotp({ code });
      } catch (error) {
        expired = isPortalApiError(error, 'TOTP_SETUP_EXPIRED');
        throw error;
      }
    });
    if (codes) {
      this.setup = undefined;
      this.#showCodes(codes);
      this.notice = this.t('twoFactorEnabled');
      void this.#overviewTask.run();
    } else if (expired) {
      // The alert says why; set-up starts again from its button.
      this.setup = undefined;
      void this.focusPart('[part~="setup"]');
    } else {
      this.values = {};
    }
  };

  #openTotpForm(form: 'disable' | 'regenerate') {
    this.totpForm = form;
    this.values = {};
    this.#clearMessages();
    void this.focusField('code');
  }

  #closeTotpForm = () => {
    const form = this.totpForm;
    this.totpForm = undefined;
    this.#clearMessages();
    void this.focusPart(`[part~="${form}"]`);
  };

  #disable = async (event: SubmitEvent) => {
    event.preventDefault();
    this.section = 'totp';
    const code = normalizeCode(this.values.code).toLowerCase();
    if (!/^(\d{6}|[a-z2-7]{16})$/.test(code)) {
      this.#showFieldError('code', this.t('enterAppOrBackupCode'));
      return;
    }
    const ok = await this.#run('totp', 'disableTotp', ['code'], (client) =>
      client.security.disableTotp({ code }),
    );
    if (!ok) {
      this.#totpGone();
      return;
    }
    this.totpForm = undefined;
    this.values = {};
    this.notice = this.t('twoFactorDisabled');
    if (this.overview) {
      this.overview = {
        ...this.overview,
        totp: { enabled: false, enabledAt: null },
        backupCodes: { remaining: 0, generatedAt: null },
      };
    }
    void this.#overviewTask.run();
    void this.focusPart('[part~="setup"]');
  };

  #regenerate = async (event: SubmitEvent) => {
    event.preventDefault();
    this.section = 'totp';
    if (!this.validate({ code: 'code' })) return;
    const code = normalizeCode(this.values.code);
    let codes: BackupCodes | undefined;
    await this.#run('totp', 'regenerateBackupCodes', ['code'], async (client) => {
      codes = await client.security.regenerateBackupCodes({ code });
    });
    if (!codes) {
      this.#totpGone();
      return;
    }
    this.totpForm = undefined;
    this.#showCodes(codes);
    void this.#overviewTask.run();
  };

  /** A failed code: clear it to type the next; reload the status when two-step verification is off already. */
  #totpGone() {
    if (Object.keys(this.fieldErrors).length) this.values = {};
    else void this.#overviewTask.run();
  }

  #showCodes(codes: BackupCodes) {
    if (this.codes) URL.revokeObjectURL(this.codes.file);
    const text = this.#codesText(codes);
    this.codes = { ...codes, file: URL.createObjectURL(new Blob([text], { type: 'text/plain' })) };
    this.values = {};
    void this.focusPart('#codes-title');
  }

  #codesText(codes: BackupCodes) {
    const email = this.sessionState.session?.user.email ?? '';
    const heading = this.t('backupCodesFile', { email, date: this.#date(codes.generatedAt) });
    return `${heading}\n\n${codes.codes.map(groupCode).join('\n')}\n`;
  }

  #codesSaved = () => {
    if (this.codes) URL.revokeObjectURL(this.codes.file);
    this.codes = undefined;
    this.#clearMessages();
    void this.focusPart('#totp-title');
  };

  // Passkeys

  #renderPasskeys(list: Passkey[]) {
    return html`${
      list.length
        ? html`<ul part="passkeys" class="rows">
            ${repeat(
              list,
              (passkey) => passkey.id,
              (passkey) => this.#renderPasskey(passkey),
            )}
          </ul>`
        : html`<p part="empty" class="hint">${this.t('noPasskeys')}</p>`
    }
    ${
      this.newPasskey
        ? this.#renderNamePasskey()
        : passkeysSupported()
          ? html`<div class="actions">
              <button part="button add-passkey" class="primary" type="button" ?disabled=${this.busy} @click=${this.#addPasskey}>
                ${this.t('addPasskey')}
              </button>
            </div>`
          : html`<p class="hint">${this.t('passkeysUnsupported')}</p>`
    }`;
  }

  #renderPasskey(passkey: Passkey) {
    const name = passkey.name;
    const meta = [
      this.t(passkey.backedUp ? 'passkeySynced' : 'passkeyNotSynced'),
      this.t('passkeyAddedOn', { date: this.#date(passkey.createdAt) }),
      passkey.lastUsedAt
        ? this.t('passkeyLastUsed', { when: relativeTime(this.textLang, passkey.lastUsedAt) })
        : this.t('passkeyNeverUsed'),
    ].join(' · ');
    if (this.renaming === passkey.id) {
      return html`<li part="passkey" class="row" data-id=${passkey.id}>
        <form
          part="form"
          class="row-form"
          novalidate
          aria-busy=${this.busy ? 'true' : 'false'}
          @submit=${(event: SubmitEvent) => this.#rename(event, passkey)}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key === 'Escape') this.#cancelRename();
          }}
        >
          ${this.#field('name', { label: this.t('passkeyName'), autocomplete: 'off' })}
          <div class="actions">
            ${submitButton(this.t('savePasskeyName'), this.busy)} ${this.#cancelButton(this.#cancelRename)}
          </div>
        </form>
      </li>`;
    }
    const confirming = this.removing === passkey.id;
    return html`<li part="passkey" class="row" data-id=${passkey.id}>
      <div class="row-main">
        <span class="row-title">${name}</span>
        <span class="row-meta">${meta}</span>
      </div>
      ${
        confirming
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-${passkey.id}">
              <p id="confirm-${passkey.id}">${this.t('removePasskeyConfirm', { name })}</p>
              <div class="actions">
                <button
                  part="button confirm-remove"
                  class="secondary danger"
                  type="button"
                  ?disabled=${this.busy}
                  @click=${() => this.#remove(passkey)}
                >
                  ${this.t('removePasskey')}
                </button>
                ${this.#cancelButton(this.#cancelRemove)}
              </div>
            </div>`
          : html`<div class="row-actions">
              ${rowButton({
                part: 'rename',
                text: this.t('renamePasskey'),
                ariaLabel: this.t('renamePasskeyNamed', { name }),
                disabled: this.busy || !!this.newPasskey,
                onClick: () => this.#startRename(passkey),
              })}
              ${rowButton({
                part: 'remove',
                text: this.t('removePasskey'),
                ariaLabel: this.t('removePasskeyNamed', { name }),
                disabled: this.busy || !!this.newPasskey,
                onClick: () => this.#startRemove(passkey),
              })}
            </div>`
      }
    </li>`;
  }

  #renderNamePasskey() {
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveNewPasskey}>
      ${this.#field('name', { label: this.t('namePasskey'), autocomplete: 'off', hint: this.t('namePasskeyHint') })}
      <div class="actions">
        ${submitButton(this.t('savePasskey'), this.busy)} ${this.#cancelButton(this.#cancelNewPasskey)}
      </div>
    </form>`;
  }

  #addPasskey = async () => {
    this.renaming = undefined;
    this.removing = undefined;
    let answer: { challengeId: string; credential: PasskeyCredentialJson } | undefined;
    let outcome: 'cancelled' | 'exists' | 'browser' | undefined;
    await this.#run('passkeys', 'addPasskey', [], async (client) => {
      const { challengeId, options } = await client.security.passkeyRegistrationOptions();
      try {
        const credential = await startRegistration({ optionsJSON: creationOptions(options) });
        answer = { challengeId, credential: credentialJson(credential) };
      } catch (error) {
        const how = ceremonyOutcome(error);
        if (how === 'cancelled' || how === 'aborted' || how === 'exists') {
          outcome = how === 'exists' ? 'exists' : 'cancelled';
          return;
        }
        outcome = 'browser';
        throw error;
      }
    });
    if (answer) {
      this.newPasskey = answer;
      this.values = {};
      void this.focusField('name');
      return;
    }
    if (outcome === 'cancelled') this.notice = this.t('passkeyAddCancelled');
    else if (outcome === 'exists') this.alertMessage = this.t('passkeyExists');
    else if (outcome === 'browser') this.alertMessage = this.t('passkeyBrowserError');
    void this.focusPart('[part~="add-passkey"]');
  };

  #saveNewPasskey = async (event: SubmitEvent) => {
    event.preventDefault();
    const pending = this.newPasskey;
    if (!pending) return;
    this.section = 'passkeys';
    const name = this.#passkeyName();
    if (!name) return;
    let added: Passkey | undefined;
    await this.#run('passkeys', 'registerPasskey', ['name'], async (client) => {
      added = await client.security.registerPasskey({ ...pending, name });
    });
    if (added) {
      this.passkeyList = [...(this.passkeyList ?? []), added];
      this.notice = this.t('passkeyAdded');
    } else if (Object.keys(this.fieldErrors).length) {
      return;
    }
    // Added, or refused for good (the challenge is spent): either way the name prompt is done.
    this.newPasskey = undefined;
    this.values = {};
    void this.focusPart('[part~="add-passkey"]');
  };

  #cancelNewPasskey = () => {
    this.newPasskey = undefined;
    this.values = {};
    this.#clearMessages();
    void this.focusPart('[part~="add-passkey"]');
  };

  #startRename(passkey: Passkey) {
    this.removing = undefined;
    this.renaming = passkey.id;
    this.values = { name: passkey.name };
    this.#clearMessages();
    void this.focusField('name');
  }

  #cancelRename = () => {
    const id = this.renaming;
    this.renaming = undefined;
    this.values = {};
    this.#clearMessages();
    void this.focusPart(`[data-id="${id}"] [part~="rename"]`);
  };

  async #rename(event: SubmitEvent, passkey: Passkey) {
    event.preventDefault();
    this.section = 'passkeys';
    const name = this.#passkeyName();
    if (!name) return;
    let renamed: Passkey | undefined;
    if (name === passkey.name) renamed = passkey;
    else {
      await this.#run('passkeys', 'renamePasskey', ['name'], async (client) => {
        renamed = await client.security.renamePasskey(passkey.id, { name });
      });
    }
    if (!renamed) {
      if (!Object.keys(this.fieldErrors).length) this.#reloadPasskeys();
      return;
    }
    const done = renamed;
    this.passkeyList = this.passkeyList?.map((p) => (p.id === done.id ? done : p));
    if (done !== passkey) this.notice = this.t('passkeyRenamed');
    this.renaming = undefined;
    this.values = {};
    void this.focusPart(`[data-id="${passkey.id}"] [part~="rename"]`);
  }

  #startRemove(passkey: Passkey) {
    this.renaming = undefined;
    this.removing = passkey.id;
    this.#clearMessages();
    void this.focusPart(`[data-id="${passkey.id}"] [part~="cancel"]`);
  }

  #cancelRemove = () => {
    const id = this.removing;
    this.removing = undefined;
    void this.focusPart(`[data-id="${id}"] [part~="remove"]`);
  };

  async #remove(passkey: Passkey) {
    const ok = await this.#run('passkeys', 'removePasskey', [], (client) =>
      client.security.removePasskey(passkey.id),
    );
    this.removing = undefined;
    if (!ok) {
      this.#reloadPasskeys();
      return;
    }
    this.passkeyList = this.passkeyList?.filter((p) => p.id !== passkey.id);
    this.notice = this.t('passkeyRemoved');
    void this.focusPart('[part~="add-passkey"], #passkeys-title');
  }

  /** A rename or removal failed: maybe the passkey is gone already, so show the list as the server has it. */
  #reloadPasskeys() {
    void this.#passkeysTask.run();
  }

  // Signed-in devices

  #renderSessions(list: SessionInfo[]) {
    const sorted = [...list].sort(
      (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
    );
    const others = list.some((s) => !s.current);
    return html`<ul part="sessions" class="rows">
        ${repeat(
          sorted,
          (s) => s.id,
          (s) => this.#renderSession(s),
        )}
      </ul>
      ${
        others
          ? html`<div class="actions">
              <button part="button end-others" class="secondary" type="button" ?disabled=${this.busy} @click=${this.#endOthers}>
                ${this.t('endOtherSessions')}
              </button>
            </div>`
          : html`<p class="hint">${this.t('noOtherSessions')}</p>`
      }
      ${placesCredit}`;
  }

  #renderSession(s: SessionInfo) {
    const where = [s.place ?? this.t('unknownPlace'), s.ip].filter(Boolean).join(' · ');
    const seen = this.t('sessionLastSeen', { when: relativeTime(this.textLang, s.lastSeenAt) });
    return html`<li part="session" class="row" data-id=${s.id}>
      <div class="row-main">
        <span class="row-title">
          ${s.device}
          ${s.current ? html`<span part="badge current" class="badge on">${this.t('thisDevice')}</span>` : nothing}
        </span>
        <span class="row-meta">${where}</span>
        <span class="row-meta">${this.t('sessionAccount', { name: s.accountName })} · ${seen}</span>
      </div>
      ${
        s.current
          ? nothing
          : html`<div class="row-actions">
              ${rowButton({
                part: 'end-session',
                text: this.t('endSession'),
                ariaLabel: this.t('endSessionNamed', { device: s.device }),
                disabled: this.busy,
                onClick: () => this.#endSession(s),
              })}
            </div>`
      }
    </li>`;
  }

  async #endSession(s: SessionInfo) {
    const buttons = [...this.renderRoot.querySelectorAll('[part~="end-session"]')];
    const index = buttons.findIndex((b) => b.closest(`[data-id="${s.id}"]`));
    const ok = await this.#run('sessions', 'endSession', [], (client) => client.account.endSession(s.id));
    if (!ok) {
      void this.#sessionsTask.run();
      return;
    }
    this.sessionList = this.sessionList?.filter((x) => x.id !== s.id);
    this.notice = this.t('sessionEnded', { device: s.device });
    await this.updateComplete;
    const left = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="end-session"]')];
    (
      left[Math.min(index, left.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('#sessions-title')
    )?.focus();
  }

  #endOthers = async () => {
    let ended = 0;
    const ok = await this.#run('sessions', 'endOtherSessions', [], async (client) => {
      ({ ended } = await client.account.endOtherSessions());
    });
    if (!ok) return;
    this.sessionList = this.sessionList?.filter((s) => s.current);
    this.notice = this.t('otherSessionsEnded', { count: ended });
    void this.focusPart('#sessions-title');
  };

  // Shared

  /** The field named `name`, showing what was typed there and its error. */
  #field(name: string, options: Omit<FieldOptions, 'name' | 'value' | 'error' | 'onInput'>) {
    return field({
      ...options,
      name,
      value: this.values[name],
      error: this.fieldErrors[name],
      onInput: this.onInput,
    });
  }

  #cancelButton(onClick: () => void) {
    return html`<button part="button cancel" class="secondary" type="button" @click=${onClick}>
      ${this.t('securityCancel')}
    </button>`;
  }

  /** Shows `message` beside the field `name` alone, and focuses it. */
  #showFieldError(name: string, message: string) {
    this.alertMessage = '';
    this.fieldErrors = { [name]: message };
    void this.focusField(name);
  }

  /** The passkey name typed; without one, says so beside the field. */
  #passkeyName(): string | undefined {
    const name = (this.values.name ?? '').trim();
    if (!name) this.#showFieldError('name', this.t('enterPasskeyName'));
    return name || undefined;
  }

  /**
   * A `@lit/task` loading one section's data for the signed-in user; reloads when the user, the active account
   * (the devices list names it) or the client changes.
   */
  #load<T>(action: string, fetch: (client: PortalClient) => Promise<T>, done: (value: T) => void) {
    return new Task(this, {
      args: () =>
        [this.client, this.sessionState.session?.user.id, this.sessionState.session?.account.id] as const,
      task: ([client, userId]) => (client && userId ? fetch(client) : Promise.resolve(initialState)),
      onComplete: done,
      onError: (error) => this.emit(new PortalErrorEvent({ action, error })),
    });
  }

  /**
   * `attempt` whose messages show in `section`. On a failure not about a field, focus goes to the section's heading
   * (the pressed button was disabled while the request ran), not to another section's form.
   */
  async #run(
    section: Section,
    action: string,
    fields: readonly string[],
    work: (client: PortalClient) => Promise<unknown>,
  ): Promise<boolean> {
    this.section = section;
    const ok = await this.attempt(action, fields, work);
    if (!ok && !fields.some((name) => this.fieldErrors[name])) void this.focusPart(`#${section}-title`);
    return ok;
  }

  async #copy(section: Section, text: string) {
    this.section = section;
    this.alertMessage = '';
    this.notice = '';
    try {
      await navigator.clipboard.writeText(text);
      this.notice = this.t('securityCopied');
    } catch {
      this.alertMessage = this.t('securityCopyFailed');
    }
  }

  #clearMessages() {
    this.alertMessage = '';
    this.notice = '';
    this.fieldErrors = {};
  }

  /** Someone else signed in, or nobody: drop everything shown for the previous user. */
  #forget() {
    if (this.codes) URL.revokeObjectURL(this.codes.file);
    this.overview = undefined;
    this.passkeyList = undefined;
    this.sessionList = undefined;
    this.setup = undefined;
    this.codes = undefined;
    this.totpForm = undefined;
    this.newPasskey = undefined;
    this.renaming = undefined;
    this.removing = undefined;
    this.endOthers = false;
    this.section = undefined;
    this.values = {};
    this.#clearMessages();
  }

  #date(iso: string) {
    return new Intl.DateTimeFormat(this.textLang, { dateStyle: 'medium' }).format(new Date(iso));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-security': PortalSecurity;
  }
}
