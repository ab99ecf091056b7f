import type { Db } from '../../db/database.js';
import type { Clock } from '../../deps.js';

/** Business settings with their defaults. Staff edit them in the admin console. */
export interface PortalSettings {
  businessName: string;
  /** Registering again with a known email adds an account to that user (true) or is refused by email (false). */
  allowDuplicateAccounts: boolean;
  defaultCurrency: string;
  /** Origins allowed to embed the portal, on top of PORTICO_ALLOWED_ORIGINS. */
  allowedOrigins: string[];
  demoSeeded: boolean;
}

export const DEFAULT_SETTINGS: PortalSettings = {
  businessName: 'Portico',
  allowDuplicateAccounts: false,
  defaultCurrency: 'USD',
  allowedOrigins: [],
  demoSeeded: false,
};

/** Settings in the `settings` table, cached in memory and reloaded on write (one row per key, JSON values). */
export class Settings {
  #cache: PortalSettings | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async load(): Promise<PortalSettings> {
    const rows = await this.db.selectFrom('settings').select(['key', 'value']).execute();
    const values: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      if (row.key in DEFAULT_SETTINGS) values[row.key] = JSON.parse(row.value);
    }
    this.#cache = values as unknown as PortalSettings;
    return this.#cache;
  }

  /** The last loaded settings (load() runs at start). */
  get current(): PortalSettings {
    return this.#cache ?? DEFAULT_SETTINGS;
  }

  async set<K extends keyof PortalSettings>(key: K, value: PortalSettings[K]): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
    await this.load();
  }
}
