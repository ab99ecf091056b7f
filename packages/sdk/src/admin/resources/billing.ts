import {
  type AdminCancellation,
  type AdminGateway,
  type AdminInvoice,
  type AdminInvoiceQuery,
  type AdminInvoiceSummary,
  type AdminOrder,
  type AdminPayment,
  type AdminProduct,
  type AdminProductGroup,
  type AdminService,
  type BillingSettings,
  type BillingSettingsInput,
  billingAdminRoutes as routes,
  type CreditAdjustmentInput,
  type GatewayUpdateInput,
  type InvoiceCreateInput,
  type InvoiceUpdateInput,
  type ProductGroupInput,
  type ProductGroupUpdate,
  type ProductInput,
  type ProductUpdate,
  type RecordPaymentInput,
  type RefundInput,
  type ServiceUpdateInput,
} from '../../contract/billing-admin.js';
import type {
  CreditEntry,
  Money,
  OrderStatus,
  PaymentStatus,
  ServiceStatus,
} from '../../contract/billing.js';
import type { HttpClient } from '../../client/http.js';

type Page<T> = { items: T[]; nextCursor: string | null };
interface PageOptions {
  limit?: number;
  cursor?: string;
}

/**
 * Product groups and products with their prices.
 *
 * @example
 * ```ts
 * const group = await admin.products.createGroup({ name: 'Web hosting' });
 * await admin.products.create({ groupId: group.id, name: 'Starter', prices: [{ currency: 'USD', cycle: 'monthly', amount: 500 }] });
 * ```
 */
export class ProductsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }
  async groups(): Promise<AdminProductGroup[]> {
    return (await this.#http.send(routes.listGroups)).items;
  }
  createGroup(input: ProductGroupInput): Promise<AdminProductGroup> {
    return this.#http.send(routes.createGroup, { body: input });
  }
  updateGroup(groupId: string, input: ProductGroupUpdate): Promise<AdminProductGroup> {
    return this.#http.send(routes.updateGroup, { params: { groupId }, body: input });
  }
  removeGroup(groupId: string): Promise<void> {
    return this.#http.send(routes.removeGroup, { params: { groupId } });
  }
  async list(): Promise<AdminProduct[]> {
    return (await this.#http.send(routes.listProducts)).items;
  }
  get(productId: string): Promise<AdminProduct> {
    return this.#http.send(routes.getProduct, { params: { productId } });
  }
  create(input: ProductInput): Promise<AdminProduct> {
    return this.#http.send(routes.createProduct, { body: input });
  }
  /** Changes the fields sent; `prices`, when sent, replaces every price. */
  update(productId: string, input: ProductUpdate): Promise<AdminProduct> {
    return this.#http.send(routes.updateProduct, { params: { productId }, body: input });
  }
  remove(productId: string): Promise<void> {
    return this.#http.send(routes.removeProduct, { params: { productId } });
  }
}

/** Orders. */
export class AdminOrdersResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }
  list(options: PageOptions & { status?: OrderStatus; accountId?: string } = {}): Promise<Page<AdminOrder>> {
    return this.#http.send(routes.listOrders, { query: { ...options } });
  }
  get(orderId: string): Promise<AdminOrder> {
    return this.#http.send(routes.getOrder, { params: { orderId } });
  }
  cancel(orderId: string): Promise<AdminOrder> {
    return this.#http.send(routes.cancelOrder, { params: { orderId } });
  }
}

/**
 * Invoices: write, issue, cancel, refund, record offline payments; and payments and credit.
 *
 * @example
 * ```ts
 * const invoice = await admin.invoices.create({ accountId, lines: [{ description: 'Consulting', unitAmount: 12000, quantity: 3 }], issue: true });
 * await admin.invoices.recordPayment(invoice.id, { amount: invoice.total, method: 'Bank transfer', reference: 'BT-123' });
 * ```
 */
