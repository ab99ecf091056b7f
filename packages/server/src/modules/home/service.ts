import type {
  HomeQuerySchema,
  HomeSettings,
  HomeSettingsInputSchema,
  Home,
  Product,
} from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Auth } from '../../http/auth.js';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import type { AnnouncementsService } from '../announcements/service.js';
import type { CatalogService } from '../billing/catalog.js';
import type { StaffChange } from '../settings/service.js';
import type { HomeRules, Settings } from '../settings/settings.js';

type HomeQuery = z.output<typeof HomeQuerySchema>;
type HomeSettingsInput = z.output<typeof HomeSettingsInputSchema>;

export interface HomeDeps {
  db: Db;
  settings: Settings;
  audit: AuditLog;
  catalog: CatalogService;
  announcements: AnnouncementsService;
}

const view = (rules: HomeRules): HomeSettings => ({
  hero: rules.hero,
  featuredLimit: rules.featuredLimit,
  announcementsLimit: rules.announcementsLimit,
});

/**
 * The portal home: the hero staff write, the store's featured products and the latest announcements, each only
 * while its section is shown. Its settings live in `settings.home`.
 */
export class HomeService {
  readonly #d: HomeDeps;

  constructor(deps: HomeDeps) {
    this.#d = deps;
  }

  /**
   * What `<portal-home>` draws: featured products in stock (store order) priced in the currency asked for, else the
   * signed-in account's, else the default (400 CURRENCY_NOT_ENABLED for one not offered).
   */
  async home(query: HomeQuery, auth: Auth | undefined): Promise<Home> {
    const { home, sections } = this.#d.settings.current;
    const currency = await this.#d.catalog.currencyFor(query.currency, auth);
    const [featuredProducts, announcements] = await Promise.all([
      this.#featured(currency, home.featuredLimit, sections.store, auth),
      this.#d.announcements.latest(home.announcementsLimit),
    ]);
    return { hero: home.hero, sections: { ...sections }, currency, featuredProducts, announcements };
  }

  async #featured(
    currency: string,
    limit: number,
    shown: boolean,
    auth: Auth | undefined,
  ): Promise<Product[]> {
    if (!shown || limit <= 0) return [];
    const catalog = await this.#d.catalog.catalog({ currency }, auth);
    return catalog.groups
      .flatMap((group) => group.products)
      .filter((product) => product.featured && product.inStock)
      .slice(0, limit);
  }

  settings(): HomeSettings {
    return view(this.#d.settings.current.home);
  }

  /** Changes the hero or the counts (the fields sent), with its audit entry in the same transaction. */
  async update(input: HomeSettingsInput, change: StaffChange): Promise<HomeSettings> {
    const current = this.#d.settings.current.home;
    const next: HomeRules = {
      hero: input.hero ?? current.hero,
      featuredLimit: input.featuredLimit ?? current.featuredLimit,
      announcementsLimit: input.announcementsLimit ?? current.announcementsLimit,
    };
    await this.#d.settings.update({ home: next }, async (trx) => {
      await trx
        .insertInto('audit_log')
        .values(
          this.#d.audit.row(
            staffRecord(change, {
              action: 'home_settings.updated',
              target: { type: 'settings', id: 'home' },
              details: {
                fields: Object.keys(input).filter((k) => input[k as keyof HomeSettingsInput] !== undefined),
              },
            }),
          ),
        )
        .execute();
    });
    return this.settings();
  }
}
