import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';

export type FirstAdminOutcome = 'exists' | 'created' | 'missing';

/**
 * The first admin of a store: created once from ADMIN_USERNAME / ADMIN_PASSWORD when no admin can
 * sign in, never from a default. Later starts find the admin and leave the variables unused, so
 * changing them afterwards changes nothing (use the console or `npm run admin:create`).
 */
export async function ensureFirstAdmin(
  services: Pick<Services, 'accounts' | 'users'>,
  initialAdmin: { username: string; password: string } | undefined,
  logger: Logger,
): Promise<FirstAdminOutcome> {
  if (await services.accounts.hasActiveAdmin()) return 'exists';
  if (!initialAdmin) {
    logger.warn(
      'no active admin in the store: set ADMIN_USERNAME and ADMIN_PASSWORD (at least 12 characters) and restart, or stop the engine and run `npm run admin:create`',
    );
    return 'missing';
  }
  const admin = await services.users.createAdmin({ username: initialAdmin.username, password: initialAdmin.password, displayName: '系统管理员' }, 'first start: ADMIN_USERNAME and ADMIN_PASSWORD');
  logger.info({ username: admin.username, userId: admin.id }, 'first admin created from ADMIN_USERNAME');
  return 'created';
}