export class AdminInvoicesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }
  list(options: AdminInvoiceQuery = {}): Promise<Page<AdminInvoiceSummary>> {
    return this.#http.send(routes.listInvoices, { query: { ...options } });
  }
  get(invoiceId: string): Promise<AdminInvoice> {
    return this.#http.send(routes.getInvoice, { params: { invoiceId } });
  }
  create(input: InvoiceCreateInput): Promise<AdminInvoice> {
    return this.#http.send(routes.createInvoice, { body: input });
  }
  update(invoiceId: string, input: InvoiceUpdateInput): Promise<AdminInvoice> {
    return this.#http.send(routes.updateInvoice, { params: { invoiceId }, body: input });
  }
  issue(invoiceId: string): Promise<AdminInvoice> {
    return this.#http.send(routes.issueInvoice, { params: { invoiceId } });
  }
  cancel(invoiceId: string): Promise<AdminInvoice> {
    return this.#http.send(routes.cancelInvoice, { params: { invoiceId } });
  }
  refund(
    invoiceId: string,
    input: RefundInput = {},
    options: { idempotencyKey?: string } = {},
  ): Promise<AdminInvoice> {
    return this.#http.send(routes.refundInvoice, { params: { invoiceId }, body: input, ...options });
  }
  recordPayment(
    invoiceId: string,
    input: RecordPaymentInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<AdminInvoice> {
    return this.#http.send(routes.recordPayment, { params: { invoiceId }, body: input, ...options });
  }
  pdf(invoiceId: string): Promise<Blob> {
    return this.#http.download(routes.invoicePdf, { params: { invoiceId } });
  }
  payments(
    options: PageOptions & { status?: PaymentStatus; gateway?: string; accountId?: string } = {},
  ): Promise<Page<AdminPayment>> {
    return this.#http.send(routes.listPayments, { query: { ...options } });
  }
  credit(accountId: string): Promise<{ balances: Money[]; entries: CreditEntry[] }> {
    return this.#http.send(routes.accountCredit, { params: { accountId } });
  }
  adjustCredit(
    accountId: string,
    input: CreditAdjustmentInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<{ balances: Money[]; entries: CreditEntry[] }> {
    return this.#http.send(routes.adjustCredit, { params: { accountId }, body: input, ...options });
  }
}

/** Services and cancellation requests. */
export class AdminServicesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }
  list(
    options: PageOptions & { status?: ServiceStatus; accountId?: string } = {},
  ): Promise<Page<AdminService>> {
    return this.#http.send(routes.listServices, { query: { ...options } });
  }
  get(serviceId: string): Promise<AdminService> {
    return this.#http.send(routes.getService, { params: { serviceId } });
  }
  update(serviceId: string, input: ServiceUpdateInput): Promise<AdminService> {
    return this.#http.send(routes.updateService, { params: { serviceId }, body: input });
  }
  suspend(serviceId: string, reason: string): Promise<AdminService> {
    return this.#http.send(routes.suspendService, { params: { serviceId }, body: { reason } });
  }
  unsuspend(serviceId: string): Promise<AdminService> {
    return this.#http.send(routes.unsuspendService, { params: { serviceId } });
  }
  activate(serviceId: string): Promise<AdminService> {
    return this.#http.send(routes.activateService, { params: { serviceId } });
  }
  cancel(serviceId: string): Promise<AdminService> {
    return this.#http.send(routes.cancelService, { params: { serviceId } });
  }
  cancellations(
    options: PageOptions & { status?: AdminCancellation['status'] } = {},
  ): Promise<Page<AdminCancellation>> {
    return this.#http.send(routes.listCancellations, { query: { ...options } });
  }
  approveCancellation(cancellationId: string): Promise<AdminCancellation> {
    return this.#http.send(routes.approveCancellation, { params: { cancellationId } });
  }
  rejectCancellation(cancellationId: string, note: string): Promise<AdminCancellation> {
    return this.#http.send(routes.rejectCancellation, { params: { cancellationId }, body: { note } });
  }
}

/** Billing settings (numbering, terms, reminders, suspension, tax) and payment gateways. */
export class BillingSettingsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }
  get(): Promise<BillingSettings> {
    return this.#http.send(routes.getSettings);
  }
  update(input: BillingSettingsInput): Promise<BillingSettings> {
    return this.#http.send(routes.updateSettings, { body: input });
  }
  async gateways(): Promise<AdminGateway[]> {
    return (await this.#http.send(routes.listGateways)).items;
  }
  updateGateway(gatewayId: AdminGateway['id'], input: GatewayUpdateInput): Promise<AdminGateway> {
    return this.#http.send(routes.updateGateway, { params: { gatewayId }, body: input });
  }
}
