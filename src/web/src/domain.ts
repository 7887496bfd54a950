// The engine's own pure domain modules (zod + plain data): the console validates with THE SAME schemas as the API.
export { orderCreateSchema, serviceRecordCreateSchema, confirmSchema, reasonSchema, resolveSchema, vetSchema, orderStatusLabels, orderCategoryLabels, urgencyLabels, serviceKindLabels, orderCategories, urgencies, serviceKinds, orderStatuses } from '../../domain/orders/order.js';
export type { Order, Offer, OrderStatus, OrderCategory, Urgency, TimelineEntry, ServiceRecord, ServiceKind } from '../../domain/orders/order.js';
export { craftsmanCreateSchema, craftsmanPatchSchema, craftsmanStatusChangeSchema, honorLevelLabels, skillGradeLabels, craftsmanStatusLabels, honorLevels, craftsmanStatuses } from '../../domain/craftsmen/craftsman.js';
export type { Craftsman, CraftsmanStatus, HonorLevel } from '../../domain/craftsmen/craftsman.js';
export { enterpriseCreateSchema, enterprisePatchSchema } from '../../domain/enterprises/enterprise.js';
export { serviceModeLabels, serviceModes } from '../../domain/shared/values.js';
export type { ServiceMode } from '../../domain/shared/values.js';
export { matchFactorLabels, matchFactors, matchingPolicySchema } from '../../domain/matching/policy.js';
export type { MatchingPolicy, MatchFactor } from '../../domain/matching/policy.js';
export { targetMetrics, targetPutSchema } from '../../domain/stats/targets.js';
export { passwordSchema, usernameSchema, userStatusLabels, roleLabels } from '../../domain/users/user.js';
export type { UserStatus } from '../../domain/users/user.js';
export { auditActionLabels } from '../../domain/users/audit.js';
export type { AuditAction } from '../../domain/users/audit.js';
export { profileChangeDecisionSchema, profileChangeStatusLabels, profileFieldLabels, SELF_FIELDS } from '../../domain/profiles/profile-change.js';
export type { ProfileChange, ProfileChangeStatus, FieldChange } from '../../domain/profiles/profile-change.js';
export { disputeDecisionSchema, disputeSchema, disputeStatusLabels, disputeStatuses } from '../../domain/orders/service-record-rules.js';
export type { DisputeStatus, RecordDispute } from '../../domain/orders/service-record-rules.js';
