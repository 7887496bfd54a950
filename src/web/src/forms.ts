import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { FormInstance } from 'antd';
import { ApiError } from './api/client';

// Zod's generic messages (wrong type, not one of the options) in zh-CN; the schemas' own messages already are.
z.config(zhCN());

type Issue = { path: PropertyKey[]; message: string };

/** Puts each issue's message on its field (path `a.b` → name ['a','b']); returns whether any landed. */
export function showIssues(form: FormInstance, issues: Issue[]): boolean {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    const name = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (name.length === 0) continue;
    // List items report on the list itself (requiredSkills.0 → requiredSkills) unless the form has that field.
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name.length > 1 && typeof f.name[1] === 'number' ? [f.name[0]!] : f.name, errors: f.errors })));
  return byField.size > 0;
}

/** Validates form values with the API's own zod schema; shows field errors and returns null when invalid. */
export function validateWith<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): z.infer<S> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  showIssues(form, result.error.issues);
  return null;
}

/** A VALIDATION_FAILED answer from the API: its details (path `title`) on the matching fields. */
export function showApiIssues(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  return showIssues(form, error.issues.map((i) => ({ path: i.path.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: i.message })));
}
