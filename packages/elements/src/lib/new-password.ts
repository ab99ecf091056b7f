import { css, html, type TemplateResult } from 'lit';
import { type FieldOptions, field } from './form.js';

export interface NewPasswordFieldOptions
  extends Pick<FieldOptions, 'label' | 'hint' | 'value' | 'error' | 'onInput'> {
  /** Whether the password is shown as text. */
  shown: boolean;
  /** The toggle's text ("Show password"). */
  toggleLabel: string;
  onToggle: () => void;
}

/** The `password` field of a form that sets one (registering, accepting an invitation), with a show/hide toggle. */
export function newPasswordField(o: NewPasswordFieldOptions): TemplateResult {
  const toggle = html`<button
    part="toggle"
    class="toggle"
    type="button"
    aria-controls="password"
    aria-pressed=${o.shown ? 'true' : 'false'}
    @click=${o.onToggle}
  >
    ${o.toggleLabel}
  </button>`;
  return field({
    name: 'password',
    label: o.label,
    type: o.shown ? 'text' : 'password',
    autocomplete: 'new-password',
    hint: o.hint,
    value: o.value,
    error: o.error,
    after: toggle,
    onInput: o.onInput,
  });
}

/** The show/hide toggle of `newPasswordField()`. */
export const newPasswordStyles = css`
  .toggle {
    flex: none;
    min-height: 2.75rem;
    padding: 0 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.875em;
  }
  .toggle[aria-pressed='true'] {
    background: var(--_surface-raised);
  }
`;
