import { html, nothing, type TemplateResult } from 'lit';

/** A column heading: its label, or the label of a column of numbers (aligned to the end). */
export type Column = string | { label: string; numeric: true };

export interface DataTableOptions {
  /** Names the scrollable region. */
  label: string;
  /** The table's caption, read by screen readers only. */
  caption: string;
  columns: readonly Column[];
  /** A heading cell before the columns (e.g. "select all"). */
  lead?: unknown;
  /** The body's rows. */
  rows: unknown;
  /** Whether a newer load is running; leave it out for a table that does not reload in place. */
  busy?: boolean;
}

const heading = (column: Column) =>
  typeof column === 'string'
    ? html`<th scope="col">${column}</th>`
    : html`<th scope="col" class="num">${column.label}</th>`;

/** A console table in a labelled region that keyboard users can scroll (`tabindex="0"`) when it overflows. */
export function dataTable(o: DataTableOptions): TemplateResult {
  const busy = o.busy === undefined ? nothing : o.busy ? 'true' : 'false';
  return html`<div class="table-wrap" role="region" aria-label=${o.label} tabindex="0">
    <table part="table" aria-busy=${busy}>
      <caption class="sr-only">${o.caption}</caption>
      <thead>
        <tr>
          ${o.lead ?? nothing}${o.columns.map(heading)}
        </tr>
      </thead>
      <tbody>
        ${o.rows}
      </tbody>
    </table>
  </div>`;
}

/** The actions cell of a row: its buttons side by side. */
export const rowActions = (...buttons: unknown[]): TemplateResult =>
  html`<td>
    <div class="row-actions">${buttons}</div>
  </td>`;

export interface MoreFooterOptions {
  /** How many are shown (e.g. "25 shown"). */
  shown: string;
  /** Whether there is a next page. */
  more: boolean;
  /** The "Load more" button's text. */
  label: string;
  busy: boolean;
  onMore: () => void;
}

/** Under a paged list: how many are shown, and "Load more" while there are more. */
export function moreFooter(o: MoreFooterOptions): TemplateResult {
  return html`<div class="more">
    <p class="muted">${o.shown}</p>
    ${
      o.more
        ? html`<button part="button more" class="secondary" type="button" ?disabled=${o.busy} @click=${o.onMore}>
            ${o.label}
          </button>`
        : nothing
    }
  </div>`;
}
