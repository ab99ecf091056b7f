import type {
  AdminDepartment,
  AttachmentExtension,
  DepartmentInput,
  DepartmentUpdate,
  SupportSettings,
  SupportSettingsInput,
} from '@portico/sdk/admin';
import { ATTACHMENT_MAX_BYTES_CEILING, supportAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { badge, checkboxField, textareaField, textField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { saveBar } from '../lib/save-bar.js';
import { adminStyles, saveBarStyles } from '../lib/styles.js';
import { ATTACHMENT_EXTENSIONS } from '../lib/support-labels.js';
import { dataTable, rowActions } from '../lib/table.js';
import styles from './admin-support-settings.styles.js';

addAdminMessages('en', en.common, en.settings, en.supportSettings);
addAdminMessages('es', es.common, es.settings, es.supportSettings);

const MB = 1024 * 1024;
const MIN_BYTES = 1024;
const DEPARTMENT_FIELDS = ['name', 'description', 'visible'];

/** The settings as typed. */
interface Draft {
  maxSizeMb: string;
  maxFiles: string;
  types: AttachmentExtension[];
  autoClose: boolean;
  autoCloseDays: string;
}

/** A byte count in MB as a person would type it: `5`, `0.5`, `2.25` (at most 3 decimals). */
const mbText = (bytes: number) => String(Math.round((bytes / MB) * 1000) / 1000);

/** A typed size in MB (`0.5` or `0,5`) as bytes, or undefined when it is not a number. */
function parseMb(text: string): number | undefined {
  const s = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,6})?$|^\.\d{1,6}$/.test(s)) return undefined;
  return Math.round(Number(s) * MB);
}

