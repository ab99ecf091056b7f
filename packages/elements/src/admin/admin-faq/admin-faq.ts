import type { AdminClient, AdminFaqGroup, AdminFaqItem, FaqItemUpdate } from '@portico/sdk/admin';
import { contentAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { contentStyles } from '../lib/content-styles.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { markdownError } from '../lib/markdown-editor.js';
import { adminStyles, titleRowStyles } from '../lib/styles.js';
import styles from './admin-faq.styles.js';

addAdminMessages('en', en.common, en.content);
addAdminMessages('es', es.common, es.content);

const ANSWER_MAX = 20_000;
const ITEM_FIELDS = ['question', 'groupId', 'answer'];

/** What the editor is open on: a group (new when it has none), or a question of a group (new when none). */
type Editing =
  | { kind: 'group'; group?: AdminFaqGroup }
  | { kind: 'item'; groupId: string; item?: AdminFaqItem };

/** `list` with the element at `from` moved to `to`. */
function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

/**
 * The FAQ for staff (`#/faq`): groups in order, each with its questions in order and their answers as clients see
 * them. Admin and support staff add, rename, reorder and delete groups (only an empty one can go), and add, edit,
 * move to another group, reorder and delete questions; answers are written in Markdown with the server's preview.
 * Reordering renumbers the positions of what moved. Billing staff read only.
 *
 * @summary FAQ: groups and questions, reordered and moved.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart new - The "Add group" button.
 * @csspart group - A group's section.
 * @csspart question - One question with its answer and actions.
 * @csspart form - The group or question editor.
 * @csspart field - A label, input, hint and error.
 * @csspart empty - Shown when there are no groups, or a group has no questions.
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while the FAQ loads.
 * @csspart load-error - Shown when the FAQ could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-faq')
export class PortalAdminFaq extends AdminElement {
  static override styles = [
    hostStyles,
    formStyles,
    adminStyles,
    richTextStyles,
    titleRowStyles,
    contentStyles,
    styles,
  ];

  @state() private groups?: AdminFaqGroup[];
  @state() private editing?: Editing;

  readonly #load = this.loadTask(
    'adminFaq',
    () => [],
    (admin) => admin.faq.list(),
    (groups) => {
      this.groups = groups;
    },
  );

  protected override render() {
    const canWrite = this.can(routes.createFaqGroup);
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('faqTitle')}</h1>
        ${
          canWrite
            ? html`<button part="button new" class="primary" type="button" @click=${() => this.#edit({ kind: 'group' })}>
                ${this.t('addGroup')}
              </button>`
            : nothing
        }
      </div>
      <p class="intro">${canWrite ? this.t('faqIntro') : this.t('contentReadOnly')}</p>
      ${this.renderMessages()}
      ${this.editing?.kind === 'group' && !this.editing.group ? this.#renderGroupEditor() : nothing}
      ${this.renderTask(this.#load, this.groups, (groups) => this.#renderGroups(groups))} ${this.renderConfirm()}
    </div>`;
  }

  #renderGroups(groups: AdminFaqGroup[]) {
    if (!groups.length) return html`<p part="empty" class="empty">${this.t('noFaqGroups')}</p>`;
    return groups.map((g, i) => this.#renderGroup(g, i, groups));
  }

  #renderGroup(g: AdminFaqGroup, index: number, groups: AdminFaqGroup[]) {
    const canWrite = this.can(routes.updateFaqGroup);
    const e = this.editing;
    const renaming = e?.kind === 'group' && e.group?.id === g.id;
    const adding = e?.kind === 'item' && e.groupId === g.id && !e.item;
    const titleId = `group-${g.id}`;
    return html`<section part="group" class="card" aria-labelledby=${titleId}>
      <div class="page-header">
        <h2 id=${titleId} tabindex="-1">${g.name}</h2>
        ${
          canWrite
            ? html`<div class="row-actions" role="group" aria-label=${this.t('faqGroupActions', { name: g.name })}>
                ${rowButton({ text: this.t('contentRename'), ariaLabel: this.t('contentRenameName', { name: g.name }), disabled: this.busy, onClick: () => this.#edit({ kind: 'group', group: g }) })}
                ${rowButton({ text: this.t('contentMoveUp'), ariaLabel: this.t('contentMoveUpName', { name: g.name }), disabled: this.busy || index === 0, onClick: () => this.#moveGroup(groups, index, index - 1) })}
                ${rowButton({ text: this.t('contentMoveDown'), ariaLabel: this.t('contentMoveDownName', { name: g.name }), disabled: this.busy || index === groups.length - 1, onClick: () => this.#moveGroup(groups, index, index + 1) })}
                ${rowButton({ text: this.t('contentDelete'), ariaLabel: this.t('contentDeleteName', { name: g.name }), danger: true, disabled: this.busy, onClick: () => this.#removeGroup(g) })}
              </div>`
            : nothing
        }
      </div>
      ${renaming ? this.#renderGroupEditor(g) : nothing}
      ${
        g.items.length
          ? html`<ol class="questions">
              ${g.items.map((item, i) => this.#renderItem(g, item, i))}
            </ol>`
          : html`<p part="empty" class="empty">${this.t('noQuestions')}</p>`
      }
      ${adding ? this.#renderItemEditor() : nothing}
      ${
        canWrite && !adding
          ? html`<div>
              <button class="secondary small" type="button" aria-label=${this.t('addQuestionTo', { name: g.name })} @click=${() => this.#edit({ kind: 'item', groupId: g.id })}>
                ${this.t('addQuestion')}
              </button>
            </div>`
          : nothing
      }
    </section>`;
  }

  #renderItem(g: AdminFaqGroup, item: AdminFaqItem, index: number) {
    const e = this.editing;
    if (e?.kind === 'item' && e.item?.id === item.id) {
      return html`<li part="question" class="question">${this.#renderItemEditor(item)}</li>`;
    }
    const canWrite = this.can(routes.updateFaqItem);
    const q = item.question;
    return html`<li part="question" class="question">
      <h3>${q}</h3>
      <details>
        <summary>${this.t('showAnswer')}</summary>
        <div class="rich">${richText(item.html)}</div>
      </details>
      ${
        canWrite
          ? html`<div class="row-actions">
              ${rowButton({ text: this.t('contentEdit'), ariaLabel: this.t('contentEditName', { name: q }), disabled: this.busy, onClick: () => this.#edit({ kind: 'item', groupId: g.id, item }) })}
              ${rowButton({ text: this.t('contentMoveUp'), ariaLabel: this.t('contentMoveUpName', { name: q }), disabled: this.busy || index === 0, onClick: () => this.#moveItem(g, index, index - 1) })}
              ${rowButton({ text: this.t('contentMoveDown'), ariaLabel: this.t('contentMoveDownName', { name: q }), disabled: this.busy || index === g.items.length - 1, onClick: () => this.#moveItem(g, index, index + 1) })}
              ${rowButton({ text: this.t('contentDelete'), ariaLabel: this.t('contentDeleteName', { name: q }), danger: true, disabled: this.busy, onClick: () => this.#removeItem(item) })}
            </div>`
          : nothing
      }
    </li>`;
  }

  #renderGroupEditor(group?: AdminFaqGroup) {
    const title = group ? this.t('contentRenameName', { name: group.name }) : this.t('newFaqGroup');
    return html`<form part="form" class="card" novalidate aria-labelledby="group-editor-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveGroup}>
      <h2 id="group-editor-title" class="sr-only">${title}</h2>
      ${this.textInput('groupName', this.t('faqGroupName'), { required: true, maxlength: 120 })}
      <div class="actions">
        ${submitButton(group ? this.t('saveChanges') : this.t('addGroup'), this.busy)}
        <button class="secondary" type="button" @click=${this.#close}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderItemEditor(item?: AdminFaqItem) {
    const groups = this.groups ?? [];
    const title = item ? this.t('contentEditName', { name: item.question }) : this.t('newQuestion');
    return html`<form part="form" class="card editor" novalidate aria-labelledby="item-editor-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveItem}>
      <h3 id="item-editor-title">${title}</h3>
      ${this.textInput('question', this.t('faqQuestion'), { required: true, maxlength: 300 })}
      ${
        item
          ? this.selectInput(
              'groupId',
              this.t('faqGroup'),
              groups.map((g) => ({ value: g.id, label: g.name })),
              { hint: this.t('moveToGroupHint') },
            )
          : nothing
      }
      ${this.markdownInput('answer', this.t('faqAnswer'), { maxlength: ANSWER_MAX, rows: 8 })}
      <div class="actions">
        ${submitButton(item ? this.t('saveChanges') : this.t('addQuestion'), this.busy)}
        <button class="secondary" type="button" @click=${this.#close}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #edit(editing: Editing) {
    this.editing = editing;
    this.fieldErrors = {};
    this.alertMessage = '';
    if (editing.kind === 'group') {
      this.values = { ...this.values, groupName: editing.group?.name ?? '' };
      void this.focusField('groupName');
      return;
    }
    this.values = {
      ...this.values,
      question: editing.item?.question ?? '',
      answer: editing.item?.answer ?? '',
      groupId: editing.groupId,
    };
    void this.focusField('question');
  }

  #close = () => {
    const e = this.editing;
    this.editing = undefined;
    this.fieldErrors = {};
    const groupId = e?.kind === 'item' ? e.groupId : e?.group?.id;
    void this.focusPart(groupId ? `#group-${groupId}` : '[part~="heading"]');
  };

  #saveGroup = async (event: SubmitEvent) => {
    event.preventDefault();
    const e = this.editing;
    if (e?.kind !== 'group') return;
    const name = (this.values.groupName ?? '').trim();
    if (!this.showFieldErrors(name ? {} : { groupName: this.t('errorRequired') })) return;
    const fieldOf = (path: string) => (path === 'name' ? 'groupName' : undefined);
    const done = await this.attemptResult(
      e.group ? 'adminUpdateFaqGroup' : 'adminCreateFaqGroup',
      fieldOf,
      (admin) =>
        e.group
          ? admin.faq.updateGroup(e.group.id, { name })
          : admin.faq.createGroup({ name, position: this.groups?.length ?? 0 }),
    );
    if (!done) return;
    this.editing = undefined;
    this.notice = this.t(e.group ? 'faqGroupSaved' : 'faqGroupAdded', { name: done.name });
    await this.#load.run();
    void this.focusPart(`#group-${done.id}`);
  };

  #saveItem = async (event: SubmitEvent) => {
    event.preventDefault();
    const e = this.editing;
    if (e?.kind !== 'item') return;
    const question = (this.values.question ?? '').trim();
    const answer = this.values.answer ?? '';
    const errors: Record<string, string> = {};
    if (!question) errors.question = this.t('errorRequired');
    const answerError = markdownError(this.t, this.resolvedLocale, answer, ANSWER_MAX, 'faqErrorWriteAnswer');
    if (answerError) errors.answer = answerError;
    if (!this.showFieldErrors(errors)) return;
    const item = e.item;
    const groupId = this.values.groupId || e.groupId;
    const done = await this.attemptResult(
      item ? 'adminUpdateFaqItem' : 'adminCreateFaqItem',
      ITEM_FIELDS,
      async (admin) => {
        if (item) {
          const changes: FaqItemUpdate = {};
          if (question !== item.question) changes.question = question;
          if (answer !== item.answer) changes.answer = answer;
          if (groupId !== item.groupId) changes.groupId = groupId;
          return Object.keys(changes).length ? admin.faq.updateItem(item.id, changes) : item;
        }
        const group = this.groups?.find((g) => g.id === groupId);
        return admin.faq.createItem({ groupId, question, answer, position: group?.items.length ?? 0 });
      },
    );
    if (!done) return;
    this.editing = undefined;
    const moved = item && groupId !== item.groupId;
    const to = this.groups?.find((g) => g.id === groupId)?.name ?? '';
    this.notice = moved
      ? this.t('questionMoved', { name: done.question, group: to })
      : this.t(item ? 'questionSaved' : 'questionAdded', { name: done.question });
    await this.#load.run();
    void this.focusPart(`#group-${groupId}`);
  };

  /** Renumbers `list` (in its new order) by index, writing only what changed; focuses what moved. */
  async #renumber<T extends { id: string; position: number }>(
    action: string,
    list: T[],
    write: (admin: AdminClient, id: string, position: number) => Promise<unknown>,
    notice: string,
    focus: readonly string[],
  ) {
    const ok = await this.attempt(action, [], async (admin) => {
      for (const [i, x] of list.entries()) if (x.position !== i) await write(admin, x.id, i);
    });
    await this.#load.run();
    if (!ok) return;
    this.notice = notice;
    // The button pressed again, so a question can be moved step by step; else its group (it reached an end).
    await this.updateComplete;
    const root = this.renderRoot;
    focus
      .map((selector) => root.querySelector<HTMLElement>(selector))
      .find(Boolean)
      ?.focus();
  }

  #moveGroup(groups: AdminFaqGroup[], from: number, to: number) {
    const g = groups[from]!;
    const key = to < from ? 'contentMoveUpName' : 'contentMoveDownName';
    void this.#renumber(
      'adminMoveFaqGroup',
      moved(groups, from, to),
      (admin, id, position) => admin.faq.updateGroup(id, { position }),
      this.t('contentMovedNotice', { name: g.name, position: to + 1 }),
      [`[aria-label="${CSS.escape(this.t(key, { name: g.name }))}"]:not([disabled])`, `#group-${g.id}`],
    );
  }

  #moveItem(g: AdminFaqGroup, from: number, to: number) {
    const item = g.items[from]!;
    const key = to < from ? 'contentMoveUpName' : 'contentMoveDownName';
    void this.#renumber(
      'adminMoveFaqItem',
      moved(g.items, from, to),
      (admin, id, position) => admin.faq.updateItem(id, { position }),
      this.t('contentMovedNotice', { name: item.question, position: to + 1 }),
      [
        `[aria-label="${CSS.escape(this.t(key, { name: item.question }))}"]:not([disabled])`,
        `#group-${g.id}`,
      ],
    );
  }

  async #removeGroup(g: AdminFaqGroup) {
    const ok = await this.confirmAction({
      title: this.t('deleteGroupTitle', { name: g.name }),
      body: this.t('deleteGroupBody'),
      confirm: this.t('contentDelete'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteFaqGroup', [], (admin) => admin.faq.deleteGroup(g.id));
    if (!done) {
      if (this.failedWith(409)) {
        this.alertMessage = this.t('faqGroupHasQuestions', { name: g.name });
      }
      return;
    }
    this.notice = this.t('faqGroupDeleted', { name: g.name });
    await this.#load.run();
    void this.focusHeading();
  }

  async #removeItem(item: AdminFaqItem) {
    const ok = await this.confirmAction({
      title: this.t('deleteQuestionTitle', { name: item.question }),
      body: this.t('deleteQuestionBody'),
      confirm: this.t('contentDelete'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteFaqItem', [], (admin) => admin.faq.deleteItem(item.id));
    if (!done) return;
    this.notice = this.t('questionDeleted', { name: item.question });
    await this.#load.run();
    void this.focusPart(`#group-${item.groupId}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-faq': PortalAdminFaq;
  }
}
