import type { AccountService } from './account-service.js';
import type { ServiceDeps } from './deps.js';
import type { PdfRenderer } from '../ports/pdf.js';
import { exportService } from './export-service.js';
import { periodReportService } from './period-report-service.js';
import type { OrderService } from './order-service.js';
import type { ReferenceService } from './reference-service.js';
import { reputationService } from './reputation-service.js';
import { statsService } from './stats-service.js';
import { targetService } from './target-service.js';

/** Targets, statistics, exports and reputation, built together because they share targets and stats. */
export function buildReportingServices(deps: ServiceDeps, base: { reference: ReferenceService; orders: Pick<OrderService, 'listFilter'>; accounts: Pick<AccountService, 'revokeSubject'>; pdf: PdfRenderer }) {
  const targets = targetService(deps, base.reference);
  const stats = statsService(deps, base.reference, targets);
  return { targets, stats, reports: periodReportService(deps, stats, base.orders, base.pdf), exports: exportService(deps, stats, base.orders), reputation: reputationService(deps, base.reference, base.accounts) };
}
export type ReportingServices = ReturnType<typeof buildReportingServices>;
