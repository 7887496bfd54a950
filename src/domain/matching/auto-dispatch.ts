import type { Order } from '../orders/order.js';
import { offerDeadlineMinutes, type MatchingPolicy } from './policy.js';
import type { RankedCandidate } from './score.js';

export type AutoDispatchDecision =
  | { kind: 'offer'; candidate: RankedCandidate; expiresInMinutes: number }
  | { kind: 'escalate'; code: 'MAX_ATTEMPTS_REACHED' | 'NO_CANDIDATE_ABOVE_MIN_SCORE'; message: string };

/**
 * 自动派单: what the system does with an open order that allows auto-dispatch, given its ranked
 * candidates (already hard-filtered, so excluded and full craftsmen are absent). After
 * `maxAutoDispatchAttempts` declined or expired offers in a row, or when nobody reaches `minScore`,
 * a person decides — better a late human choice than a poor automatic one.
 */
export function decideAutoDispatch(order: Pick<Order, 'dispatchFailures' | 'urgency'>, ranked: readonly RankedCandidate[], policy: MatchingPolicy): AutoDispatchDecision {
  if (order.dispatchFailures >= policy.maxAutoDispatchAttempts) {
    return { kind: 'escalate', code: 'MAX_ATTEMPTS_REACHED', message: `已连续 ${order.dispatchFailures} 次派单未被接受，转人工派单` };
  }
  const best = ranked[0];
  if (!best || best.total < policy.minScore) {
    return { kind: 'escalate', code: 'NO_CANDIDATE_ABOVE_MIN_SCORE', message: best ? `最佳候选人匹配分 ${best.total.toFixed(1)} 低于自动派单门槛 ${policy.minScore}，转人工派单` : '没有符合条件的候选人，转人工派单' };
  }
  return { kind: 'offer', candidate: best, expiresInMinutes: offerDeadlineMinutes(policy, order.urgency) };
}
