/** A request to a fake server, as far as routing goes. */
interface Routed {
  method: string;
  path: string;
}

/**
 * Canned answers to the next requests to a route (`METHOD /path`), which the fakes give before their own
 * routing: what their `answer(route, handler, times)` sets.
 */
export class RouteOverrides<C extends Routed> {
  readonly #byRoute = new Map<
    string,
    { handler: (call: C) => Response | Promise<Response>; times: number }
  >();

  /** Answers the next `times` requests to `route` with `handler`. */
  set(route: string, handler: (call: C) => Response | Promise<Response>, times: number): void {
    this.#byRoute.set(route, { handler, times });
  }

  /** The canned answer to `call`, counting it used; undefined when the route has none. */
  answer(call: C): Response | Promise<Response> | undefined {
    const route = `${call.method} ${call.path}`;
    const override = this.#byRoute.get(route);
    if (!override) return undefined;
    if (--override.times === 0) this.#byRoute.delete(route);
    return override.handler(call);
  }
}
