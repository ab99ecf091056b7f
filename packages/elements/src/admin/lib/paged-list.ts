import { type Task, TaskStatus } from '@lit/task';
import type { AdminClient } from '@portico/sdk/admin';
import type { ReactiveControllerHost } from 'lit';

/** One page of a list as the staff API answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedListOptions<T, A extends readonly unknown[]> {
  /** Names the first load in `portal-error`; the next pages are `<action>More`. */
  action: string;
  /** What the list depends on (filters, page size): the first page loads again when one changes. */
  args: () => A;
  /** Asks for a page: the first with `page` empty, the next ones with `page.cursor`; spread `page` into the query. */
  fetch: (admin: AdminClient, args: A, page: { cursor?: string }) => Promise<Page<T>>;
  /** What "Load more" focuses in the first row it adds (`''` for the row itself). */
  focus: string;
}

/** What a page lends its PagedList: `AdminElement`'s `loadTask` and `loadMore`, bound to the list's action. */
export interface PagedListLoaders<T, A extends readonly unknown[]> {
  load: (
    run: (admin: AdminClient, args: A) => Promise<Page<T>>,
    onComplete: (page: Page<T>) => void,
  ) => Task<readonly [AdminClient | undefined, A], Page<T>>;
  more: (shown: number, work: (admin: AdminClient) => Promise<void>) => Promise<void>;
}

/**
 * The rows of a list page paged with "Load more": the first page loads (again) when `args` change, each "Load
 * more" appends the next one. Pages make one with `AdminElement.pagedList()`.
 */
export class PagedList<T, A extends readonly unknown[]> {
  /** The first page's load, for `renderTask`. */
  readonly task: Task<readonly [AdminClient | undefined, A], Page<T>>;
  readonly #host: ReactiveControllerHost;
  readonly #options: PagedListOptions<T, A>;
  readonly #loaders: PagedListLoaders<T, A>;
  #items?: T[];
  #nextCursor: string | null = null;

  constructor(
    host: ReactiveControllerHost,
    options: PagedListOptions<T, A>,
    loaders: PagedListLoaders<T, A>,
  ) {
    this.#host = host;
    this.#options = options;
    this.#loaders = loaders;
    this.task = loaders.load(
      (admin, args) => options.fetch(admin, args, {}),
      (page) => this.#show(page.items, page.nextCursor),
    );
  }

  /** The rows loaded so far (undefined until the first page comes). */
  get items(): T[] | undefined {
    return this.#items;
  }
  set items(items: T[] | undefined) {
    this.#show(items, this.#nextCursor);
  }

  /** Whether there is a next page. */
  get more(): boolean {
    return Boolean(this.#nextCursor);
  }

  /** Whether a newer first page is loading (the table says `aria-busy`). */
  get pending(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** Appends the next page, then focuses the first row it added. */
  loadMore = async (): Promise<void> => {
    const args = this.#options.args();
    await this.#loaders.more(this.#items?.length ?? 0, async (admin) => {
      const page = await this.#options.fetch(admin, args, { cursor: this.#nextCursor ?? undefined });
      this.#show([...(this.#items ?? []), ...page.items], page.nextCursor);
    });
  };

  #show(items: T[] | undefined, nextCursor: string | null) {
    this.#items = items;
    this.#nextCursor = nextCursor;
    this.#host.requestUpdate();
  }
}
