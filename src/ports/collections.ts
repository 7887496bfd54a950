/**
 * The collections of the engine and their indexes: one definition that both store adapters read
 * (the embedded store enforces the unique ones and uses the others for equality look-ups; the mongo
 * store creates them all).
 */
export interface IndexSpec {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
  /** Unique only among documents where every indexed field exists (Mongo partialFilterExpression). */
  sparse?: boolean;
}

const DEFINITIONS: Record<string, IndexSpec[]> = {
  meta: [],
  regions: [{ fields: { parentCode: 1 } }],
  orgs: [{ fields: { regionCode: 1 } }, { fields: { enterpriseId: 1 }, unique: true, sparse: true }, { fields: { parentId: 1 } }, { fields: { ancestorIds: 1 } }],
  users: [{ fields: { username: 1 }, unique: true }, { fields: { subjectId: 1 } }, { fields: { role: 1, status: 1 } }, { fields: { orgId: 1 } }],
  audit: [{ fields: { targetUserId: 1, at: -1 } }, { fields: { at: -1 } }],
  enterprises: [{ fields: { creditCode: 1 }, unique: true }, { fields: { regionPath: 1 } }],
  craftsmen: [{ fields: { regionPath: 1 } }, { fields: { status: 1 } }],
  /** 工作室: one name per region; members and leads looked up by craftsman. */
  studios: [{ fields: { regionCode: 1, name: 1 }, unique: true }, { fields: { regionPath: 1 } }, { fields: { leadCraftsmanId: 1 } }, { fields: { memberIds: 1 } }],
  // enterpriseId + status: the open-order limit counts an enterprise's unfinished orders on every submit.
  orders: [{ fields: { number: 1 }, unique: true, sparse: true }, { fields: { enterpriseId: 1, status: 1 } }, { fields: { status: 1 } }, { fields: { regionPath: 1 } }, { fields: { craftsmanId: 1 } }],
  offers: [{ fields: { orderId: 1 } }, { fields: { craftsmanId: 1 } }, { fields: { status: 1, expiresAt: 1 } }],
  serviceRecords: [{ fields: { orderId: 1 } }, { fields: { craftsmanId: 1 } }, { fields: { regionPath: 1 } }, { fields: { craftsmanId: 1, requestKey: 1 }, unique: true, sparse: true }],
  /** 投诉: one per filing, in the order's region; staff queues list open ones by due time. */
  complaints: [{ fields: { orderId: 1 } }, { fields: { regionPath: 1 } }, { fields: { status: 1, dueAt: 1 } }, { fields: { enterpriseId: 1 } }, { fields: { craftsmanId: 1 } }],
  /** Hours claimed per craftsman and day (`${craftsmanId}:${day}`): the row the daily cap is checked on. */
  serviceDays: [],
  outbox: [{ fields: { status: 1, seq: 1 } }, { fields: { setAside: 1 } }],
  notifications: [{ fields: { userId: 1, createdAt: -1 } }, { fields: { eventId: 1, userId: 1, channel: 1 }, unique: true }],
  /** 师带徒结对, with their sessions and outcomes embedded (one pairing per mentoring order). */
  pairings: [{ fields: { regionPath: 1 } }, { fields: { enterpriseId: 1 } }, { fields: { mentorId: 1 } }, { fields: { orderId: 1 }, unique: true, sparse: true }, { fields: { status: 1 } }],
  policies: [],
  targets: [{ fields: { orgId: 1, period: 1 }, unique: true }],
  points: [{ fields: { craftsmanId: 1 } }, { fields: { orderId: 1, craftsmanId: 1, rule: 1 }, unique: true }],
  plans: [],
  /** 派单决策记录: one per offer (its id), with the list ranked for the decision and its outcome. */
  dispatchDecisions: [{ fields: { orderId: 1 } }, { fields: { orgId: 1, decidedAt: 1 } }, { fields: { orgAncestorIds: 1 } }],
  /** Changes to matching policies and the skill taxonomy: who, when, what (never changed once written). */
  matchingAudit: [{ fields: { orgId: 1, at: -1 } }],
  /** Synonyms and related skills staff added to the shipped taxonomy (id: kind, skill and term). */
  taxonomyAdditions: [],
  /** Taxonomy proposals staff rejected, so they are not proposed again. */
  taxonomyRejections: [],
  deliveries: [{ fields: { status: 1 } }],
  webhooks: [],
  rollups: [{ fields: { span: 1, regionPath: 1 } }],
  rollupSources: [],
  /** 案例库: one solved case per closed order. */
  cases: [{ fields: { orderId: 1 }, unique: true }, { fields: { regionPath: 1 } }, { fields: { excellent: 1 } }],
  /** Sequences handed out inside transactions: one document per prefecture and year for 需求单编号. */
  counters: [],
  /** Work that runs once per deployment (event consumers, sweeps): which process holds it until when. */
  leases: [],
};

export const COLLECTIONS: Readonly<Record<string, readonly IndexSpec[]>> = DEFINITIONS;

export function indexesOf(name: string): IndexSpec[] {
  return DEFINITIONS[name] ?? [];
}
