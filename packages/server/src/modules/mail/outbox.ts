import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import type { OutboxTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { RenderedMail } from './templates.js';

/** How long a worker holds a message before another may retry it. */
const LEASE_MS = 60_000;
/** Attempts before a message is marked failed. Backoff: 30 s, 1, 2, 4, 8, 16, 32 min. */
export const MAX_MAIL_ATTEMPTS = 8;

export type OutboxMessage = Pick<
  OutboxTable,
  'id' | 'to_address' | 'subject' | 'text' | 'html' | 'created_at'
> & {
  /** Extra headers as a JSON object, or null (see `mailHeaders`). */
  headers?: string | null;
};

/** Extra headers a queued mail carries (`List-Unsubscribe`, `List-Unsubscribe-Post`). */
export type MailHeaders = Record<string, string>;

/** A message's extra headers, parsed; an unreadable value counts as none. */
export function mailHeaders(message: Pick<OutboxMessage, 'headers'>): MailHeaders | undefined {
  if (!message.headers) return undefined;
  try {
    const value = JSON.parse(message.headers) as unknown;
    return value && typeof value === 'object' ? (value as MailHeaders) : undefined;
  } catch {
    return undefined;
  }
}

/** Sends one message. SMTP via nodemailer, or the dev mailbox (log only; the outbox row is the mailbox). */
export interface MailTransport {
  readonly name: string;
  send(message: OutboxMessage, from: string): Promise<void>;
}

export function smtpTransport(url: string): MailTransport & { transporter: Transporter } {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    transporter,
    async send(message, from) {
      await transporter.sendMail({
        from,
        to: message.to_address,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<${message.id}@portico>`,
        headers: mailHeaders(message),
      });
    },
  };
}

/** Development: the outbox row is the mailbox (`/dev/mailbox`); each mail is also printed readably. */
export function devTransport(
  print: (text: string) => void = (text) => process.stdout.write(text),
): MailTransport {
  return {
    name: 'dev',
    async send(message) {
      const rule = '-'.repeat(72);
      print(
        `\n${rule}\nDev mail to ${message.to_address}\nSubject: ${message.subject}\n\n${message.text}\n${rule}\n`,
      );
    },
  };
}

/**
 * The mail outbox: services enqueue inside their own flow (a cheap insert), a job delivers with retries.
 * Nothing sends mail inside a transaction or a request.
 */
export class Outbox {
  #kickTimer: NodeJS.Immediate | undefined;
  #delivering: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly transport: MailTransport,
    private readonly from: string,
    private readonly logger: Logger,
    /** Deliver right after enqueueing (the running server); tests turn it off and call deliverDue. */
    private readonly autoKick: boolean,
  ) {}

  get transportName(): string {
    return this.transport.name;
  }

  /**
   * This outbox writing through a transaction: mail queued there commits or rolls back with the change that
   * caused it (invoice hooks). Delivery still starts here, once the transaction lets go of the database.
   */
  within(trx: Db): Outbox {
    const bound = new Outbox(
      trx,
      this.clock,
      this.ids,
      this.transport,
      this.from,
      this.logger,
      this.autoKick,
    );
    bound.kick = () => this.kick();
    return bound;
  }

  async enqueue(
    to: string,
    template: string,
    mail: RenderedMail,
    options: { headers?: MailHeaders } = {},
  ): Promise<string> {
    const id = this.ids('msg');
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('outbox')
      .values({
        id,
        to_address: to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        template,
        status: 'pending',
        transport: null,
        next_attempt_at: now,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
        headers: options.headers ? JSON.stringify(options.headers) : null,
      })
      .execute();
    if (this.autoKick) this.kick();
    return id;
  }

  /** Schedules a delivery pass soon, coalescing bursts. */
  kick(): void {
    if (this.#kickTimer) return;
    this.#kickTimer = setImmediate(() => {
      this.#kickTimer = undefined;
      this.deliverDue().catch((err) => this.logger.error({ err }, 'mail delivery pass failed'));
    });
  }

  /** Delivers every due message once; returns how many were sent. Safe to call concurrently. */
  deliverDue(limit = 50): Promise<number> {
    this.#delivering ??= this.#deliver(limit).finally(() => {
      this.#delivering = undefined;
    });
    return this.#delivering;
  }

  async #deliver(limit: number): Promise<number> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const due = await this.db
      .selectFrom('outbox')
      .select(['id', 'to_address', 'subject', 'text', 'html', 'created_at', 'attempts', 'headers'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    let sent = 0;
    for (const message of due) {
      const leased = await this.db
        .updateTable('outbox')
        .set({ lease_until: new Date(now.getTime() + LEASE_MS).toISOString() })
        .where('id', '=', message.id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
        .executeTakeFirst();
      if (!changedOne(leased)) continue;
      try {
        await this.transport.send(message, this.from);
        await this.db
          .updateTable('outbox')
          .set({
            status: 'sent',
            transport: this.transport.name,
            sent_at: this.clock.now().toISOString(),
            attempts: message.attempts + 1,
            lease_until: null,
            last_error: null,
          })
          .where('id', '=', message.id)
          .execute();
        sent++;
      } catch (err) {
        const attempts = message.attempts + 1;
        const failed = attempts >= MAX_MAIL_ATTEMPTS;
        const backoff = 30_000 * 2 ** (attempts - 1);
        this.logger.warn(
          { err, id: message.id, attempts },
          failed ? 'mail failed for good' : 'mail delivery failed; will retry',
        );
        await this.db
          .updateTable('outbox')
          .set({
            status: failed ? 'failed' : 'pending',
            attempts,
            next_attempt_at: new Date(this.clock.now().getTime() + backoff).toISOString(),
            lease_until: null,
            last_error: String((err as Error)?.message ?? err).slice(0, 500),
          })
          .where('id', '=', message.id)
          .execute();
      }
    }
    return sent;
  }

  /** Messages to one address (or all), newest first: the dev mailbox and tests read this. */
  async list(to?: string, limit = 50): Promise<OutboxMessage[]> {
    let q = this.db
      .selectFrom('outbox')
      .select(['id', 'to_address', 'subject', 'text', 'html', 'created_at', 'headers'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (to) q = q.where('to_address', '=', to.toLowerCase());
    return q.execute();
  }
}
