import type { Craftsman, Offer, Order, OrderStatus } from '../domain';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface Notification {
  _id: string;
  title: string;
  body: string;
  link: string | null;
  orderId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface Region {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export type OfferWithOrder = Offer & { order?: { _id: string; title: string; status: OrderStatus; enterpriseName: string; regionCode: string; urgency: Order['urgency']; category: Order['category'] } };

export interface CraftsmanHit extends Craftsman {
  highlight?: Partial<Record<'name' | 'skills' | 'trades' | 'bio' | 'studio' | 'honors', string>>;
}

export interface CraftsmanSearch {
  hits: CraftsmanHit[];
  total: number;
  facets: Record<string, Record<string, number>>;
  page: number;
  limit: number;
  degraded?: boolean;
}

export interface CandidateFactor {
  factor: string;
  label: string;
  value: number;
  weight: number;
  contribution: number;
}

export interface Candidate {
  craftsmanId: string;
  name: string;
  total: number;
  factors: CandidateFactor[];
  reasons: string[];
  summary: string;
  [key: string]: unknown;
}

export interface Enterprise {
  _id: string;
  name: string;
  creditCode: string;
  industry: string;
  regionCode: string;
  address: string;
  contact: { name: string; phone: string };
}

/** A login as the user-management API answers it (账号). */
export interface UserAccount {
  id: string;
  username: string;
  role: 'admin' | 'union_staff' | 'enterprise' | 'craftsman';
  displayName: string;
  orgId: string | null;
  subjectId: string | null;
  status: 'active' | 'disabled';
  canManageAccounts: boolean;
  createdAt: string;
}

/** One entry of the account trail (审计记录). */
export interface AuditRecord {
  _id: string;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  targetUserId: string;
  targetUsername: string;
  reason: string | null;
}

export interface UnionOrgItem {
  _id: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'enterprise';
  regionCode: string;
}
