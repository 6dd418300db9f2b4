/**
 * The one way the SPA talks to its node: JSON in and out, the session's CSRF
 * token on state-changing calls, the node's error format turned into
 * `ApiError`, and a 401 handed to the app (which sends the user to /login).
 */

/** The node's error format (a TAXII 2.1 error message resource). */
export class ApiError extends Error {
  constructor(
    readonly title: string,
    readonly description: string,
    readonly errorCode: string | undefined,
    readonly httpStatus: number,
  ) {
    super(description || title);
    this.name = 'ApiError';
  }
}

let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Kept in memory only (never in storage): a script that could read storage cannot then forge calls after a reload. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { title?: unknown; description?: unknown; error_code?: unknown };
    const title = typeof body.title === 'string' ? body.title : response.statusText;
    const description = typeof body.description === 'string' ? body.description : title;
    return new ApiError(title, description, typeof body.error_code === 'string' ? body.error_code : undefined, response.status);
  } catch {
    // Not the node's format (a proxy, or a server that is not up yet): say what happened.
    return new ApiError(response.statusText, `The node answered ${response.status} ${response.statusText}`.trim() + '.', undefined, response.status);
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Do not hand a 401 to the app (the session probe and the login form handle it themselves). */
  quiet401?: boolean;
}

export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('Network error', 'The node cannot be reached. Check that it is running, then try again.', undefined, 0);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** What to show for a failed call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.description;
  return error instanceof Error ? error.message : String(error);
}
