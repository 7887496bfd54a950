import type { ReactNode } from 'react';
import { Alert, Button, Empty, Result, Skeleton } from 'antd';
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

/** Loading, error (zh-CN, including a missing endpoint), empty, or the content. */
export function QueryState({ loading, error, empty, emptyText, feature, retry, children }: Props) {
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (error) return <ErrorState error={error} feature={feature} retry={retry} />;
  if (empty) return <Empty description={emptyText ?? '暂无数据'} />;
  return <>{children}</>;
}

export function ErrorState({ error, feature, retry }: { error: unknown; feature?: string; retry?: () => void }) {
  if (error instanceof ApiError && error.missingRoute) {
    return <Result status="info" title={`${feature ?? '该功能'}暂未开放`} subTitle="服务端尚未提供此接口，升级引擎后即可使用。" data-testid="feature-missing" />;
  }
  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="未找到" subTitle={errorText(error)} data-testid="not-found" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-state"
      title={errorText(error)}
      action={retry ? <Button size="small" onClick={retry}>重试</Button> : undefined}
    />
  );
}
