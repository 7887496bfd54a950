import { z } from 'zod';
import { matchingAuditActions } from '../matching/matching-audit.js';
import { decisionKinds, decisionOutcomes } from '../matching/dispatch-decision.js';
import { matchFactors } from '../matching/policy.js';
import { taxonomyAdditionKinds } from '../matching/taxonomy-growth.js';
import { complaintCategories, complaintStatuses, complaintTargets } from '../orders/complaint.js';
import { serviceLimitsSchema } from '../orders/service-limits.js';
import { idOf, nullableTimestamp, pageOf, regionPathSchema, timestampSchema } from './common.js';
import { orderSchema, serviceRecordSchema } from './orders.js';

/**
 * Answers of the case-work routes: set-aside events, disputes, service time limits, follow-up surveys,
 * weight proposals learnt from dispatch decisions, the matching trail, and the growing skill taxonomy.
 */

/** 搁置的事件 */
export const setAsideEventSchema = z
  .object({
    _id: idOf('事件'),
    type: z.string().describe('事件类型，如 order.accepted'),
    aggregateType: z.enum(['order', 'offer', 'craftsman', 'enterprise', 'org', 'pairing']).describe('事件所属对象类型'),
    aggregateId: z.string().describe('事件所属对象 id'),
    occurredAt: timestampSchema.describe('发生时间'),
    setAside: z
      .array(z.object({ consumer: z.string().describe('处理环节'), reason: z.string().describe('最后一次失败的原因'), tries: z.number().int().min(0).describe('已尝试次数') }))
      .describe('搁置它的处理环节'),
  })
  .describe('被搁置的事件');
export const setAsideEventListSchema = pageOf(setAsideEventSchema, '被搁置的事件');

/** 服务记录异议 */
export const disputedRecordSchema = serviceRecordSchema
  .extend({
    orderTitle: z.string().nullable().describe('需求标题'),
    enterpriseName: z.string().nullable().describe('企业名称'),
    craftsmanName: z.string().nullable().describe('劳模工匠姓名'),
  })
  .describe('有异议的服务记录');
export const disputeListSchema = pageOf(disputedRecordSchema, '服务记录异议');

/** 服务时限 */
const weightsSchema = z.object(Object.fromEntries(matchFactors.map((f) => [f, z.number()])) as Record<(typeof matchFactors)[number], z.ZodNumber>).describe('各因素权重');
export const serviceLimitsAnswerSchema = z
  .object({
    orgId: idOf('工会组织'),
    limits: serviceLimitsSchema.describe('生效的服务时限'),
    source: z.string().describe('时限来自哪里：serviceLimits:<组织 id> 或 default'),
  })
  .describe('服务时限');

/** 回访问卷 */
export const surveyResultSchema = z
  .object({
    order: orderSchema,
    nextSteps: z
      .object({
        canReopen: z.boolean().describe('是否仍可重新打开此需求'),
        reopenUntil: nullableTimestamp('可重新打开的截止时间'),
        newLinkedOrder: z.object({ linkedOrderId: idOf('关联的原需求') }).describe('新建关联需求时带上的字段'),
      })
      .nullable()
      .describe('问题未能持续解决时的后续途径（仍已解决为 null）'),
  })
  .describe('回访问卷已提交');

/** 权重调整建议 */
const weightsVersion = z.object({ weights: weightsSchema, policyVersion: z.string().describe('权重版本标识') });
export const policyProposalSchema = z
  .object({
    orgId: idOf('工会组织'),
    decisions: z.number().int().min(0).describe('参与拟合的人工派单决策数'),
    fittedOn: z.number().int().min(0).describe('用于拟合的决策数'),
    heldOut: z.number().int().min(0).describe('留出检验的决策数'),
    pairs: z.number().int().min(0).describe('比较对数'),
    agreementTop3: z
      .object({ before: z.number().nullable().describe('现有权重的前三名命中率'), after: z.number().nullable().describe('建议权重的前三名命中率'), gain: z.number().nullable().describe('提高幅度') })
      .describe('留出决策上，工作人员所选人员进入前三名的比例'),
    current: weightsVersion.describe('现有权重'),
    ready: z.boolean().describe('是否提出建议'),
    message: z.string().describe('说明'),
    proposed: weightsVersion.nullable().describe('建议的权重（不提出时为 null）'),
    factors: z
      .array(z.object({ factor: z.enum(matchFactors), label: z.string().describe('因素名称'), current: z.number().describe('现有权重'), proposed: z.number().describe('建议权重') }))
      .describe('各因素的现有与建议权重'),
  })
  .describe('权重调整建议');

/** 匹配变更记录 */
export const matchingAuditEntrySchema = z
  .object({
    _id: idOf('变更记录'),
    at: timestampSchema.describe('时间'),
    actorId: z.string().describe('操作人 id'),
    actorName: z.string().describe('操作人'),
    orgId: z.string().describe('所属工会组织（技能分类为 all 或操作人所属组织）'),
    action: z.enum(matchingAuditActions).describe('变更类型'),
    before: z.unknown().describe('变更前'),
    after: z.unknown().describe('变更后'),
    details: z.record(z.string(), z.unknown()).describe('补充信息'),
  })
  .describe('匹配策略或技能分类的一次变更');
export const matchingAuditListSchema = pageOf(matchingAuditEntrySchema, '匹配策略与技能分类的变更记录');

