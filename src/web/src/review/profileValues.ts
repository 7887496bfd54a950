import { honorLevelLabels, profileFieldLabels, serviceModeLabels, skillGradeLabels, type HonorLevel, type ServiceMode } from '../domain';

type RegionName = (code: string | null | undefined) => string;

/** One profile field's value as a person reads it (labels instead of codes), for the before/after of a proposal. */
export function profileValueText(field: string, value: unknown, regionName: RegionName): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '（空）';
  if (field === 'regionCode' && typeof value === 'string') return regionName(value);
  if (field === 'honors' && Array.isArray(value)) {
    return (value as Array<{ title: string; level: HonorLevel; year: number }>).map((h) => `${h.title}（${honorLevelLabels[h.level] ?? h.level}，${h.year}）`).join('；');
  }
  if (field === 'skills' && Array.isArray(value)) return (value as Array<{ name: string; grade: number }>).map((s) => `${s.name}·${skillGradeLabels[s.grade] ?? s.grade}`).join('；');
  if (field === 'serviceModes' && Array.isArray(value)) return (value as ServiceMode[]).map((m) => serviceModeLabels[m] ?? m).join('、');
  if (field === 'contact' && typeof value === 'object') {
    const c = value as { name?: string; phone?: string };
    return [c.name, c.phone].filter(Boolean).join(' ');
  }
  if (Array.isArray(value)) return value.join('、');
  return String(value);
}

export const fieldLabel = (field: string) => profileFieldLabels[field] ?? field;
