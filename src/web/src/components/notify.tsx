import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

/** How an action tells a person its outcome: a short zh-CN line that goes away by itself. */
export interface Notifier {
  success(text: string): void;
  error(text: string): void;
}

interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

const NotifierContext = createContext<Notifier | null>(null);

/** The notifier of the nearest frame: plain toasts on the craftsman's pages, the component library's messages elsewhere. */
export function useNotify(): Notifier {
  const notifier = useContext(NotifierContext);
  if (!notifier) throw new Error('useNotify outside a NotifierProvider');
  return notifier;
}

/** Lets a frame that already has a message system (the component library's) serve useNotify. */
export function NotifierProvider({ notifier, children }: { notifier: Notifier; children: ReactNode }) {
  return <NotifierContext.Provider value={notifier}>{children}</NotifierContext.Provider>;
}

/**
 * Plain toasts for pages that load without the component library. Success lines go after 3 s, errors
 * after 6 s; both are announced by screen readers (status / alert live regions).
 */
export function PlainToasts({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const push = useCallback((kind: Toast['kind'], text: string) => {
    const id = ++next.current;
    setToasts((list) => [...list.slice(-2), { id, kind, text }]);
    setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), kind === 'error' ? 6_000 : 3_000);
  }, []);
  const notifier = useMemo<Notifier>(() => ({ success: (text) => push('success', text), error: (text) => push('error', text) }), [push]);
  return (
    <NotifierContext.Provider value={notifier}>
      {children}
      <div className="jx-toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`jx-toast jx-toast-${t.kind}${t.kind === 'error' ? ' jx-error-toast' : ''}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            {t.text}
          </div>
        ))}
      </div>
    </NotifierContext.Provider>
  );
}
