import { css } from 'lit';

// Pieces of CSS that stylesheets of both bundles include in their own (the portal elements' and the console's);
// kept out of `styles.ts`, which the sign-in bundle loads whole.

/** `.sr-only`: text for screen readers only (a table's caption, an icon button's name), kept out of sight. */
export const srOnlyStyles = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** The pill of `badge()` from `fields.ts` and its tones; stylesheets add its size. */
export const badgeStyles = css`
  .badge {
    display: inline-block;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.good {
    color: var(--_good);
  }
  .badge.warn {
    color: var(--_warn);
  }
  .badge.bad {
    color: var(--_danger);
  }
  .badge.neutral {
    color: var(--_muted);
  }
`;

/** A `textarea` drawn like the inputs of `formStyles`; stylesheets add its height. */
export const textareaStyles = css`
  textarea {
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
`;
