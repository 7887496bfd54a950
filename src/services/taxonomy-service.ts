import { z } from 'zod';
import { conflict, invalid, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { craftsmanScope, orderScope } from '../domain/access/scope.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import {
  additionId,
  checkAddition,
  isProblem,
  matchingAuditEntry,
  proposeTaxonomyAdditions,
  taxonomyAdditionKinds,
  type GrowingTaxonomy,
  type MatchingAuditEntry,
  type TaxonomyAddition,
  type TaxonomyAdditionInput,
} from '../domain/matching/index.js';
import type { Order } from '../domain/orders/order.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import { nowIso } from './shared.js';

export const taxonomyProposalDecisionSchema = z.strictObject({
  kind: z.enum(taxonomyAdditionKinds, { error: '类型只能是 synonym（同义词）或 related（相关技能）' }),
  skill: z.string().trim().min(1).max(30),
  term: z.string().trim().min(1).max(30),
  decision: z.enum(['accept', 'reject'], { error: '请选择采纳（accept）或驳回（reject）' }),
  reason: z.string().trim().max(200).optional(),
});

interface RejectedProposal {
  _id: string;
  orgId: string | null;
  rejectedBy: string;
  at: string;
  reason: string | null;
  [key: string]: unknown;
}

/** Orders and craftsmen read for proposals: enough for a prefecture, bounded for the whole engine. */
const PROPOSAL_SCAN_LIMIT = 50_000;

/**
 * 技能分类维护: staff add synonyms and related skills (validated against the taxonomy, audited), and
 * read and decide the additions the pool's co-occurrences suggest. The taxonomy object is shared with
 * matching; after a change the candidate index prepares its profiles again.
 * Additions are stored, and loaded at start-up: another process sees one after its next start.
 */
export function taxonomyService(deps: ServiceDeps, parts: { taxonomy: GrowingTaxonomy; taxonomyChanged: () => void }) {
  const { taxonomy } = parts;
  const additions = deps.store.collection<TaxonomyAddition>('taxonomyAdditions');
  const rejected = deps.store.collection<RejectedProposal>('taxonomyRejections');
  const audit = deps.store.collection<MatchingAuditEntry>('matchingAudit');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const orders = deps.store.collection<Order>('orders');

  async function reload() {
    taxonomy.replace(await additions.find({}, { sort: { at: 1, _id: 1 } }));
    parts.taxonomyChanged();
  }

  async function add(actor: Actor, input: TaxonomyAdditionInput, source: TaxonomyAddition['source']): Promise<TaxonomyAddition> {
    const checked = checkAddition(taxonomy, input);
    if (isProblem(checked)) throw (checked.code === 'ALREADY_IN_TAXONOMY' ? conflict : invalid)(checked.code, checked.message, { field: 'term' });
    const at = nowIso(deps);
    const addition: TaxonomyAddition = { _id: additionId(input.kind, checked.skill, checked.term), kind: input.kind, skill: checked.skill, term: checked.term, source, orgId: actor.orgId ?? null, addedBy: actor.userId, at };
    await deps.store.transaction(async () => {
      if (await additions.findById(addition._id)) throw conflict('ALREADY_IN_TAXONOMY', `「${addition.term}」已添加过`);
      await additions.insertOne(addition);
      const action = source === 'proposal' ? 'taxonomy.proposal_accepted' : input.kind === 'synonym' ? 'taxonomy.synonym_added' : 'taxonomy.related_added';
      await audit.insertOne(matchingAuditEntry({ id: deps.ids.next('mau'), at, actor, orgId: actor.orgId ?? 'all', action, before: null, after: { kind: addition.kind, skill: addition.skill, term: addition.term } }));
    });
    await reload();
    return addition;
  }

  async function proposals(actor: Actor) {
    const [pool, done, refused, added] = await Promise.all([
      craftsmen.find(craftsmanScope(actor), { projection: { skills: 1 }, limit: PROPOSAL_SCAN_LIMIT }),
      orders.find({ $and: [orderScope(actor), { status: 'closed' }] }, { projection: { requiredSkills: 1, craftsmanId: 1 }, limit: PROPOSAL_SCAN_LIMIT }),
      rejected.find({}, { projection: { _id: 1 } }),
      additions.find({}, { projection: { _id: 1 } }),
    ]);
    const skillsOf = new Map(pool.map((c) => [c._id, c.skills.map((s) => s.name)]));
    const completions = done.flatMap((o) => (o.craftsmanId && skillsOf.has(o.craftsmanId) ? [{ asked: o.requiredSkills, held: skillsOf.get(o.craftsmanId)! }] : []));
    const exclude = new Set([...refused, ...added].map((r) => r._id));
    return proposeTaxonomyAdditions(taxonomy, { profiles: pool.map((c) => c.skills.map((s) => s.name)), completions }, { exclude });
  }

  return {
    /** Applies the stored additions (once at start-up). */
    load: reload,

    async add(actor: Actor, input: TaxonomyAdditionInput) {
      authorize(actor, 'taxonomy.write', '只有工会工作人员可以维护技能分类');
      return add(actor, input, 'staff');
    },

    async listAdditions(actor: Actor) {
      authorize(actor, 'taxonomy.read', '只有工会工作人员可以查看技能分类');
      return { items: await additions.find({}, { sort: { at: -1, _id: 1 }, limit: 500 }) };
    },

    /** Additions suggested by craftsmen and completed orders in the actor's reach, best supported first. */
    async proposals(actor: Actor) {
      authorize(actor, 'taxonomy.read', '只有工会工作人员可以查看技能分类');
      return { items: await proposals(actor) };
    },

    /** Accepts (adds, audited) or rejects (never proposed again, audited) a current proposal. */
    async decide(actor: Actor, input: z.infer<typeof taxonomyProposalDecisionSchema>) {
      authorize(actor, 'taxonomy.write', '只有工会工作人员可以维护技能分类');
      const id = additionId(input.kind, taxonomy.canonical(input.skill), input.kind === 'related' ? taxonomy.canonical(input.term) : input.term);
      const current = (await proposals(actor)).find((p) => p.id === id);
      if (!current) throw notFound('TAXONOMY_PROPOSAL_NOT_FOUND', '该技能分类建议不存在或已处理');
      if (input.decision === 'accept') return { decision: 'accept', addition: await add(actor, { kind: current.kind, skill: current.skill, term: current.term }, 'proposal') };
      const at = nowIso(deps);
      await deps.store.transaction(async () => {
        await rejected.insertOne({ _id: id, orgId: actor.orgId ?? null, rejectedBy: actor.userId, at, reason: input.reason ?? null });
        await audit.insertOne(matchingAuditEntry({ id: deps.ids.next('mau'), at, actor, orgId: actor.orgId ?? 'all', action: 'taxonomy.proposal_rejected', before: null, after: { kind: current.kind, skill: current.skill, term: current.term }, details: { reason: input.reason ?? null, support: current.support } }));
      });
      return { decision: 'reject', proposal: current };
    },
  };
}

export type TaxonomyService = ReturnType<typeof taxonomyService>;
