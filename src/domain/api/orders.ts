import { z } from 'zod';
import { namedKinds } from '../orders/named-request.js';
import { offerStatuses, orderCategories, orderSources, orderStatuses, serviceKinds, urgencies } from '../orders/order.js';
import { followUpStatuses } from '../orders/follow-up.js';
import { disputeStatuses } from '../orders/service-record-rules.js';
import { orderLimitsSchema } from '../orders/order-limits.js';
import { serviceModeSchema } from '../shared/values.js';
import { appointmentSchema, timeWindowAnswerSchema } from './appointments.js';
import { facetsSchema, highlightSchema, degradedSchema, idOf, nullableTimestamp, pageOf, regionPathSchema, timestampSchema } from './common.js';

const orderStatus = z.enum(orderStatuses).describe('状态：submitted 待审核、rejected 已驳回、open 待派单、offered 已派单、in_progress 服务中、resolved 待确认、closed 已完成、cancelled 已取消');

export const timelineEntrySchema = z
  .object({
    at: timestampSchema,
    action: z.string().describe('动作，如 submit、vet、offer、accept、resolve、confirm'),
    from: orderStatus.nullable().describe('原状态（提交时为 null）'),
    to: orderStatus.describe('新状态'),
    actorId: z.string().describe('操作人 id（自动操作为 system）'),
    actorRole: z.string().describe('操作人角色'),
    actorName: z.string().describe('操作人名称'),
    reason: z.string().optional().describe('原因或备注'),
    craftsmanId: z.string().optional().describe('涉及的劳模工匠'),
    offerId: z.string().optional().describe('涉及的派单'),
  })
  .describe('流转记录：谁、何时、从何状态到何状态、原因');

const orderEntrySchema = z
  .object({
    userId: idOf('录入人账号'),
    name: z.string().describe('录入人姓名'),
    orgId: z.string().nullable().describe('录入人所属工会组织'),
    note: z.string().nullable().describe('来源备注：热线工单号、走访记录等'),
  })
  .describe('工会代录：谁代企业录入');

const serviceDeadlinesSchema = z
  .object({
    firstContactDueAt: timestampSchema.describe('首次联系/上门截止时间'),
    firstContactRemindAt: timestampSchema.describe('首次联系/上门提醒时间'),
    resolutionDueAt: timestampSchema.describe('解决截止时间'),
    resolutionRemindAt: timestampSchema.describe('解决提醒时间'),
  })
  .describe('服务时限：接单时按当时适用的时限确定');

const surveyAnswerSchema = z
  .object({
    stillSolved: z.boolean().describe('问题是否仍已解决'),
    craftsmanSatisfaction: z.number().int().min(1).max(5).describe('对劳模工匠的满意度 1–5'),
    unionSatisfaction: z.number().int().min(1).max(5).describe('对工会服务的满意度 1–5'),
    comment: z.string().optional().describe('意见建议'),
    answeredAt: timestampSchema.describe('填写时间'),
  })
  .describe('企业填写的回访问卷');

export const followUpSchema = z
  .object({
    dueAt: timestampSchema.describe('回访时间'),
    status: z.enum(followUpStatuses).describe('scheduled 待回访、due 待填写、answered 已填写'),
    survey: surveyAnswerSchema.nullable().describe('回访问卷（未填写时为 null）'),
    staffNote: z.string().nullable().describe('责任人的回访记录'),
    staffDoneAt: nullableTimestamp('责任人完成回访时间'),
  })
  .describe('回访：办结后按时开启，责任人回访、企业填写问卷');

