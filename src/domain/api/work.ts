import { z } from 'zod';
import { complaintTargets } from '../orders/complaint.js';
import { matchFactors, matchingPolicySchema } from '../matching/policy.js';
import { deliveryChannels, deliveryStatuses } from '../notifications/notification.js';
import { namedBlockerCodes } from '../matching/named-candidate.js';
import { namedKinds } from '../orders/named-request.js';
import { orderCategories, orderSources, orderStatuses, serviceKinds, urgencies } from '../orders/order.js';
import { daySchema, periodSchema } from '../stats/period.js';
import { targetMetricNames, targetValuesSchema } from '../stats/targets.js';
import { idOf, nullableTimestamp, pageOf, timestampSchema } from './common.js';

/** 智能匹配: one ranked candidate with the contribution of each factor and the reasons in Chinese. */
export const candidateSchema = z
  .object({
    craftsmanId: idOf('劳模工匠'),
    name: z.string().describe('姓名'),
    total: z.number().min(0).max(100).describe('总分 0–100（各因素贡献之和）'),
    factors: z
      .array(
        z.object({
          factor: z.enum(matchFactors).describe('因素'),
          label: z.string().describe('因素名称'),
          value: z.number().min(0).max(1).describe('原始值 0–1'),
          weight: z.number().describe('权重'),
          contribution: z.number().describe('对总分的贡献'),
        }),
      )
      .describe('各因素贡献'),
    reasons: z.array(z.string()).describe('中文理由'),
    summary: z.string().describe('理由摘要（以 · 连接）'),
    weakFit: z.boolean().describe('与需求关联弱：没有匹配证据，贡献被压低'),
  })
  .describe('候选劳模工匠');
/** 点名 on the dispatch board: who the enterprise asked for, and whether one action offers them the order. */
export const namedCandidateSchema = z
  .object({
    kind: z.enum(namedKinds).describe('点名对象类型：craftsman 劳模工匠'),
    id: z.string().describe('点名对象 id'),
    name: z.string().describe('点名对象名称'),
    reason: z.string().describe('企业的点名理由'),
    dispatchable: z.boolean().describe('可一键派给点名对象'),
    blockers: z
      .array(z.object({ code: z.enum(namedBlockerCodes).describe('原因代码'), message: z.string().describe('中文说明') }))
      .describe('不能派给点名对象的原因（可派时为空）'),
    listed: z.boolean().describe('是否出现在本次候选名单中'),
    candidate: candidateSchema.nullable().describe('点名对象的匹配评分与理由（已不在人才库时为 null）'),
  })
  .describe('企业点名');
export const candidateListSchema = z
  .object({
    orderId: idOf('需求单'),
    status: z.enum(orderStatuses),
    policyOrgId: z.string().nullable().describe('所用匹配策略的工会组织'),
    candidates: z.array(candidateSchema).describe('按总分从高到低'),
    named: namedCandidateSchema.nullable().describe('企业点名的劳模工匠（未点名为 null）'),
  })
  .describe('候选人排序');

export const matchingPolicyAnswerSchema = z
  .object({
    orgId: idOf('工会组织'),
    own: z.record(z.string(), z.unknown()).nullable().describe('本级设置（未设置的项继承上级；没有时为 null）'),
    updatedAt: nullableTimestamp('本级设置的修改时间').optional(),
    effective: matchingPolicySchema.describe('继承上级后生效的策略'),
  })
  .describe('匹配策略');

const planPairSchema = z.object({ orderId: z.string(), craftsmanId: z.string(), score: z.number().describe('匹配分'), detail: candidateSchema.optional().describe('该配对的理由') });
export const dispatchPlanSchema = z
  .object({
    _id: idOf('派单方案'),
    status: z.enum(['draft', 'applied']).describe('draft 试算、applied 已执行'),
    createdBy: z.string(),
    orgRegionCode: z.string().nullable(),
    orgId: z.string().nullable().describe('方案所属工会组织'),
    orgAncestorIds: z.array(z.string()).describe('其上级组织（这些组织的工作人员也可查看与执行）'),
    createdAt: timestampSchema,
    expiresAt: timestampSchema.describe('过期后不能再执行'),
    orderIds: z.array(z.string()).describe('参与试算的需求'),
    pairs: z.array(planPairSchema).describe('配对'),
    unassigned: z.array(z.object({ orderId: z.string(), reason: z.string().describe('原因代码'), message: z.string().describe('中文说明') })).describe('未分配的需求'),
    totalScore: z.number().describe('总匹配分'),
    certifiedOptimal: z.boolean().describe('已证明为最优'),
    appliedAt: timestampSchema.optional(),
    result: z.unknown().optional().describe('执行结果'),
    expired: z.boolean().optional().describe('是否已过期（查看时提供）'),
  })
  .describe('批量派单方案');
