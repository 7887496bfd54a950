import { assessmentSchema, periodReportSchema } from '../../domain/api/work.js';
import { statsReportSchema, statsSeriesSchema, targetSchema } from '../../domain/api/work.js';
import type { Response } from 'express';
import { z } from 'zod';
import { daySchema, periodSchema } from '../../domain/stats/period.js';
import { targetPutSchema } from '../../domain/stats/targets.js';
import type { ExportFile } from '../../services/export-service.js';
import { seriesMetrics, type SeriesMetric } from '../../services/stats-service.js';
import type { ReportingServices } from '../../services/reporting.js';
import { defineRoute, idParams } from '../route.js';
import { orderListQuerySchema } from './order-routes.js';
import { reputationRoutes } from './reputation-routes.js';

const rangeQuery = { from: daySchema.optional(), to: daySchema.optional(), period: periodSchema.optional() };
export const statsQuerySchema = z.strictObject(rangeQuery);
/** Exports answer with a file: CSV with a BOM (Excel opens it as UTF-8) or XLSX. */
const csvOrXlsx = { mediaTypes: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], description: 'CSV（带 BOM）或 XLSX 文件（Content-Disposition 给出文件名）' };
const formatSchema = z.enum(['csv', 'xlsx']).default('csv');

/** Sends a file with its name in both the ASCII and the RFC 5987 UTF-8 form. */
function sendFile(res: Response, file: ExportFile): undefined {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  res.status(200).send(file.body);
  return undefined;
}

/** Statistics, time series, targets and exports. Mount before the order routes (`/api/orders/export`). */
export const statsRoutes = (s: ReportingServices) => [
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/stats',
    response: statsReportSchema,
    action: 'stats.read',
    summary: '统计报表：本级及下辖全部、本级直属、各直属下级组织；含目标完成进度',
    tag: '统计',
    params: idParams,
    query: statsQuerySchema,
    errors: ['ORG_NOT_FOUND', 'RANGE_INVALID', 'RANGE_TOO_LONG'],
    handler: ({ actor, params, query }) => s.stats.report(actor, params.id, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/stats/timeseries',
    response: statsSeriesSchema,
    action: 'stats.read',
    summary: '统计趋势：单项指标按月或按日',
    tag: '统计',
    params: idParams,
    query: z.strictObject({ ...rangeQuery, metric: z.enum(Object.keys(seriesMetrics) as [SeriesMetric, ...SeriesMetric[]]), interval: z.enum(['month', 'day']).default('month') }),
    errors: ['ORG_NOT_FOUND', 'RANGE_INVALID', 'RANGE_TOO_LONG'],
    handler: ({ actor, params, query }) => s.stats.timeseries(actor, params.id, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/report',
    response: periodReportSchema,
    action: 'stats.read',
    summary: '期间工作报告（数据）：主要指标、目标进度、下级排名、月度趋势、未办结需求；周期为年/季/月或起止日期（如规划期）',
    tag: '统计',
    params: idParams,
    query: statsQuerySchema,
    errors: ['ORG_NOT_FOUND', 'RANGE_INVALID', 'RANGE_TOO_LONG'],
    handler: ({ actor, params, query }) => s.reports.report(actor, params.id, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/report/html',
    response: { mediaTypes: ['text/html'], description: '可打印的报告网页（HTML）' },
    action: 'stats.read',
    summary: '期间工作报告（可打印网页，A4 两页以内；控制台显示并打印此页）',
    tag: '统计',
    params: idParams,
    query: statsQuerySchema,
    errors: ['ORG_NOT_FOUND', 'RANGE_INVALID', 'RANGE_TOO_LONG'],
    handler: async ({ actor, params, query, res }) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.status(200).send(await s.reports.html(actor, params.id, query));
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/report/pdf',
    response: { mediaTypes: ['application/pdf'], description: 'PDF 文件（Content-Disposition 给出文件名）' },
    action: 'stats.export',
    summary: '期间工作报告 PDF（由服务器上的 Chromium 打印同一网页；未安装时返回 503 PDF_RENDERER_UNAVAILABLE）',
    tag: '统计',
    params: idParams,
    query: statsQuerySchema,
    errors: ['ORG_NOT_FOUND', 'RANGE_INVALID', 'RANGE_TOO_LONG', 'PDF_RENDERER_UNAVAILABLE'],
    handler: async ({ actor, params, query, res }) => {
      const file = await s.reports.pdf(actor, params.id, query);
      return sendFile(res, { filename: file.filename, contentType: 'application/pdf', body: file.body });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/assessment',
    response: assessmentSchema,
    action: 'stats.read',
    summary: '目标任务考核表：各直属下级组织按其自身目标的完成进度与名次（按平均完成率），周期可为年、季、月、规划期（如 2021-2025）或自定义区间',
    tag: '统计',
    params: idParams,
    query: z.strictObject({ period: periodSchema }),
    errors: ['ORG_NOT_FOUND'],
    handler: ({ actor, params, query }) => s.stats.assessment(actor, params.id, query.period),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/assessment/export',
    response: { mediaTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], description: 'XLSX 文件（Content-Disposition 给出文件名）' },
    action: 'stats.export',
    summary: '导出目标任务考核表（XLSX）',
    tag: '统计',
    params: idParams,
    query: z.strictObject({ period: periodSchema }),
    errors: ['ORG_NOT_FOUND'],
    handler: async ({ actor, params, query, res }) => sendFile(res, await s.exports.assessment(actor, params.id, query.period)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/stats/export',
    response: csvOrXlsx,
    action: 'stats.export',
    summary: '导出统计报表（CSV 带 BOM，或 XLSX）：每个组织一行，末行合计',
    tag: '统计',
    params: idParams,
    query: z.strictObject({ ...rangeQuery, format: formatSchema }),
    errors: ['ORG_NOT_FOUND', 'RANGE_INVALID'],
    handler: async ({ actor, params, query, res }) => sendFile(res, await s.exports.stats(actor, params.id, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orders/export',
    response: csvOrXlsx,
    action: 'order.export',
    summary: '导出需求列表（按权限范围与筛选条件）',
    tag: '需求单',
    query: orderListQuerySchema.omit({ page: true, limit: true, q: true }).extend({ format: formatSchema }).strict(),
    errors: ['EXPORT_TOO_LARGE'],
    handler: async ({ actor, query, res }) => sendFile(res, await s.exports.orders(actor, query)),
  }),
  defineRoute({
    method: 'put',
    path: '/api/orgs/:id/targets',
    response: targetSchema,
    action: 'targets.write',
    summary: '设置本组织某一周期的目标任务（年 2025、季度 2025Q3、月 2025-07）',
    tag: '统计',
    params: idParams,
    body: targetPutSchema,
    errors: ['ORG_NOT_FOUND', 'VALIDATION_FAILED'],
    handler: ({ actor, params, body }) => s.targets.put(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/targets',
    response: targetSchema,
    action: 'targets.read',
    summary: '本组织某一周期的目标任务',
    tag: '统计',
    params: idParams,
    query: z.strictObject({ period: periodSchema }),
    errors: ['ORG_NOT_FOUND'],
    handler: async ({ actor, params, query }) => {
      const found = await s.targets.get(actor, params.id, query.period);
      return found ?? { orgId: params.id, period: query.period, metrics: {} };
    },
  }),
];

/** Every route of this area, to mount before the craftsman and order routes (`/api/craftsmen/flags`, `/api/orders/export`). */
export const reportingRoutes = (s: ReportingServices) => [...reputationRoutes(s), ...statsRoutes(s)];
