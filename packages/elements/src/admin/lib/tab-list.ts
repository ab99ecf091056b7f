import { css, html, type TemplateResult } from 'lit';
import { tabForKey } from './tabs.js';

export interface TabListOptions<T extends string> {
  /** The tabs, in order. */
  tabs: readonly T[];
  /** The tab shown. */
  selected: T;
  /** Names the tab list. */
  label: string;
  /** A tab's text. */
  text: (tab: T) => unknown;
  /** The id of the panel a tab controls; `panel-<tab>` unless given. */
  panel?: (tab: T) => string;
  /** Shows `tab`: it was clicked, or chosen with the arrow keys, Home or End. */
  onPick: (tab: T) => void;
  /** Focuses what `selector` finds once the page is drawn again (the page's `focusPart`). */
  focus: (selector: string) => void;
}

/**
 * A page's tab list (`part="tabs"`): a `role="tab"` button per tab (`part="tab"`, `id="tab-<tab>"`), only the one
 * shown in the tab order; the arrow keys (wrapping), Home and End pick a tab and move focus to it.
 */
export function tabList<T extends string>(o: TabListOptions<T>): TemplateResult {
  const panel = o.panel ?? ((tab: T) => `panel-${tab}`);
  const onKey = (event: KeyboardEvent) => {
    const index = tabForKey(event.key, o.tabs.indexOf(o.selected), o.tabs.length);
    if (index === undefined) return;
    event.preventDefault();
    const tab = o.tabs[index]!;
    o.onPick(tab);
    o.focus(`#tab-${tab}`);
  };
  return html`<div part="tabs" class="tabs" role="tablist" aria-label=${o.label} @keydown=${onKey}>
    ${o.tabs.map(
      (tab) => html`<button
        part="tab"
        class="tab"
        role="tab"
        type="button"
        id=${`tab-${tab}`}
        aria-selected=${tab === o.selected ? 'true' : 'false'}
        aria-controls=${panel(tab)}
        tabindex=${tab === o.selected ? '0' : '-1'}
        @click=${() => o.onPick(tab)}
      >
        ${o.text(tab)}
      </button>`,
    )}
  </div>`;
}

/** `.tabs` and `.tab`: a tab list over a rule, the tab shown raised and underlined. */
export const tabStyles = css`
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
  }
  .tab {
    padding: 0.5rem 0.875rem;
    border: 1px solid transparent;
    border-bottom: 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    border-color: var(--_border);
    background: var(--_surface);
    box-shadow: inset 0 -3px 0 var(--_primary);
  }
`;
