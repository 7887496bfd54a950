import { skillGradeLabels } from '../craftsmen/craftsman.js';
import type { FactorEvidence, FactorEvaluation, SkillMatch } from './factors.js';
import { normaliseSkillText } from './skill-taxonomy.js';

export const proximityLabels: Record<0 | 1 | 2 | 3, string> = { 3: '同县', 2: '同州（市）', 1: '同省', 0: '外省' };

const gradeLabel = (grade: number) => skillGradeLabels[grade] ?? `${grade}级`;
const MAX_TEXT_WORDS = 3;

/**
 * Short zh-CN reasons a union officer can read at a glance, strongest facts first:
 * 「同县 · 技能匹配：焊接(二级/技师)、压力容器(三级/高级工) · 全国劳动模范 · 当前任务 1/3」.
 * Only facts that set the candidate apart are said; silence means "nothing notable".
 */
export function explainReasons(evaluation: FactorEvaluation, askedSkillCount: number): string[] {
  const e = evaluation.evidence;
  const reasons: string[] = [proximityLabels[e.proximity]];
  // Said first after place: it is why an honoured candidate sits below plainer ones.
  if (e.weakFit) reasons.push('与需求关联弱');

  // Each skill held is named once: a skill that matches one asked skill exactly and is related to
  // another (建材生产 asked with 水泥生产) is a match, not also a related skill.
  const exact = distinctHeld(e.skillMatches.filter((m) => m.relation === 'exact'), new Set());
  const related = distinctHeld(e.skillMatches.filter((m) => m.relation === 'related'), new Set(exact.map((m) => m.held)));
  const similar = distinctHeld(e.skillMatches.filter((m) => m.relation === 'similar'), new Set([...exact, ...related].map((m) => m.held)));
  if (exact.length > 0) reasons.push(`技能匹配：${exact.map(skillLabel).join('、')}`);
  if (related.length > 0) reasons.push(`相关技能：${related.map(skillLabel).join('、')}`);
  if (similar.length > 0) reasons.push(`技能相近：${similar.map(skillLabel).join('、')}`);
  if (askedSkillCount > 0 && e.skillMatches.length === 0) reasons.push('无对口技能');

  const words = textWords(e);
  if (words.length > 0) reasons.push(`描述相关：${words.join('、')}`);
  if (e.honor) reasons.push(e.honor.title);
  if (e.ratingCount > 0) reasons.push(`评分 ${e.rating.toFixed(1)}（${e.ratingCount} 次）`);
  if (e.similarCompleted > 0) reasons.push(`同类需求完成 ${e.similarCompleted} 单`);
  reasons.push(`当前任务 ${e.activeCount}/${e.capacity}`);
  if (e.daysSinceAssigned !== null && e.daysSinceAssigned < 3) reasons.push(e.daysSinceAssigned < 1 ? '今日已派过单' : `${Math.floor(e.daysSinceAssigned)} 天前派过单`);
  return reasons;
}

const skillLabel = (m: SkillMatch) => `${m.heldName}(${gradeLabel(m.grade)})`;

/** The matches whose held skill is not in `said` yet, first occurrence kept (two asked skills may lean on one related skill). */
function distinctHeld(matches: readonly SkillMatch[], said: Set<string>): SkillMatch[] {
  const out: SkillMatch[] = [];
  for (const m of matches) {
    if (said.has(m.held)) continue;
    said.add(m.held);
    out.push(m);
  }
  return out;
}

/** Matched description words that the skill reason does not already say (as written or by its canonical name). */
function textWords(e: FactorEvidence): string[] {
  const said = e.skillMatches.flatMap((m) => [normaliseSkillText(m.heldName), normaliseSkillText(m.held)]);
  const words: string[] = [];
  // jieba's search mode yields 安全隐患 and also 安全, 隐患: say the longest form once.
  const byLength = [...e.matchedTokens].sort((a, b) => b.length - a.length);
  for (const t of byLength) {
    if (said.some((s) => s.includes(t) || t.includes(s)) || words.some((w) => w.includes(t))) continue;
    words.push(t);
  }
  const rank = new Map(e.matchedTokens.map((t, i) => [t, i]));
  return words.sort((a, b) => rank.get(a)! - rank.get(b)!).slice(0, MAX_TEXT_WORDS);
}