const orderFields = {
  _id: idOf('需求单'),
  number: z.string().optional().describe('需求单编号，如 黔南-2026-0042（早期需求无编号）'),
  source: z.enum(orderSources).optional().describe('需求来源：enterprise 企业自助点单、staff_visit 工会走访、hotline 12351 热线、union_chair 企业工会主席收集、grid_worker 网格员上报、other 其他渠道（早期需求无此字段，即企业自助）'),
  enteredBy: orderEntrySchema.nullable().optional().describe('工会代录时的录入人（企业自助点单为 null）'),
  ownerId: z.string().nullable().optional().describe('责任人账号 id（审核前为 null）'),
  ownerName: z.string().nullable().optional().describe('责任人姓名'),
  serviceDeadlines: serviceDeadlinesSchema.nullable().optional().describe('服务时限（接单前为 null）'),
  firstContactAt: nullableTimestamp('首次联系/上门时间（首条服务记录）').optional(),
  limitsFired: z.array(z.string()).optional().describe('已发出的时限提醒与升级，如 first_contact.reminder'),
  followUp: followUpSchema.nullable().optional().describe('回访（首次办结前为 null）'),
  linkedOrderId: z.string().nullable().optional().describe('关联的前一项需求（问题复发时新建）'),
  preferred: z
    .object({
      kind: z.enum(namedKinds).describe('点名对象类型：craftsman 劳模工匠'),
      id: z.string().describe('点名对象 id'),
      name: z.string().describe('点名对象名称'),
      reason: z.string().describe('点名理由'),
    })
    .nullable()
    .optional()
    .describe('企业点名（未点名为 null；早期需求无此字段）'),
  enterpriseId: idOf('企业'),
  enterpriseName: z.string().describe('企业名称'),
  title: z.string().describe('标题'),
  description: z.string().describe('问题描述'),
  category: z.enum(orderCategories).describe('类别：技术攻关、设备维修、工艺改进、技能培训、师带徒'),
  requiredSkills: z.array(z.string()).describe('所需技能'),
  regionCode: z.string().describe('所在地行政区划代码'),
  regionPath: regionPathSchema,
  urgency: z.enum(urgencies).describe('紧急程度：low 一般、normal 普通、high 紧急、critical 特急'),
  preferredModes: z.array(serviceModeSchema).describe('期望的服务方式'),
  expectedBy: timestampSchema.nullable().describe('期望完成时间'),
  preferredWindows: z.array(timeWindowAnswerSchema).optional().describe('企业期望的上门时段（按开始时间排序）'),
  appointment: appointmentSchema.nullable().optional().describe('预约（劳模工匠提议前为 null）'),
  autoDispatch: z.boolean().describe('审核通过后是否自动派单'),
  status: orderStatus,
  craftsmanId: z.string().nullable().describe('接单或承接的劳模工匠（团队派单时为领衔人）'),
  teamMemberIds: z.array(z.string()).optional().describe('团队派单：随领衔人一同服务的成员（各占一个在办名额）'),
  studioId: z.string().nullable().optional().describe('团队来自的工作室'),
  currentOfferId: z.string().nullable().describe('已派单时待响应的派单'),
  offeredCraftsmanIds: z.array(z.string()).describe('曾被派单的劳模工匠'),
  excludedCraftsmanIds: z.array(z.string()).describe('拒单或超时的劳模工匠（不再派给他们）'),
  dispatchFailures: z.number().int().min(0).describe('连续拒单或超时次数'),
  escalatedToOrgId: z.string().nullable().describe('升级到的上级工会'),
  resolution: z.string().nullable().describe('解决情况'),
  rating: z.number().int().min(1).max(5).nullable().describe('企业评分 1–5'),
  ratingComment: z.string().nullable().describe('企业评价'),
  enterpriseRatedAt: nullableTimestamp('企业评价时间').optional(),
  craftsmanRating: z
    .object({ rating: z.number().int().min(1).max(5).describe('劳模工匠对企业配合的评分 1–5'), comment: z.string().nullable().describe('评价'), ratedAt: timestampSchema.describe('评价时间') })
    .nullable()
    .optional()
    .describe('劳模工匠对企业配合的评价（双方都评价后或首个评价 14 天后才向企业公开）'),
  ratingsRevealAt: nullableTimestamp('双方评价公开时间').optional(),
  ratedBy: z.object({ enterprise: z.boolean().describe('企业已评价'), craftsman: z.boolean().describe('劳模工匠已评价') }).optional().describe('哪一方已评价（公开前也可见）'),
  reopenCount: z.number().int().min(0).describe('重新打开次数'),
  submittedAt: timestampSchema.describe('提交时间'),
  firstOfferedAt: nullableTimestamp('首次派单时间'),
  acceptedAt: nullableTimestamp('接单时间'),
  resolvedAt: nullableTimestamp('提交解决时间'),
  closedAt: nullableTimestamp('关闭时间'),
  firstClosedAt: nullableTimestamp('首次关闭时间').optional(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
};

/** 需求单 as stored and as the API answers it, with its whole history. */
export const orderSchema = z.object({ ...orderFields, timeline: z.array(timelineEntrySchema).describe('完整流转记录') }).describe('需求单');
export type OrderAnswer = z.infer<typeof orderSchema>;

/** An order in a list: without its timeline; with highlighted fragments when found by `q`. */
export const orderSummarySchema = z.object({ ...orderFields, highlight: highlightSchema.optional() }).describe('列表中的需求单（不含流转记录；检索时带高亮）');

export const orderListSchema = pageOf(orderSummarySchema, '需求列表').extend({
  facets: facetsSchema.optional().describe('带 q 检索时的分面统计'),
  degraded: degradedSchema.optional(),
});

/** 派单 as stored. */
export const offerSchema = z
  .object({
    _id: idOf('派单'),
    orderId: idOf('需求单'),
    craftsmanId: idOf('劳模工匠'),
    regionPath: regionPathSchema,
    enterpriseId: idOf('企业'),
    status: z.enum(offerStatuses).describe('pending 待响应、accepted 已接单、declined 已拒绝、expired 已超时、withdrawn 已撤回'),
    note: z.string().nullable().describe('派单备注'),
    offeredBy: z.string().describe('派单人（自动派单为 system）'),
    auto: z.boolean().describe('是否自动派单'),
    teamMemberIds: z.array(z.string()).optional().describe('团队派单：随承接人（领衔人）一同服务的成员'),
    studioId: z.string().nullable().optional().describe('团队来自的工作室'),
    expiresAt: timestampSchema.describe('响应截止时间'),
    createdAt: timestampSchema,
    respondedAt: nullableTimestamp('响应时间'),
    declineReason: z.string().nullable().describe('拒单原因'),
  })
  .describe('派单');

const offerOrderSummary = orderSchema.pick({ _id: true, title: true, status: true, enterpriseName: true, regionCode: true, urgency: true, category: true }).describe('派单所属需求的摘要');
export const offerListSchema = pageOf(offerSchema.extend({ order: offerOrderSummary.nullable() }), '派单列表');

const disputeSchema = z
  .object({
    status: z.enum(disputeStatuses).describe('open 待处理、upheld 异议成立（记录作废）、dismissed 已驳回'),
    reason: z.string().describe('异议理由'),
    raisedBy: z.string().describe('提出人'),
    raisedAt: timestampSchema,
    decidedBy: z.string().optional().describe('处理人'),
    decidedAt: timestampSchema.optional(),
    decisionReason: z.string().optional().describe('处理意见'),
  })
  .describe('企业对服务记录的异议');

/** 服务记录 as stored. */
export const serviceRecordSchema = z
  .object({
    _id: idOf('服务记录'),
    orderId: idOf('需求单'),
    craftsmanId: idOf('劳模工匠'),
    enterpriseId: idOf('企业'),
    regionCode: z.string(),
    regionPath: regionPathSchema,
    kind: z.enum(serviceKinds).describe('visit 上门、remote 远程、training 培训、mentoring 师带徒'),
    date: z.string().describe('服务日期或时间'),
    day: z.string().optional().describe('北京时间的服务日（每日时长上限按此计）'),
    participantIds: z.array(z.string()).optional().describe('一同参与服务的团队成员（各计一人次，时长计入各自当日上限）'),
    hours: z.number().positive().describe('时长（小时）'),
    attendees: z.number().int().min(0).describe('参训人数'),
    summary: z.string().describe('服务内容'),
    dispute: disputeSchema.nullable().optional(),
    requestKey: z.string().optional().describe('提交时的 Idempotency-Key（重试同一提交返回同一条记录）'),
    createdAt: timestampSchema,
  })
  .describe('服务记录');
export const serviceRecordListSchema = z.object({ items: z.array(serviceRecordSchema) }).describe('需求的全部服务记录');

export const orderLimitsAnswerSchema = z
  .object({
    orgId: idOf('工会组织'),
    limits: orderLimitsSchema.describe('生效的点单限额'),
    source: z.string().describe('限额来自哪里：orderLimits:<组织 id> 或 default'),
  })
  .describe('点单限额');
