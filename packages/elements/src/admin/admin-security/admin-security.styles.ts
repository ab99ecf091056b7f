import { css } from 'lit';

export default css`
  .steps {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .steps li {
    display: grid;
    gap: 0.5rem;
  }
  .qr {
    width: var(--portal-admin-qr-size, 12rem);
    padding: 0.5rem;
    background: #fff;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .qr svg {
    display: block;
    width: 100%;
    height: auto;
  }
  .secret {
    display: inline-block;
    padding: 0.375rem 0.625rem;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    font-size: 1.1em;
    letter-spacing: 0.05em;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
`;
