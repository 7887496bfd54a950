import { accountService } from './account-service.js';
import { craftsmanService } from './craftsman-service.js';
import type { ServiceDeps } from './deps.js';
import { dispatchService } from './dispatch-service.js';
import { enterpriseService } from './enterprise-service.js';
import { orderService } from './order-service.js';
import { referenceService } from './reference-service.js';
import { serviceRecordService } from './service-record-service.js';

/** Every use case, wired to the same ports. */
export function buildServices(deps: ServiceDeps) {
  const reference = referenceService(deps);
  const accounts = accountService(deps);
  const orders = orderService(deps, reference);
  return {
    deps,
    reference,
    accounts,
    enterprises: enterpriseService(deps, reference, accounts),
    craftsmen: craftsmanService(deps, reference, accounts),
    orders,
    dispatch: dispatchService(deps, orders),
    records: serviceRecordService(deps, orders),
  };
}

export type Services = ReturnType<typeof buildServices>;
export type { ServiceDeps } from './deps.js';
