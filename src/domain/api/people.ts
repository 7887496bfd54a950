import { z } from 'zod';
import { craftsmanStatuses, honorLevels } from '../craftsmen/craftsman.js';
import { profileChangeStatuses, profileSubjects } from '../profiles/profile-change.js';
import { pointRules } from '../reputation/points.js';
import { reputationRulesSchema } from '../reputation/rules.js';
import { serviceModeSchema } from '../shared/values.js';
import { auditActions } from '../users/audit.js';
import { roles, userStatuses } from '../users/user.js';
import { degradedSchema, facetsSchema, highlightSchema, idOf, nullableTimestamp, pageOf, regionPathSchema, timestampSchema } from './common.js';

/** 资料变更申请 as stored: fields a craftsman or enterprise proposed, waiting for staff. */
export const profileChangeSchema = z
  .object({
    _id: idOf('资料变更申请'),
    subjectType: z.enum(profileSubjects).describe('craftsman 劳模工匠 或 enterprise 企业'),
    subjectId: z.string().describe('劳模工匠或企业 id'),
    subjectName: z.string().describe('劳模工匠或企业名称'),
    regionPath: regionPathSchema,
    status: z.enum(profileChangeStatuses).describe('pending 待审核、approved 已通过、rejected 已驳回'),
    changes: z.record(z.string(), z.object({ from: z.unknown().describe('原值'), to: z.unknown().describe('新值') })).describe('字段 → 变更前后'),
    proposedBy: z.string().describe('申请人'),
    proposedByName: z.string(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    decidedAt: nullableTimestamp('审核时间'),
    decidedBy: z.string().nullable().describe('审核人'),
    decisionReason: z.string().nullable().describe('驳回原因'),
  })
  .describe('资料变更申请');
export const profileChangeListSchema = pageOf(profileChangeSchema, '资料变更申请列表');
const pendingChange = profileChangeSchema.nullable().optional().describe('本次修改中待工会审核的部分（没有时为 null）');

const flagReasonSchema = z.object({ code: z.enum(['LOW_RATING', 'COMPLAINTS']), message: z.string() });
export const reviewFlagSchema = z
  .object({
    reasons: z.array(flagReasonSchema).describe('标记原因'),
    rating: z.number().nullable().describe('标记时的评分'),
    ratingsInWindow: z.number().int().describe('窗口内评分数'),
    complaints: z.number().int().describe('差评数'),
    flaggedAt: timestampSchema,
    eventId: z.string(),
  })
  .describe('待复核标记（退出机制）');
const reviewDecisionSchema = z
  .object({ decision: z.enum(['suspend', 'clear']), reason: z.string(), at: timestampSchema, by: z.string(), byName: z.string(), flag: reviewFlagSchema.nullable() })
  .describe('工会复核决定');

/** 劳模工匠 as the API shows them (the rating window stays inside; the phone is masked for people without a need to call). */
export const craftsmanSchema = z
  .object({
    _id: idOf('劳模工匠'),
    name: z.string().describe('姓名'),
    phone: z.string().describe('手机号（无需联系的人看到 138****5678）'),
    regionCode: z.string().describe('所在地行政区划代码'),
    regionPath: regionPathSchema,
    honors: z.array(z.object({ title: z.string().describe('荣誉称号'), level: z.enum(honorLevels).describe('荣誉级别'), year: z.number().int() })).describe('荣誉'),
    skills: z.array(z.object({ name: z.string().describe('技能'), grade: z.number().int().min(1).max(5).describe('职业技能等级：1 高级技师 … 5 初级工') })).describe('技能与等级'),
    trades: z.array(z.string()).describe('工种'),
    industries: z.array(z.string()).describe('行业'),
    studio: z.string().nullable().describe('创新工作室'),
    serviceModes: z.array(serviceModeSchema).describe('服务方式'),
    capacity: z.number().int().describe('同时在办任务上限'),
    bio: z.string().describe('简介'),
    status: z.enum(craftsmanStatuses).describe('active 在库、paused 暂停接单、suspended 停用、exited 已退出'),
    statusReason: z.string().optional().describe('状态变更原因'),
    rating: z.number().nullable().describe('评分（窗口内确认评分的收缩平均；无评分为 null）'),
    ratingCount: z.number().int().describe('评分次数'),
    completedCount: z.number().int().describe('完成需求数'),
    activeCount: z.number().int().describe('在办任务数'),
    lastAssignedAt: nullableTimestamp('最近派单或承接时间'),
    reviewFlag: reviewFlagSchema.nullable().optional(),
    reviews: z.array(reviewDecisionSchema).optional().describe('历次复核决定'),
    reviewClearedAt: timestampSchema.optional().describe('最近一次解除标记的时间'),
    points: z.number().optional().describe('积分总分（详情中提供）'),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe('劳模工匠档案');
export const craftsmanUpdateSchema = craftsmanSchema.extend({ pendingChange });
export const craftsmanCreatedSchema = craftsmanSchema.extend({ account: z.object({ username: z.string() }).nullable().describe('同时创建的登录账号（未创建为 null）') });
export const craftsmanSearchSchema = z
  .object({
    hits: z.array(craftsmanSchema.extend({ highlight: highlightSchema.optional() })).describe('命中的劳模工匠'),
    total: z.number().int().min(0),
    facets: facetsSchema,
    page: z.number().int().min(1),
    limit: z.number().int().min(1).max(100),
    degraded: degradedSchema,
  })
  .describe('人才库检索结果');

/** 企业 as stored. */
export const enterpriseSchema = z
  .object({
    _id: idOf('企业'),
    name: z.string().describe('企业名称'),
    creditCode: z.string().describe('统一社会信用代码'),
    industry: z.string().describe('行业'),
    regionCode: z.string().describe('所在地行政区划代码'),
    regionPath: regionPathSchema,
    address: z.string().describe('地址'),
    contact: z.object({ name: z.string().describe('联系人'), phone: z.string().describe('联系电话') }),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe('企业');
const createdAccount = z.object({ username: z.string() }).nullable().describe('同时创建的登录账号（未创建为 null）');
export const enterpriseCreatedSchema = enterpriseSchema.extend({ account: createdAccount });
export const enterpriseUpdateSchema = enterpriseSchema.extend({ pendingChange });
export const enterpriseListSchema = pageOf(enterpriseSchema, '企业列表');

/** 账号 as the API shows it: never the password hash or token version. */
export const userSchema = z
  .object({
    id: idOf('账号'),
    username: z.string().describe('用户名'),
    role: z.enum(roles).describe('admin 系统管理员、union_staff 工会工作人员、enterprise 企业、craftsman 劳模工匠'),
    displayName: z.string().describe('姓名或名称'),
    orgId: z.string().nullable().describe('所属工会组织（工会工作人员）'),
    subjectId: z.string().nullable().describe('所代表的企业或劳模工匠'),
    status: z.enum(userStatuses).describe('active 正常、disabled 已停用'),
    canManageAccounts: z.boolean().describe('可管理本级及下级工会的工作人员账号'),
    createdAt: timestampSchema,
  })
  .describe('账号');
export type UserAnswer = z.infer<typeof userSchema>;
export const userListSchema = pageOf(userSchema, '账号列表');
export const sessionSchema = z
  .object({ token: z.string().describe('Bearer 令牌（JWT）'), expiresAt: timestampSchema.describe('令牌过期时间'), user: userSchema })
  .describe('登录结果');
export const meSchema = z
  .object({
    user: userSchema,
    scope: z
      .object({ orgId: z.string().nullable(), orgRegionCode: z.string().nullable(), enterpriseId: z.string().nullable(), craftsmanId: z.string().nullable() })
      .describe('权限范围：所属工会组织、企业或劳模工匠'),
  })
  .describe('当前登录用户与权限范围');

export const auditEntrySchema = z
  .object({
    _id: idOf('审计记录'),
    at: timestampSchema,
    actorId: z.string().describe('操作人（system 为系统）'),
    actorName: z.string(),
    action: z.enum(auditActions).describe('动作'),
    targetUserId: z.string(),
    targetUsername: z.string(),
    reason: z.string().nullable().describe('原因'),
    details: z.record(z.string(), z.unknown()).describe('补充信息'),
  })
  .describe('账号操作记录');
export const auditListSchema = pageOf(auditEntrySchema, '账号操作记录');

/** 积分 */
export const pointEntrySchema = z
  .object({
    _id: idOf('积分明细'),
    craftsmanId: z.string(),
    orderId: z.string(),
    orderTitle: z.string(),
    rule: z.enum(pointRules).describe('visit 服务人次、hours 服务时长、solved 解决问题、high_rating 好评奖励'),
    label: z.string(),
    points: z.number(),
    basis: z.object({ visits: z.number().optional(), hours: z.number().optional(), rating: z.number().optional() }).describe('计分依据'),
    ruleSource: z.string().describe('适用的规则来源'),
    eventId: z.string(),
    createdAt: timestampSchema,
  })
  .describe('积分明细');
export const pointLedgerSchema = pageOf(pointEntrySchema, '积分明细').extend({ craftsmanId: z.string(), totalPoints: z.number().describe('积分总分') });
export const flaggedCraftsmanSchema = craftsmanSchema.pick({ _id: true, name: true, regionCode: true, status: true, rating: true, ratingCount: true }).extend({ reviewFlag: reviewFlagSchema.nullable().optional() });
export const flagListSchema = pageOf(flaggedCraftsmanSchema, '待复核的劳模工匠');
export const reviewResultSchema = craftsmanSchema.pick({ _id: true, name: true, status: true }).extend({ reviewFlag: reviewFlagSchema.nullable(), reviews: z.array(reviewDecisionSchema) }).describe('复核结果');
export const reputationRulesAnswerSchema = z
  .object({ rules: reputationRulesSchema.describe('生效的积分、评分与退出规则'), source: z.string().describe('规则来源：reputation:<组织 id>、reputation:global 或 default') })
  .describe('积分、评分与退出规则');
