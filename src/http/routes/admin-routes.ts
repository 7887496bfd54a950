import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouteSpec } from '../route.js';

/** Operations on the running engine that would otherwise need a second process on its data directory. */
export function adminRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/backup',
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
      summary: '在运行中的引擎内从存储重建搜索索引（npm run reindex 在引擎运行时改用此接口）',
      tag: '运维',
      action: 'search.reindex',
      handler: () => s.search.rebuildAll(),
    }),
  ];
}
