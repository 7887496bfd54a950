import { authorize } from '../domain/access/policy.js';
import { followUpDue, type Survey } from '../domain/orders/follow-up.js';
import type { Order, TimelineEntry } from '../domain/orders/order.js';
import type { Actor } from '../domain/users/user.js';
import { conflict } from '../errors.js';
import type { ServiceDeps } from './deps.js';
import type { OrderService } from './order-service.js';
import { SYSTEM_ACTOR, newEvent, nowIso, recordEvents } from './shared.js';

/**
 * 回访: opens follow-ups when their day comes (exactly once: a conditional move from `scheduled` to
 * `due` with its event in one transaction, tried by the sweep and at start-up), takes the enterprise's
 * survey and the owner's note.
 */
export function followUpService(deps: ServiceDeps, orders: OrderService) {
  const orderDocs = deps.store.collection<Order>('orders');

  const entry = (actor: Actor, order: Order, action: string, reason: string): TimelineEntry => ({
    at: nowIso(deps),
    action,
    from: order.status,
    to: order.status,
    actorId: actor.userId,
    actorRole: actor.role,
    actorName: actor.displayName,
    reason,
  });

  return {
    /** Opens every follow-up whose day has come; returns how many opened now. */
    async openDue(): Promise<number> {
      const now = nowIso(deps);
      const due = await orderDocs.find({ status: 'closed', 'followUp.status': 'scheduled', 'followUp.dueAt': { $lte: now } }, { limit: 1_000, projection: { timeline: 0 } });
      let opened = 0;
      for (const order of due) {
        if (!followUpDue(order, now)) continue;
        const done = await deps.store.transaction(async () => {
          const updated = await orderDocs.updateOne({ _id: order._id, 'followUp.status': 'scheduled' }, { $set: { 'followUp.status': 'due' } });
          if (!updated) return false;
          await recordEvents(deps, [newEvent(deps, 'order.follow_up_due', { type: 'order', id: order._id }, { enterpriseId: order.enterpriseId, ownerId: order.ownerId ?? null, title: order.title }, SYSTEM_ACTOR)]);
          return true;
        });
        if (done) opened += 1;
      }
      return opened;
    },

    /** The enterprise answers the survey once; "no longer solved" tells it how to get the work back. */
    async answerSurvey(actor: Actor, id: string, survey: Survey) {
      authorize(actor, 'order.answer_survey', '只有企业可以填写回访问卷');
      const order = await orders.load(actor, id);
      if (order.followUp?.status !== 'due') throw conflict('SURVEY_NOT_OPEN', order.followUp?.status === 'answered' ? '回访问卷已填写' : '该需求暂无待填写的回访问卷');
      const answeredAt = nowIso(deps);
      const reason = survey.stillSolved ? '回访：问题仍已解决' : '回访：问题复发，未能持续解决';
      const updated = await deps.store.transaction(async () => {
        const saved = await orderDocs.updateOne(
          { _id: id, 'followUp.status': 'due' },
          { $set: { 'followUp.status': 'answered', 'followUp.survey': { ...survey, answeredAt }, updatedAt: answeredAt }, $push: { timeline: entry(actor, order, 'survey', reason) } },
        );
        if (!saved) throw conflict('SURVEY_NOT_OPEN', '回访问卷已填写');
        await recordEvents(deps, [newEvent(deps, 'order.survey_answered', { type: 'order', id }, { enterpriseId: order.enterpriseId, ownerId: order.ownerId ?? null, stillSolved: survey.stillSolved, craftsmanSatisfaction: survey.craftsmanSatisfaction, unionSatisfaction: survey.unionSatisfaction }, actor)]);
        return saved;
      });
      const reopenUntil = order.resolvedAt ? new Date(Date.parse(order.resolvedAt) + deps.settings.reopenWindowDays * 86_400_000).toISOString() : null;
      const canReopen = !survey.stillSolved && reopenUntil !== null && answeredAt <= reopenUntil;
      return { order: updated, nextSteps: survey.stillSolved ? null : { canReopen, reopenUntil: canReopen ? reopenUntil : null, newLinkedOrder: { linkedOrderId: id } } };
    },

    /** The owner (or staff in reach) records how the follow-up went: the task is done. */
    async recordNote(actor: Actor, id: string, note: string): Promise<Order> {
      authorize(actor, 'order.follow_up', '只有工会工作人员可以登记回访');
      const order = await orders.load(actor, id);
      if (!order.followUp || order.followUp.status === 'scheduled') throw conflict('FOLLOW_UP_NOT_DUE', '尚未到回访时间');
      if (order.followUp.staffDoneAt) throw conflict('FOLLOW_UP_DONE', '该回访任务已完成');
      const at = nowIso(deps);
      const saved = await orderDocs.updateOne({ _id: id, 'followUp.staffDoneAt': null }, { $set: { 'followUp.staffNote': note, 'followUp.staffDoneAt': at, updatedAt: at }, $push: { timeline: entry(actor, order, 'follow_up', `回访记录：${note}`) } });
      if (!saved) throw conflict('FOLLOW_UP_DONE', '该回访任务已完成');
      return saved;
    },
  };
}

export type FollowUpService = ReturnType<typeof followUpService>;
