import {
  billingRoutes,
  type CancellationInput,
  type Dashboard,
  type Service,
  type ServiceStatus,
} from '../../contract/billing.js';
import type { HttpClient } from '../http.js';
import type { PageOptions } from './orders.js';

/**
 * The account's services (hosting, subscriptions) and cancellation requests.
 *
 * @example
 * ```ts
 * const { items } = await portal.services.list({ status: 'active' });
 * await portal.services.requestCancellation(items[0].id, { type: 'end_of_period', reason: 'Moving to a bigger plan' });
 * ```
 */
export class ServicesResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  list(
    options: PageOptions & { status?: ServiceStatus } = {},
  ): Promise<{ items: Service[]; nextCursor: string | null }> {
    return this.#http.send(billingRoutes.listServices, { query: { ...options } });
  }

  get(serviceId: string): Promise<Service> {
    return this.#http.send(billingRoutes.getService, { params: { serviceId } });
  }

  /** Asks to cancel, now or at the end of the period; staff process the request. */
  requestCancellation(serviceId: string, input: CancellationInput): Promise<Service> {
    return this.#http.send(billingRoutes.requestCancellation, { params: { serviceId }, body: input });
  }

  /** Withdraws a request staff have not processed yet. */
  withdrawCancellation(serviceId: string): Promise<Service> {
    return this.#http.send(billingRoutes.withdrawCancellation, { params: { serviceId } });
  }

  /** The account at a glance: amount due, credit, active services, recent invoices, upcoming renewals. */
  dashboard(): Promise<Dashboard> {
    return this.#http.send(billingRoutes.dashboard);
  }
}
