import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * The last answers the craftsman's pages showed, kept in localStorage, so a reload on a flaky phone
 * link shows them again at once (marked as possibly old) instead of a spinner or an error. Only the
 * lists and details a person works from are kept, only for the user who saw them, and they are
 * dropped when that user signs out.
 */
const STORAGE_KEY = 'jx.answers';
/** Query-key heads worth keeping: the inbox lists, one order, its records, the craftsman's points. */
const KEPT = new Set(['offers', 'orders', 'order', 'records', 'points']);
/** Well below the 5 MB localStorage allows, so saving never crowds out the session token. */
const MAX_CHARS = 500_000;

interface Stored {
  owner: string;
  entries: Array<{ key: QueryKey; data: unknown; at: number }>;
}

function read(): Stored | null {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
  } catch {
    return null;
  }
}

/** Puts back the answers `owner` saw last time, then keeps saving new ones while the page is open. */
export function keepAnswers(client: QueryClient, owner: () => string | null): void {
  const stored = read();
  const me = owner();
  if (stored && me && stored.owner === me) {
    for (const e of stored.entries) client.setQueryData(e.key, e.data, { updatedAt: e.at });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    const who = owner();
    if (!who) return;
    const entries = client
      .getQueryCache()
      .findAll({ predicate: (q) => KEPT.has(String(q.queryKey[0])) && q.state.data !== undefined })
      .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
      .map((q) => ({ key: q.queryKey, data: q.state.data, at: q.state.dataUpdatedAt }));
    // Newest first; drop the oldest answers until the whole fits.
    while (entries.length) {
      const text = JSON.stringify({ owner: who, entries } satisfies Stored);
      if (text.length <= MAX_CHARS) {
        try {
          localStorage.setItem(STORAGE_KEY, text);
        } catch {
          // Storage full or disabled (private mode): the page still works, it just will not remember.
        }
        return;
      }
      entries.pop();
    }
  };
  client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success' && KEPT.has(String(event.query.queryKey[0])) && !timer) timer = setTimeout(save, 300);
  });
}

/** Forgets every kept answer (sign-out, or another user signing in on this phone). */
export function forgetAnswers(): void {
  localStorage.removeItem(STORAGE_KEY);
}
