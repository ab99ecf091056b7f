import type {
  AdminCancellation,
  AdminGateway,
  AdminInvoice,
  AdminOrder,
  AdminProduct,
  AdminProductGroup,
  AdminService,
  BillingSettings,
  CreditEntry,
  InvoiceLine,
  Payment,
} from '@portico/sdk/admin';
import {
  type FakeAccount,
  FakeAdmin,
  type FakeStaff,
  json,
  notFound,
  pageOf,
  problem,
} from './fake-admin.js';

/** A credit ledger row with the client it belongs to. */
interface FakeCredit extends CreditEntry {
  accountId: string;
}

/**
 * The fake staff API with billing: product groups and products, orders, invoices (with totals, tax, payments,
 * credit and refunds worked out as the server does, in integer minor units), services, cancellation requests,
 * billing settings and gateways. Seeded with a small business: Acme Ltd has paid, unpaid, overdue and draft
 * invoices, an active and a pending service, credit, and a pending cancellation request.
 */
export class FakeAdminBilling extends FakeAdmin {
  readonly groups: AdminProductGroup[] = [];
  readonly products: AdminProduct[] = [];
  readonly orders: AdminOrder[] = [];
  readonly invoices: AdminInvoice[] = [];
  readonly services: AdminService[] = [];
  readonly cancellations: AdminCancellation[] = [];
  readonly credit: FakeCredit[] = [];
  readonly gateways: AdminGateway[];
  /** Gateway secrets as sent (never returned). */
  readonly secrets = new Map<string, string>();
  billingSettings: BillingSettings;
  #n = 0;
  #at = Date.parse('2025-04-01T09:00:00Z');

