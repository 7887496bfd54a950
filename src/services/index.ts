import { accountService, type AccountOptions } from './account-service.js';
import { backupService } from './backup-service.js';
import { retentionService } from './retention-service.js';
import { caseService } from './case-service.js';
import { craftsmanService } from './craftsman-service.js';
import type { ServiceDeps } from './deps.js';
import { decisionFeedbackService } from './decision-feedback-service.js';
import { dispatchService } from './dispatch-service.js';
import { policyProposalService } from './policy-proposal-service.js';
import { taxonomyService } from './taxonomy-service.js';
import { enterpriseService } from './enterprise-service.js';
import { orderService } from './order-service.js';
import { pairingService } from './pairing-service.js';
import { orderEntryService } from './order-entry-service.js';
import { orderOwnerService } from './order-owner-service.js';
import { serviceLimitPolicyService } from './service-limit-policy-service.js';
import { followUpService } from './follow-up-service.js';
import { complaintService } from './complaint-service.js';
import { mutualRatingService } from './mutual-rating-service.js';
import { serviceLimitTimerService } from './service-limit-timer-service.js';
import { appointmentService } from './appointment-service.js';
import { appointmentTimerService } from './appointment-timer-service.js';
import { orderLimitService } from './order-limit-service.js';
import { orderNumberService } from './order-number-service.js';
import type { PdfRenderer } from '../ports/pdf.js';
import { profileChangeService } from './profile-change-service.js';
import type { GrowingTaxonomy } from '../domain/matching/index.js';
import type { SearchPort } from '../ports/search.js';
import type { Segmenter } from '../ports/text.js';
import { matchingService } from './matching-service.js';
import { matchingPolicyService } from './matching/matching-policy-service.js';
import { candidateRankingService } from './matching/candidate-ranking-service.js';
import { autoDispatchService } from './matching/auto-dispatch-service.js';
import { batchPlanService } from './matching/batch-plan-service.js';
import { referenceService } from './reference-service.js';
import { notificationService, type NotificationOptions } from './notification-service.js';
import { searchService } from './search-service.js';
import { webhookService } from './webhook-service.js';
import { setAsideEventService } from './set-aside-event-service.js';
import { serviceRecordService } from './service-record-service.js';
import { slaService } from './sla-service.js';
import { studioService } from './studio-service.js';
import { buildReportingServices } from './reporting.js';
import { userService } from './user-service.js';

/** Every use case, wired to the same ports. */
export interface ServiceParts {
  search: SearchPort;
  /** The shipped taxonomy plus staff's additions; matching and taxonomy maintenance share it. */
  taxonomy: GrowingTaxonomy;
  /** Renders the printable period report to PDF. */
  pdf: PdfRenderer;
  segment: Segmenter;
}

export function buildServices(parts: ServiceParts, deps: ServiceDeps, options: { notifications?: Partial<NotificationOptions>; accounts?: AccountOptions } = {}) {
  const { search } = parts;
  const reference = referenceService(deps);
  const accounts = accountService(deps, options.accounts);
  const users = userService(deps, accounts);
  const orderLimits = orderLimitService(deps, reference);
  const orderNumbers = orderNumberService(deps);
  const serviceLimits = serviceLimitPolicyService(deps, reference);
  const orders = orderService(deps, reference, orderLimits, orderNumbers, serviceLimits);
  const profileChanges = profileChangeService(deps);
  const craftsmen = craftsmanService(deps, reference, accounts, profileChanges);
  // Matching policy is read from one place; dispatch and SLA timers are handed what they read from it.
  const matchingPolicy = matchingPolicyService(deps, reference);
  const ranking = candidateRankingService(deps, { taxonomy: parts.taxonomy, segment: parts.segment, orders, policy: matchingPolicy });
  // Every offer keeps the ranked list it was chosen from; ranking is matching's, the offer is dispatch's.
  const dispatch = dispatchService(deps, orders, serviceLimits, { offerMinutes: matchingPolicy.offerMinutes, decisionRecord: ranking.decisionRecord });
  const sla = slaService(deps, dispatch, reference, { acceptSlaHours: matchingPolicy.acceptSlaHours });
  const autoDispatch = autoDispatchService({ policy: matchingPolicy, ranking, dispatch, sla });
  orders.hooks.opened.push(autoDispatch.autoDispatch);
  const enterprises = enterpriseService(deps, reference, accounts, profileChanges);
  const entries = orderEntryService(deps, { reference, limits: orderLimits, orders, enterprises, numbers: orderNumbers });
  const reporting = buildReportingServices(deps, { reference, orders, accounts, pdf: parts.pdf });
  const matching = matchingService({ policy: matchingPolicy, ranking, auto: autoDispatch, plans: batchPlanService(deps, { orders, dispatch, policy: matchingPolicy, ranking }) });
  const feedback = decisionFeedbackService(deps);
  const studios = studioService(deps, reference);
  return {
    ...reporting,
    deps,
    reference,
    accounts,
    users,
    enterprises,
    entries,
    owners: orderOwnerService(deps, orders),
    serviceLimits,
    limitTimers: serviceLimitTimerService(deps),
    followUps: followUpService(deps, orders),
    appointments: appointmentService(deps, orders),
    appointmentTimers: appointmentTimerService(deps),
    complaints: complaintService(deps, orders, serviceLimits),
    ratings: mutualRatingService(deps, orders),
    profileChanges,
    orderLimits,
    orderNumbers,
    craftsmen,
    studios,
    search: searchService({ ...deps, search }, craftsmen, orders, studios),
    cases: caseService({ ...deps, search, segment: parts.segment }, orders, craftsmen),
    orders,
    dispatch,
    sla,
    matching,
    feedback,
    policyProposals: policyProposalService(deps, { matching, feedback }),
    taxonomy: taxonomyService(deps, { taxonomy: parts.taxonomy, taxonomyChanged: matching.taxonomyChanged }),
    notifications: notificationService(deps, options.notifications),
    webhooks: webhookService(deps, options.notifications),
    records: serviceRecordService(deps, orders),
    pairings: pairingService(deps, orders),
    backup: backupService(deps),
    setAsideEvents: setAsideEventService(deps),
    retention: retentionService(deps),
  };
}

export type Services = ReturnType<typeof buildServices>;
export type { ServiceDeps } from './deps.js';
