import type {
  AdminFaqGroup,
  AdminFaqItem,
  Faq,
  FaqGroupInputSchema,
  FaqGroupUpdateSchema,
  FaqItemInputSchema,
  FaqItemUpdateSchema,
  FaqQuerySchema,
} from '@portico/sdk/contract';
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Database, FaqGroupsTable, FaqItemsTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { ContentErrors } from './errors.js';
import { ftsQuery } from './fts.js';
import { renderMarkdown } from './markdown.js';

type Trx = Kysely<Database>;
type GroupRow = Selectable<FaqGroupsTable>;
type ItemRow = Selectable<FaqItemsTable>;
type GroupInput = z.output<typeof FaqGroupInputSchema>;
type GroupUpdate = z.output<typeof FaqGroupUpdateSchema>;
type ItemInput = z.output<typeof FaqItemInputSchema>;
type ItemUpdate = z.output<typeof FaqItemUpdateSchema>;
type FaqQuery = z.output<typeof FaqQuerySchema>;

export interface FaqDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
}

/**
 * Frequently asked questions: groups in order, each with its questions in order. Clients read them (and search
 * them through the FTS index of questions and answers); staff write them, each change with its audit row.
 */
export class FaqService {
  readonly #d: FaqDeps;

  constructor(deps: FaqDeps) {
    this.#d = deps;
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  /** Groups and their items in order; `match` (an FTS5 expression) keeps only the items it finds. */
  async #read(db: Trx, match?: string): Promise<Array<{ group: GroupRow; items: ItemRow[] }>> {
    const groups = await db
      .selectFrom('faq_groups')
      .selectAll()
      .orderBy('position')
      .orderBy('name')
      .execute();
    let items = db
      .selectFrom('faq_items')
      .selectAll()
      .orderBy('group_id')
      .orderBy('position')
      .orderBy('question');
    if (match !== undefined) {
      items = items.where(
        sql<boolean>`rowid IN (SELECT rowid FROM faq_items_fts WHERE faq_items_fts MATCH ${match})`,
      );
    }
    const byGroup = new Map<string, ItemRow[]>();
    for (const item of await items.execute()) {
      const list = byGroup.get(item.group_id);
      if (list) list.push(item);
      else byGroup.set(item.group_id, [item]);
    }
    return groups.map((group) => ({ group, items: byGroup.get(group.id) ?? [] }));
  }

