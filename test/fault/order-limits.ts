import { orgIdForRegion } from '../../src/domain/orgs/union-org.js';
import type { Services } from '../../src/services/index.js';
import { ADMIN } from '../helpers/engine.js';

/**
 * The fault tests load one enterprise with hundreds of orders at once; the province-wide open-order
 * limit (20 by default) is raised to its maximum for them, as a federation would for a bulk import.
 */
export async function allowManyOpenOrders(services: Pick<Services, 'orderLimits'>): Promise<void> {
  await services.orderLimits.put(ADMIN, orgIdForRegion('520000'), { maxOpenOrders: 1000 });
}
