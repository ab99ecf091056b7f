import type { TicketPriority, TicketStatus } from '@portico/sdk';
import { html, type TemplateResult } from 'lit';
import { badge } from '../../lib/fields.js';
import type { Translate } from '../../lib/form.js';
import type { MessageKey } from '../../lib/localize.js';

/** A ticket status's name, in the client's terms. */
export const TICKET_STATUS_KEYS: Record<TicketStatus, MessageKey> = {
  open: 'tktStatusOpen',
  answered: 'tktStatusAnswered',
  customer_reply: 'tktStatusCustomerReply',
  closed: 'tktStatusClosed',
};

/** "Answered" waits for the client, so it stands out; the badge's text always says the status too. */
const TONES = {
  open: 'good',
  answered: 'warn',
  customer_reply: 'good',
  closed: 'neutral',
} as const;

export const TICKET_PRIORITY_KEYS: Record<TicketPriority, MessageKey> = {
  low: 'tktPriorityLow',
  medium: 'tktPriorityMedium',
  high: 'tktPriorityHigh',
  urgent: 'tktPriorityUrgent',
};

/** The status badge of a ticket. */
export const ticketBadge = (t: Translate, status: TicketStatus): TemplateResult =>
  badge(t(TICKET_STATUS_KEYS[status]), TONES[status]);

/** A ticket's priority in words; high and urgent are marked (by weight, and the word says it). */
export const priorityText = (t: Translate, priority: TicketPriority): TemplateResult =>
  html`<span class="priority ${priority}">${t(TICKET_PRIORITY_KEYS[priority])}</span>`;

/** The address bar's hash that opens a ticket: `#ticket/tkt_…` (the ticket mails link to it). */
export const TICKET_HASH = /^#ticket\/([^/?#]+)$/;
