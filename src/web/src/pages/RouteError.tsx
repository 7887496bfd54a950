import { Button, Result } from 'antd';

/** Router-level errors and unknown paths: a zh-CN page, never a stack trace. */
export function RouteError({ notFound }: { notFound?: boolean }) {
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? '页面不存在' : '页面出错了'}
      subTitle={notFound ? '您访问的页面不存在。' : '很抱歉，页面遇到了问题，请刷新后重试。'}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          返回首页
        </Button>
      }
    />
  );
}
