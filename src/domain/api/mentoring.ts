import { z } from 'zod';
import { milestoneKinds, milestoneStatuses, pairingStatuses } from '../mentoring/pairing.js';
import { idOf, nullableTimestamp, pageOf, regionPathSchema, timestampSchema } from './common.js';

/** 师带徒结对 as the API answers it. */
const apprenticeSchema = z
  .object({
    id: z.string().describe('徒弟在结对内的编号（a1、a2…）'),
    name: z.string().describe('徒弟姓名'),
    enterpriseName: z.string().describe('徒弟所在企业'),
    trade: z.string().describe('工种'),
    startGrade: z.number().int().min(1).max(5).describe('结对时的技能等级（1 高级技师 … 5 初级工）'),
    grade: z.number().int().min(1).max(5).describe('经确认晋升后的当前技能等级'),
    graduatedOn: z.string().nullable().describe('出师日期（经确认；未出师为 null）'),
  })
  .describe('徒弟');

const sessionSchema = z
  .object({
    _id: idOf('带徒记录'),
    date: z.string().describe('带徒日期'),
    hours: z.number().positive().describe('时长（小时）'),
    content: z.string().describe('带徒内容'),
    apprenticeIds: z.array(z.string()).describe('参加的徒弟'),
    recordedBy: idOf('登记人账号'),
    createdAt: timestampSchema,
  })
  .describe('带徒记录（计入带徒次数与时长，不计入服务人次）');

const milestoneSchema = z
  .object({
    _id: idOf('带徒成果'),
    apprenticeId: z.string().describe('徒弟编号'),
    kind: z.enum(milestoneKinds).describe('promotion 技能等级晋升、certificate 取得证书、graduation 出师'),
    date: z.string().describe('成果日期'),
    grade: z.number().int().nullable().describe('晋升后的等级（晋升时）'),
    certificate: z.string().nullable().describe('证书名称（取证时）'),
    note: z.string().describe('说明'),
    status: z.enum(milestoneStatuses).describe('pending 待确认、confirmed 已确认（计入统计）、rejected 已退回'),
    recordedBy: idOf('登记人账号'),
    recordedAt: timestampSchema,
    decidedBy: z.string().nullable().describe('确认或退回的账号'),
    decidedAt: nullableTimestamp('确认或退回时间'),
  })
  .describe('带徒成果：师傅登记，企业或工会确认后计入统计（只计一次）');

export const pairingSchema = z
  .object({
    _id: idOf('师带徒结对'),
    mentorId: idOf('师傅（劳模工匠）'),
    mentorName: z.string().describe('师傅姓名'),
    enterpriseId: idOf('企业'),
    enterpriseName: z.string().describe('企业名称'),
    orgId: idOf('所属工会组织'),
    regionCode: z.string().describe('所在地区代码'),
    regionPath: regionPathSchema,
    orderId: z.string().optional().describe('发起结对的师带徒需求单'),
    apprentices: z.array(apprenticeSchema).describe('徒弟'),
    goals: z.string().describe('带徒目标'),
    startDate: z.string().describe('开始日期'),
    plannedEndDate: z.string().describe('计划结束日期'),
    status: z.enum(pairingStatuses).describe('active 带徒中、graduated 全部出师'),
    graduatedOn: z.string().nullable().describe('最后一名徒弟出师的日期'),
    sessions: z.array(sessionSchema).describe('带徒记录'),
    milestones: z.array(milestoneSchema).describe('带徒成果'),
    createdBy: idOf('建立人账号'),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe('师带徒结对');

export const pairingListSchema = pageOf(pairingSchema, '师带徒结对列表');
