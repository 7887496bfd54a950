import { newRequestKey } from '../../api/client';

/**
 * A service record the craftsman submitted whose answer has not arrived yet, with its Idempotency-Key.
 * Kept in localStorage until the server answers, so a reload or a dropped connection neither loses the
 * visit nor records it twice: the page sends the same key again and the server returns the first record.
 */
export interface PendingRecord {
  key: string;
  body: unknown;
  at: string;
}

const storageKey = (orderId: string) => `jx.pending-record.${orderId}`;

export function readPendingRecord(orderId: string): PendingRecord | null {
  try {
    return JSON.parse(localStorage.getItem(storageKey(orderId)) ?? 'null') as PendingRecord | null;
  } catch {
    return null;
  }
}

export function holdPendingRecord(orderId: string, body: unknown): PendingRecord {
  const pending = { key: newRequestKey(), body, at: new Date().toISOString() };
  localStorage.setItem(storageKey(orderId), JSON.stringify(pending));
  return pending;
}

export function clearPendingRecord(orderId: string): void {
  localStorage.removeItem(storageKey(orderId));
}

/** The form's unsent values, kept for this tab so a reload does not wipe what was typed. */
const draftKey = (orderId: string) => `jx.record-draft.${orderId}`;
export const readRecordDraft = (orderId: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(sessionStorage.getItem(draftKey(orderId)) ?? 'null') as Record<string, unknown> | null;
  } catch {
    return null;
  }
};
export const saveRecordDraft = (orderId: string, values: Record<string, unknown>) => sessionStorage.setItem(draftKey(orderId), JSON.stringify(values));
export const clearRecordDraft = (orderId: string) => sessionStorage.removeItem(draftKey(orderId));