/** 技能分类扩充 */
const additionKind = z.enum(taxonomyAdditionKinds).describe('synonym 同义词、related 相关技能');
export const taxonomyAdditionAnswerSchema = z
  .object({
    _id: idOf('扩充'),
    kind: additionKind,
    skill: z.string().describe('所扩充的技能（规范名称）'),
    term: z.string().describe('同义词或相关技能'),
    source: z.enum(['staff', 'proposal']).describe('staff 工作人员添加、proposal 采纳建议'),
    orgId: z.string().nullable().describe('添加人所属工会组织'),
    addedBy: z.string().describe('添加人 id'),
    at: timestampSchema.describe('添加时间'),
  })
  .describe('技能分类扩充');
export const taxonomyAdditionListSchema = z.object({ items: z.array(taxonomyAdditionAnswerSchema) }).describe('技能分类扩充（最近 500 条）');
export const taxonomyProposalSchema = z
  .object({
    id: z.string().describe('建议 id'),
    kind: additionKind,
    skill: z.string().describe('技能'),
    term: z.string().describe('建议的同义词或相关技能'),
    support: z
      .object({ profiles: z.number().int().describe('同时出现的劳模工匠档案数'), orders: z.number().int().describe('同时出现的已完成需求数'), total: z.number().int().describe('合计') })
      .describe('支持数'),
    confidence: z.number().describe('置信度'),
  })
  .describe('技能分类建议');
export const taxonomyProposalListSchema = z.object({ items: z.array(taxonomyProposalSchema) }).describe('技能分类建议');
export const taxonomyDecisionSchema = z
  .union([
    z.object({ decision: z.literal('accept'), addition: taxonomyAdditionAnswerSchema }).describe('已采纳：新增的扩充'),
    z.object({ decision: z.literal('reject'), proposal: taxonomyProposalSchema }).describe('已驳回的建议'),
  ])
  .describe('技能分类建议的处理结果');

/** 派单决策记录 */
const decisionCandidateSchema = z
  .object({
    craftsmanId: idOf('劳模工匠'),
    rank: z.number().int().min(1).nullable().describe('名次（所选人员未在列表中时为 null）'),
    total: z.number().describe('总分'),
    values: z.array(z.number()).describe('各因素原始值（顺序同 factors）'),
    weakFit: z.boolean().describe('与需求关联弱'),
  })
  .describe('派单时的一位候选人');
export const dispatchDecisionSchema = z
  .object({
    _id: idOf('派单决策'),
    offerId: idOf('派单'),
    orderId: idOf('需求单'),
    orgId: z.string().nullable().describe('排序所用策略的工会组织'),
    orgAncestorIds: z.array(z.string()).describe('其上级组织'),
    kind: z.enum(decisionKinds).describe('manual 人工派单、auto 系统自动派单、plan 批量派单方案'),
    decidedBy: z.string().describe('派单人'),
    decidedAt: timestampSchema.describe('派单时间'),
    policyVersion: z.string().describe('权重版本标识'),
    weights: weightsSchema,
    factors: z.array(z.enum(matchFactors)).describe('因素顺序'),
    shown: z.array(decisionCandidateSchema).describe('派单时看到的候选人（前 10 名）'),
    chosen: decisionCandidateSchema.describe('选中的劳模工匠'),
    outcome: z
      .object({
        status: z.enum(decisionOutcomes).describe('pending 待响应、declined 拒绝、expired 超时、withdrawn 撤回、accepted 接单、completed 完成'),
        at: nullableTimestamp('结果时间'),
        rating: z.number().nullable().describe('企业评分'),
        reason: z.string().nullable().describe('原因'),
      })
      .describe('结果'),
  })
  .describe('派单决策记录');
export const dispatchDecisionListSchema = pageOf(dispatchDecisionSchema, '派单决策记录');


/** 投诉 */
export const complaintSchema = z
  .object({
    _id: idOf('投诉'),
    orderId: idOf('需求单'),
    orderTitle: z.string().describe('需求标题'),
    orderNumber: z.string().nullable().describe('需求单编号'),
    enterpriseId: idOf('企业'),
    enterpriseName: z.string().describe('企业名称'),
    craftsmanId: z.string().nullable().describe('承接的劳模工匠'),
    regionCode: z.string().describe('需求所在地区'),
    regionPath: regionPathSchema,
    complainantRole: z.enum(['enterprise', 'craftsman']).describe('投诉人身份：enterprise 企业、craftsman 劳模工匠'),
    complainantUserId: idOf('投诉人账号'),
    complainantName: z.string().describe('投诉人'),
    target: z.enum(complaintTargets).describe('投诉对象：craftsman 劳模工匠、enterprise 企业、service 工会服务'),
    category: z.enum(complaintCategories).describe('类别：attitude 服务态度、quality 服务质量、delay 拖延超时、no_show 爽约未到、cooperation 配合不到位、integrity 违规收费或转包、other 其他'),
    text: z.string().describe('投诉内容'),
    status: z.enum(complaintStatuses).describe('open 待处理、upheld 投诉成立、dismissed 投诉不成立'),
    filedAt: timestampSchema.describe('投诉时间'),
    dueAt: timestampSchema.describe('处理时限'),
    overdue: z.boolean().describe('是否超过处理时限（处理晚于时限，或至今未处理且已过时限）'),
    decidedAt: nullableTimestamp('处理时间'),
    decidedBy: z.string().nullable().describe('处理人 id'),
    decidedByName: z.string().nullable().describe('处理人'),
    decisionReason: z.string().nullable().describe('处理意见'),
  })
  .describe('投诉');
export const complaintListSchema = pageOf(complaintSchema, '投诉');
