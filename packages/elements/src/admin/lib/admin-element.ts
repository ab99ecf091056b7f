import { consume } from '@lit/context';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { RouteDescriptor } from '@portico/sdk/contract';
import { type AdminClient, isPortalApiError, type StaffSession } from '@portico/sdk/admin';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConfirmController, type ConfirmOptions } from '../../lib/confirm-controller.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { checks } from '../../lib/form.js';
import { loadError } from '../../lib/load-error.js';
import { adminClientContext, adminLangContext, adminSessionContext } from './context.js';
import type { SelectFieldOptions, TextFieldOptions } from '../../lib/fields.js';
import { describeAdminError, type FieldMatcher, selectField, textField } from './form.js';
import { type AdminMessageKey, type AdminTranslate, adminLanguage, translateAdmin } from './localize.js';
import { PagedList, type PagedListOptions } from './paged-list.js';
import { allowed } from './routes.js';
import { moreFooter } from './table.js';

/** A client-side check of one value: the message key of what is wrong, or undefined. */
export type Check = (value: string | undefined) => AdminMessageKey | undefined;

const trimmed = (v: string | undefined) => (v ?? '').trim();

/** The console's client-side checks: only what can be told without the server. */
export const adminChecks = {
  ...checks,
  required: (v) => (trimmed(v) ? undefined : 'errorRequired'),
  optionalEmail: (v) => (trimmed(v) ? checks.email(v) : undefined),
  optionalUrl: (v) => (!trimmed(v) || isHttpUrl(trimmed(v)) ? undefined : 'errorUrl'),
  currency: (v) => (!trimmed(v) || /^[a-z]{3}$/i.test(trimmed(v)) ? undefined : 'errorCurrency'),
  destination: (v) => (!trimmed(v) || /^\/(?![/\\])\S*$/.test(trimmed(v)) ? undefined : 'errorDestination'),
} satisfies Record<string, Check>;

