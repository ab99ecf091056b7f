import { html, type TemplateResult } from 'lit';
import { submitButton } from '../../lib/form.js';
import type { AdminTranslate } from './localize.js';

export interface SaveBarOptions {
  /** How many settings differ from the saved ones. */
  changes: number;
  /** Whether a request is in flight. */
  busy: boolean;
  /** Puts the saved settings back in the form. */
  onDiscard: () => void;
}

/**
 * A settings form's save bar (`part="save"`, styled by `saveBarStyles`): "Save changes" (the form's submit),
 * "Discard changes" while there are some, and how many there are.
 */
export function saveBar(t: AdminTranslate, o: SaveBarOptions): TemplateResult {
  return html`<div part="save" class="savebar">
    ${submitButton(t('saveChanges'), o.busy)}
    <button class="secondary" type="button" ?disabled=${!o.changes || o.busy} @click=${o.onDiscard}>
      ${t('discardChanges')}
    </button>
    <p class="muted">${o.changes ? t('unsavedChanges', { count: o.changes }) : t('noUnsavedChanges')}</p>
  </div>`;
}
