/** Waits `ms`, or less if `signal` aborts first; resolves true when the full time elapsed. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits until the wall clock (`Date.now()`, the ledger's clock) reaches `epochMs`, or less if `signal`
 * aborts first; resolves true when it did. Timers keep a monotonic clock in whole ms and may wake a ms
 * before `Date.now()` says the time is up, so it sleeps again for what is left: a delay fault of 300ms
 * then always shows as 300ms or more between a row's arrived_at and answered_at.
 */
export async function abortableSleepUntil(epochMs: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  for (let leftMs = epochMs - Date.now(); leftMs > 0; leftMs = epochMs - Date.now()) {
    if (!(await abortableSleep(leftMs, signal))) return false;
  }
  return true;
}
