import { AppError } from '../errors.js';
import { may } from '../domain/access/policy.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import { backupLines } from './backup-format.js';

/** Backups of a running engine, taken through it rather than by copying files from under it. */
export function backupService(deps: Pick<ServiceDeps, 'store' | 'clock'>) {
  return {
    /**
     * The lines of a consistent backup (one durable commit) for the caller to compress and send.
     * The snapshot is taken before this resolves, so a refusal arrives before any byte is sent.
     */
    async open(actor: Actor): Promise<{ seq: number; lines: AsyncIterable<string> }> {
      if (!may(actor, 'store.backup')) throw new AppError({ kind: 'not_found', code: 'NOT_FOUND', message: '资源不存在' });
      const { store } = deps;
      if (!store.snapshot) {
        throw new AppError({ kind: 'invalid', code: 'BACKUP_NOT_SUPPORTED', message: `当前存储（${store.adapter}）不通过引擎备份；MongoDB 请使用 mongodump（见 README）` });
      }
      const snapshot = await store.snapshot();
      return { seq: snapshot.seq, lines: backupLines({ store: store.adapter, seq: snapshot.seq, createdAt: deps.clock.now().toISOString() }, snapshot.docs) };
    },
  };
}
