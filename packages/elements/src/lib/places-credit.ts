import { css, html } from 'lit';

/**
 * The attribution the DB-IP Lite licence (CC BY 4.0) asks for wherever countries found from IP addresses are
 * shown (signed-in devices, the activity timeline). It is the licence's own wording, so it is not translated.
 */
export const placesCredit = html`<p part="credit" class="credit">
  <a href="https://db-ip.com" target="_blank" rel="noopener noreferrer">IP Geolocation by DB-IP</a>
</p>`;

export const placesCreditStyles = css`
  .credit {
    margin: 0.75rem 0 0;
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .credit a {
    color: inherit;
  }
`;
