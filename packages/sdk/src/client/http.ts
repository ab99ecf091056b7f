import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import type * as z from 'zod/mini';
import {
  IDEMPOTENCY_HEADER,
  ProblemSchema,
  type RouteDescriptor,
  SESSION_MODE_HEADER,
} from '../contract/common.js';
import { PortalApiError, PortalContractError, PortalNetworkError, PortalTimeoutError } from './errors.js';

/** How the browser (or Node) proves who it is. */
export type SessionMode = 'cookie' | 'token';

export interface HttpOptions {
  baseUrl: string;
  mode: SessionMode;
  token?: string | undefined;
  fetch?: typeof fetch | undefined;
  timeout?: number | undefined;
  retries?: number | undefined;
  headers?: Record<string, string> | undefined;
}

export interface RequestOptions {
  body?: unknown;
  /** A file's bytes, sent as `application/octet-stream` (routes with `rawBody`, such as attachment uploads). */
  file?: Blob | ArrayBuffer | Uint8Array;
  query?: Record<string, unknown>;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * For routes that take one (orders, payments): the `Idempotency-Key` to send. One is made per call when not
   * given; pass your own to make a call safe to repeat across page loads.
   */
  idempotencyKey?: string;
}

type Output<R> =
  R extends RouteDescriptor<infer _B, infer _Q, infer O>
    ? O extends z.ZodMiniType
      ? z.output<O>
      : undefined
    : never;

/** Codes that mean the session the request carried is gone. */
const SIGNED_OUT_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);
/** Longest wait honoured for a SERVER_BUSY retry, in seconds. */
const MAX_BUSY_WAIT = 5;

/** Sends contract routes and parses their answers. One per client. */
export class HttpClient {
  readonly #ky: KyInstance;
  readonly mode: SessionMode;
  token: string | undefined;
  /** Called when the server says the session is gone (401 UNAUTHENTICATED / SESSION_EXPIRED). */
  onSignedOut: (() => void) | undefined;

  readonly #retries: number;

  constructor(options: HttpOptions) {
    this.#retries = options.retries ?? 2;
    this.mode = options.mode;
    this.token = options.token;
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#ky = ky.create({
      prefixUrl: baseUrl,
      credentials: options.mode === 'cookie' ? 'include' : 'omit',
      timeout: options.timeout ?? 15_000,
      // Only idempotent methods are retried; a POST may have taken effect.
      retry: {
        limit: this.#retries,
        methods: ['get', 'head', 'options', 'put', 'delete'],
        statusCodes: [408, 502, 503, 504],
      },
      headers: { accept: 'application/json, application/problem+json', ...options.headers },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /**
   * Sends `route` and returns its parsed output. Throws a `PortalError` subclass on failure.
   * A `429 SERVER_BUSY` is retried once after its Retry-After, even for a POST: the server refuses with it before
   * doing anything, so the retry cannot repeat an effect.
   */
  async send<R extends RouteDescriptor>(route: R, options: RequestOptions = {}): Promise<Output<R>> {
    const response = await this.#guarded(route, options);
    if (route.status === 204 || !route.output || response.status === 204) return undefined as Output<R>;
    const data: unknown = await response.json();
    const parsed = route.output.safeParse(data);
    if (!parsed.success) {
      throw new PortalContractError(
        `The answer to ${route.id} does not match the contract`,
        parsed.error.issues,
      );
    }
    return parsed.data as Output<R>;
  }

  /** Sends a route that answers with a file (`produces`, e.g. an invoice PDF) and returns the file. */
  async download(route: RouteDescriptor, options: RequestOptions = {}): Promise<Blob> {
    return (await this.#guarded(route, options)).blob();
  }

  async #guarded(route: RouteDescriptor, options: RequestOptions): Promise<Response> {
    if (route.idempotent) options = { ...options, idempotencyKey: options.idempotencyKey ?? newKey() };
    try {
      return await this.#send(route, options);
    } catch (error) {
      if (error instanceof PortalApiError) {
        const retryAfter = error.code === 'SERVER_BUSY' || error.code === 'IDEMPOTENCY_IN_PROGRESS';
        if (retryAfter) {
          await wait(Math.min(error.retryAfter ?? 1, MAX_BUSY_WAIT) * 1000, options.signal);
          return this.#send(route, options);
        }
        if (error.status === 401 && SIGNED_OUT_CODES.has(error.code)) {
          this.token = undefined;
          this.onSignedOut?.();
        }
      }
      throw error;
    }
  }

  async #send(route: RouteDescriptor, options: RequestOptions): Promise<Response> {
    let path = route.path.replace(/^\//, '');
    for (const [key, value] of Object.entries(options.params ?? {})) {
      path = path.replace(`:${key}`, encodeURIComponent(value));
    }
    const headers: Record<string, string> = { ...options.headers };
    if (options.file !== undefined) headers['content-type'] = 'application/octet-stream';
    if (options.idempotencyKey) headers[IDEMPOTENCY_HEADER] = options.idempotencyKey;
    if (this.mode === 'token') {
      headers[SESSION_MODE_HEADER] = 'token';
      if (this.token) headers.authorization = `Bearer ${this.token}`;
    }
    const searchParams: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) searchParams[key] = String(value);
    }
    let response: Response;
    try {
      response = await this.#ky(path, {
        method: route.method,
        headers,
        searchParams,
        ...(options.file !== undefined
          ? { body: options.file as BodyInit }
          : options.body !== undefined
            ? { json: options.body }
            : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        // A POST carrying an Idempotency-Key is safe to repeat: the server answers a repeat without acting twice.
        ...(options.idempotencyKey
          ? {
              retry: {
                limit: this.#retries,
                methods: ['get', 'put', 'delete', 'post'],
                statusCodes: [408, 502, 503, 504],
              },
            }
          : {}),
      });
    } catch (error) {
      if (error instanceof HTTPError) throw await toApiError(error.response);
      if (error instanceof TimeoutError)
        throw new PortalTimeoutError(`${route.method} ${route.path} timed out`);
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new PortalNetworkError(`Could not reach the portal at ${route.path}`, { cause: error });
    }
    return response;
  }
}

/** A fresh Idempotency-Key (works on plain-http pages too, where `crypto.randomUUID` is missing). */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

async function toApiError(response: Response): Promise<PortalApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = ProblemSchema.safeParse(body);
  const problem = parsed.success
    ? parsed.data
    : {
        type: 'about:blank',
        title: response.statusText || 'Request failed',
        status: response.status,
        code: `HTTP_${response.status}`,
      };
  return new PortalApiError(problem, response.headers.get('retry-after'));
}