/** A whole number typed from `min` to `max`, or undefined. */
function wholeNumber(text: string, min: number, max: number): number | undefined {
  const s = text.trim();
  if (!/^\d{1,6}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

const sameTypes = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Settings → Support (`#/support-settings`): the departments tickets go to (add one, rename it, describe it,
 * show it to clients or keep it for staff, move it up or down the form's order, delete one that has no tickets;
 * one that has tickets cannot be deleted, and the page says why and what to do instead), the attachment rules
 * (largest file in MB, from 1 KB to the contract's 25 MB ceiling; files per message, 0 to 10; the accepted types,
 * chosen from those the contract allows) and whether answered tickets close by themselves after a number of days
 * (1 to 365). The rules are edited in one form with a save bar that sends only what changed. Admins change them;
 * other staff see them.
 *
 * @summary Settings → Support: departments, attachment rules, auto-close.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart departments - The departments section.
 * @csspart new - The "Add a department" button.
 * @csspart editor - The department form.
 * @csspart table - The departments table.
 * @csspart badge - Whether a department is visible to clients.
 * @csspart form - The settings form.
 * @csspart field - A label, input, hint and error.
 * @csspart types - The accepted file types.
 * @csspart save - The "Save changes" bar.
 * @csspart dialog - The confirmation dialog.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the settings load.
 * @csspart load-error - Shown when the settings could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-support-settings')
export class PortalAdminSupportSettings extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, saveBarStyles, styles];

  @state() private departments?: AdminDepartment[];
  @state() private saved?: SupportSettings;
  @state() private draft?: Draft;
  /** The department being edited (null: a new one), or undefined when the editor is closed. */
  @state() private editing?: AdminDepartment | null;

  readonly #load = this.loadTask(
    'adminSupportSettings',
    () => [],
    async (admin) => {
      const [departments, settings] = await Promise.all([
        admin.support.departments(),
        admin.support.settings(),
      ]);
      return { departments, settings };
    },
    ({ departments, settings }) => {
      this.departments = departments;
      this.#settle(settings);
    },
  );

  protected override render() {
    const loaded =
      this.departments && this.draft ? { departments: this.departments, draft: this.draft } : undefined;
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('supportSettingsTitle')}</h1>
      ${this.can(routes.updateSettings) ? nothing : html`<p class="intro">${this.t('supportSettingsReadOnly')}</p>`}
      ${this.renderMessages()}
      ${this.renderTask(this.#load, loaded, (l) => [
        this.#renderDepartments(l.departments),
        this.#renderForm(l.draft),
      ])}
      ${this.renderConfirm()}
    </div>`;
  }

  #renderDepartments(departments: AdminDepartment[]) {
    const canManage = this.can(routes.updateDepartment);
    return html`<section part="departments" class="card" aria-labelledby="departments-title">
      <div class="page-header">
        <h2 id="departments-title">${this.t('departmentsTitle')}</h2>
        ${
          this.can(routes.createDepartment) && this.editing !== null
            ? html`<button part="button new" class="secondary" type="button" @click=${() => this.#edit(null)}>
                ${this.t('addDepartment')}
              </button>`
            : nothing
        }
      </div>
      <p class="intro">${this.t('departmentsIntro')}</p>
      ${this.editing === undefined ? nothing : this.#renderEditor(this.editing)}
      ${
        departments.length
          ? dataTable({
              label: this.t('departmentsTable'),
              caption: this.t('departmentsTable'),
              columns: [
                this.t('departmentName'),
                this.t('departmentVisibility'),
                { label: this.t('departmentTickets'), numeric: true },
                ...(canManage ? [this.t('actions')] : []),
              ],
              rows: departments.map((d, i) => this.#renderDepartment(d, i, departments.length, canManage)),
            })
          : html`<p part="empty" class="empty">${this.t('noDepartments')}</p>`
      }
    </section>`;
  }

  #renderDepartment(d: AdminDepartment, i: number, count: number, canManage: boolean) {
    return html`<tr>
      <th scope="row">
        ${d.name}
        ${d.description ? html`<br /><span class="muted description">${d.description}</span>` : nothing}
      </th>
      <td>${d.visible ? badge(this.t('departmentShown'), 'good') : badge(this.t('departmentHidden'), 'neutral')}</td>
      <td class="num">${d.tickets}</td>
      ${
        canManage
          ? rowActions(
              rowButton({
                part: 'edit',
                text: this.t('editDepartment'),
                ariaLabel: this.t('editDepartmentName', { name: d.name }),
                disabled: this.busy,
                onClick: () => this.#edit(d),
              }),
              rowButton({
                part: 'up',
                text: this.t('moveUp'),
                ariaLabel: this.t('moveUpName', { name: d.name }),
                disabled: this.busy || i === 0,
                onClick: () => this.#move(i, -1),
              }),
              rowButton({
                part: 'down',
                text: this.t('moveDown'),
                ariaLabel: this.t('moveDownName', { name: d.name }),
                disabled: this.busy || i === count - 1,
                onClick: () => this.#move(i, 1),
              }),
              this.can(routes.deleteDepartment)
                ? rowButton({
                    part: 'delete',
                    text: this.t('deleteDepartment'),
                    ariaLabel: this.t('deleteDepartmentName', { name: d.name }),
                    danger: true,
                    disabled: this.busy,
                    onClick: () => this.#delete(d),
                  })
                : nothing,
            )
          : nothing
      }
    </tr>`;
  }

  #renderEditor(d: AdminDepartment | null) {
    return html`<form part="editor" class="editor" novalidate aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="editor-title" @submit=${this.#saveDepartment}>
      <h3 id="editor-title" tabindex="-1">${d ? this.t('editDepartmentName', { name: d.name }) : this.t('newDepartment')}</h3>
      ${this.textInput('name', this.t('departmentName'), { required: true, maxlength: 80 })}
      ${textareaField({
        name: 'description',
        label: this.t('departmentDescription'),
        hint: this.t('departmentDescriptionHint'),
        value: this.values.description,
        error: this.fieldErrors.description,
        rows: 2,
        onInput: this.onInput,
      })}
      ${checkboxField({
        name: 'visible',
        label: this.t('departmentVisible'),
        hint: this.t('departmentVisibleHint'),
        checked: this.values.visible === 'on',
        onChange: this.onInput,
      })}
      <div class="actions">
        ${submitButton(d ? this.t('saveChanges') : this.t('createDepartment'), this.busy)}
        <button class="secondary" type="button" @click=${this.#closeEditor}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderForm(d: Draft) {
    const canSave = this.can(routes.updateSettings);
    const changes = Object.keys(this.#changes().changed).length;
    const setText = (key: 'maxSizeMb' | 'maxFiles' | 'autoCloseDays') => (e: Event) =>
      this.#set(key, (e.target as HTMLInputElement).value);
    const typesError = this.fieldErrors.types;
    return html`<form part="form" class="page" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <section class="card" aria-labelledby="attachments-title">
        <h2 id="attachments-title">${this.t('attachmentRules')}</h2>
        <p class="intro">${this.t('attachmentRulesIntro')}</p>
        <fieldset class="page" ?disabled=${!canSave}>
          <legend class="sr-only">${this.t('attachmentRules')}</legend>
          <div class="grid-2">
            ${textField({
              name: 'maxSizeMb',
              label: this.t('maxSizeMb'),
              hint: this.t('maxSizeMbHint'),
              inputmode: 'text',
              value: d.maxSizeMb,
              error: this.fieldErrors.maxSizeMb,
              onInput: setText('maxSizeMb'),
            })}
            ${textField({
              name: 'maxFiles',
              label: this.t('maxFiles'),
              hint: this.t('maxFilesHint'),
              inputmode: 'numeric',
              value: d.maxFiles,
              error: this.fieldErrors.maxFiles,
              onInput: setText('maxFiles'),
            })}
          </div>
          <fieldset part="types" aria-describedby=${typesError ? 'types-hint types-error' : 'types-hint'}>
            <legend>${this.t('allowedTypes')}</legend>
            <p class="hint" id="types-hint">${this.t('allowedTypesHint')}</p>
            <ul class="types">
              ${ATTACHMENT_EXTENSIONS.map(
                (ext) => html`<li>
                  <label class="type">
                    <input
                      type="checkbox"
                      name=${`types.${ext}`}
                      .checked=${d.types.includes(ext)}
                      @change=${(e: Event) => this.#toggleType(ext, (e.target as HTMLInputElement).checked)}
                    />
                    <span class="mono">.${ext}</span>
                  </label>
                </li>`,
              )}
            </ul>
            ${typesError ? html`<p class="field-error" id="types-error">${typesError}</p>` : nothing}
          </fieldset>
        </fieldset>
      </section>
      <section class="card" aria-labelledby="auto-close-title">
        <h2 id="auto-close-title">${this.t('autoCloseTitle')}</h2>
        <fieldset class="page" ?disabled=${!canSave}>
          <legend class="sr-only">${this.t('autoCloseTitle')}</legend>
          ${checkboxField({
            name: 'autoClose',
            label: this.t('autoClose'),
            hint: this.t('autoCloseHint'),
            checked: d.autoClose,
            onChange: (e) => this.#set('autoClose', (e.target as HTMLInputElement).checked),
          })}
          ${
            d.autoClose
              ? textField({
                  name: 'autoCloseDays',
                  label: this.t('autoCloseDays'),
                  inputmode: 'numeric',
                  value: d.autoCloseDays,
                  error: this.fieldErrors.autoCloseDays,
                  onInput: setText('autoCloseDays'),
                })
              : nothing
          }
        </fieldset>
      </section>
      ${canSave ? saveBar(this.t, { changes, busy: this.busy, onDiscard: this.#discard }) : nothing}
    </form>`;
  }

  #settle(s: SupportSettings) {
    this.saved = s;
    this.draft = {
      maxSizeMb: mbText(s.attachments.maxBytes),
      maxFiles: String(s.attachments.maxFiles),
      types: [...s.attachments.types],
      autoClose: s.autoCloseDays !== null,
      autoCloseDays: String(s.autoCloseDays ?? 7),
    };
  }

  #set<K extends keyof Draft>(key: K, value: Draft[K]) {
    if (!this.draft) return;
    this.draft = { ...this.draft, [key]: value };
    this.clearError(key);
  }

  #toggleType(ext: AttachmentExtension, on: boolean) {
    const types = this.draft?.types ?? [];
    this.#set('types', on ? [...types.filter((t) => t !== ext), ext] : types.filter((t) => t !== ext));
  }

  /** What differs from the saved settings (by field, to count), the input that saves it, and what is wrong. */
  #changes(): { changed: Record<string, true>; input: SupportSettingsInput; errors: Record<string, string> } {
    const s = this.saved;
    const d = this.draft;
    const changed: Record<string, true> = {};
    const errors: Record<string, string> = {};
    const attachments: NonNullable<SupportSettingsInput['attachments']> = {};
    const input: SupportSettingsInput = {};
    if (!s || !d) return { changed, input, errors };
    if (d.maxSizeMb.trim() !== mbText(s.attachments.maxBytes)) {
      const bytes = parseMb(d.maxSizeMb);
      if (bytes === undefined || bytes < MIN_BYTES || bytes > ATTACHMENT_MAX_BYTES_CEILING) {
        errors.maxSizeMb = this.t('errorMaxSize');
      } else if (bytes !== s.attachments.maxBytes) {
        attachments.maxBytes = bytes;
        changed.maxSizeMb = true;
      }
    }
    const files = wholeNumber(d.maxFiles, 0, 10);
    if (files === undefined) errors.maxFiles = this.t('errorMaxFiles');
    else if (files !== s.attachments.maxFiles) {
      attachments.maxFiles = files;
      changed.maxFiles = true;
    }
    if (!sameTypes(d.types, s.attachments.types)) {
      attachments.types = ATTACHMENT_EXTENSIONS.filter((ext) => d.types.includes(ext));
      changed.types = true;
    }
    if (Object.keys(attachments).length) input.attachments = attachments;
    if (!d.autoClose) {
      if (s.autoCloseDays !== null) {
        input.autoCloseDays = null;
        changed.autoClose = true;
      }
    } else {
      const days = wholeNumber(d.autoCloseDays, 1, 365);
      if (days === undefined) errors.autoCloseDays = this.t('errorAutoCloseDays');
      else if (days !== s.autoCloseDays) {
        input.autoCloseDays = days;
        changed.autoClose = true;
      }
    }
    return { changed, input, errors };
  }

  #fieldOf = (path: string): string | undefined => {
    if (path === 'attachments.maxBytes') return 'maxSizeMb';
    if (path === 'attachments.maxFiles') return 'maxFiles';
    if (path.startsWith('attachments.types')) return 'types';
    return path === 'autoCloseDays' ? path : undefined;
  };

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const { input, errors } = this.#changes();
    if (!this.showFieldErrors(errors)) return;
    if (!Object.keys(input).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    const saved = await this.attemptResult('adminSaveSupportSettings', this.#fieldOf, (admin) =>
      admin.support.updateSettings(input),
    );
    if (!saved) {
      if (this.fieldErrors.types) void this.focusField(`types.${ATTACHMENT_EXTENSIONS[0]}`);
      return;
    }
    this.#settle(saved);
    this.notice = this.t('supportSettingsSaved');
  };

  #discard = () => {
    if (!this.saved) return;
    this.#settle(this.saved);
    this.fieldErrors = {};
    this.notice = this.t('supportChangesDiscarded');
  };

  #edit(d: AdminDepartment | null) {
    this.editing = d;
    this.fieldErrors = {};
    this.alertMessage = '';
    this.values = {
      name: d?.name ?? '',
      description: d?.description ?? '',
      visible: d === null || d.visible ? 'on' : '',
    };
    void this.focusField('name');
  }

  #closeEditor = () => {
    this.editing = undefined;
    this.fieldErrors = {};
    void this.focusPart('#departments-title');
  };

  #saveDepartment = async (event: SubmitEvent) => {
    event.preventDefault();
    const editing = this.editing;
    if (editing === undefined) return;
    const name = (this.values.name ?? '').trim();
    const description = (this.values.description ?? '').trim();
    const visible = this.values.visible === 'on';
    const errors: Record<string, string> = {};
    if (!name) errors.name = this.t('errorRequired');
    if (!this.showFieldErrors(errors)) return;
    let saved: AdminDepartment | undefined;
    if (editing) {
      const input: DepartmentUpdate = {};
      if (name !== editing.name) input.name = name;
      if (description !== editing.description) input.description = description;
      if (visible !== editing.visible) input.visible = visible;
      if (!Object.keys(input).length) {
        this.notice = this.t('nothingChanged');
        this.#closeEditor();
        return;
      }
      await this.attempt('adminUpdateDepartment', DEPARTMENT_FIELDS, async (admin) => {
        saved = await admin.support.updateDepartment(editing.id, input);
      });
    } else {
      const last = this.departments?.at(-1);
      const input: DepartmentInput = {
        name,
        description,
        visible,
        position: last ? last.position + 10 : 10,
      };
      await this.attempt('adminCreateDepartment', DEPARTMENT_FIELDS, async (admin) => {
        saved = await admin.support.createDepartment(input);
      });
    }
    if (!saved) {
      if (this.failedWith(409)) {
        this.alertMessage = '';
        this.showFieldErrors({ name: this.t('departmentExists') });
      }
      return;
    }
    const done = saved;
    this.notice = this.t(editing ? 'departmentSaved' : 'departmentCreated', { name: done.name });
    this.editing = undefined;
    await this.#reloadDepartments();
    void this.focusPart('#departments-title');
  };

  /** Moves a department one place up (-1) or down (1): the departments whose place changed get new positions. */
  async #move(index: number, by: -1 | 1) {
    const list = [...(this.departments ?? [])];
    const moved = list[index];
    const other = list[index + by];
    if (!moved || !other) return;
    list[index] = other;
    list[index + by] = moved;
    const changes = list.flatMap((d, i) =>
      (i + 1) * 10 === d.position ? [] : [{ d, position: (i + 1) * 10 }],
    );
    const ok = await this.attempt('adminMoveDepartment', [], async (admin) => {
      for (const { d, position } of changes) await admin.support.updateDepartment(d.id, { position });
    });
    await this.#reloadDepartments();
    if (!ok) return;
    this.notice = this.t('departmentMoved', { name: moved.name });
    // Keep the keyboard on the moved department's same button, unless it reached the end.
    const label = this.t(by < 0 ? 'moveUpName' : 'moveDownName', { name: moved.name });
    await this.updateComplete;
    const button = this.renderRoot.querySelector<HTMLButtonElement>(
      `button[aria-label="${CSS.escape(label)}"]`,
    );
    if (button && !button.disabled) button.focus();
    else {
      const back = this.t(by < 0 ? 'moveDownName' : 'moveUpName', { name: moved.name });
      this.renderRoot.querySelector<HTMLButtonElement>(`button[aria-label="${CSS.escape(back)}"]`)?.focus();
    }
  }

  async #delete(d: AdminDepartment) {
    const ok = await this.confirmAction({
      title: this.t('deleteDepartmentTitle', { name: d.name }),
      body: this.t('deleteDepartmentBody'),
      confirm: this.t('deleteDepartment'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteDepartment', [], (admin) =>
      admin.support.deleteDepartment(d.id),
    );
    if (!done) {
      if (this.failedWith(409)) {
        this.alertMessage = this.t('departmentInUse', { name: d.name });
      }
      return;
    }
    if (this.editing?.id === d.id) this.editing = undefined;
    this.notice = this.t('departmentDeleted', { name: d.name });
    await this.#reloadDepartments();
    void this.focusPart('#departments-title');
  }

  async #reloadDepartments() {
    const admin = this.admin;
    if (!admin) return;
    try {
      this.departments = await admin.support.departments();
    } catch {
      // The list stays as it was; the next action or a reload shows the truth.
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-support-settings': PortalAdminSupportSettings;
  }
}
