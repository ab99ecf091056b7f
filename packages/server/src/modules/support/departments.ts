import type {
  AdminDepartment,
  DepartmentInputSchema,
  DepartmentUpdateSchema,
  SupportSettings,
  SupportSettingsInputSchema,
} from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings, SupportRules } from '../settings/settings.js';
import { SupportErrors } from './errors.js';
import { type DepartmentRow, SupportStore } from './store.js';

type DepartmentInput = z.output<typeof DepartmentInputSchema>;
type DepartmentUpdate = z.output<typeof DepartmentUpdateSchema>;
type SettingsInput = z.output<typeof SupportSettingsInputSchema>;

export interface SupportDepartmentsDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
}

const toAdminDepartment = (row: DepartmentRow, tickets: number): AdminDepartment => ({
  id: row.id,
  name: row.name,
  description: row.description,
  visible: row.visible === 1,
  position: row.position,
  tickets,
});

const taken = (name: string) => SupportErrors.conflict(`A department named “${name}” already exists.`);

/** Departments and the support settings, as staff manage them. Every change commits with its audit entry. */
export class SupportDepartments {
  readonly #d: SupportDepartmentsDeps;
  readonly #store: SupportStore;

  constructor(deps: SupportDepartmentsDeps) {
    this.#d = deps;
    this.#store = new SupportStore(deps.db);
  }

  #audit(change: StaffChange, action: string, id: string, details: Record<string, unknown>) {
    return this.#d.audit.row(
      staffRecord(change, { action, target: { type: 'support_department', id }, details }),
    );
  }

  async list(): Promise<AdminDepartment[]> {
    const [rows, counts] = await Promise.all([this.#store.departments(), this.#store.ticketsPerDepartment()]);
    return rows.map((row) => toAdminDepartment(row, counts.get(row.id) ?? 0));
  }

  async create(input: DepartmentInput, change: StaffChange): Promise<AdminDepartment> {
    const now = this.#d.clock.now().toISOString();
    const row: DepartmentRow = {
      id: this.#d.ids('dep'),
      name: input.name,
      description: input.description ?? '',
      visible: input.visible === false ? 0 : 1,
      position: input.position ?? 0,
      created_at: now,
      updated_at: now,
    };
    const audit = this.#audit(change, 'support.department_created', row.id, {
      name: row.name,
      visible: row.visible === 1,
    });
    if (!(await this.#store.insertDepartment(row, audit))) throw taken(input.name);
    return toAdminDepartment(row, 0);
  }

  async update(id: string, input: DepartmentUpdate, change: StaffChange): Promise<AdminDepartment> {
    const set: Partial<DepartmentRow> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.description !== undefined) set.description = input.description;
    if (input.visible !== undefined) set.visible = input.visible ? 1 : 0;
    if (input.position !== undefined) set.position = input.position;
    const result = await this.#store.updateDepartment(
      id,
      { ...set, updated_at: this.#d.clock.now().toISOString() },
      this.#audit(change, 'support.department_updated', id, { ...input }),
    );
    if (result === 'missing') throw SupportErrors.departmentNotFound();
    if (result === 'taken') throw taken(input.name ?? '');
    const counts = await this.#store.ticketsPerDepartment();
    return toAdminDepartment(result, counts.get(id) ?? 0);
  }

  /** Removes a department no ticket is in (409 CONFLICT otherwise: move or keep them). */
  async remove(id: string, change: StaffChange): Promise<void> {
    const department = await this.#store.department(id);
    if (!department) throw SupportErrors.departmentNotFound();
    const result = await this.#store.deleteDepartment(
      id,
      this.#audit(change, 'support.department_deleted', id, { name: department.name }),
    );
    if (result === 'missing') throw SupportErrors.departmentNotFound();
    if (result === 'in use') {
      throw SupportErrors.conflict(
        `“${department.name}” has tickets. Move them to another department, or hide it from clients instead.`,
      );
    }
  }

  settings(): SupportSettings {
    const rules = this.#d.settings.current.support;
    return {
      attachments: {
        maxBytes: rules.attachmentMaxBytes,
        maxFiles: rules.attachmentMaxFiles,
        types: rules.attachmentTypes,
      },
      autoCloseDays: rules.autoCloseDays,
    };
  }

  /** Changes the attachment rules or auto-close (only what is sent), in one transaction with its audit entry. */
  async updateSettings(input: SettingsInput, change: StaffChange): Promise<SupportSettings> {
    const current = this.#d.settings.current.support;
    const next: SupportRules = {
      attachmentMaxBytes: input.attachments?.maxBytes ?? current.attachmentMaxBytes,
      attachmentMaxFiles: input.attachments?.maxFiles ?? current.attachmentMaxFiles,
      attachmentTypes: input.attachments?.types ?? current.attachmentTypes,
      autoCloseDays: input.autoCloseDays === undefined ? current.autoCloseDays : input.autoCloseDays,
    };
    const changed = Object.fromEntries(
      (Object.keys(next) as Array<keyof SupportRules>)
        .filter((key) => JSON.stringify(next[key]) !== JSON.stringify(current[key]))
        .map((key) => [key, { from: current[key], to: next[key] }]),
    );
    if (Object.keys(changed).length) {
      await this.#d.settings.update({ support: next }, async (trx) => {
        await trx
          .insertInto('audit_log')
          .values(
            this.#d.audit.row(
              staffRecord(change, {
                action: 'support_settings.updated',
                target: { type: 'settings', id: 'support' },
                details: changed,
              }),
            ),
          )
          .execute();
      });
    }
    return this.settings();
  }
}
