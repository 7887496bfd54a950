import { messageFor } from './errors';

export interface FieldIssue {
  path: string;
  message: string;
}

/** An API failure: its HTTP status, stable code and the zh-CN text to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  constructor(status: number, code: string, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
  get missingRoute(): boolean {
    return this.code === 'ROUTE_NOT_FOUND';
  }
}

const TOKEN_KEY = 'jx.token';
export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (t: string) => localStorage.setItem(TOKEN_KEY, t),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized: () => void = () => {};
export const setUnauthorizedHandler = (fn: () => void) => {
  onUnauthorized = fn;
};

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','));
    } else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let serverMessage: string | undefined;
  let issues: FieldIssue[] = [];
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code) code = body.error.code;
    serverMessage = body.error?.message;
    if (Array.isArray(body.error?.details)) {
      issues = (body.error.details as Array<{ path?: string; message?: string }>).map((d) => ({ path: d.path ?? '', message: d.message ?? '' }));
    }
  } catch {
    // not JSON (a proxy's HTML page): keep the generic text
  }
  return new ApiError(res.status, code, messageFor(code, serverMessage, res.status), issues);
}

/** Calls the public API with the signed-in token; rejects with an ApiError carrying zh-CN text. */
export async function api<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  const token = tokenStore.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', messageFor('NETWORK', undefined));
  }
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && path !== '/api/auth/login') onUnauthorized();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => api<T>('POST', path, body, headers);

/**
 * A failure worth trying again: the request may not have reached the server (network) or the server
 * could not take it just now (5xx). A 4xx is an answer; asking again changes nothing.
 */
export const isRetriable = (error: unknown): boolean => error instanceof ApiError && (error.status === 0 || error.status >= 500);

/** A fresh Idempotency-Key. crypto.getRandomValues works over plain HTTP too, where randomUUID does not exist. */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);

/** Downloads a file endpoint (CSV/XLSX) with the token and saves it under the server's file name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const token = tokenStore.get();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw await toError(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The zh-CN text of any thrown value. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '页面出错了，请刷新后重试';
}
