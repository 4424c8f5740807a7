// Loads health now, every `intervalMs` (appDefaults.healthRefreshMs, 10 s), and on demand. A tick that
// finds a load still running skips, so a slow device never piles requests up.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Health, HealthSource } from '../services/health-source';

export interface HealthState {
  readonly health: Health | null;
  /** The last load's failure; cleared by the next success. */
  readonly error: string | null;
  /** True while a pull-to-refresh is running. */
  readonly refreshing: boolean;
  readonly refresh: () => Promise<void>;
  readonly pullToRefresh: () => Promise<void>;
}

export function useHealth(source: HealthSource, intervalMs: number): HealthState {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const mounted = useRef(true);
  const loading = useRef<Promise<void> | null>(null);

  const refresh = useCallback((): Promise<void> => {
    loading.current ??= source
      .load()
      .then(
        (next) => {
          if (!mounted.current) return;
          setHealth(next);
          setError(null);
        },
        (failure: unknown) => {
          if (mounted.current) setError(failure instanceof Error ? failure.message : String(failure));
        },
      )
      .finally(() => {
        loading.current = null;
      });
    return loading.current;
  }, [source]);

  const pullToRefresh = useCallback(async () => {
    setRefreshing(true);
    await refresh();
    if (mounted.current) setRefreshing(false);
  }, [refresh]);

  useEffect(() => {
    mounted.current = true;
    void refresh();
    const timer = setInterval(() => void refresh(), intervalMs);
    return () => {
      mounted.current = false;
      clearInterval(timer);
    };
  }, [refresh, intervalMs]);

  return { health, error, refreshing, refresh, pullToRefresh };
}