  constructor() {
    super();
    this.billingSettings = {
      invoicePrefix: 'INV-',
      nextInvoiceNumber: 40,
      numberPadding: 5,
      paymentTermsDays: 14,
      renewalLeadDays: 14,
      reminderDays: [7, 3],
      overdueReminderDays: [1, 7],
      suspendAfterDays: 14,
      taxRules: [{ name: 'IVA', rateBps: 2100, country: 'ES', state: null }],
      businessAddress: '1 Harbour St\nBristol',
      taxId: 'GB123456789',
      invoiceFooter: 'Thank you for your business.',
    };
    this.gateways = [
      this.#gateway({ id: 'test', enabled: true, name: 'Test card' }),
      this.#gateway({
        id: 'manual',
        enabled: true,
        name: 'Bank transfer',
        instructions: 'Pay to IBAN GB00 0000 0000 0000.',
      }),
      this.#gateway({
        id: 'stripe',
        name: 'Card',
        apiBase: 'https://api.stripe.com',
        jsUrl: 'https://js.stripe.com/v3/',
        webhookUrl: 'https://portal.example.com/api/v1/billing/webhooks/stripe',
      }),
    ];
    const hosting = this.addGroup({ name: 'Web hosting', description: 'Shared hosting plans.' });
    this.addGroup({ name: 'Consulting' });
    const starter = this.addProduct({
      groupId: hosting.id,
      name: 'Starter',
      features: ['10 GB storage', 'Free SSL'],
      prices: [
        { currency: 'USD', cycle: 'monthly', amount: 500, setupFee: 0 },
        { currency: 'USD', cycle: 'annual', amount: 5000, setupFee: 0 },
        { currency: 'EUR', cycle: 'monthly', amount: 450, setupFee: 0 },
      ],
    });
    const business = this.addProduct({
      groupId: hosting.id,
      name: 'Business',
      featured: true,
      stock: 3,
      prices: [{ currency: 'USD', cycle: 'monthly', amount: 1500, setupFee: 1000 }],
    });
    const acme = this.account('Acme Ltd');
    const globex = this.account('Globex');
    const overdue = this.addInvoice(acme, {
      status: 'overdue',
      lines: [{ description: 'Consulting, February', quantity: 2, unitAmount: 6000 }],
    });
    overdue.dueAt = '2025-03-01T00:00:00.000Z';
    const paid = this.addInvoice(acme, {
      status: 'paid',
      lines: [{ description: 'Starter (monthly)', quantity: 1, unitAmount: 500, serviceId: null }],
    });
    const unpaid = this.addInvoice(acme, {
      status: 'unpaid',
      lines: [
        { description: 'Business (monthly)', quantity: 1, unitAmount: 1500 },
        { description: 'Business setup fee', quantity: 1, unitAmount: 1000, kind: 'setup' },
      ],
    });
    this.addInvoice(acme, {
      status: 'draft',
      lines: [{ description: 'Migration help', quantity: 3, unitAmount: 2500 }],
    });
    this.addInvoice(globex, {
      status: 'unpaid',
      currency: 'EUR',
      lines: [{ description: 'Starter (monthly)', quantity: 1, unitAmount: 450 }],
    });
    const active = this.addService(acme, starter, { status: 'active', label: 'acme.example' });
    const pending = this.addService(acme, business, { status: 'pending' });
    this.addService(globex, starter, {
      status: 'suspended',
      currency: 'EUR',
      amount: 450,
      suspendReason: 'Overdue invoice',
    });
    this.addOrder(acme, starter, 'active', paid, [active.id]);
    this.addOrder(acme, business, 'pending', unpaid, [pending.id]);
    this.addCancellation(active, { reason: 'Moving to another host.' });
    this.addCredit(acme.id, 'USD', 500, 'Goodwill for the outage', 'adjustment');
    this.addCredit(acme.id, 'USD', -200, 'Applied to an invoice', 'applied');
  }

  /** The client named `name`. */
  account(name: string): FakeAccount {
    const found = this.accounts.find((a) => a.name === name);
    if (!found) throw new Error(`No client ${name}`);
    return found;
  }

  /** The invoice numbered `number` (null: the first draft). */
  invoice(number: string | null): AdminInvoice {
    const found = this.invoices.find((i) => i.number === number);
    if (!found) throw new Error(`No invoice ${number}`);
    return found;
  }

  addGroup(o: Partial<AdminProductGroup> & { name: string }): AdminProductGroup {
    const group: AdminProductGroup = {
      id: this.newId('pgrp'),
      slug: slugOf(o.name),
      description: '',
      sortOrder: this.groups.length,
      hidden: false,
      productCount: 0,
      createdAt: this.now(),
      ...o,
    };
    this.groups.push(group);
    return group;
  }

  addProduct(o: Partial<AdminProduct> & { groupId: string; name: string }): AdminProduct {
    const now = this.now();
    const product: AdminProduct = {
      id: this.newId('prod'),
      slug: slugOf(o.name),
      description: '',
      features: [],
      type: 'hosting',
      featured: false,
      hidden: false,
      stock: null,
      taxable: true,
      sortOrder: this.products.length,
      prices: [],
      createdAt: now,
      updatedAt: now,
      ...o,
    };
    this.products.push(product);
    return product;
  }

  addInvoice(
    account: FakeAccount,
    o: {
      status: AdminInvoice['status'];
      currency?: string;
      lines: {
        description: string;
        quantity: number;
        unitAmount: number;
        kind?: InvoiceLine['kind'];
        serviceId?: string | null;
      }[];
    },
  ): AdminInvoice {
    const now = this.now();
    const invoice: AdminInvoice = {
      id: this.newId('inv'),
      number: null,
      status: 'draft',
      currency: o.currency ?? account.currency,
      total: 0,
      balance: 0,
      issuedAt: null,
      dueAt: null,
      paidAt: null,
      createdAt: now,
      subtotal: 0,
      taxName: null,
      taxRateBps: 0,
      tax: 0,
      creditApplied: 0,
      amountPaid: 0,
      lines: [],
      payments: [],
      billTo: { name: account.name, company: account.company, email: null, address: account.address },
      notes: '',
      accountId: account.id,
      accountName: account.name,
      orderId: null,
      cancelledAt: null,
      refundedAt: null,
    };
    this.#setLines(invoice, o.lines);
    this.invoices.unshift(invoice);
    if (o.status !== 'draft') this.#issue(invoice);
    if (o.status === 'paid') this.#pay(invoice, invoice.balance, 'test', 'Visa •••• 4242');
    if (o.status === 'overdue') invoice.status = 'overdue';
    return invoice;
  }

  addService(account: FakeAccount, product: AdminProduct, o: Partial<AdminService> = {}): AdminService {
    const now = this.now();
    const status = o.status ?? 'active';
    const price = product.prices[0];
    const service: AdminService = {
      id: this.newId('svc'),
      productId: product.id,
      productName: product.name,
      label: null,
      status,
      cycle: price?.cycle ?? 'monthly',
      currency: price?.currency ?? 'USD',
      amount: price?.amount ?? 0,
      nextDueAt: status === 'pending' || status === 'cancelled' ? null : '2025-05-01T00:00:00.000Z',
      activatedAt: status === 'pending' ? null : now,
      suspendedAt: status === 'suspended' ? now : null,
      suspendReason: null,
      cancelledAt: status === 'cancelled' ? now : null,
      createdAt: now,
      cancellation: null,
      accountId: account.id,
      accountName: account.name,
      ...o,
    };
    this.services.unshift(service);
    return service;
  }

  addOrder(
    account: FakeAccount,
    product: AdminProduct,
    status: AdminOrder['status'],
    invoice: AdminInvoice,
    serviceIds: string[],
  ): AdminOrder {
    const order: AdminOrder = {
      domains: [],
      id: this.newId('ord'),
      status,
      currency: invoice.currency,
      total: invoice.total,
      invoiceId: invoice.id,
      items: [{ productId: product.id, name: product.name, cycle: 'monthly', quantity: 1, serviceIds }],
      createdAt: this.now(),
      accountId: account.id,
      accountName: account.name,
    };
    invoice.orderId = order.id;
    this.orders.unshift(order);
    return order;
  }

  addCancellation(service: AdminService, o: Partial<AdminCancellation> = {}): AdminCancellation {
    const cancellation: AdminCancellation = {
      id: this.newId('can'),
      serviceId: service.id,
      type: 'end_of_period',
      reason: 'No longer needed.',
      status: 'pending',
      effectiveAt: null,
      staffNote: null,
      createdAt: this.now(),
      processedAt: null,
      accountId: service.accountId,
      accountName: service.accountName,
      productName: service.productName,
      requestedBy: 'ada@acme.test',
      ...o,
    };
    this.cancellations.unshift(cancellation);
    service.cancellation = this.#plainCancellation(cancellation);
    return cancellation;
  }

  addCredit(
    accountId: string,
    currency: string,
    amount: number,
    description: string,
    kind: CreditEntry['kind'],
    invoiceId: string | null = null,
  ): FakeCredit {
    const entry: FakeCredit = {
      id: this.newId('cre'),
      accountId,
      currency,
      amount,
      kind,
      description,
      invoiceId,
      createdAt: this.now(),
    };
    this.credit.unshift(entry);
    return entry;
  }

  /** A client's credit balance in `currency`. */
  balanceOf(accountId: string, currency: string): number {
    return this.credit
      .filter((e) => e.accountId === accountId && e.currency === currency)
      .reduce((sum, e) => sum + e.amount, 0);
  }

  protected override handleMore(
    id: string,
    params: Record<string, string>,
    body: any,
    query: any,
    _me: FakeStaff | undefined,
  ): Response | undefined {
    if (!id.startsWith('adminBilling.')) return undefined;
    switch (id.slice('adminBilling.'.length)) {
      case 'listGroups':
        return json(200, { items: this.groups.map((g) => this.#withCount(g)) });
      case 'createGroup':
        return json(201, this.#withCount(this.addGroup(body)));
      case 'updateGroup': {
        const group = this.groups.find((g) => g.id === params.groupId);
        if (!group) return notFound('product group');
        Object.assign(group, body);
        return json(200, this.#withCount(group));
      }
      case 'removeGroup': {
        const at = this.groups.findIndex((g) => g.id === params.groupId);
        if (at < 0) return notFound('product group');
        if (this.products.some((p) => p.groupId === params.groupId)) {
          return problem(409, 'CONFLICT', 'This group still has products. Move or remove them first.');
        }
        this.groups.splice(at, 1);
        return new Response(null, { status: 204 });
      }
      case 'listProducts':
        return json(200, { items: this.products });
      case 'getProduct':
      case 'updateProduct':
      case 'removeProduct': {
        const product = this.products.find((p) => p.id === params.productId);
        if (!product) return notFound('product');
        if (id.endsWith('removeProduct')) {
          if (this.orders.some((o) => o.items.some((i) => i.productId === product.id))) {
            return problem(409, 'CONFLICT', 'Clients have ordered this product: hide it instead.');
          }
          this.products.splice(this.products.indexOf(product), 1);
          return new Response(null, { status: 204 });
        }
        if (id.endsWith('updateProduct')) {
          const refused = this.#checkPrices(body.prices);
          if (refused) return refused;
          Object.assign(product, this.#productFields(body), { updatedAt: this.now() });
        }
        return json(200, product);
      }
      case 'createProduct': {
        if (!this.groups.some((g) => g.id === body.groupId)) return notFound('product group');
        const refused = this.#checkPrices(body.prices);
        if (refused) return refused;
        return json(201, this.addProduct(this.#productFields(body)));
      }
      case 'listOrders':
        return json(200, pageOf(this.#filter(this.orders, query), query));
      case 'getOrder':
      case 'cancelOrder': {
        const order = this.orders.find((o) => o.id === params.orderId);
        if (!order) return notFound('order');
        if (id.endsWith('cancelOrder')) {
          if (order.status !== 'pending')
            return problem(409, 'CONFLICT', 'Only a pending order can be cancelled.');
          order.status = 'cancelled';
          const invoice = this.invoices.find((i) => i.id === order.invoiceId);
          if (invoice && invoice.status !== 'paid') this.#cancel(invoice);
        }
        return json(200, order);
      }
      case 'listInvoices': {
        const q = (query.q ?? '').toLowerCase();
        const items = this.#filter(this.invoices, query).filter(
          (i) => !q || (i.number ?? '').toLowerCase().includes(q),
        );
        return json(200, pageOf(items.map(summaryOf), query));
      }
      case 'createInvoice': {
        const account = this.accounts.find((a) => a.id === body.accountId);
        if (!account) return notFound('client');
        if (body.currency && !this.settings.enabledCurrencies.includes(body.currency)) {
          return problem(422, 'CURRENCY_NOT_ENABLED', `${body.currency} is not enabled.`);
        }
        const invoice = this.addInvoice(account, {
          status: 'draft',
          currency: body.currency,
          lines: body.lines,
        });
        invoice.notes = body.notes ?? '';
        invoice.dueAt = body.dueAt ? new Date(body.dueAt).toISOString() : null;
        if (body.issue) this.#issue(invoice);
        return json(201, invoice);
      }
      case 'getInvoice':
      case 'updateInvoice':
      case 'issueInvoice':
      case 'cancelInvoice':
      case 'refundInvoice':
      case 'recordPayment':
      case 'invoicePdf':
        return this.#invoiceAction(id.slice('adminBilling.'.length), params.invoiceId ?? '', body);
      case 'listPayments': {
        const payments = this.invoices.flatMap((i) =>
          i.payments.map((p) => ({
            ...p,
            accountId: i.accountId,
            accountName: i.accountName,
            invoiceNumber: i.number,
            reference: null,
          })),
        );
        return json(200, pageOf(this.#filter(payments, query), query));
      }
      case 'accountCredit':
      case 'adjustCredit': {
        const account = this.accounts.find((a) => a.id === params.accountId);
        if (!account) return notFound('client');
        if (id.endsWith('adjustCredit')) {
          if (!this.settings.enabledCurrencies.includes(body.currency)) {
            return problem(422, 'CURRENCY_NOT_ENABLED', `${body.currency} is not enabled.`);
          }
          if (this.balanceOf(account.id, body.currency) + body.amount < 0) {
            return problem(409, 'INSUFFICIENT_CREDIT', 'The credit balance cannot go below zero.');
          }
          this.addCredit(account.id, body.currency, body.amount, body.description, 'adjustment');
        }
        return json(id.endsWith('adjustCredit') ? 201 : 200, this.#creditOf(account.id));
      }
      case 'listServices':
        return json(200, pageOf(this.#filter(this.services, query), query));
      case 'getService':
      case 'updateService':
      case 'suspendService':
      case 'unsuspendService':
      case 'activateService':
      case 'cancelService':
        return this.#serviceAction(id.slice('adminBilling.'.length), params.serviceId ?? '', body);
      case 'listCancellations': {
        const items = this.cancellations.filter((c) => !query.status || c.status === query.status);
        return json(200, pageOf(items, query));
      }
      case 'approveCancellation':
      case 'rejectCancellation': {
        const cancellation = this.cancellations.find((c) => c.id === params.cancellationId);
        if (!cancellation) return notFound('cancellation request');
        if (cancellation.status !== 'pending') {
          return problem(409, 'CONFLICT', 'This request has already been processed.');
        }
        const service = this.services.find((s) => s.id === cancellation.serviceId);
        const now = this.now();
        cancellation.processedAt = now;
        if (id.endsWith('approveCancellation')) {
          cancellation.status = 'approved';
          cancellation.effectiveAt = cancellation.type === 'immediate' ? now : (service?.nextDueAt ?? now);
          if (service && cancellation.type === 'immediate') {
            service.status = 'cancelled';
            service.cancelledAt = now;
            service.nextDueAt = null;
          }
        } else {
          cancellation.status = 'rejected';
          cancellation.staffNote = body.note;
        }
        if (service) service.cancellation = this.#plainCancellation(cancellation);
        return json(200, cancellation);
      }
      case 'getSettings':
        return json(200, this.billingSettings);
      case 'updateSettings':
        if (
          body.nextInvoiceNumber !== undefined &&
          body.nextInvoiceNumber < this.billingSettings.nextInvoiceNumber
        ) {
          return problem(409, 'CONFLICT', 'The next number cannot go below one already used.', [
            { path: 'nextInvoiceNumber', message: 'Lower numbers are already used.' },
          ]);
        }
        Object.assign(this.billingSettings, body);
        return json(200, this.billingSettings);
      case 'listGateways':
        return json(200, { items: this.gateways });
      case 'updateGateway': {
        const gateway = this.gateways.find((g) => g.id === params.gatewayId);
        if (!gateway) return notFound('gateway');
        const { secretKey, webhookSecret, ...rest } = body;
        Object.assign(gateway, rest);
        if (secretKey) {
          this.secrets.set(`${gateway.id}.secretKey`, secretKey);
          gateway.secretKeySet = true;
        }
        if (webhookSecret) {
          this.secrets.set(`${gateway.id}.webhookSecret`, webhookSecret);
          gateway.webhookSecretSet = true;
        }
        return json(200, gateway);
      }
    }
    return undefined;
  }

  #invoiceAction(action: string, invoiceId: string, body: any): Response {
    const invoice = this.invoices.find((i) => i.id === invoiceId);
    if (!invoice) return notFound('invoice');
    const open = invoice.status === 'unpaid' || invoice.status === 'overdue';
    switch (action) {
      case 'updateInvoice':
      case 'issueInvoice':
        if (invoice.status !== 'draft') {
          return problem(409, 'INVOICE_NOT_EDITABLE', 'Only a draft invoice can be changed.');
        }
        if (action === 'issueInvoice') this.#issue(invoice);
        else {
          if (body.lines) this.#setLines(invoice, body.lines);
          if (body.currency) invoice.currency = body.currency;
          if (body.notes !== undefined) invoice.notes = body.notes;
          if (body.dueAt !== undefined)
            invoice.dueAt = body.dueAt ? new Date(body.dueAt).toISOString() : null;
        }
        break;
      case 'cancelInvoice':
        if (invoice.status !== 'draft' && !open) {
          return problem(409, 'CONFLICT', 'Only a draft or unpaid invoice can be cancelled.');
        }
        this.#cancel(invoice);
        break;
      case 'refundInvoice': {
        if (invoice.status !== 'paid')
          return problem(409, 'CONFLICT', 'Only a paid invoice can be refunded.');
        const paid = invoice.amountPaid;
        for (const payment of invoice.payments) payment.status = 'refunded';
        if (body.toCredit) {
          this.addCredit(
            invoice.accountId,
            invoice.currency,
            paid,
            `Refund of ${invoice.number}`,
            'refund',
            invoice.id,
          );
        }
        invoice.status = 'refunded';
        invoice.refundedAt = this.now();
        break;
      }
      case 'recordPayment': {
        if (!open) return problem(409, 'INVOICE_NOT_PAYABLE', 'This invoice is not waiting for payment.');
        const applied = Math.min(body.amount, invoice.balance);
        this.#pay(
          invoice,
          applied,
          'manual',
          [body.method, body.reference].filter(Boolean).join(' · ') || null,
        );
        if (body.paidAt) invoice.paidAt = invoice.paidAt && new Date(body.paidAt).toISOString();
        if (body.amount > applied) {
          this.addCredit(
            invoice.accountId,
            invoice.currency,
            body.amount - applied,
            'Overpayment',
            'overpayment',
            invoice.id,
          );
        }
        return json(201, invoice);
      }
      case 'invoicePdf':
        return new Response(new Blob(['%PDF-1.7 fake'], { type: 'application/pdf' }), {
          status: 200,
          headers: { 'content-type': 'application/pdf' },
        });
    }
    return json(200, invoice);
  }

  #serviceAction(action: string, serviceId: string, body: any): Response {
    const service = this.services.find((s) => s.id === serviceId);
    if (!service) return notFound('service');
    const now = this.now();
    const conflict = (detail: string) => problem(409, 'CONFLICT', detail);
    switch (action) {
      case 'updateService':
        if (body.label !== undefined) service.label = body.label || null;
        if (body.amount !== undefined) service.amount = body.amount;
        if (body.nextDueAt !== undefined)
          service.nextDueAt = body.nextDueAt ? new Date(body.nextDueAt).toISOString() : null;
        break;
      case 'suspendService':
        if (service.status !== 'active') return conflict('Only an active service can be suspended.');
        Object.assign(service, { status: 'suspended', suspendedAt: now, suspendReason: body.reason });
        break;
      case 'unsuspendService':
        if (service.status !== 'suspended') return conflict('This service is not suspended.');
        Object.assign(service, { status: 'active', suspendedAt: null, suspendReason: null });
        break;
      case 'activateService':
        if (service.status !== 'pending') return conflict('Only a pending service can be activated.');
        Object.assign(service, { status: 'active', activatedAt: now, nextDueAt: '2025-05-01T00:00:00.000Z' });
        break;
      case 'cancelService':
        if (service.status === 'cancelled') return conflict('This service is already cancelled.');
        Object.assign(service, { status: 'cancelled', cancelledAt: now, nextDueAt: null });
        break;
    }
    return json(200, service);
  }

  #setLines(invoice: AdminInvoice, lines: any[]) {
    invoice.lines = lines.map((l) => ({
      id: this.newId('line'),
      kind: l.kind ?? 'custom',
      description: l.description,
      quantity: l.quantity ?? 1,
      unitAmount: l.unitAmount,
      amount: (l.quantity ?? 1) * l.unitAmount,
      taxable: l.taxable ?? true,
      serviceId: l.serviceId ?? null,
      domainId: null,
      periodStart: null,
      periodEnd: null,
    }));
    const account = this.accounts.find((a) => a.id === invoice.accountId);
    const country = account?.address.country?.toUpperCase();
    const rule = this.billingSettings.taxRules.find((r) => r.country === null || r.country === country);
    const subtotal = invoice.lines.reduce((sum, l) => sum + l.amount, 0);
    const taxable = invoice.lines.filter((l) => l.taxable).reduce((sum, l) => sum + l.amount, 0);
    invoice.subtotal = subtotal;
    invoice.taxName = rule ? rule.name : null;
    invoice.taxRateBps = rule ? rule.rateBps : 0;
    invoice.tax = rule ? Math.round((taxable * rule.rateBps) / 10_000) : 0;
    invoice.total = subtotal + invoice.tax;
    invoice.balance = invoice.total - invoice.creditApplied - invoice.amountPaid;
  }

  #issue(invoice: AdminInvoice) {
    const s = this.billingSettings;
    invoice.number = `${s.invoicePrefix}${String(s.nextInvoiceNumber).padStart(s.numberPadding, '0')}`;
    s.nextInvoiceNumber++;
    invoice.status = 'unpaid';
    invoice.issuedAt = this.now();
    invoice.dueAt ??= new Date(this.#at + s.paymentTermsDays * 86_400_000).toISOString();
  }

  #pay(invoice: AdminInvoice, amount: number, gateway: string, method: string | null) {
    const payment: Payment = {
      id: this.newId('pay'),
      invoiceId: invoice.id,
      gateway,
      status: 'succeeded',
      currency: invoice.currency,
      amount,
      method,
      failureMessage: null,
      action: null,
      createdAt: this.now(),
    };
    invoice.payments.push(payment);
    invoice.amountPaid += amount;
    invoice.balance -= amount;
    if (invoice.balance <= 0) {
      invoice.status = 'paid';
      invoice.paidAt = payment.createdAt;
    }
  }

  #cancel(invoice: AdminInvoice) {
    invoice.status = 'cancelled';
    invoice.cancelledAt = this.now();
  }

  #checkPrices(prices: { currency: string }[] | undefined): Response | undefined {
    const off = prices?.find((p) => !this.settings.enabledCurrencies.includes(p.currency));
    return off ? problem(422, 'CURRENCY_NOT_ENABLED', `${off.currency} is not enabled.`) : undefined;
  }

  #productFields(body: any) {
    const { prices, ...rest } = body;
    return {
      ...rest,
      ...(rest.name && !rest.slug ? { slug: slugOf(rest.name) } : {}),
      ...(prices ? { prices: prices.map((p: any) => ({ setupFee: 0, ...p })) } : {}),
    };
  }

  #creditOf(accountId: string) {
    const entries = this.credit.filter((e) => e.accountId === accountId);
    const currencies = [...new Set(entries.map((e) => e.currency))];
    return {
      balances: currencies.map((currency) => ({ currency, amount: this.balanceOf(accountId, currency) })),
      entries: entries.map(({ accountId: _, ...entry }) => entry),
    };
  }

  #withCount(group: AdminProductGroup): AdminProductGroup {
    return { ...group, productCount: this.products.filter((p) => p.groupId === group.id).length };
  }

  #plainCancellation(c: AdminCancellation): AdminService['cancellation'] {
    const { accountId: _a, accountName: _n, productName: _p, requestedBy: _r, ...plain } = c;
    return plain;
  }

  #filter<T extends { status: string; accountId: string }>(items: T[], query: any): T[] {
    return items.filter(
      (i) =>
        (!query.status || i.status === query.status) && (!query.accountId || i.accountId === query.accountId),
    );
  }

  #gateway(o: Partial<AdminGateway> & Pick<AdminGateway, 'id' | 'name'>): AdminGateway {
    return {
      enabled: false,
      instructions: null,
      apiBase: null,
      publishableKey: null,
      jsUrl: null,
      secretKeySet: false,
      webhookSecretSet: false,
      webhookUrl: null,
      ...o,
    };
  }

  /** The fake's clock: a minute later at each call. */
  protected now() {
    this.#at += 60_000;
    return new Date(this.#at).toISOString();
  }

  /** A new id, unique within the fake. */
  protected newId(prefix: string) {
    this.#n++;
    return `${prefix}_b${String(this.#n).padStart(25, '0')}`;
  }
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** An invoice as lists show it. */
function summaryOf(i: AdminInvoice) {
  return {
    id: i.id,
    number: i.number,
    status: i.status,
    currency: i.currency,
    total: i.total,
    balance: i.balance,
    issuedAt: i.issuedAt,
    dueAt: i.dueAt,
    paidAt: i.paidAt,
    createdAt: i.createdAt,
    accountId: i.accountId,
    accountName: i.accountName,
  };
}
