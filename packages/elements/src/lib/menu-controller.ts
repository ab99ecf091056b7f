import { html, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';

/** An element with a menu button: its `open` property says whether the menu shows. */
type MenuHost = ReactiveElement & { open: boolean };

/**
 * The keyboard and pointer behaviour of a menu button (the WAI-ARIA menu-button pattern) for a host whose shadow
 * root holds a `#trigger` button and items with a `menuitem…` role, and whose `open` property shows the menu.
 *
 * Enter, Space or Arrow Down on the button open the menu on its first item (Arrow Up: the last); Arrow keys, Home
 * and End move between items; Space follows a link item as Enter does; Escape closes it and returns focus to the
 * button; Tab, focus leaving the host, or a press outside close it. The host renders its button and panel with
 * {@link render}, which binds them; its menu (`role="menu"`) has the id `menu`.
 */
export class MenuController implements ReactiveController {
  readonly #host: MenuHost;
  #focusOnOpen: 'first' | 'last' = 'first';
  #wasOpen = false;

  constructor(host: MenuHost) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    const open = this.#host.open;
    if (open === this.#wasOpen) return;
    this.#wasOpen = open;
    if (open) {
      document.addEventListener('pointerdown', this.#onOutside);
      this.#focusItem(this.#focusOnOpen);
    } else {
      document.removeEventListener('pointerdown', this.#onOutside);
    }
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.#onOutside);
  }

  /**
   * The menu button (`part="trigger"`, holding `trigger`) and the panel (`part="panel"`, holding `panel`, hidden
   * while closed), both in the language `lang`.
   */
  render(lang: string, trigger: unknown, panel: unknown): TemplateResult {
    const open = this.#host.open;
    return html`<button
        part="trigger"
        class="trigger"
        id="trigger"
        type="button"
        lang=${lang}
        aria-haspopup="menu"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="menu"
        @click=${this.toggle}
        @keydown=${this.onTriggerKeydown}
      >
        ${trigger}
      </button>
      <div
        part="panel"
        class="panel"
        lang=${lang}
        ?hidden=${!open}
        @keydown=${this.onMenuKeydown}
        @focusout=${this.onFocusOut}
      >
        ${panel}
      </div>`;
  }

  /** Closes the menu, and puts focus back on the button when `returnFocus`. */
  close(returnFocus: boolean): void {
    this.#host.open = false;
    if (returnFocus) this.#host.renderRoot.querySelector<HTMLElement>('#trigger')?.focus();
  }

  /** The button's click: opens the menu on its first item, or closes it. */
  readonly toggle = (): void => {
    this.#focusOnOpen = 'first';
    this.#host.open = !this.#host.open;
  };

  readonly onTriggerKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const which = event.key === 'ArrowUp' ? 'last' : 'first';
      if (this.#host.open) this.#focusItem(which);
      this.#focusOnOpen = which;
      this.#host.open = true;
    } else if (event.key === 'Escape' && this.#host.open) {
      event.preventDefault();
      this.close(true);
    }
  };

  readonly onMenuKeydown = (event: KeyboardEvent): void => {
    const items = this.#items();
    const index = items.indexOf(this.#host.shadowRoot?.activeElement as HTMLElement);
    let next: number | undefined;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close(true);
      return;
    }
    if (event.key === 'Tab') {
      this.close(false);
      return;
    }
    if (event.key === ' ' && index >= 0 && items[index]?.localName === 'a') {
      // Space follows a link menu item as Enter does.
      event.preventDefault();
      items[index]?.click();
      return;
    }
    if (event.key === 'ArrowDown') next = (index + 1) % items.length;
    else if (event.key === 'ArrowUp') next = (index - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    if (next !== undefined) {
      event.preventDefault();
      items[next]?.focus();
    }
  };

  readonly onFocusOut = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (this.#host.open && to && !this.#host.renderRoot.contains(to)) this.#host.open = false;
  };

  #items(): HTMLElement[] {
    return [...this.#host.renderRoot.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([disabled])')];
  }

  #focusItem(which: 'first' | 'last') {
    const items = this.#items();
    (which === 'last' ? items[items.length - 1] : items[0])?.focus();
  }

  #onOutside = (event: PointerEvent) => {
    if (!event.composedPath().includes(this.#host)) this.#host.open = false;
  };
}
