import { html, type LitElement, nothing, type ReactiveController } from 'lit';

/** What a confirmation dialog says. */
export interface ConfirmOptions {
  title: string;
  body: string;
  confirm: string;
  /** The action is destructive: the confirm button is drawn in the danger colour. */
  danger?: boolean;
}

/** The confirmation dialog, told from the host's other dialogs by its title. */
const DIALOG = 'dialog[aria-labelledby="confirm-title"]';

/**
 * Asks for confirmation in a modal `<dialog>` (the account elements' and the staff console's): `ask()` resolves
 * with the answer, and focus goes back where it was. The host renders `render()` once; it opens as modal.
 */
export class ConfirmController implements ReactiveController {
  readonly #host: LitElement;
  /** The question shown, with its answer. */
  #asked: (ConfirmOptions & { answer: (ok: boolean) => void }) | undefined;
  #returnFocus: HTMLElement | null = null;

  constructor(host: LitElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Asks `options`; resolves with the answer. A question still open is answered "no". */
  ask(options: ConfirmOptions): Promise<boolean> {
    this.#asked?.answer(false);
    this.#returnFocus = (this.#host.shadowRoot?.activeElement as HTMLElement | null) ?? null;
    return new Promise((answer) => {
      this.#asked = { ...options, answer };
      this.#host.requestUpdate();
    });
  }

  /** Answers an open question "no" and drops it, without moving focus (what it was about is gone). */
  dismiss(): void {
    this.#asked?.answer(false);
    this.#asked = undefined;
    this.#host.requestUpdate();
  }

  /** The dialog, when a question is open; `cancel` is the label of its "Cancel" button. */
  render(cancel: string): unknown {
    const c = this.#asked;
    if (!c) return nothing;
    return html`<dialog
      part="dialog"
      class="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      @close=${() => {
        // The close event comes a task later: by then a closed dialog may have been replaced by a new one.
        if (this.#asked === c) this.#answer(false);
      }}
    >
      <h2 id="confirm-title" class="dialog-title">${c.title}</h2>
      <p id="confirm-body">${c.body}</p>
      <div class="actions">
        <button part="button cancel" class="secondary" type="button" autofocus @click=${() => this.#answer(false)}>
          ${cancel}
        </button>
        <button
          part="button confirm"
          class="primary ${c.danger ? 'danger' : ''}"
          type="button"
          @click=${() => this.#answer(true)}
        >
          ${c.confirm}
        </button>
      </div>
    </dialog>`;
  }

  hostUpdated(): void {
    const dialog = this.#host.renderRoot.querySelector<HTMLDialogElement>(DIALOG);
    if (dialog && !dialog.open) dialog.showModal();
  }

  #answer(ok: boolean) {
    const c = this.#asked;
    if (!c) return;
    this.#asked = undefined;
    this.#host.requestUpdate();
    // Closed now: while a modal dialog is open, everything outside it is inert and cannot take focus back.
    this.#host.renderRoot.querySelector<HTMLDialogElement>(`${DIALOG}[open]`)?.close();
    c.answer(ok);
    const back = this.#returnFocus;
    this.#returnFocus = null;
    if (back?.isConnected) back.focus();
  }
}
