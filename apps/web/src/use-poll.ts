import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads `load()` and reloads it every `intervalMs` while `again(value)` says so (a trip being
 * scored), so the page updates by itself without the person pressing anything.
 */
export function usePolled<T>(
  load: () => Promise<T>,
  again: (value: T) => boolean,
  intervalMs = 2000,
  deps: unknown[] = [],
) {
  const [state, setState] = useState<{ value?: T; error?: unknown; loading: boolean }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const againRef = useRef(again);
  againRef.current = again;
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const value = await loadRef.current();
        if (stopped) return;
        setState({ value, loading: false });
        if (againRef.current(value)) timer = setTimeout(tick, intervalMs);
      } catch (error) {
        if (!stopped) setState((s) => ({ ...s, error, loading: false }));
      }
    };
    setState((s) => ({ ...s, loading: true, error: undefined }));
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation, intervalMs, ...deps]);
  return { ...state, reload };
}
