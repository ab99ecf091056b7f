import type { StaffChange } from '../settings/service.js';
import type { AuditActor, AuditRecord } from './audit-log.js';

/** The staff member behind a change, as the audit log names them. */
export const staffActor = (change: StaffChange): AuditActor => ({
  type: 'staff',
  id: change.staff.staffId,
  label: change.staff.email,
});

/**
 * The audit entry of a staff change: `entry`, made by the staff member behind `change`, from where they made it.
 *
 * @example audit.row(staffRecord(change, { action: 'faq_group.deleted', target: { type: 'faq_group', id } }))
 */
export function staffRecord(change: StaffChange, entry: Omit<AuditRecord, 'actor' | 'origin'>): AuditRecord {
  return { ...entry, actor: staffActor(change), origin: change.origin };
}
