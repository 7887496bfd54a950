import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ProblemPage } from './ProblemPage';

interface State {
  error: Error | null;
}

/** Catches render errors anywhere below: a message and a way back, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('console error boundary', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const chunk = /dynamically imported module|Loading chunk|Failed to fetch/i.test(this.state.error.message);
    return (
      <ProblemPage
        title={chunk ? '页面资源加载失败' : '页面出错了'}
        text={chunk ? '网络不稳定或控制台刚刚更新，请刷新页面。' : '很抱歉，页面遇到了问题。请刷新后重试；如果问题持续，请联系管理员。'}
        reload
      />
    );
  }
}
