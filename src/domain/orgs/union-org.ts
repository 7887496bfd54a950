/** 工会组织: a federation of trade unions at one level (总工会), or an enterprise union (企业工会). */
export type OrgLevel = 'province' | 'prefecture' | 'county' | 'enterprise';

export interface UnionOrg {
  _id: string;
  name: string;
  level: OrgLevel;
  /** The region the org serves; an enterprise union has its enterprise's county. */
  regionCode: string;
  parentId: string | null;
  /** From the root down to the parent. */
  ancestorIds: string[];
  /** Only for enterprise unions. */
  enterpriseId?: string;
  [key: string]: unknown;
}

/** The id of the federation org for a region: one per region code. */
export const orgIdForRegion = (regionCode: string) => `org_${regionCode}`;
