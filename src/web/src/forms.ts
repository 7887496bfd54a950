import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { FormInstance } from 'antd';
import { ApiError } from './api/client';

// Zod's generic messages (wrong type, not one of the options) in zh-CN; the schemas' own messages already are.
z.config(zhCN());

type Issue = { path: PropertyKey[]; message: string; code?: string };

const valueAt = (values: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), values);

/**
 * Puts each issue's message on its field. A path ending in a list index (`requiredSkills.0`, a tag
 * input) lands on the list's own field; `skills.0.name` (a Form.List row) stays where it is.
 */
export function showIssues(form: FormInstance, issues: Issue[]): boolean {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    let name = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (name.length === 0) continue;
    if (name.length > 1 && typeof name[name.length - 1] === 'number') name = name.slice(0, -1);
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name, errors: f.errors })));
  return byField.size > 0;
}

/** Validates form values with the API's own zod schema; shows field errors and returns null when invalid. */
export function validateWith<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): z.infer<S> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  // A field left empty reads "请填写此项", not zod's "expected string, received undefined".
  const issues = result.error.issues.map((i) => (i.code === 'invalid_type' && (valueAt(values, i.path) ?? null) === null ? { ...i, message: '请填写此项' } : i));
  showIssues(form, issues);
  return null;
}

/** A VALIDATION_FAILED answer from the API: its details (path `title`) on the matching fields. */
export function showApiIssues(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  return showIssues(form, error.issues.map((i) => ({ path: i.path.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: i.message })));
}

/** Each field's first message, keyed by its top-level name (plain forms without the component library). */
export type FieldErrors = Partial<Record<string, string>>;

const firstByField = (issues: Issue[]): FieldErrors => {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return errors;
};

/** Checks a plain form's values with the API's own zod schema: the parsed body, or each field's message. */
export function checkWith<S extends z.ZodType>(schema: S, values: unknown): { data: z.infer<S>; errors?: undefined } | { data?: undefined; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { data: result.data };
  return { errors: firstByField(result.error.issues.map((i) => (i.code === 'invalid_type' && (valueAt(values, i.path) ?? null) === null ? { ...i, message: '请填写此项' } : i))) };
}

/** A VALIDATION_FAILED answer's details as each field's message, for a plain form; null for other errors. */
export function apiFieldErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return null;
  return firstByField(error.issues.map((i) => ({ path: i.path.split('.').filter(Boolean), message: i.message })));
}