export const planApplySchema = z
  .object({
    planId: z.string(),
    offered: z.array(z.object({ orderId: z.string(), craftsmanId: z.string(), offerId: z.string() })).describe('已送单的配对'),
    refused: z.array(z.object({ orderId: z.string(), craftsmanId: z.string(), code: z.string().describe('错误码'), message: z.string() })).describe('已失效而被拒绝的配对'),
  })
  .describe('方案执行结果');

/** 站内消息 */
export const notificationSchema = z
  .object({
    _id: idOf('消息'),
    eventId: z.string().describe('来源事件'),
    eventType: z.string().describe('事件类型，如 offer.made'),
    userId: z.string(),
    channel: z.literal('inbox'),
    title: z.string(),
    body: z.string(),
    link: z.string().describe('控制台内的链接'),
    orderId: z.string().nullable(),
    readAt: nullableTimestamp('已读时间'),
    createdAt: timestampSchema,
  })
  .describe('站内消息');
export const notificationListSchema = pageOf(notificationSchema, '站内消息').extend({ unreadCount: z.number().int().min(0).describe('未读数') });
export const unreadCountSchema = z.object({ unreadCount: z.number().int().min(0) }).describe('未读数');
export const readAllSchema = z.object({ updated: z.number().int().min(0).describe('本次标为已读的条数'), unreadCount: z.number().int().min(0) }).describe('全部已读');

export const webhookSettingsSchema = z
  .object({
    orgId: z.string(),
    url: z.string().nullable().describe('群机器人地址（未设置为 null）'),
    enabled: z.boolean(),
    allowPrivate: z.boolean().describe('允许内网地址（仅管理员可设）'),
    hasSecret: z.boolean().describe('是否设置了签名密钥（密钥本身从不返回）'),
    updatedAt: nullableTimestamp('修改时间'),
    updatedBy: z.string().nullable(),
  })
  .describe('群机器人 Webhook 设置');
export const deliverySchema = z
  .object({
    _id: z.string().describe('投递 id：<事件 id>:<组织 id> 或 <事件 id>:sms:<劳模工匠 id>'),
    channel: z.enum(deliveryChannels).describe('webhook 群机器人 或 sms 短信'),
    eventId: z.string(),
    eventType: z.string(),
    orgId: z.string().nullable(),
    craftsmanId: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    status: z.enum(deliveryStatuses).describe('pending 待投递、sent 已送达、failed 失败（死信）、skipped 已跳过'),
    attempts: z.number().int().min(0),
    lastError: z.string().nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    sentAt: nullableTimestamp('送达时间'),
  })
  .describe('外部投递记录');
export const deliveryListSchema = pageOf(deliverySchema, '外部投递记录');

