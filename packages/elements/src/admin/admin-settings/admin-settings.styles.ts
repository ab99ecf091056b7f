import { css } from 'lit';
import { fieldsetRowStyles, saveBarStyles } from '../lib/styles.js';

export default css`
  ${saveBarStyles} ${fieldsetRowStyles}
  .logo {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .logo-preview {
    display: grid;
    place-items: center;
    width: 10rem;
    height: 5rem;
    padding: 0.5rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .logo-preview img {
    max-width: 100%;
    max-height: 100%;
  }
  input[type='color'] {
    flex: none;
    width: 3rem;
    min-height: 2.75rem;
    padding: 0.125rem;
  }
  input[type='file'] {
    min-height: 0;
    border: 0;
    padding: 0;
  }
  .swatch {
    display: inline-block;
    width: 1rem;
    height: 1rem;
    border-radius: 50%;
    vertical-align: middle;
  }
  .link-row {
    grid-template-columns: minmax(8rem, 1fr) minmax(12rem, 2fr) auto;
  }
  @media (max-width: 40rem) {
    .link-row {
      grid-template-columns: 1fr;
    }
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chips li {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.125rem 0.25rem 0.125rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .chips .remove {
    min-height: 2rem;
    min-width: 2rem;
    border: 0;
    border-radius: 999px;
    background: none;
    color: var(--_text);
  }
  .chips .remove:hover {
    background: var(--_surface-raised);
  }
  .add {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem;
  }
  .add .field {
    flex: 1 1 14rem;
  }
  .kept {
    display: grid;
    gap: 0.5rem;
  }
  .domain-status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
`;
