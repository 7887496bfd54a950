import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useNotify } from '../components/notify';
import { errorText, isRetriable } from './client';

interface ActionOptions<R> {
  success?: string;
  invalidate?: QueryKey[];
  onSuccess?: (r: R) => void;
  onError?: (e: unknown) => void;
  /**
   * The server does it at most once however often it is sent (accept, decline, a record with an
   * Idempotency-Key): network failures and 5xx are retried three times (1, 2, 4 s) before giving up.
   */
  idempotent?: boolean;
}

/** What a person reads when an action did not go through; says whether trying again is safe. */
export function actionFailureText(e: unknown, idempotent = false): string {
  if (isRetriable(e)) return idempotent ? `操作没有完成：${errorText(e)}。可以放心再试，不会重复提交` : `操作没有完成：${errorText(e)}`;
  return errorText(e);
}

/** A mutation that toasts its zh-CN outcome and refreshes the given queries. */
export function useAction<V, R>(fn: (v: V) => Promise<R>, opts: ActionOptions<R> = {}) {
  const qc = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: fn,
    retry: (count, e) => Boolean(opts.idempotent) && count < 3 && isRetriable(e),
    retryDelay: (attempt) => 1000 * 2 ** attempt,
    onSuccess: (r) => {
      if (opts.success) notify.success(opts.success);
      for (const key of opts.invalidate ?? []) void qc.invalidateQueries({ queryKey: key });
      opts.onSuccess?.(r);
    },
    onError: (e) => {
      notify.error(actionFailureText(e, opts.idempotent));
      opts.onError?.(e);
    },
  });
}