/** 统计 */
const latencySchema = z.object({ count: z.number().int(), medianMinutes: z.number().nullable().describe('中位数（分钟）'), p90Minutes: z.number().nullable().describe('90 分位（分钟）') });
const onTimeSchema = z.object({ counted: z.number().int().describe('有时限的需求数'), onTime: z.number().int().describe('按时数'), share: z.number().nullable().describe('按时比例（没有时为 null）') });
const countsBy = <T extends readonly [string, ...string[]]>(keys: T) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T[number], z.ZodNumber>);
const figuresFields = {
  orders: z.object({ total: z.number().int(), byStatus: countsBy(orderStatuses), byCategory: countsBy(orderCategories), bySource: countsBy(orderSources).describe('按来源：企业自助点单或工会代录（走访、热线等）') }).describe('需求数'),
  namedRequests: z
    .object({
      requested: z.number().int().describe('点名的需求数'),
      honoured: z.number().int().describe('由点名对象承接的需求数'),
      rate: z.number().nullable().describe('点名兑现率（没有点名时为 null）'),
    })
    .describe('企业点名（期间内提交的需求）'),
  problemsSolved: z.number().int().describe('解决问题数（企业确认关闭的需求）'),
  service: z
    .object({ visits: z.number().int().describe('服务企业人次：一位劳模工匠在一个自然日（北京时间）为一项需求提供服务计一人次；同人同单同日多条记录只计一次，团队服务中每位参与成员各计一人次'), byKind: countsBy(serviceKinds).describe('服务记录数（按类型）'), hours: z.number(), trainingAttendees: z.number().int() })
    .describe('服务'),
  enterprisesServed: z.number().int().describe('服务企业数'),
  craftsmen: z.object({ active: z.number().int(), withService: z.number().int() }),
  response: z.object({ toFirstOffer: latencySchema.describe('提交到首次派单'), offerToAcceptance: latencySchema.describe('派单到接单') }),
  sla: z.object({ offersExpired: z.number().int(), escalations: z.number().int() }),
  serviceLimits: z
    .object({
      toFirstContact: latencySchema.describe('接单到首次联系/上门'),
      toResolution: latencySchema.describe('接单到提交解决'),
      firstContact: onTimeSchema.describe('首次联系/上门按时'),
      resolution: onTimeSchema.describe('解决按时'),
    })
    .describe('服务时限（期间内提交的需求）'),
  satisfaction: z.object({ average: z.number().nullable(), count: z.number().int() }).describe('满意度'),
  cooperation: z.object({ average: z.number().nullable().describe('平均分'), count: z.number().int().describe('评价数') }).describe('劳模工匠对企业配合的评价（期间内提交的）'),
  followUp: z
    .object({
      due: z.number().int().describe('已开启的回访数'),
      answered: z.number().int().describe('企业已填写问卷数'),
      rate: z.number().nullable().describe('问卷填写率'),
      stillSolved: z.number().int().describe('表示问题仍已解决的问卷数'),
      craftsmanSatisfaction: z.number().nullable().describe('对劳模工匠的平均满意度'),
      unionSatisfaction: z.number().nullable().describe('对工会服务的平均满意度'),
    })
    .describe('回访（期间内办结的需求）'),
  complaints: z
    .object({
      filed: z.number().int().describe('投诉数'),
      byTarget: countsBy(complaintTargets).describe('按投诉对象：craftsman 劳模工匠、enterprise 企业、service 工会服务'),
      open: z.number().int().describe('待处理'),
      upheld: z.number().int().describe('投诉成立'),
      dismissed: z.number().int().describe('投诉不成立'),
      toDecision: latencySchema.describe('投诉到处理完毕'),
      onTime: onTimeSchema.describe('按时处理（已处理的投诉中）'),
    })
    .describe('投诉（期间内提出的）'),
  reopenedOrders: z.number().int(),
  mentoring: z
    .object({
      pairingsStarted: z.number().int().describe('期间内开始的师带徒结对'),
      pairingsGraduated: z.number().int().describe('期间内全部徒弟出师的结对'),
      apprenticesGraduated: z.number().int().describe('期间内出师的徒弟（经确认）'),
      apprenticesPromoted: z.number().int().describe('期间内技能等级晋升的徒弟（经确认，每名徒弟只计一次）'),
      certificates: z.number().int().describe('期间内取得的证书（经确认）'),
      sessions: z.number().int().describe('带徒次数（不计入服务人次）'),
      hours: z.number().describe('带徒时长（小时）'),
      active: z.number().int().describe('当前带徒中的结对'),
    })
    .describe('师带徒（单独统计，不计入服务人次）'),
  equity: z.object({ craftsmen: z.number().int(), busiestTenthShare: z.number().nullable(), gini: z.number().nullable() }).describe('任务分布均衡度'),
};
const progressSchema = z
  .object({
    metric: z.enum(targetMetricNames as [string, ...string[]]),
    label: z.string(),
    value: z.number().nullable(),
    target: z.number(),
    percent: z.number().nullable().describe('完成百分比'),
    remaining: z.number().nullable(),
    daysLeft: z.number().int(),
    neededPerDay: z.number().nullable(),
    neededPerMonth: z.number().nullable(),
    expectedByNow: z.number().nullable(),
    onTrack: z.boolean().nullable(),
    childTargetSum: z.number().optional().describe('下级组织目标之和'),
  })
  .describe('目标完成进度');
const orgSummarySchema = z.object({ id: z.string(), name: z.string(), level: z.enum(['province', 'prefecture', 'county', 'enterprise']), regionCode: z.string() });
const rangeSchema = z.object({ from: daySchema, to: daySchema }).describe('统计区间（含首尾两天）');
const targets = z.array(progressSchema).nullable().describe('目标完成进度（未设目标为 null）');
export const statsReportSchema = z
  .object({
    org: orgSummarySchema,
    range: rangeSchema,
    period: periodSchema.describe('目标所属周期'),
    generatedAt: timestampSchema,
    additive: z.array(z.string()).describe('可逐级相加的指标路径'),
    total: z.object({ ...figuresFields, targets }).describe('本级及下辖全部'),
    own: z.object(figuresFields).describe('本级直属'),
    children: z.array(z.object({ org: orgSummarySchema, ...figuresFields, targets })).describe('各直属下级组织'),
  })
  .describe('统计报表');
