import { css } from 'lit';

/**
 * Global tokens (`--portal-*`) read into private properties (`--_*`) that the components' styles use.
 * Light and dark values come from `light-dark()`: the scheme follows `prefers-color-scheme`, a page's
 * `--portal-color-scheme`, or the element's `theme="light|dark"`.
 */
export const hostStyles = css`
  :host {
    /* --portal-brand(-on): the business's brand colour, set by <portal-provider> from the portal configuration. */
    --_primary: var(--portal-color-primary, var(--portal-brand, light-dark(#2451c2, #9dbbff)));
    --_on-primary: var(--portal-color-on-primary, var(--portal-brand-on, light-dark(#fff, #0b1b3f)));
    --_text: var(--portal-color-text, light-dark(#1b2130, #e7eaf0));
    --_muted: var(--portal-color-muted, light-dark(#525b6b, #aab2c0));
    --_surface: var(--portal-color-surface, light-dark(#fff, #181b22));
    --_surface-raised: var(--portal-color-surface-raised, light-dark(#f4f6f9, #232731));
    --_border: var(--portal-color-border, light-dark(#848d9c, #646c7b));
    --_danger: var(--portal-color-danger, light-dark(#b3261e, #ffb4ab));
    --_focus: var(--portal-color-focus, var(--_primary));
    --_radius: var(--portal-radius, 0.5rem);
    --_font: var(--portal-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_space: var(--portal-space, 1rem);
    color-scheme: var(--portal-color-scheme, light dark);
    font-family: var(--_font);
    font-size: var(--portal-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    box-sizing: border-box;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: portal-spin 0.7s linear infinite;
  }
  @keyframes portal-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2s;
    }
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
  }
  .primary,
  .secondary {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    font-weight: 600;
  }
  .primary {
    border: 1px solid transparent;
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .secondary {
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
  }
  .primary:disabled,
  .secondary:disabled {
    opacity: 0.7;
  }
  .link {
    border: 0;
    padding: 0;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .link:disabled {
    color: var(--_muted);
    text-decoration: none;
  }
`;

/** Forms: fields, hints, errors, the alert and status regions. */
export const formStyles = css`
  form {
    display: grid;
    gap: var(--_space);
    margin: 0;
  }
  .title {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
  }
  .intro {
    margin: 0;
    color: var(--_muted);
  }
  .field {
    display: grid;
    gap: 0.375rem;
  }
  label {
    font-weight: 600;
    font-size: 0.875em;
  }
  .control {
    display: flex;
    gap: 0.5rem;
  }
  input {
    flex: 1;
    min-width: 0;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .hint,
  .field-error {
    margin: 0;
    font-size: 0.875em;
  }
  .hint {
    color: var(--_muted);
  }
  .field-error {
    color: var(--_danger);
  }
  .alert,
  .notice {
    margin: 0;
  }
  .alert:empty,
  .notice:empty {
    display: none;
  }
  .alert {
    padding: 0.75rem;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  .notice {
    color: var(--_muted);
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    font-size: 0.875em;
  }
  .loading {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    color: var(--_muted);
  }
  .signed-in {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .signed-in p {
    margin: 0;
  }
`;
