import { lazy, type ComponentType } from 'react';

/**
 * A page or panel built with the component library, loaded on demand together with the library's
 * settings (AntdScope) in parallel, so neither waits for the other and plain pages never fetch either.
 */
export function withAntd<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => {
    const [Inner, { default: AntdScope }] = await Promise.all([load(), import('./AntdScope')]);
    const Scoped = (props: P) => (
      <AntdScope>
        <Inner {...props} />
      </AntdScope>
    );
    return { default: Scoped };
  });
}
