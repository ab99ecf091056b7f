import {
  ATTACHMENT_TYPES,
  type AttachmentExtension,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketPriority,
  type TicketStatus,
} from '@portico/sdk/contract';
import type { TemplateResult } from 'lit';
import { badge } from './form.js';
import type { AdminMessageKey, AdminTranslate } from './localize.js';

const STATUS_KEYS: Record<TicketStatus, AdminMessageKey> = {
  open: 'tktStatusOpen',
  answered: 'tktStatusAnswered',
  customer_reply: 'tktStatusCustomerReply',
  closed: 'tktStatusClosed',
};

const PRIORITY_KEYS: Record<TicketPriority, AdminMessageKey> = {
  low: 'tktPriorityLow',
  medium: 'tktPriorityMedium',
  high: 'tktPriorityHigh',
  urgent: 'tktPriorityUrgent',
};

/** A ticket status's name. */
export const ticketStatusName = (t: AdminTranslate, status: TicketStatus): string => t(STATUS_KEYS[status]);

/** A ticket priority's name. */
export const ticketPriorityName = (t: AdminTranslate, priority: TicketPriority): string =>
  t(PRIORITY_KEYS[priority]);

/**
 * A ticket's status as a badge: what waits on staff (open, a customer's reply) stands out, what waits on the
 * client (answered) is calm, closed is muted.
 */
export function ticketStatusBadge(t: AdminTranslate, status: TicketStatus): TemplateResult {
  const tone =
    status === 'customer_reply'
      ? 'bad'
      : status === 'open'
        ? 'warn'
        : status === 'answered'
          ? 'good'
          : 'neutral';
  return badge(ticketStatusName(t, status), tone);
}

/** A ticket's priority as a badge (high and urgent stand out). */
export function ticketPriorityBadge(t: AdminTranslate, priority: TicketPriority): TemplateResult {
  const tone = priority === 'urgent' ? 'bad' : priority === 'high' ? 'warn' : 'neutral';
  return badge(ticketPriorityName(t, priority), tone);
}

/** The statuses as drop-down options. */
export const ticketStatusOptions = (t: AdminTranslate) =>
  TICKET_STATUSES.map((status) => ({ value: status, label: ticketStatusName(t, status) }));

/** The priorities as drop-down options. */
export const ticketPriorityOptions = (t: AdminTranslate) =>
  TICKET_PRIORITIES.map((priority) => ({ value: priority, label: ticketPriorityName(t, priority) }));

/** Every attachment type the contract knows, in its order. */
export const ATTACHMENT_EXTENSIONS = Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[];

/** A byte count for people: 512 KB, 2.5 MB. */
export function formatBytes(lang: string, bytes: number): string {
  const format = (n: number, unit: string) =>
    `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n)} ${unit}`;
  if (bytes < 1024) return format(bytes, 'B');
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
  return format(bytes / (1024 * 1024), 'MB');
}
