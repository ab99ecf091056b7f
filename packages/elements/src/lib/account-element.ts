import { initialState, Task, TaskStatus } from '@lit/task';
import { isPortalApiError, type PortalClient, type Session } from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ConfirmController, type ConfirmOptions } from './confirm-controller.js';
import { PortalErrorEvent } from './events.js';
import {
  besideOrAlert,
  describeError,
  type ErrorDisplay,
  type FieldOf,
  fieldForCode,
  serverWords,
  splitFieldErrors,
  type Translate,
} from './form.js';
import { loadError } from './load-error.js';
import type { MessageKey } from './localize.js';
import { PortalElement } from './portal-element.js';

/** Error codes the account elements explain in the reader's language instead of showing the server's words. */
const CODE_MESSAGES: Partial<Record<string, MessageKey>> = {
  PERMISSION_DENIED: 'errorPermissionDenied',
  OWNER_ONLY: 'errorOwnerOnly',
  TOKEN_NOT_ALLOWED: 'errorTokenNotAllowed',
  SCOPE_NOT_GRANTED: 'errorScopeNotGranted',
  PROFILE_INCOMPLETE: 'errorProfileIncomplete',
  WRONG_PASSWORD: 'errorWrongPassword',
  NO_PASSWORD: 'errorNoPassword',
  ALREADY_A_MEMBER: 'errorAlreadyMember',
  CURRENCY_NOT_ENABLED: 'errorCurrencyNotEnabled',
};

/** The field a code is about, when the form shows it. */
const CODE_FIELDS: Partial<Record<string, string>> = {
  WRONG_PASSWORD: 'password',
  ALREADY_A_MEMBER: 'email',
  CURRENCY_NOT_ENABLED: 'currency',
  SCOPE_NOT_GRANTED: 'scopes',
  INVALID_CODE: 'code',
  CODE_EXPIRED: 'code',
  TOO_MANY_ATTEMPTS: 'code',
};

/** The form field a server's error path belongs to: itself (`address.city`), else its head (`scopes.2` → `scopes`). */
const fieldFor =
  (fields: readonly string[]): FieldOf =>
  (path) =>
    fields.includes(path) ? path : fields.find((name) => name === path.split('.')[0]);

/**
 * Splits an SDK error into messages beside fields and an alert, like `describeError`, and also explains the
 * permission and account codes in the reader's language, beside the field they are about when it is shown.
 */
export function describeAccountError(error: unknown, fields: readonly string[], t: Translate): ErrorDisplay {
  if (!isPortalApiError(error) || error.status === 429) return describeError(error, fields, t);
  const fieldOf = fieldFor(fields);
  const { shown, rest } = splitFieldErrors(error, fieldOf);
  const known = CODE_MESSAGES[error.code];
  const target = fieldForCode(error, CODE_FIELDS[error.code], fieldOf);
  if (known) return besideOrAlert(t(known), target);
  if (target && !shown[target] && CODE_FIELDS[error.code]) {
    // A code about one field (a wrong code): the server's words, beside it.
    return { alert: rest.join(' '), fields: { ...shown, [target]: error.detail ?? error.title } };
  }
  return serverWords(error, shown, rest);
}

/** Why a load failed, in the account elements' words, with "Try again" unless asking again cannot change the answer. */
export const accountLoadError = (error: unknown, retry: () => void, t: Translate): TemplateResult =>
  loadError(describeAccountError(error, [], t).alert, error, retry, t('retryLoad'));

/**
 * Base of the signed-in account elements (`<portal-profile>`, `<portal-activity>`, `<portal-api-tokens>`,
 * `<portal-contacts>`): loads their data with `@lit/task` once signed in (again when the person or the active
 * account changes), renders the session's loading, signed-out and error states, explains permission errors, and
 * asks for confirmation in a modal dialog.
 */
export class AccountElement extends PortalElement {
  /** Where the "Sign in" link goes when signed out. Without it, only the explanation is shown. */
  @property({ attribute: 'login-href' }) loginHref?: string;

  readonly #confirm = new ConfirmController(this);
  /** The person and account each task's data was loaded for. */
  readonly #loadedFor = new WeakMap<object, string>();
  /** The person and account shown at the last update. */
  #shownFor: string | undefined;

  /**
   * Who and which account is signed in: `userId accountId`, or empty when signed out. Compare it before and after
   * awaiting an answer to tell whether the answer is still for the one shown.
   */
  protected get sessionKey(): string {
    const session = this.session;
    return session ? `${session.user.id} ${session.account.id}` : '';
  }

  /** The signed-in session, or null. */
  protected get session(): Session | null {
    return this.sessionState.session;
  }

