import type { IdGenerator } from '../../deps.js';
import { worstOf } from './history.js';
import type { StatusStore } from './store.js';

/**
 * Puts each component back to what its open incidents and maintenance in progress hold it at: the worst of them,
 * or `operational` when none is left. Every change is an event in the history. Run it in the transaction that
 * changed an incident, on the components that incident touches (or touched).
 */
export async function settleComponents(
  store: StatusStore,
  ids: IdGenerator,
  componentIds: Iterable<string>,
  now: string,
): Promise<void> {
  const unique = [...new Set(componentIds)];
  if (!unique.length) return;
  const [components, held] = await Promise.all([store.componentsById(unique), store.heldStatuses(unique)]);
  for (const component of components) {
    const target = worstOf(held.get(component.id) ?? []);
    if (target === component.status) continue;
    await store.updateComponent(component.id, { status: target, updated_at: now });
    await store.insertEvent({ id: ids('sce'), component_id: component.id, status: target, at: now });
  }
}
