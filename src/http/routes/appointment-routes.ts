import { z } from 'zod';
import { calendarSchema } from '../../domain/api/appointments.js';
import { orderSchema } from '../../domain/api/orders.js';
import { slotProposalSchema } from '../../domain/orders/appointment.js';
import { isoDateTimeSchema, text } from '../../domain/shared/values.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams } from '../route.js';

const confirmAppointmentSchema = z.strictObject({ note: text(300, '备注').optional() });
const calendarQuerySchema = z.strictObject({ from: isoDateTimeSchema.optional(), to: isoDateTimeSchema.optional() });

/** 预约: negotiating the visit slot of an order in service, and a craftsman's calendar of booked slots. */
export const appointmentRoutes = (s: Services) => [
  defineRoute({
    method: 'post',
    path: '/api/orders/:id/appointment/proposals',
    response: orderSchema,
    action: 'appointment.propose',
    summary: '劳模工匠提议上门时段（接单后；也用于回复企业另提的时段或改约已确认的时段），企业收到通知',
    tag: '预约',
    params: idParams,
    body: slotProposalSchema,
    errors: ['ORDER_NOT_FOUND', 'ORDER_NOT_IN_PROGRESS', 'INVALID_TIME_WINDOW', 'APPOINTMENT_STATE', 'APPOINTMENT_ROUNDS_EXCEEDED', 'ORDER_CHANGED'],
    handler: ({ actor, params, body }) => s.appointments.propose(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/orders/:id/appointment/counter',
    response: orderSchema,
    action: 'appointment.counter',
    summary: '企业另提上门时段（回复劳模工匠的提议或改约已确认的时段），劳模工匠收到通知',
    tag: '预约',
    params: idParams,
    body: slotProposalSchema,
    errors: ['ORDER_NOT_FOUND', 'ORDER_NOT_IN_PROGRESS', 'INVALID_TIME_WINDOW', 'APPOINTMENT_STATE', 'APPOINTMENT_ROUNDS_EXCEEDED', 'ORDER_CHANGED'],
    handler: ({ actor, params, body }) => s.appointments.counter(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/orders/:id/appointment/confirm',
    response: orderSchema,
    action: 'appointment.confirm',
    summary: '确认对方提出的上门时段：企业确认劳模工匠的提议，或劳模工匠确认企业另提的时段；双方将在前一天收到提醒',
    tag: '预约',
    params: idParams,
    body: confirmAppointmentSchema,
    errors: ['ORDER_NOT_FOUND', 'ORDER_NOT_IN_PROGRESS', 'APPOINTMENT_STATE', 'ORDER_CHANGED'],
    handler: ({ actor, params, body }) => s.appointments.confirm(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/craftsmen/:id/calendar',
    response: calendarSchema,
    action: 'craftsman.calendar',
    summary: '劳模工匠的预约日程：时段内已确认与协商中的预约（默认自现在起 30 天，最长 92 天）；本人与管辖范围内的工会可查看',
    tag: '预约',
    params: idParams,
    query: calendarQuerySchema,
    errors: ['CRAFTSMAN_NOT_FOUND', 'INVALID_TIME_WINDOW'],
    handler: ({ actor, params, query }) => s.appointments.calendar(actor, params.id, query),
  }),
];