export const statsSeriesSchema = z
  .object({ org: orgSummarySchema, metric: z.string(), interval: z.enum(['month', 'day']), range: rangeSchema, points: z.array(z.object({ period: z.string(), value: z.number().nullable() })) })
  .describe('统计趋势');
export const targetSchema = z
  .object({ _id: z.string().optional(), orgId: z.string(), period: periodSchema, metrics: targetValuesSchema.or(z.object({})), updatedAt: timestampSchema.optional(), updatedBy: z.string().optional() })
  .describe('目标任务（未设置时 metrics 为空对象）');

/** 基础数据 */
export const regionSchema = z
  .object({ _id: z.string(), code: z.string().describe('GB/T 2260 代码'), name: z.string(), level: z.enum(['province', 'prefecture', 'county']), parentCode: z.string().nullable() })
  .describe('行政区划');
export const regionListSchema = z.object({ items: z.array(regionSchema) });
export const unionOrgSchema = z
  .object({
    _id: idOf('工会组织'),
    name: z.string(),
    level: z.enum(['province', 'prefecture', 'county', 'enterprise']).describe('省、州市、县区、企业工会'),
    regionCode: z.string(),
    parentId: z.string().nullable(),
    ancestorIds: z.array(z.string()).describe('自根组织至上级'),
    enterpriseId: z.string().optional().describe('企业工会所属企业'),
  })
  .describe('工会组织');
export const unionOrgListSchema = z.object({ items: z.array(unionOrgSchema) });
export const reindexResultSchema = z.object({ craftsmen: z.number().int(), orders: z.number().int(), studios: z.number().int().describe('工作室'), cases: z.number().int().describe('案例') }).describe('重建的索引条数');

/** 期间工作报告: the statistics of a period arranged for printing. */
export const periodReportSchema = z
  .object({
    org: orgSummarySchema,
    range: rangeSchema,
    period: periodSchema.nullable().describe('所选周期（按起止日期时为 null）'),
    periodLabel: z.string().describe('周期名称，如 2026 年第 1 季度'),
    generatedAt: timestampSchema,
    generatedBy: z.string().describe('生成人'),
    headline: z.object({ ...figuresFields, targets }).describe('主要指标（本级及下辖全部）'),
    targets,
    children: z.array(z.object({ org: orgSummarySchema, ...figuresFields, targets, rank: z.number().int().min(1).describe('名次（按解决问题数、服务人次、需求数；并列同名次）') })).describe('下级组织排名'),
    months: z
      .array(z.object({ month: z.string().describe('月份 YYYY-MM'), orders: z.number().int().describe('需求数'), problemsSolved: z.number().int().describe('解决问题数'), visits: z.number().int().describe('服务人次') }))
      .describe('月度趋势'),
    outstanding: z
      .object({
        count: z.number().int().min(0).describe('未办结需求总数'),
        items: z
          .array(
            z.object({
              id: idOf('需求单'),
              number: z.string().nullable().describe('需求单编号'),
              title: z.string().describe('标题'),
              enterpriseName: z.string().describe('企业名称'),
              regionCode: z.string().describe('所在地'),
              status: z.enum(orderStatuses).describe('状态'),
              urgency: z.enum(urgencies).describe('紧急程度：low 一般、normal 普通、high 紧急、critical 特急'),
              submittedAt: timestampSchema.describe('提交时间'),
            }),
          )
          .describe('最早提交的未办结需求（最多 12 条）'),
      })
      .describe('期间内提交、尚未办结的需求'),
  })
  .describe('期间工作报告');

/** 县区考核表: each child org's progress against its own targets for a period, ranked. */
export const assessmentSchema = z
  .object({
    org: orgSummarySchema,
    period: periodSchema.describe('考核周期（年、季、月、规划期或自定义区间）'),
    range: rangeSchema,
    generatedAt: timestampSchema,
    rows: z
      .array(
        z.object({
          org: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }).describe('下级组织'),
          progress: z.array(progressSchema).describe('各项目标的完成进度（按其自身目标）'),
          completion: z.number().nullable().describe('平均完成率（%，各项封顶 100；未设目标为 null）'),
          rank: z.number().int().min(1).describe('名次（按平均完成率；并列同名次；未设目标的排在最后）'),
        }),
      )
      .describe('各下级组织，按名次'),
  })
  .describe('目标任务考核表');
