import { z } from 'zod';
import type { UnionOrg } from '../orgs/union-org.js';
import type { User } from '../users/user.js';
import { text } from '../shared/values.js';

/**
 * 责任人: "谁接访、谁负责" — every order has one union staff member who answers for it. By default
 * whoever vetted or entered it; staff in reach may hand it to a colleague with a reason.
 */

/**
 * Whether a login may answer for an order: an active union-staff login of an org that reaches the
 * order — a federation whose region holds the order's region, or the enterprise union of its enterprise.
 */
export function mayOwnOrder(candidate: Pick<User, 'role' | 'status'>, org: Pick<UnionOrg, 'regionCode' | 'enterpriseId'> | null, order: { regionPath: readonly string[]; enterpriseId: string }): boolean {
  if (candidate.role !== 'union_staff' || (candidate.status ?? 'active') !== 'active' || !org) return false;
  if (org.enterpriseId) return org.enterpriseId === order.enterpriseId;
  return order.regionPath.includes(org.regionCode);
}

export const ownerAssignSchema = z.strictObject({ ownerId: z.string().min(1).max(64), reason: text(500, '改派原因') });
export type OwnerAssign = z.infer<typeof ownerAssignSchema>;
