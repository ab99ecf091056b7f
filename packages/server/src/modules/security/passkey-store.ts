import type { Insertable, Selectable } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import type { PasskeysTable, WebauthnChallengesTable } from '../../db/schema.js';

export type PasskeyRow = Selectable<PasskeysTable> & { transports: string };

/** SQL of passkeys and their single-use WebAuthn challenges. Passkeys are always read by their owner's id. */
export class PasskeyStore {
  constructor(private readonly db: Db) {}

  findUser(id: string) {
    return this.db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'locale', 'disabled_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  // Challenges

  async insertChallenge(row: Insertable<WebauthnChallengesTable>): Promise<void> {
    await this.db.insertInto('webauthn_challenges').values(row).execute();
  }

  /**
   * Spends a live challenge and answers it (base64url), or undefined when it is unknown, used, expired, of
   * another purpose or (for a registration) another user's. Exactly one of any parallel callers gets it.
   */
  async spendChallenge(
    id: string,
    purpose: WebauthnChallengesTable['purpose'],
    userId: string | null,
    now: string,
  ): Promise<string | undefined> {
    const row = await this.db
      .updateTable('webauthn_challenges')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => (userId === null ? eb('user_id', 'is', null) : eb('user_id', '=', userId)))
      .returning('challenge')
      .executeTakeFirst();
    return row?.challenge;
  }

  async sweepChallenges(before: string): Promise<number> {
    const r = await this.db
      .deleteFrom('webauthn_challenges')
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  // Passkeys

  listByUser(userId: string): Promise<PasskeyRow[]> {
    return this.db
      .selectFrom('passkeys')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  findByCredentialId(credentialId: string): Promise<PasskeyRow | undefined> {
    return this.db
      .selectFrom('passkeys')
      .selectAll()
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
  }

  /** Stores a new passkey; false when its credential is already registered (to anyone). */
  async insert(row: Insertable<PasskeysTable>): Promise<boolean> {
    const r = await this.db
      .insertInto('passkeys')
      .values(row)
      .onConflict((oc) => oc.column('credential_id').doNothing())
      .executeTakeFirst();
    return changedOne(r);
  }

  rename(id: string, userId: string, name: string): Promise<PasskeyRow | undefined> {
    return this.db
      .updateTable('passkeys')
      .set({ name })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
  }

  remove(id: string, userId: string): Promise<{ name: string } | undefined> {
    return this.db
      .deleteFrom('passkeys')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning('name')
      .executeTakeFirst();
  }

  /**
   * Records a sign-in: the authenticator's new counter, its backup state and the time, only if the counter is
   * still the one the assertion was checked against (a cloned authenticator racing the real one loses).
   */
  async recordUse(
    id: string,
    previousCounter: number,
    use: { counter: number; backedUp: boolean; now: string },
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('passkeys')
      .set({ counter: use.counter, backed_up: use.backedUp ? 1 : 0, last_used_at: use.now })
      .where('id', '=', id)
      .where('counter', '=', previousCounter)
      .executeTakeFirst();
    return changedOne(r);
  }
}
