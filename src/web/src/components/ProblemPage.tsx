/**
 * An error or not-found page in plain markup: it is part of the first bundle every page loads, so it
 * must not pull the component library in.
 */
export function ProblemPage({ title, text, reload }: { title: string; text: string; reload?: boolean }) {
  return (
    <main className="jx-problem" role="alert">
      <h1>{title}</h1>
      <p>{text}</p>
      <div className="jx-row">
        {reload && (
          <button type="button" className="jx-btn jx-btn-primary" onClick={() => window.location.reload()}>
            刷新页面
          </button>
        )}
        <button type="button" className={reload ? 'jx-btn' : 'jx-btn jx-btn-primary'} onClick={() => window.location.assign('/')}>
          返回首页
        </button>
      </div>
    </main>
  );
}
