import type { AdminClient, RegistrarInfo } from '@portico/sdk/admin';

const asked = new WeakMap<AdminClient, Promise<RegistrarInfo[]>>();

/**
 * The server's registrars and availability checkers. They are server configuration, so each client asks once and
 * the domain pages share the answer; a failed answer is forgotten, so the next page asks again.
 */
export function registrarsOf(admin: AdminClient): Promise<RegistrarInfo[]> {
  let list = asked.get(admin);
  if (!list) {
    list = admin.domains.registrars().then((answer) => answer.items);
    asked.set(admin, list);
    list.catch(() => asked.delete(admin));
  }
  return list;
}

/** A registrar's name; its id while the names are not known (or when the server no longer has that registrar). */
export const registrarName = (registrars: readonly RegistrarInfo[] | undefined, id: string): string =>
  registrars?.find((r) => r.id === id)?.name ?? id;
