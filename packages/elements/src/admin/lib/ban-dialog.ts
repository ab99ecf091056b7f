import { html, type TemplateResult } from 'lit';
import { textareaField } from './form.js';

export interface BanDialogOptions {
  /** "Ban Ada from Customers?" */
  title: string;
  /** What a ban does. */
  body: string;
  reasonLabel: string;
  reasonHint: string;
  /** The reason typed so far (the field is named `banReason`). */
  reason: string | undefined;
  error: string | undefined;
  confirm: string;
  cancel: string;
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
export function banDialog(o: BanDialogOptions): TemplateResult {
  const close = (event: Event) => (event.target as HTMLElement).closest('dialog')?.close();
  return html`<dialog part="dialog" class="dialog" data-modal aria-labelledby="ban-title" aria-describedby="ban-body" @close=${o.onClose}>
    <form class="page" novalidate aria-busy=${o.busy ? 'true' : 'false'} @submit=${o.onSubmit}>
      <h2 id="ban-title" class="dialog-title">${o.title}</h2>
      <p id="ban-body">${o.body}</p>
      ${textareaField({
        name: 'banReason',
        label: o.reasonLabel,
        hint: o.reasonHint,
        value: o.reason,
        error: o.error,
        rows: 3,
        spellcheck: true,
        onInput: o.onInput,
      })}
      <div class="actions">
        <button part="button cancel" class="secondary" type="button" @click=${close}>${o.cancel}</button>
        <button part="button confirm" class="primary danger" type="submit" ?disabled=${o.busy}>${o.confirm}</button>
      </div>
    </form>
  </dialog>`;
}
