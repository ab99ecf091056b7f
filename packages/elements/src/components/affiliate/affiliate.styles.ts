import { css } from 'lit';

export default css`
  :host {
    max-width: var(--portal-affiliate-width, 64rem);
    --_panel-padding: var(--portal-affiliate-padding, calc(var(--_space) * 1.5));
    --_panel-background: var(--portal-affiliate-background, var(--_surface));
    --_panel-border: var(--portal-affiliate-border, 1px solid var(--_border));
  }
  .intro {
    margin: 0;
  }
  .terms {
    max-height: 24rem;
    overflow: auto;
  }
  .stats dd {
    font-size: 1.5em;
    font-weight: 700;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .payout-details {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  [data-row]:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  form h3 {
    margin-bottom: 0;
  }
`;
