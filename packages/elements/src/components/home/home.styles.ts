import { css } from 'lit';
import { productCardStyles } from '../store/store.styles.js';

export default css`
  :host {
    max-width: var(--portal-home-width, 72rem);
    --_panel-border: none;
    --_panel-padding: 0;
    --_panel-background: transparent;
    --_card-width: var(--portal-home-card-width, 15rem);
  }
  .base {
    gap: calc(var(--_space) * 2);
  }
  .hero {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
    padding: calc(var(--_space) * 2);
    border-radius: var(--_radius);
    background: var(--portal-home-hero-background, var(--_surface-raised));
  }
  .hero-title {
    font-size: 2em;
    line-height: 1.2;
  }
  .hero-subtitle {
    display: grid;
    gap: 0.5rem;
    max-width: 40rem;
    font-size: 1.1em;
    color: var(--_muted);
  }
  .cta,
  .order {
    text-decoration: none;
  }
  .featured,
  .news,
  .domains {
    gap: var(--_space);
  }
  ${productCardStyles}
  .product {
    gap: 0.5rem;
    background: var(--_surface);
  }
  .price {
    font-size: 1.1em;
    font-weight: 600;
  }
  .description {
    display: grid;
    gap: 0.5rem;
    color: var(--_muted);
  }
  .order {
    margin-top: auto;
  }
  .news-list {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .news-item {
    display: grid;
    gap: 0.125rem;
  }
  .news-item a,
  .all {
    color: var(--_primary);
    font-weight: 600;
  }
  .all {
    justify-self: start;
  }
`;
