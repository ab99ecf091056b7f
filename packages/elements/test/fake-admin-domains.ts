import type {
  AdminDomain,
  AdminTld,
  DomainSettings,
  DomainTask,
  RegistrarInfo,
  TldPrice,
} from '@portico/sdk/admin';
import { domainToUnicode } from '@portico/sdk';
import { FakeAdminBilling } from './fake-admin-billing.js';
import { type FakeAccount, type FakeStaff, json, notFound, pageOf, problem } from './fake-admin.js';

/** A TLD as the fake stores it (its domain count is worked out when listed). */
type FakeTld = Omit<AdminTld, 'domains'>;

/** A whole price grid for one currency: `register` 1 year costs `oneYear`, n years n × that; renew the same. */
export function grid(currency: string, oneYear: number, transfer = oneYear): TldPrice[] {
  const prices: TldPrice[] = [];
  for (const action of ['register', 'renew'] as const) {
    for (let years = 1; years <= 10; years++)
      prices.push({ currency, action, years, amount: oneYear * years });
  }
  prices.push({ currency, action: 'transfer', years: 1, amount: transfer });
  return prices;
}

/**
 * The fake staff API with billing and domains: TLDs with their price grids, registrars, domain settings, and
 * clients' domains with their registrar tasks. Seeded with `.com` (local registrar, USD and EUR prices), `.dev`
 * (availability from RDAP), `.net` (no prices yet) and a disabled `.рф`; Acme Ltd has an active `example.com`, an
 * active IDN `bücher.com` and a failed `acme-shop.net`; Globex has an unpaid `globex.dev`.
 */
export class FakeAdminDomains extends FakeAdminBilling {
  readonly tlds: FakeTld[] = [];
  readonly domains: AdminDomain[] = [];
  readonly registrars: RegistrarInfo[] = [
    { id: 'local', name: 'Local registrar', kind: 'registrar' },
    { id: 'openreg', name: 'OpenReg', kind: 'registrar' },
    { id: 'rdap', name: 'RDAP', kind: 'checker' },
  ];
  domainSettings: DomainSettings = {
    defaultNameservers: ['ns1.portico.test', 'ns2.portico.test'],
    renewalLeadDays: 30,
    privacyByDefault: true,
  };
  /** Whether the registrar refuses the next sync. */
  registrarDown = false;
  /** Whether the next retry fails again at the registrar. */
  retryFails = false;

