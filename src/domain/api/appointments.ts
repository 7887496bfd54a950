import { z } from 'zod';
import { appointmentActions, appointmentStatuses, appointmentTimers, attendanceOutcomes } from '../orders/appointment.js';
import { idOf, nullableTimestamp, timestampSchema } from './common.js';

/** Answers about 预约: the appointment on an order, and a craftsman's calendar of booked slots. */

export const timeWindowAnswerSchema = z
  .object({ start: timestampSchema.describe('开始时间'), end: timestampSchema.describe('结束时间') })
  .describe('时间段（UTC）');

const appointmentStepSchema = z
  .object({
    at: timestampSchema.describe('操作时间'),
    action: z.enum(appointmentActions).describe('propose 劳模工匠提议、counter 企业另提时段、confirm 确认'),
    party: z.enum(['craftsman', 'enterprise']).describe('操作方：craftsman 劳模工匠、enterprise 企业'),
    slot: timeWindowAnswerSchema,
    note: z.string().nullable().describe('备注'),
  })
  .describe('预约协商的一步');

export const appointmentSchema = z
  .object({
    status: z.enum(appointmentStatuses).describe('proposed 待企业确认、countered 待劳模工匠确认、confirmed 已确认'),
    slot: timeWindowAnswerSchema.describe('当前提议或已确认的上门时段'),
    rounds: z.number().int().min(0).describe('已提议与另提时段的次数'),
    confirmedAt: nullableTimestamp('确认时间'),
    fired: z.array(z.enum(appointmentTimers)).describe('已执行的定时事项：reminder 前一天提醒、attendance 到访情况判定'),
    attendance: z.enum(attendanceOutcomes).nullable().describe('到访情况：on_time 按时到访、late 迟到、missed 爽约（未到访）；判定前为 null'),
    history: z.array(appointmentStepSchema).describe('协商记录'),
  })
  .describe('预约：劳模工匠提议上门时段，企业确认或另提时段');

export const calendarEntrySchema = z
  .object({
    orderId: idOf('需求单'),
    orderNumber: z.string().nullable().describe('需求单编号'),
    title: z.string().describe('需求标题'),
    enterpriseName: z.string().describe('企业名称'),
    status: z.enum(appointmentStatuses).describe('proposed 待企业确认、countered 待劳模工匠确认、confirmed 已确认'),
    slot: timeWindowAnswerSchema,
    attendance: z.enum(attendanceOutcomes).nullable().describe('到访情况（判定前为 null）'),
  })
  .describe('日程中的一个预约');

export const calendarSchema = z
  .object({
    craftsmanId: idOf('劳模工匠'),
    from: timestampSchema.describe('查询起点'),
    to: timestampSchema.describe('查询终点'),
    items: z.array(calendarEntrySchema).describe('时段内的预约（按开始时间排序；已确认的计入占用）'),
  })
  .describe('劳模工匠的预约日程');