  /**
   * The public FAQ: groups with questions, in order. With `q`, only questions whose question or answer has every
   * word (the last also as a prefix), and no group left without one; a `q` with no word in it finds nothing.
   */
  async public(query: FaqQuery): Promise<Faq> {
    if (!this.#d.settings.current.sections.faq) throw ContentErrors.sectionHidden('FAQ');
    const q = query.q?.trim();
    const match = q ? ftsQuery(q) : undefined;
    if (match === '') return { groups: [] };
    const all = await this.#read(this.#d.db, match);
    return {
      groups: all
        .filter(({ items }) => items.length > 0)
        .map(({ group, items }) => ({
          id: group.id,
          name: group.name,
          items: items.map((item) => ({ id: item.id, question: item.question, html: item.html })),
        })),
    };
  }

  /** Every group (empty ones too) with its items, for staff. */
  async list(db: Trx = this.#d.db): Promise<AdminFaqGroup[]> {
    return (await this.#read(db)).map(({ group, items }) => groupView(group, items));
  }

  async #group(id: string, db: Trx): Promise<AdminFaqGroup> {
    const group = await db.selectFrom('faq_groups').selectAll().where('id', '=', id).executeTakeFirst();
    if (!group) throw ContentErrors.notFound('FAQ group');
    const items = await db
      .selectFrom('faq_items')
      .selectAll()
      .where('group_id', '=', id)
      .orderBy('position')
      .orderBy('question')
      .execute();
    return groupView(group, items);
  }

  async #item(id: string, db: Trx): Promise<ItemRow> {
    const item = await db.selectFrom('faq_items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!item) throw ContentErrors.notFound('FAQ question');
    return item;
  }

  #audit(
    trx: Trx,
    change: StaffChange,
    action: string,
    target: { type: string; id: string },
    details: Record<string, unknown>,
  ) {
    return trx
      .insertInto('audit_log')
      .values(this.#d.audit.row(staffRecord(change, { action, target, details })))
      .execute();
  }

  /** Adds a group, last unless a position is given. */
  async createGroup(input: GroupInput, change: StaffChange): Promise<AdminFaqGroup> {
    const id = this.#d.ids('faqg');
    const now = this.#now();
    return this.#d.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('faq_groups')
        .select((eb) => eb.fn.max('position').as('p'))
        .executeTakeFirst();
      await trx
        .insertInto('faq_groups')
        .values({
          id,
          name: input.name,
          position: input.position ?? (last?.p == null ? 0 : Number(last.p) + 1),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.#audit(trx, change, 'faq_group.created', { type: 'faq_group', id }, { name: input.name });
      return this.#group(id, trx);
    });
  }

  async updateGroup(id: string, input: GroupUpdate, change: StaffChange): Promise<AdminFaqGroup> {
    return this.#d.db.transaction().execute(async (trx) => {
      const current = await this.#group(id, trx);
      const set: Updateable<FaqGroupsTable> = {};
      if (input.name !== undefined && input.name !== current.name) set.name = input.name;
      if (input.position !== undefined && input.position !== current.position) set.position = input.position;
      if (!Object.keys(set).length) return current;
      await trx
        .updateTable('faq_groups')
        .set({ ...set, updated_at: this.#now() })
        .where('id', '=', id)
        .execute();
      await this.#audit(trx, change, 'faq_group.updated', { type: 'faq_group', id }, { ...set });
      return this.#group(id, trx);
    });
  }

  /** Removes a group without questions: 409 CONFLICT while it has some. */
  async deleteGroup(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const current = await this.#group(id, trx);
      if (current.items.length)
        throw ContentErrors.conflict(
          `“${current.name}” holds ${current.items.length} question${current.items.length === 1 ? '' : 's'}: move or delete them first.`,
        );
      await trx.deleteFrom('faq_groups').where('id', '=', id).execute();
      await this.#audit(trx, change, 'faq_group.deleted', { type: 'faq_group', id }, { name: current.name });
    });
  }

  async #groupExists(trx: Trx, groupId: string): Promise<void> {
    const row = await trx.selectFrom('faq_groups').select('id').where('id', '=', groupId).executeTakeFirst();
    if (!row) throw ContentErrors.field('groupId', 'There is no such group');
  }

  async #nextItemPosition(trx: Trx, groupId: string): Promise<number> {
    const last = await trx
      .selectFrom('faq_items')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('group_id', '=', groupId)
      .executeTakeFirst();
    return last?.p == null ? 0 : Number(last.p) + 1;
  }

  /** Adds a question and its answer (Markdown), last in its group unless a position is given. */
  async createItem(input: ItemInput, change: StaffChange): Promise<AdminFaqItem> {
    const id = this.#d.ids('faqi');
    const now = this.#now();
    const { html, text } = renderMarkdown(input.answer, { kind: 'document' });
    return this.#d.db.transaction().execute(async (trx) => {
      await this.#groupExists(trx, input.groupId);
      await trx
        .insertInto('faq_items')
        .values({
          id,
          group_id: input.groupId,
          question: input.question,
          answer: input.answer,
          html,
          text,
          position: input.position ?? (await this.#nextItemPosition(trx, input.groupId)),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.#audit(
        trx,
        change,
        'faq_item.created',
        { type: 'faq_item', id },
        { groupId: input.groupId, question: input.question },
      );
      return itemView(await this.#item(id, trx));
    });
  }

  /** Edits, moves or reorders a question (the fields sent); a new answer is rendered again. */
  async updateItem(id: string, input: ItemUpdate, change: StaffChange): Promise<AdminFaqItem> {
    const answer =
      input.answer === undefined
        ? undefined
        : { answer: input.answer, ...renderMarkdown(input.answer, { kind: 'document' }) };
    return this.#d.db.transaction().execute(async (trx) => {
      const current = await this.#item(id, trx);
      const set: Updateable<FaqItemsTable> = {};
      if (input.question !== undefined && input.question !== current.question) set.question = input.question;
      if (input.groupId !== undefined && input.groupId !== current.group_id) {
        await this.#groupExists(trx, input.groupId);
        set.group_id = input.groupId;
        if (input.position === undefined) set.position = await this.#nextItemPosition(trx, input.groupId);
      }
      if (input.position !== undefined && input.position !== current.position) set.position = input.position;
      if (answer && answer.answer !== current.answer) Object.assign(set, answer);
      if (!Object.keys(set).length) return itemView(current);
      await trx
        .updateTable('faq_items')
        .set({ ...set, updated_at: this.#now() })
        .where('id', '=', id)
        .execute();
      const { html: _html, text: _text, answer: changedAnswer, ...fields } = set;
      await this.#audit(
        trx,
        change,
        'faq_item.updated',
        { type: 'faq_item', id },
        { ...fields, ...(changedAnswer !== undefined && { answerChanged: true }) },
      );
      return itemView(await this.#item(id, trx));
    });
  }

  async deleteItem(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const current = await this.#item(id, trx);
      await trx.deleteFrom('faq_items').where('id', '=', id).execute();
      await this.#audit(
        trx,
        change,
        'faq_item.deleted',
        { type: 'faq_item', id },
        { groupId: current.group_id, question: current.question },
      );
    });
  }
}

function itemView(row: ItemRow): AdminFaqItem {
  return {
    id: row.id,
    groupId: row.group_id,
    question: row.question,
    answer: row.answer,
    html: row.html,
    position: row.position,
    updatedAt: row.updated_at,
  };
}

function groupView(group: GroupRow, items: readonly ItemRow[]): AdminFaqGroup {
  return { id: group.id, name: group.name, position: group.position, items: items.map(itemView) };
}
