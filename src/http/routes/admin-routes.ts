import { setAsideEventListSchema, setAsideEventSchema } from '../../domain/api/casework.js';
import { reindexResultSchema } from '../../domain/api/work.js';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { z } from 'zod';
import { pageQuerySchema } from '../../domain/shared/values.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams, type RouteSpec } from '../route.js';

/** An event consumer's name (`notify`, `timers`, `stats`, `reputation`, `index`). */
const consumerName = z.string().min(1).max(40).regex(/^[a-z][a-z0-9_-]*$/, '处理环节名称格式不正确');

const backupFile = { mediaTypes: ['application/gzip'], description: 'gzip 压缩的 JSON Lines 备份（x-backup-commit 头为提交序号）' };

/** Operations on the running engine that would otherwise need a second process on its data directory. */
export function adminRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/backup',
      response: backupFile,
      summary: '下载运行中引擎的一致性备份（gzip 压缩的 JSON Lines，含文档数与 SHA-256 校验；npm run backup 调用此接口）',
      tag: '运维',
      action: 'store.backup',
      errors: ['BACKUP_NOT_SUPPORTED'],
      handler: async ({ actor, req, res }) => {
        const backup = await s.backup.open(actor);
        res.status(200);
        res.setHeader('content-type', 'application/gzip');
        res.setHeader('content-disposition', `attachment; filename="jiangxin-backup-${backup.seq}.jsonl.gz"`);
        res.setHeader('x-backup-commit', String(backup.seq));
        try {
          await pipeline(Readable.from(backup.lines), createGzip(), res);
        } catch (error) {
          // Headers are out: the client sees a cut stream, which its checksum check rejects.
          req.log?.error({ reqId: req.id, err: error }, 'backup stream failed');
          res.destroy();
        }
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/reindex',
      response: reindexResultSchema,
      summary: '在运行中的引擎内从存储重建搜索索引（npm run reindex 在引擎运行时改用此接口）',
      tag: '运维',
      action: 'search.reindex',
      handler: () => s.search.rebuildAll(),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/events/set-aside',
      response: setAsideEventListSchema,
      summary: '被事件处理环节搁置的事件（多次重试仍失败或数据有误），新的在前；consumer 只看某一环节',
      tag: '运维',
      action: 'event.list_set_aside',
      query: pageQuerySchema.extend({ consumer: consumerName.optional() }).strict(),
      handler: ({ actor, query }) => s.setAsideEvents.list(actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/events/:id/retry',
      response: setAsideEventSchema,
      summary: '把搁置的事件交回搁置它的处理环节重新处理（body.consumer 只交回某一环节）',
      tag: '运维',
      action: 'event.retry',
      params: idParams,
      body: z.strictObject({ consumer: consumerName.optional() }),
      errors: ['EVENT_NOT_FOUND', 'EVENT_NOT_SET_ASIDE'],
      handler: ({ actor, params, body }) => s.setAsideEvents.retry(actor, params.id, body.consumer),
    }),
  ];
}
