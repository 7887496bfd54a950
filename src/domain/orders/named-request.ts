import { z } from 'zod';
import { text } from '../shared/values.js';

/**
 * 点名: an enterprise asks for a particular provider when it orders. Only craftsmen can be named
 * today; a studio (创新工作室) joins this list once studios are entities of their own, and the
 * rules below are written per kind so that it can.
 */
export const namedKinds = ['craftsman'] as const;
export type NamedKind = (typeof namedKinds)[number];

/** What an order's author sends: who is asked for and why. */
export const preferredInputSchema = z.strictObject({
  kind: z.enum(namedKinds, { message: '目前只能点名劳模工匠' }),
  id: z.string().min(1).max(64),
  reason: text(200, '点名理由'),
});
export type PreferredInput = z.infer<typeof preferredInputSchema>;

/** As stored on the order: the name is kept so that staff read the request without another lookup. */
export interface PreferredProvider extends PreferredInput {
  name: string;
}

/** A named request is honoured when the named provider took the order on (accepted or claimed it). */
export const namedHonoured = (order: { preferred?: PreferredProvider | null; craftsmanId: string | null }): boolean =>
  !!order.preferred && order.preferred.kind === 'craftsman' && order.craftsmanId === order.preferred.id;
