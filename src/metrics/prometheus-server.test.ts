import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { serveMetrics, type MetricsEndpoint } from './prometheus-server';

const opened: MetricsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((endpoint) => endpoint.close()));
});

async function serve(render: () => string | Promise<string>, port = 0): Promise<MetricsEndpoint> {
  const endpoint = await serveMetrics({ port, render });
  opened.push(endpoint);
  return endpoint;
}

describe('serveMetrics', () => {
  it('answers GET /metrics on 127.0.0.1 with what the exporter renders now, in the 0.0.4 text format', async () => {
    let value = 1;
    const endpoint = await serve(() => `smsgw_x ${value}\n`);
    expect(endpoint.url).toBe(`http://127.0.0.1:${endpoint.port}/metrics`);
    expect(endpoint.port).toBeGreaterThan(0);
    const first = await fetch(endpoint.url);
    expect(first.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await first.text()).toBe('smsgw_x 1\n');
    value = 2;
    expect(await (await fetch(endpoint.url)).text()).toBe('smsgw_x 2\n');
    expect(endpoint.scrapes).toBe(2);
  });

  it('answers 404 to any other path, and 500 with the reason when the figures cannot be rendered', async () => {
    const endpoint = await serve(() => {
      throw new Error('no figures');
    });
    const other = await fetch(`http://127.0.0.1:${endpoint.port}/`);
    expect(other.status).toBe(404);
    const failed = await fetch(endpoint.url);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('no figures\n');
  });

  it('refuses a taken port as port-unavailable (exit 3), naming the port and the flag to change', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const refused = await serveMetrics({ port, render: () => '' }).then(
        (endpoint) => (opened.push(endpoint), null),
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(SmsgwError);
      expect(refused).toMatchObject({
        code: 'port-unavailable',
        message: `Metrics port ${port} on 127.0.0.1 is already in use: pick another with --metrics-port, or --metrics-port 0 for a free one`,
      });
      expect((refused as SmsgwError).hint).toBeUndefined();
      expect((refused as SmsgwError).exitCode).toBe(3);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('waits for a scrape that begins after it is asked, not one answered before', async () => {
    const endpoint = await serve(() => 'smsgw_x 1\n');
    await fetch(endpoint.url);
    let scraped: boolean | null = null;
    const waiting = endpoint.nextScrape(60_000).then((result) => (scraped = result));
    await new Promise((resolve) => setImmediate(resolve));
    expect(scraped).toBeNull();
    await (await fetch(endpoint.url)).text();
    expect(await waiting).toBe(true);
  });

  it('stops waiting for a scrape after the linger, and at once for 0s or a closed endpoint', async () => {
    const endpoint = await serve(() => '');
    expect(await endpoint.nextScrape(50)).toBe(false);
    expect(await endpoint.nextScrape(0)).toBe(false);
    const waiting = endpoint.nextScrape(60_000);
    await endpoint.close();
    expect(await waiting).toBe(false);
    await expect(fetch(endpoint.url)).rejects.toThrow();
  });
});
