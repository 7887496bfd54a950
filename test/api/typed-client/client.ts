import type { paths } from '../../../src/web/src/api/generated/openapi.js';

/**
 * A minimal client typed only by the types openapi-typescript generated from /api/openapi.json: the path,
 * the request body and the answer of each call come from the document, so a program written against it
 * stops compiling when the API it relies on changes shape.
 */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Success<O> = O extends { responses: infer R } ? (R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer A } ? JsonOf<A> : never) : never;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type PathOf<O> = O extends { parameters: { path: infer PP } } ? PP : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? Q : never;

export type Transport = (request: { method: Method; url: string; token: string; body?: unknown }) => Promise<{ status: number; body: unknown }>;

export function typedClient(transport: Transport, token: string) {
  return async function call<P extends keyof paths, M extends Method>(
    method: M,
    path: P,
    init: { path?: PathOf<Operation<P, M>>; query?: QueryOf<Operation<P, M>>; body?: BodyOf<Operation<P, M>> } = {},
  ): Promise<Success<Operation<P, M>>> {
    const url = String(path).replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String((init.path as Record<string, unknown>)[name])));
    const pairs = Object.entries(init.query ?? {}).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(',') : String(v)]);
    const query = new URLSearchParams(pairs).toString();
    const answer = await transport({ method, url: query ? `${url}?${query}` : url, token, body: init.body });
    if (answer.status >= 300) throw new Error(`${method.toUpperCase()} ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body as Success<Operation<P, M>>;
  };
}
