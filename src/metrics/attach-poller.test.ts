import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startAttachedPolling, stubStatsUrl, type AttachOptions } from './attach-poller';
import type { MetricsSnapshot } from './metrics-snapshot';
import { healthOf, statsOf } from '../../test/support/metrics-kit';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(routes: Record<string, unknown>): Promise<string> {
  const server = createServer((request, response) => {
    const body = routes[request.url ?? ''];
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { error: 'no' }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const firstSnapshot = (options: Omit<AttachOptions, 'onSnapshot'>): Promise<MetricsSnapshot> =>
  new Promise((resolve) => {
    const polling = startAttachedPolling({
      ...options,
      onSnapshot: (snapshot) => void polling.stop().then(() => resolve(snapshot)),
    });
  });

describe('startAttachedPolling', () => {
  it('builds a snapshot from a device health and a stub stats endpoint', async () => {
    const device = await serve({
      '/health': healthOf({ status: 'degraded', reasons: ['breaker open'], queueSize: 12 }),
    });
    const stub = await serve({ '/_smsgw/stats': statsOf({ accepted: 30, requests: 40 }, { status: 4 }) });
    const snapshot = await firstSnapshot({ deviceUrl: device, stubUrl: `${stub}/webhook` });
    expect(snapshot).toMatchObject({
      source: 'attached',
      phase: 'attached',
      deviceStatus: 'degraded',
      reasons: ['breaker open'],
      queueSize: 12,
      accepted: 30,
      stubReachable: true,
      load: null,
      traced: null,
    });
    expect(snapshot.title).toBe(`device ${device} · stub ${stub}/webhook`);
  });

  it('shows a device that does not answer as unreachable, with the address it tried', async () => {
    const stub = await serve({ '/_smsgw/stats': statsOf() });
    const snapshot = await firstSnapshot({ deviceUrl: 'http://127.0.0.1:9', stubUrl: stub, timeoutMs: 500 });
    expect(snapshot.deviceStatus).toBe('unreachable');
    expect(snapshot.reasons[0]).toMatch(/^GET http:\/\/127\.0\.0\.1:9\/health failed/);
  });

  it('treats a server that answers something else as unreachable, not as a healthy device', async () => {
    const other = await serve({ '/health': { ok: true }, '/_smsgw/stats': { hello: 'world' } });
    const snapshot = await firstSnapshot({ deviceUrl: other, stubUrl: other });
    expect(snapshot.deviceStatus).toBe('unreachable');
    expect(snapshot.reasons[0]).toContain('did not answer like a smsgw device');
    expect(snapshot.stubReachable).toBe(false);
  });

  it('finds the stats next to the webhook path', () => {
    expect(stubStatsUrl('http://127.0.0.1:8080/webhook')).toBe('http://127.0.0.1:8080/_smsgw/stats');
  });
});
