// The web build's HealthSource: the device's `GET /health` ({ engine, rssBytes }), read from the
// page's own origin, so the same screen shows whatever device serves the page.
import type { Health, HealthSource } from '../src/services/health-source';

/** What the virtual device answers on /health; only `engine` is the screen's business. */
interface HealthResponse {
  readonly engine: Health;
}

/**
 * `reader=screen` marks the screen's reads: the device's `wrong-dashboard` defect skews only
 * those, so a test can prove that a wrong number on the screen is caught.
 */
export function urlHealthSource(base: string, fetchFn: typeof fetch = fetch): HealthSource {
  const url = new URL('/health?reader=screen', base).toString();
  return {
    async load() {
      // No `cache` option: the device answers `cache-control: no-store`, and Node's fetch types lack it.
      const response = await fetchFn(url, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`GET /health answered HTTP ${response.status}`);
      const body = (await response.json()) as Partial<HealthResponse>;
      if (typeof body.engine !== 'object' || body.engine === null)
        throw new Error('GET /health answered without an `engine` object');
      return body.engine;
    },
  };
}
