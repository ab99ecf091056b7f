import { css } from 'lit';
import { panelStyles } from '../lib/styles.js';

export default css`
  ${panelStyles}
  :host {
    max-width: var(--portal-admin-login-width, 26rem);
  }
`;
