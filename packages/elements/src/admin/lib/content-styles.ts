import { css } from 'lit';

/** What the content pages share: links drawn as buttons, a timeline, and rich text in a card. */
export const contentStyles = css`
  a.primary,
  a.secondary {
    text-decoration: none;
  }
  .secondary.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .block {
    display: block;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  .checks {
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
  }
  .reason {
    font-size: 0.875em;
    color: var(--_muted);
  }
`;
