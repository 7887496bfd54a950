import type { ReactNode } from 'react';
import { ApiError, errorText } from '../api/client';

interface Props {
  loading: boolean;
  error: unknown;
  empty?: boolean;
  emptyText?: string;
  /** What this page needs, for the "not available yet" message. */
  feature?: string;
  retry?: () => void;
  children: ReactNode;
}

/** Loading, error (zh-CN, including a missing endpoint), empty, or the content. Plain markup, shared by every page. */
export function QueryState({ loading, error, empty, emptyText, feature, retry, children }: Props) {
  if (loading) return <Loading />;
  if (error) return <ErrorState error={error} feature={feature} retry={retry} />;
  if (empty) return <p className="jx-empty">{emptyText ?? '暂无数据'}</p>;
  return <>{children}</>;
}

export const Loading = () => (
  <div className="jx-loading" role="status">
    <span className="jx-spinner" aria-hidden="true" />
    <div>正在加载…</div>
  </div>
);

export function ErrorState({ error, feature, retry }: { error: unknown; feature?: string; retry?: () => void }) {
  if (error instanceof ApiError && error.missingRoute) {
    return (
      <div className="jx-result" data-testid="feature-missing">
        <h2>{`${feature ?? '该功能'}暂未开放`}</h2>
        <p>服务端尚未提供此接口，升级引擎后即可使用。</p>
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="jx-result" data-testid="not-found">
        <h2>未找到</h2>
        <p>{errorText(error)}</p>
      </div>
    );
  }
  return (
    <div className="jx-alert jx-alert-error jx-alert-row" role="alert" data-testid="error-state">
      <span>{errorText(error)}</span>
      {retry && (
        <button type="button" className="jx-btn jx-btn-small" onClick={retry}>
          重试
        </button>
      )}
    </div>
  );
}
