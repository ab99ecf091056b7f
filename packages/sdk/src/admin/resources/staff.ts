import {
  type AuditEntry,
  type AuditQuery,
  type StaffCreateInput,
  type StaffMember,
  type StaffUpdateInput,
  staffRoutes,
} from '../../contract/staff.js';
import type { HttpClient } from '../../client/http.js';

/**
 * Staff members (admin role).
 *
 * @example
 * ```ts
 * await admin.staff.create({ email: 'sam@example.com', name: 'Sam', role: 'support' });
 * ```
 */
export class StaffResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Every staff member. */
  async list(): Promise<StaffMember[]> {
    return (await this.#http.send(staffRoutes.list)).items;
  }

  /** Invites a staff member by email. */
  create(input: StaffCreateInput): Promise<StaffMember> {
    return this.#http.send(staffRoutes.create, { body: input });
  }

  /** Renames, changes the role of, disables or re-enables a staff member. */
  update(staffId: string, input: StaffUpdateInput): Promise<StaffMember> {
    return this.#http.send(staffRoutes.update, { params: { staffId }, body: input });
  }

  /** Sends a fresh invitation to a member who has not accepted theirs. */
  resendInvitation(staffId: string): Promise<StaffMember> {
    return this.#http.send(staffRoutes.resendInvitation, { params: { staffId } });
  }

  /** Clears a staff member's TOTP. */
  resetTotp(staffId: string): Promise<StaffMember> {
    return this.#http.send(staffRoutes.resetTotp, { params: { staffId } });
  }
}

/**
 * The audit log (admin role).
 *
 * @example
 * ```ts
 * const page = await admin.audit.list({ action: 'auth.', limit: 50 });
 * ```
 */
export class AuditResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Newest first; pass `nextCursor` back as `cursor` for the next page. */
  list(query: AuditQuery = {}): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    return this.#http.send(staffRoutes.audit, { query });
  }
}
