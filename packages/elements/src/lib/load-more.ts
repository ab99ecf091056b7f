import { html, nothing, type TemplateResult } from 'lit';

/** The "Load more" button under a paged list, with a spinner while `busy`; nothing when there is no next page. */
export function loadMoreButton(
  nextCursor: string | null,
  busy: boolean,
  label: string,
  onClick: () => void,
): TemplateResult | typeof nothing {
  return nextCursor
    ? html`<div class="actions">
        <button part="button more" class="secondary" type="button" ?disabled=${busy} @click=${onClick}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${label}
        </button>
      </div>`
    : nothing;
}