  /** Whether the signed-in person owns the active account. */
  protected get isOwner(): boolean {
    return this.session?.account.role === 'owner';
  }

  /**
   * A `@lit/task` that runs `run` once signed in, and again when the client, the person, the active account or
   * `args` change; `run` may answer `initialState` to load nothing (e.g. for someone who may not see it).
   * A failure fires `portal-error` with `action`.
   */
  protected loadTask<const A extends readonly unknown[], R>(
    action: string,
    args: () => A,
    run: (client: PortalClient, session: Session, args: A) => Promise<R | typeof initialState>,
    onComplete?: (value: R) => void,
  ): Task<readonly [PortalClient | undefined, string, A], R> {
    const task: Task<readonly [PortalClient | undefined, string, A], R> = new Task(this, {
      args: () => [this.client, this.sessionKey, args()] as const,
      task: async ([client, key, rest]) => {
        const session = this.session;
        if (!client || !key || !session) return initialState;
        const value = await run(client, session, rest);
        if (value !== initialState) this.#loadedFor.set(task, key);
        return value;
      },
      argsEqual: (a, b) =>
        a[0] === b[0] && a[1] === b[1] && a[2].length === b[2].length && a[2].every((v, i) => v === b[2][i]),
      ...(onComplete ? { onComplete } : {}),
      onError: (error) => this.emit(new PortalErrorEvent({ action, error })),
    });
    return task;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const key = this.sessionKey;
    if (this.#shownFor !== undefined && key !== this.#shownFor) this.sessionChanged();
    this.#shownFor = key;
  }

  /**
   * Another person signed in, someone signed out, or the active account changed: drop what was typed and shown
   * for the previous one (elements also drop their open forms and anything secret).
   */
  protected sessionChanged(): void {
    this.values = {};
    this.fieldErrors = {};
    this.alertMessage = '';
    this.notice = '';
    this.#confirm.dismiss();
  }

  protected override describeFailure(error: unknown, fields: readonly string[]): ErrorDisplay {
    return describeAccountError(error, fields, this.t);
  }

  /**
   * The session's states around `content`: loading, signed out (with a "Sign in" link to `login-href`), and a
   * session that could not be loaded; `content` once signed in.
   */
  protected renderSession(content: (session: Session) => unknown): unknown {
    const { status, session, error } = this.sessionState;
    if (status === 'loading') return this.renderLoading();
    if (status === 'error') {
      return html`<p part="load-error" class="load-error" role="alert">
        ${describeError(error, [], this.t).alert}
      </p>`;
    }
    if (!session) {
      return html`<div part="signed-out" class="signed-out">
        <p>${this.t('signInToContinue')}</p>
        ${
          this.loginHref
            ? html`<a part="link" class="primary" href=${this.loginHref}>${this.t('signIn')}</a>`
            : nothing
        }
      </div>`;
    }
    return content(session);
  }

  /**
   * Renders a load: a spinner until the first answer (and after switching person or account), the error with
   * "Try again" (unless trying again cannot help) on failure, else `content` (also while a newer load for the same
   * account runs, so the page does not jump).
   */
  protected renderTask<D>(
    task: Pick<Task, 'status' | 'error' | 'run'>,
    data: D | undefined,
    content: (data: D) => unknown,
  ): unknown {
    if (!this.client) return html`<p part="load-error" class="load-error">${this.t('notConfigured')}</p>`;
    if (task.status === TaskStatus.ERROR) return this.renderLoadError(task.error, () => void task.run());
    if (data === undefined || this.#loadedFor.get(task) !== this.sessionKey) return this.renderLoading();
    return content(data);
  }

  /** Why a load failed, with "Try again" unless asking again cannot change the answer. */
  protected renderLoadError(error: unknown, retry: () => void): TemplateResult {
    return accountLoadError(error, retry, this.t);
  }

  /** Copies `text` to the clipboard and says so; says how to copy by hand when the browser refuses. */
  protected async copy(text: string): Promise<boolean> {
    this.alertMessage = '';
    try {
      await navigator.clipboard.writeText(text);
      this.notice = this.t('copied');
      return true;
    } catch {
      this.notice = '';
      this.alertMessage = this.t('copyFailed');
      return false;
    }
  }

  /** Asks for confirmation in a modal dialog; resolves with the answer. */
  protected confirmAction(options: ConfirmOptions): Promise<boolean> {
    return this.#confirm.ask(options);
  }

  /** The confirmation dialog, when one is asked; elements render it once. */
  protected renderConfirm(): unknown {
    return this.#confirm.render(this.t('cancel'));
  }
}
