import { css } from 'lit';

export default css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  .result {
    display: grid;
    gap: 0.5rem;
  }
  .result input {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
  }
`;
