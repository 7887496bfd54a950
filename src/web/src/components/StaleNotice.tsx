import dayjs from 'dayjs';
import { errorText } from '../api/client';

/**
 * Shown above content whose last refresh failed: the page keeps what it showed (or what this phone
 * kept from last time) and says how old it is, instead of replacing it with an error.
 */
export function StaleNotice({ query }: { query: { isError: boolean; data: unknown; error: unknown; dataUpdatedAt: number } }) {
  if (!query.isError || query.data === undefined) return null;
  return (
    <div className="jx-alert jx-alert-warn" role="status" data-testid="stale-notice">
      {errorText(query.error)}。下面是 {dayjs(query.dataUpdatedAt).format('MM-DD HH:mm')} 的内容，网络恢复后自动更新。
    </div>
  );
}
