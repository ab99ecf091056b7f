import { html, type TemplateResult } from 'lit';
import { textareaField } from './form.js';
import type { AdminTranslate } from './localize.js';

export interface BanDialogOptions {
  /** Who is banned. */
  name: string;
  /** The group they are banned from. */
  group: string;
  /** The reason typed so far (the field is named `banReason`). */
  reason: string | undefined;
  error: string | undefined;
  busy: boolean;
  onInput: (event: Event) => void;
  onSubmit: (event: SubmitEvent) => void;
  /** The dialog closed (Cancel, Escape, or after banning). */
  onClose: () => void;
}

/**
 * The modal dialog that bans someone from a group with an optional reason (the community pages'). Rendered with
 * `data-modal`, so `AdminElement` opens it as modal; its `close` event tells the page to drop it.
 */
export function banDialog(t: AdminTranslate, o: BanDialogOptions): TemplateResult {
  const close = (event: Event) => (event.target as HTMLElement).closest('dialog')?.close();
  return html`<dialog part="dialog" class="dialog" data-modal aria-labelledby="ban-title" aria-describedby="ban-body" @close=${o.onClose}>
    <form class="page" novalidate aria-busy=${o.busy ? 'true' : 'false'} @submit=${o.onSubmit}>
      <h2 id="ban-title" class="dialog-title">${t('cmyBanTitle', { name: o.name, group: o.group })}</h2>
      <p id="ban-body">${t('cmyBanBody')}</p>
      ${textareaField({
        name: 'banReason',
        label: t('cmyBanReasonLabel'),
        hint: t('cmyBanReasonHint'),
        value: o.reason,
        error: o.error,
        rows: 3,
        spellcheck: true,
        onInput: o.onInput,
      })}
      <div class="actions">
        <button part="button cancel" class="secondary" type="button" @click=${close}>${t('cancel')}</button>
        <button part="button confirm" class="primary danger" type="submit" ?disabled=${o.busy}>${t('cmyBan')}</button>
      </div>
    </form>
  </dialog>`;
}

/** Closes the ban dialog rendered in `root`, if open (its `close` event then tells the page to drop it). */
export function closeBanDialog(root: ParentNode): void {
  root.querySelector<HTMLDialogElement>('dialog[aria-labelledby="ban-title"]')?.close();
}
