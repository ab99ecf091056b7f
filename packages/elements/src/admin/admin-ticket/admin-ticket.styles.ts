import { css } from 'lit';
import { recordHeadStyles } from '../lib/styles.js';

export default css`
  ${recordHeadStyles}
  :host {
    /* Notes: amber, so they never pass for a reply. */
    --_note-bg: var(--portal-admin-note-background, light-dark(#fff4d6, #3a2e0b));
    --_note-border: var(--portal-admin-note-border, light-dark(#a86b00, #e0b04a));
    --_note-text: var(--portal-admin-note-text, light-dark(#5c3b00, #f5d48a));
    --_client-bg: var(--portal-admin-client-message-background, var(--_surface));
    --_staff-bg: var(--portal-admin-staff-message-background, var(--_surface-raised));
  }
  .controls {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
    align-items: end;
  }
  .controls .actions {
    grid-column: 1 / -1;
  }
  .thread-section {
    display: grid;
    gap: var(--_space);
  }
  .thread {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .message article {
    display: grid;
    gap: 0.75rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .message.client article {
    background: var(--_client-bg);
    border-left: 4px solid var(--_good);
    margin-right: 2rem;
  }
  .message.staff article {
    background: var(--_staff-bg);
    border-left: 4px solid var(--_primary);
    margin-left: 2rem;
  }
  .message.note article {
    background: var(--_note-bg);
    border: 2px dashed var(--_note-border);
    margin-left: 2rem;
  }
  .note-label {
    font-weight: 700;
    color: var(--_note-text);
    text-transform: none;
  }
  .message-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .message-head h3 {
    font-size: 0.9375em;
  }
  .attachments,
  .files {
    display: grid;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .attachments li,
  .files li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .files li.failed .file-state {
    color: var(--_danger);
  }
  .files li.done .file-state {
    color: var(--_good);
  }
  .file-name {
    overflow-wrap: anywhere;
  }
  .composer {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 2px solid var(--_primary);
  }
  .composer.note {
    background: var(--_note-bg);
    border: 2px dashed var(--_note-border);
  }
  .mode-switch {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .mode {
    padding: 0.5rem 0.875rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-weight: 600;
  }
  .mode.reply[aria-selected='true'] {
    border: 2px solid var(--_primary);
  }
  .mode.note[aria-selected='true'] {
    border: 2px dashed var(--_note-border);
    background: var(--_note-bg);
    color: var(--_note-text);
  }
  .send.note {
    background: var(--_note-text);
    border-color: var(--_note-text);
    color: var(--_note-bg);
  }
  button.link {
    padding: 0;
    min-height: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
`;
