import { useEffect, useRef } from 'preact/hooks';

/**
 * Whether the component is still on the page: false once it unmounts. A page's requests answer
 * after the reader may have left; their results must not be set on a component that is gone.
 */
export function useMounted(): { readonly current: boolean } {
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  return alive;
}
