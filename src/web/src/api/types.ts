/**
 * The API's answers as the console reads them, derived from the OpenAPI document (generated/openapi.ts,
 * written by `npm run api:client` from the same zod schemas the routes declare). Nothing here is written
 * by hand: when an answer's schema changes, the client is regenerated and the console's typecheck shows
 * every place that reads the old shape.
 */
import type { operations } from './generated/openapi';

/** The JSON body an operation answers with on a status (200 unless said). */
export type ApiAnswer<O extends keyof operations, S extends number = 200> = operations[O]['responses'] extends Record<S, { content: { 'application/json': infer Body } }> ? Body : never;
/** One entry of a paginated list answer. */
type ItemOf<O extends keyof operations> = ApiAnswer<O> extends { items: Array<infer Item> } ? Item : never;

/** A page of a list (`items`, `total`, `page`, `limit`), as every paginated route answers it. */
export type Page<T> = Pick<ApiAnswer<'getApiOffers'>, 'total' | 'page' | 'limit'> & { items: T[] };

/** 站内消息. */
export type Notification = ItemOf<'getApiNotifications'>;

/** A region (行政区划). */
export type Region = ItemOf<'getApiRegions'>;

/** An offer (派单) with a summary of its order. */
export type OfferWithOrder = ItemOf<'getApiOffers'>;

/** The talent-pool search answer: hits with highlights, facets and paging. */
export type CraftsmanSearch = ApiAnswer<'getApiCraftsmen'>;
export type CraftsmanHit = CraftsmanSearch['hits'][number];

/** A ranked candidate for an order, with each factor's share of the score. */
export type Candidate = ApiAnswer<'getApiOrdersIdCandidates'>['candidates'][number];
export type CandidateFactor = Candidate['factors'][number];

/** An enterprise (企业) as the list answers it. */
export type Enterprise = ItemOf<'getApiEnterprises'>;

/** A login as the user-management API answers it (账号). */
export type UserAccount = ItemOf<'getApiUsers'>;

/** One entry of the account trail (审计记录). */
export type AuditRecord = ItemOf<'getApiUsersIdAudit'>;

/** A union organisation (工会组织). */
export type UnionOrgItem = ItemOf<'getApiOrgs'>;
