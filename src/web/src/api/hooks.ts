import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import { errorText } from './client';

/** A mutation that toasts its zh-CN outcome and refreshes the given queries. */
export function useAction<V, R>(fn: (v: V) => Promise<R>, opts: { success?: string; invalidate?: QueryKey[]; onSuccess?: (r: R) => void; onError?: (e: unknown) => void } = {}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      if (opts.success) void message.success(opts.success);
      for (const key of opts.invalidate ?? []) void qc.invalidateQueries({ queryKey: key });
      opts.onSuccess?.(r);
    },
    onError: (e) => {
      void message.error({ content: errorText(e), className: 'jx-error-toast' });
      opts.onError?.(e);
    },
  });
}
