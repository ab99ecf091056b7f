import {
  type AddContactInput,
  accountRoutes,
  type Contact,
  type UpdateContactInput,
} from '../../contract/account.js';
import type { HttpClient } from '../http.js';

/**
 * The account's contacts: people with their own login and per-area permissions (billing, services, domains,
 * support, profile). The account owner manages them.
 *
 * @example
 * ```ts
 * await portal.contacts.add({ name: 'Grace Hopper', email: 'grace@example.com', role: 'billing' });
 * ```
 */
export class ContactsResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  async list(): Promise<Contact[]> {
    return (await this.#http.send(accountRoutes.listContacts)).items;
  }

  /** Adds a contact; they get an invitation (a new login) or a notice (an existing one). */
  add(input: AddContactInput): Promise<Contact> {
    return this.#http.send(accountRoutes.addContact, { body: input });
  }

  /** Changes a contact's role and permissions. */
  update(contactId: string, input: UpdateContactInput): Promise<Contact> {
    return this.#http.send(accountRoutes.updateContact, { params: { contactId }, body: input });
  }

  /** Removes a contact: their sessions and API tokens on this account end. */
  remove(contactId: string): Promise<void> {
    return this.#http.send(accountRoutes.removeContact, { params: { contactId } });
  }

  /** Sends a fresh invitation to a contact who has not joined yet. */
  resendInvitation(contactId: string): Promise<Contact> {
    return this.#http.send(accountRoutes.resendContactInvitation, { params: { contactId } });
  }
}
