import { ProblemPage } from '../components/ProblemPage';

/** Router-level errors and unknown paths: a zh-CN page, never a stack trace. */
export function RouteError({ notFound }: { notFound?: boolean }) {
  return notFound ? <ProblemPage title="页面不存在" text="您访问的页面不存在。" /> : <ProblemPage title="页面出错了" text="很抱歉，页面遇到了问题，请刷新后重试。" reload />;
}
