// The web build's HealthSource, with a fake fetch: what the Health screen gets from a device's /health.
import { describe, expect, it } from 'vitest';
import { urlHealthSource } from '../android-app/web/url-health-source';

const answering = (status: number, body: unknown) => {
  const calls: string[] = [];
  const fetchFn = (async (url: string) => {
    calls.push(url);
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
};

describe('urlHealthSource', () => {
  it("hands the screen the device's engine health, read from the page's own origin as the screen", async () => {
    const { calls, fetchFn } = answering(200, { engine: { deliveredToday: 100 }, rssBytes: 1 });
    await expect(urlHealthSource('http://127.0.0.1:8554', fetchFn).load()).resolves.toEqual({ deliveredToday: 100 });
    expect(calls).toEqual(['http://127.0.0.1:8554/health?reader=screen']);
  });

  it('rejects with the HTTP status, which the screen shows as its load error', async () => {
    await expect(urlHealthSource('http://device', answering(503, {}).fetchFn).load()).rejects.toThrow(
      'GET /health answered HTTP 503',
    );
  });

  it('rejects an answer without an engine instead of rendering undefined', async () => {
    await expect(urlHealthSource('http://device', answering(200, { rssBytes: 1 }).fetchFn).load()).rejects.toThrow(
      /without an `engine`/,
    );
  });
});
