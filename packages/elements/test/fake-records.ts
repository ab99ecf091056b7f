import type { AdminProduct } from '@portico/sdk/admin';
import { slugify } from '../src/admin/lib/content-labels.js';

/**
 * A fake's clock, a minute later at each reading from `start`, and its ids, unique within the fake and shaped as
 * the contract's: `<prefix>_<mark>` and a counter, 26 characters after the underscore.
 */
export class FakeSequence {
  #at: number;
  #n = 0;
  readonly #mark: string;

  constructor(start: string, mark: string) {
    this.#at = Date.parse(start);
    this.#mark = mark;
  }

  now(): string {
    this.#at += 60_000;
    return new Date(this.#at).toISOString();
  }

  id(prefix: string): string {
    this.#n++;
    return `${prefix}_${this.#mark}${String(this.#n).padStart(25, '0')}`;
  }
}

/** A product with no prices, as the staff API lists it, for fakes that only offer products to choose. */
export function fakeProduct(o: {
  id: string;
  groupId: string;
  name: string;
  type: AdminProduct['type'];
  sortOrder: number;
  now: string;
}): AdminProduct {
  return {
    id: o.id,
    groupId: o.groupId,
    slug: slugify(o.name),
    name: o.name,
    description: '',
    features: [],
    type: o.type,
    featured: false,
    hidden: false,
    stock: null,
    taxable: true,
    sortOrder: o.sortOrder,
    prices: [],
    createdAt: o.now,
    updatedAt: o.now,
  };
}
