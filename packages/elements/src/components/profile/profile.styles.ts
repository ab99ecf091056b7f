import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-profile-width, 40rem);
    --_panel-padding: var(--portal-profile-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-profile-background, var(--_surface));
    --_panel-border: var(--portal-profile-border, 1px solid var(--_border));
  }
  section + section {
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .email {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem var(--_space);
    overflow-wrap: anywhere;
  }
  .email .label {
    display: block;
    font-weight: 600;
    font-size: 0.875em;
  }
  .subtitle {
    margin: 0;
    font-size: 1em;
  }
`;