/** Whether `v` is a full http(s) URL. */
export const isHttpUrl = (v: string) => /^https?:\/\/[^\s/$.?#]\S*$/i.test(v) && URL.canParse(v);

/**
 * Base of the console's pages: finds the staff API client and session (from `<portal-admin-app>`, or set
 * directly as `client` and `session`), resolves the language, loads data with `@lit/task`, and runs requests
 * with busy and error state.
 */
export class AdminElement extends LitElement {
  /** The staff API client to use; else the console's. Set it to point a page at another server or a test fake. */
  @property({ attribute: false }) client?: AdminClient;

  /** The signed-in staff member's session; else the console's. Decides which actions are offered. */
  @property({ attribute: false }) session?: StaffSession | null;

  /** The language of the text; else the console's, else the page's, else English. */
  @property({ attribute: 'lang' }) locale?: string;

  @consume({ context: adminClientContext, subscribe: true })
  @state()
  protected providedClient?: AdminClient;

  @consume({ context: adminSessionContext, subscribe: true })
  @state()
  protected providedSession?: StaffSession | null;

  @consume({ context: adminLangContext, subscribe: true })
  @state()
  protected providedLang?: string;

  /** A request is in flight. */
  @state() protected busy = false;
  /** Message for the `role="alert"` region. */
  @state() protected alertMessage = '';
  /** Message for the `role="status"` region. */
  @state() protected notice = '';
  /** Messages shown beside their fields, by field name. */
  @state() protected fieldErrors: Record<string, string> = {};
  /** What has been typed, by field name. */
  @state() protected values: Record<string, string> = {};
  /** The error of the last failed `attempt`, for flows that branch on its code. */
  protected lastError: unknown;

  readonly #confirm = new ConfirmController(this);

  /** The staff API client in use. */
  get admin(): AdminClient | undefined {
    return this.client ?? this.providedClient;
  }

  /** The staff session in use (null when unknown or signed out). */
  get staffSession(): StaffSession | null {
    return this.session ?? this.providedSession ?? null;
  }

  /** The language in use. */
  get resolvedLocale(): string {
    return this.locale || this.providedLang || document.documentElement.lang || 'en';
  }

  /** The language the text is shown in (English when the requested one has no catalog), for `lang`. */
  protected get textLang(): string {
    return adminLanguage(this.resolvedLocale);
  }

  /** Translates `key` into the element's language. */
  protected t: AdminTranslate = (key, params) => translateAdmin(this.resolvedLocale, key, params);

  /** Whether the signed-in role may call `route`; true when no session is known (the server decides). */
  protected can(route: RouteDescriptor): boolean {
    return !this.staffSession || allowed(this.staffSession, route);
  }

  /**
   * A `@lit/task` that runs `run` with the client whenever the client or `args` change (`run` may answer
   * `initialState` to load nothing); a failure fires `portal-error` with `action`.
   */
  protected loadTask<const A extends readonly unknown[], R>(
    action: string,
    args: () => A,
    run: (admin: AdminClient, args: A) => Promise<R | typeof initialState>,
    onComplete?: (value: R) => void,
  ): Task<readonly [AdminClient | undefined, A], R> {
    return new Task(this, {
      args: () => [this.admin, args()] as const,
      task: ([admin, rest]) => (admin ? run(admin, rest) : Promise.resolve(initialState)),
      argsEqual: (a, b) =>
        a[0] === b[0] && a[1].length === b[1].length && a[1].every((v, i) => v === b[1][i]),
      ...(onComplete ? { onComplete } : {}),
      onError: (error) => this.emit(new PortalErrorEvent({ action, error })),
    });
  }

  /**
   * Renders a load: a spinner until the first answer, the error with a retry button on failure, else `content`
   * (also while a newer load runs, so the page does not jump; `aria-busy` tells it is refreshing).
   */
  protected renderTask<D>(
    task: Pick<Task, 'status' | 'error' | 'run'>,
    data: D | undefined,
    content: (data: D) => unknown,
  ): unknown {
    if (!this.admin) return html`<p part="empty" class="empty">${this.t('notConnectedAdmin')}</p>`;
    if (task.status === TaskStatus.ERROR) return this.renderLoadError(task.error, () => void task.run());
    if (data === undefined) return this.renderLoading();
    return content(data);
  }

  /** Why a load failed, with "Try again" unless trying again cannot help. */
  protected renderLoadError(error: unknown, retry: () => void): TemplateResult {
    return loadError(describeAdminError(error, [], this.t).alert, error, retry, this.t('tryAgain'));
  }

  protected renderLoading(): TemplateResult {
    return html`<div part="loading" class="loading" role="status">
      <span class="spinner" aria-hidden="true"></span>${this.t('loading')}
    </div>`;
  }

  /** The `role="alert"` and `role="status"` regions; keep them rendered so changes are announced. */
  protected renderMessages(): TemplateResult {
    return html`<div class="messages">
      <div part="error alert" class="alert" role="alert">${this.alertMessage || nothing}</div>
      <div part="status" class="notice" role="status">${this.notice || nothing}</div>
    </div>`;
  }

  /** Records typing into `values` and clears that field's error. */
  protected onInput = (event: Event): void => {
    const target = event.target as HTMLInputElement;
    const value = target.type === 'checkbox' ? (target.checked ? 'on' : '') : target.value;
    this.values = { ...this.values, [target.name]: value };
    this.clearError(target.name);
  };

  /** Drops the message beside `name`. */
  protected clearError(name: string): void {
    if (this.fieldErrors[name] === undefined) return;
    const { [name]: _, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
  }

  /** A text field showing `values[name]` and `fieldErrors[name]`, recording typing; `extra` adds or overrides. */
  protected textInput(name: string, label: string, extra: Partial<TextFieldOptions> = {}): TemplateResult {
    return textField({
      name,
      label,
      value: this.values[name],
      error: this.fieldErrors[name],
      onInput: this.onInput,
      ...extra,
    });
  }

  /** A drop-down showing `values[name]` and `fieldErrors[name]`, recording the choice; `extra` adds or overrides. */
  protected selectInput(
    name: string,
    label: string,
    options: SelectFieldOptions['options'],
    extra: Partial<SelectFieldOptions> = {},
  ): TemplateResult {
    return selectField({
      name,
      label,
      value: this.values[name],
      error: this.fieldErrors[name],
      options,
      onChange: this.onInput,
      ...extra,
    });
  }

  /**
   * A `<portal-admin-markdown-editor>` showing `values[name]` and `fieldErrors[name]`, recording typing (the page
   * imports `./markdown-editor.js`, which cannot be imported here: it extends this class).
   */
  protected markdownInput(
    name: string,
    label: string,
    o: { maxlength: number; rows?: number; hint?: string; required?: boolean; readonly?: boolean },
  ): TemplateResult {
    return html`<portal-admin-markdown-editor
      name=${name}
      rows=${o.rows ?? 12}
      .label=${label}
      .hint=${o.hint ?? ''}
      .value=${this.values[name] ?? ''}
      .error=${this.fieldErrors[name] ?? ''}
      .maxlength=${o.maxlength}
      .client=${this.admin}
      lang=${this.resolvedLocale}
      ?required=${o.required ?? true}
      ?readonly=${o.readonly ?? false}
      @input=${this.onInput}
    ></portal-admin-markdown-editor>`;
  }

  /** Runs `rules` over `values`; shows what failed beside its field and focuses the first. */
  protected validate(rules: Record<string, Check>): boolean {
    const errors: Record<string, string> = {};
    for (const [name, check] of Object.entries(rules)) {
      const key = check(this.values[name]);
      if (key) errors[name] = this.t(key);
    }
    return this.showFieldErrors(errors);
  }

  /** Shows `errors` beside their fields and focuses the first; returns whether there were none. */
  protected showFieldErrors(errors: Record<string, string>): boolean {
    this.fieldErrors = errors;
    this.alertMessage = '';
    const first = Object.keys(errors)[0];
    if (first) void this.focusField(first);
    return !first;
  }

  /**
   * Runs one request with busy state and error display: field errors go beside the fields `fields` names, the
   * rest to the alert, and `portal-error` fires. Returns whether it succeeded.
   */
  protected async attempt(
    action: string,
    fields: FieldMatcher,
    work: (admin: AdminClient) => Promise<unknown>,
  ): Promise<boolean> {
    if (this.busy) return false;
    this.alertMessage = '';
    this.notice = '';
    this.fieldErrors = {};
    const admin = this.admin;
    if (!admin) {
      this.alertMessage = this.t('notConnectedAdmin');
      return false;
    }
    this.busy = true;
    this.lastError = undefined;
    try {
      await work(admin);
      return true;
    } catch (error) {
      this.lastError = error;
      const shown = describeAdminError(error, fields, this.t);
      this.alertMessage = shown.alert;
      this.fieldErrors = shown.fields;
      this.emit(new PortalErrorEvent({ action, error }));
      const first = Object.keys(shown.fields)[0];
      if (first) void this.focusField(first);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Runs `work` with `attempt`; resolves with what it answered, or undefined when it failed. */
  protected async attemptResult<T>(
    action: string,
    fields: FieldMatcher,
    work: (admin: AdminClient) => Promise<T>,
  ): Promise<T | undefined> {
    let result: T | undefined;
    const ok = await this.attempt(action, fields, async (admin) => {
      result = await work(admin);
    });
    return ok ? result : undefined;
  }

  /** Whether the last `attempt` failed with HTTP `status`. */
  protected failedWith(status: number): boolean {
    return isPortalApiError(this.lastError) && this.lastError.status === status;
  }

  /**
   * After a failed `attempt`: shows a conflict (409, another record holds the value) as `message` beside `field`
   * instead of in the alert, unless the server's own message is already there.
   */
  protected showConflictBeside(field: string, message: string): void {
    if (!this.failedWith(409) || this.fieldErrors[field]) return;
    this.alertMessage = '';
    this.showFieldErrors({ [field]: message });
  }

  /**
   * Loads the next page of a table with `attempt`; then focuses the first row added (`focus` inside it, else the
   * row itself) so keyboard users carry on from there, not from the top.
   */
  protected async loadMore(
    action: string,
    fields: FieldMatcher,
    shown: number,
    work: (admin: AdminClient) => Promise<unknown>,
    focus = '',
  ): Promise<void> {
    const ok = await this.attempt(action, fields, work);
    if (ok) void this.focusPart(`tbody tr:nth-child(${shown + 1})${focus ? ` ${focus}` : ''}`);
  }

  /** A list paged with "Load more": its first page loads with `loadTask`, each next one with `loadMore`. */
  protected pagedList<T, const A extends readonly unknown[]>(
    options: PagedListOptions<T, A>,
  ): PagedList<T, A> {
    return new PagedList(this, options, {
      load: (run, onComplete) => this.loadTask(options.action, options.args, run, onComplete),
      more: (shown, work) => this.loadMore(`${options.action}More`, [], shown, work, options.focus),
    });
  }

  /** Under a paged list's table: how many are shown, and "Load more" while there are more. */
  protected renderMore(list: {
    items?: readonly unknown[];
    more: boolean;
    loadMore: () => void;
  }): TemplateResult {
    return moreFooter({
      shown: this.t('shownCount', { count: list.items?.length ?? 0 }),
      more: list.more,
      label: this.t('loadMore'),
      busy: this.busy,
      onMore: list.loadMore,
    });
  }

  /** Copies `text` to the clipboard and says so; says how to copy by hand when the browser refuses. */
  protected async copy(text: string, what: string): Promise<void> {
    this.alertMessage = '';
    try {
      await navigator.clipboard.writeText(text);
      this.notice = this.t('copied', { what });
    } catch {
      this.notice = '';
      this.alertMessage = this.t('copyFailed');
    }
  }

  /** Asks for confirmation in a modal dialog; resolves with the answer. */
  protected confirmAction(options: ConfirmOptions): Promise<boolean> {
    return this.#confirm.ask(options);
  }

  /** The confirmation dialog, when one is asked; pages render it once. */
  protected renderConfirm(): unknown {
    return this.#confirm.render(this.t('cancel'));
  }

  /** Opens, as modal, every `<dialog data-modal>` rendered closed (the confirmation dialog opens itself). */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    for (const dialog of this.renderRoot.querySelectorAll<HTMLDialogElement>('dialog[data-modal]')) {
      if (!dialog.open) dialog.showModal();
    }
  }

  /** Dispatches one of the events documented with `@event` on each element. */
  protected emit(event: Event): void {
    this.dispatchEvent(event);
  }

  /** Focuses the control named `name` once rendered. */
  protected async focusField(name: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
  }

  /** Focuses `selector` once rendered. */
  protected async focusPart(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Moves focus to the page's heading (the console calls it after navigating here). */
  async focusHeading(): Promise<void> {
    await this.focusPart('[part~="heading"]');
  }
}
