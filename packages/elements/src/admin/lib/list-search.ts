import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { debounce } from './format.js';
import { selectField, textField } from './form.js';

/** What a list page's search form shows. */
export interface ListSearchForm<S extends string> {
  /** Names the form (the page's title). */
  label: string;
  /** The search box's label. */
  searchLabel: string;
  /** The status drop-down's label. */
  statusLabel: string;
  /** The statuses to filter by, the first being "all" (`''`). */
  statuses: StatusOptions<S>;
}

/** The statuses to filter by, the first being "all" (`''`). */
type StatusOptions<S extends string> = readonly { value: '' | S; label: string }[];

export interface ListSearchOptions {
  /** Milliseconds after the last keystroke before the search runs. */
  delay: () => number;
  /** Records what is typed in the host's `values` (under `q`). */
  onInput: (event: Event) => void;
  /** What the search box holds. */
  typed: () => string | undefined;
}

/** A list page's status drop-down, applied as it changes. */
function statusSelect<S extends string>(
  label: string,
  value: '' | S,
  options: StatusOptions<S>,
  onChange: (value: '' | S) => void,
): TemplateResult {
  return selectField({
    name: 'status',
    label,
    value,
    options,
    onChange: (event) => onChange((event.target as HTMLSelectElement).value as '' | S),
  });
}

/**
 * A list page's status filter on its own (lists that have no search box): a `role="search"` form with one
 * drop-down, applied as it changes.
 */
export function statusFilter<S extends string>(o: {
  label: string;
  statusLabel: string;
  value: '' | S;
  options: StatusOptions<S>;
  onChange: (value: '' | S) => void;
}): TemplateResult {
  return html`<form class="search" role="search" aria-label=${o.label} @submit=${(e: Event) => e.preventDefault()}>
    ${statusSelect(o.statusLabel, o.value, o.options, o.onChange)}
  </form>`;
}

/**
 * The search and status filter of a list page: the search box applies `query` a pause after the last keystroke
 * (at once on Enter), the drop-down applies `status` as it changes. The host reads both into its load's args.
 */
export class ListSearch<S extends string> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ListSearchOptions;
  #query = '';
  #status: '' | S = '';

  readonly #search = debounce(
    (q: string) => {
      this.query = q.trim();
    },
    () => this.#options.delay(),
  );

  constructor(host: ReactiveControllerHost, options: ListSearchOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The search applied. */
  get query(): string {
    return this.#query;
  }
  set query(value: string) {
    this.#query = value;
    this.#host.requestUpdate();
  }

  /** The status filter applied (`''` for all). */
  get status(): '' | S {
    return this.#status;
  }
  set status(value: '' | S) {
    this.#status = value;
    this.#host.requestUpdate();
  }

  /** Whether a search or a filter narrows the list (so an empty one says "none match"). */
  get filtered(): boolean {
    return Boolean(this.#query || this.#status);
  }

  hostDisconnected(): void {
    this.#search.cancel();
  }

  /** The `role="search"` form with the search box and the status drop-down. */
  render(form: ListSearchForm<S>): TemplateResult {
    return html`<form class="search" role="search" aria-label=${form.label} @submit=${this.#searchNow}>
      ${textField({ name: 'q', label: form.searchLabel, type: 'search', value: this.#options.typed(), onInput: this.#onInput })}
      ${statusSelect(form.statusLabel, this.#status, form.statuses, (status) => {
        this.status = status;
      })}
    </form>`;
  }

  #onInput = (event: Event) => {
    this.#options.onInput(event);
    this.#search((event.target as HTMLInputElement).value);
  };

  #searchNow = (event: SubmitEvent) => {
    event.preventDefault();
    this.#search.cancel();
    this.query = (this.#options.typed() ?? '').trim();
  };
}