  constructor() {
    super();
    this.addTld({ tld: 'com', position: 10, prices: [...grid('USD', 1200), ...grid('EUR', 1100)] });
    this.addTld({
      tld: 'dev',
      position: 20,
      availability: 'rdap',
      rdapServer: 'https://rdap.nic.google/',
      prices: grid('USD', 1500),
    });
    this.addTld({ tld: 'net', position: 30, registrar: 'openreg' });
    this.addTld({ tld: 'xn--p1ai', position: 40, enabled: false });
    const acme = this.account('Acme Ltd');
    const globex = this.account('Globex');
    this.addDomain(acme, { domain: 'example.com', status: 'active' });
    this.addDomain(acme, {
      domain: 'xn--bcher-kva.com',
      status: 'active',
      autoRenew: false,
      locked: false,
      privacy: false,
    });
    const failed = this.addDomain(acme, {
      domain: 'acme-shop.net',
      status: 'failed',
      registeredAt: null,
      expiresAt: null,
      nameservers: [],
      lastError: 'The registry refused: name server ns1.broken.test does not resolve.',
    });
    failed.tasks = [
      this.#task({
        kind: 'register',
        status: 'failed',
        attempts: 5,
        lastError: 'The registry refused: name server ns1.broken.test does not resolve.',
        invoiceId: failed.invoiceId,
      }),
    ];
    this.addDomain(globex, {
      domain: 'globex.dev',
      status: 'pending',
      registeredAt: null,
      expiresAt: null,
      nameservers: [],
    });
  }

  addTld(o: Partial<FakeTld> & { tld: string }): FakeTld {
    const tld: FakeTld = {
      unicode: domainToUnicode(o.tld),
      enabled: true,
      position: (this.tlds.at(-1)?.position ?? 0) + 10,
      registrar: 'local',
      availability: 'registrar',
      rdapServer: null,
      prices: [],
      ...o,
    };
    this.tlds.push(tld);
    return tld;
  }

  addDomain(account: FakeAccount, o: Partial<AdminDomain> & { domain: string }): AdminDomain {
    const tld = o.domain.slice(o.domain.indexOf('.') + 1);
    const domain: AdminDomain = {
      id: this.newId('dom'),
      unicode: domainToUnicode(o.domain),
      tld,
      status: 'active',
      action: 'register',
      registeredAt: '2024-06-01T10:00:00.000Z',
      expiresAt: '2026-06-01T10:00:00.000Z',
      autoRenew: true,
      privacy: true,
      locked: true,
      nameservers: ['ns1.portico.test', 'ns2.portico.test'],
      invoiceId: this.newId('inv'),
      renewalInvoiceId: null,
      renewPrice: { amount: 1200, currency: account.currency },
      createdAt: this.now(),
      accountId: account.id,
      accountName: account.name,
      registrar: this.tlds.find((t) => t.tld === tld)?.registrar ?? 'local',
      lastError: null,
      tasks: [],
      ...o,
    };
    this.domains.unshift(domain);
    return domain;
  }

  /** The stored TLD `tld` (ASCII). */
  tld(tld: string): FakeTld {
    const found = this.tlds.find((t) => t.tld === tld);
    if (!found) throw new Error(`No TLD ${tld}`);
    return found;
  }

  /** The domain named `name` (ASCII). */
  domain(name: string): AdminDomain {
    const found = this.domains.find((d) => d.domain === name);
    if (!found) throw new Error(`No domain ${name}`);
    return found;
  }

  protected override handleMore(
    id: string,
    params: Record<string, string>,
    body: any,
    query: any,
    me: FakeStaff | undefined,
  ): Response | undefined {
    const billing = super.handleMore(id, params, body, query, me);
    if (billing || !id.startsWith('adminDomains.')) return billing;
    const tld = params.tld ? this.tlds.find((t) => t.tld === params.tld) : undefined;
    const domain = params.domainId ? this.domains.find((d) => d.id === params.domainId) : undefined;
    switch (id.slice('adminDomains.'.length)) {
      case 'listTlds':
        return json(200, {
          items: [...this.tlds].sort((a, b) => a.position - b.position).map(this.#withCount),
        });
      case 'createTld': {
        if (this.tlds.some((t) => t.tld === body.tld)) {
          return problem(409, 'CONFLICT', `The TLD ${body.tld} is already listed.`);
        }
        return json(201, this.#withCount(this.addTld(body)));
      }
      case 'updateTld':
        if (!tld) return notFound('TLD');
        Object.assign(tld, body);
        return json(200, this.#withCount(tld));
      case 'setTldPrices':
        if (!tld) return notFound('TLD');
        if (!this.settings.enabledCurrencies.includes(body.currency)) {
          return problem(422, 'CURRENCY_NOT_ENABLED', `${body.currency} is not enabled.`);
        }
        tld.prices = [
          ...tld.prices.filter((p) => p.currency !== body.currency),
          ...body.prices.map((p: Omit<TldPrice, 'currency'>) => ({ currency: body.currency, ...p })),
        ];
        return json(200, this.#withCount(tld));
      case 'removeTld':
        if (!tld) return notFound('TLD');
        if (this.domains.some((d) => d.tld === tld.tld)) {
          return problem(409, 'CONFLICT', 'Domains use this TLD. Disable it instead.');
        }
        this.tlds.splice(this.tlds.indexOf(tld), 1);
        return new Response(null, { status: 204 });
      case 'registrars':
        return json(200, { items: this.registrars });
      case 'getSettings':
        return json(200, this.domainSettings);
      case 'updateSettings':
        this.domainSettings = { ...this.domainSettings, ...body };
        return json(200, this.domainSettings);
      case 'listDomains': {
        const q = (query.q ?? '').toLowerCase();
        const items = this.domains.filter(
          (d) =>
            (!query.status || d.status === query.status) &&
            (!query.accountId || d.accountId === query.accountId) &&
            (!q || d.domain.includes(q) || d.unicode.includes(q)),
        );
        return json(200, pageOf(items, query));
      }
      case 'getDomain':
        return domain ? json(200, domain) : notFound('domain');
      case 'updateDomain':
        if (!domain) return notFound('domain');
        if (domain.status !== 'active') return notActive();
        Object.assign(domain, body);
        return json(200, domain);
      case 'retryDomain': {
        if (!domain) return notFound('domain');
        const task = domain.tasks.find((t) => t.status === 'failed');
        if (!task) return problem(409, 'CONFLICT', 'Nothing failed for this domain.');
        task.attempts++;
        task.updatedAt = this.now();
        if (this.retryFails) {
          this.retryFails = false;
          task.lastError = 'The registry timed out.';
          domain.lastError = task.lastError;
          return json(200, domain);
        }
        task.status = 'done';
        task.lastError = null;
        Object.assign(domain, {
          status: 'active',
          lastError: null,
          registeredAt: task.updatedAt,
          expiresAt: '2026-05-01T09:00:00.000Z',
          nameservers: this.domainSettings.defaultNameservers,
        });
        return json(200, domain);
      }
      case 'syncDomain':
        if (!domain) return notFound('domain');
        if (domain.status !== 'active' && domain.status !== 'expired') return notActive();
        if (this.registrarDown) {
          this.registrarDown = false;
          return problem(
            502,
            'REGISTRAR_ERROR',
            'The registrar could not be reached. Nothing was changed; try again in a moment.',
          );
        }
        domain.expiresAt = '2027-06-01T10:00:00.000Z';
        return json(200, domain);
    }
    return undefined;
  }

  #withCount = (tld: FakeTld): AdminTld => ({
    ...tld,
    domains: this.domains.filter((d) => d.tld === tld.tld).length,
  });

  #task(o: Partial<DomainTask>): DomainTask {
    const now = this.now();
    return {
      id: this.newId('dtk'),
      kind: 'register',
      years: 1,
      status: 'queued',
      attempts: 0,
      lastError: null,
      invoiceId: null,
      runAfter: now,
      createdAt: now,
      updatedAt: now,
      ...o,
    };
  }
}

const notActive = () => problem(409, 'DOMAIN_NOT_ACTIVE', 'The domain is not active.');
