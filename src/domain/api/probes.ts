import { z } from 'zod';

/**
 * The answers of the operations probes (存活、就绪): what load balancers, Kubernetes and monitoring read.
 * The HTTP layer types its handlers from these, so the document and the answer cannot drift.
 */
export const healthAnswerSchema = z.object({ status: z.literal('ok').describe('进程存活') }).strict().describe('存活探针：进程在运行即为 ok，不检查依赖');

export const portStatusSchema = z
  .object({
    adapter: z.string().describe('所用实现，如 embedded、mongo、meilisearch、bullmq、inline'),
    ok: z.boolean().describe('是否可用'),
    state: z.string().optional().describe('补充状态，如 degraded：后端不可用但引擎以降级方式继续工作'),
    pending: z.number().int().min(0).optional().describe('发件箱：尚未交给各消费者的事件数'),
    lagSeconds: z.number().int().min(0).optional().describe('发件箱：最早一条未完成事件已等待的秒数'),
  })
  .strict()
  .describe('一个端口（存储、检索、队列、发件箱）的状态');

export const readinessAnswerSchema = z
  .object({
    status: z.enum(['ready', 'degraded', 'unavailable']).describe('ready 全部可用；degraded 有端口降级但仍可服务；unavailable 不可服务（HTTP 503）'),
    ports: z.record(z.string(), portStatusSchema).describe('各端口状态：store、search、queue、outbox'),
  })
  .strict()
  .describe('就绪探针：各依赖端口的状态');

export type HealthAnswer = z.infer<typeof healthAnswerSchema>;
export type PortStatus = z.infer<typeof portStatusSchema>;
export type ReadinessAnswer = z.infer<typeof readinessAnswerSchema>;
