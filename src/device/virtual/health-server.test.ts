import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../core/device';
import { startHealthServer, type HealthServer } from './health-server';

const health = { engine: { deliveredToday: 100 }, rssBytes: 1 } as DeviceHealth;
let server: HealthServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function webRootWithBuild(): string {
  const root = mkdtempSync(join(os.tmpdir(), 'smsgw-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  return root;
}

async function start(webRoot: string, skewScreen = false): Promise<string> {
  server = await startHealthServer({
    port: 0,
    health: async () => health,
    authToken: null,
    setNetwork: () => {},
    webRoot,
    skewScreen: () => skewScreen,
  });
  return `http://127.0.0.1:${server.port}`;
}

describe('the virtual device serves the web Health screen', () => {
  it('serves the page at / and its assets with their content types', async () => {
    const base = await start(webRootWithBuild());
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(`${base}/assets/index-abc.js`)).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it('answers 503 with the build command when there is no build, and /health still works', async () => {
    const base = await start(mkdtempSync(join(os.tmpdir(), 'smsgw-empty-')));
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build:web');
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('never serves a file outside the build folder', async () => {
    const base = await start(webRootWithBuild());
    expect((await fetch(`${base}/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
  });

  it('skews only the screen reads under the wrong-dashboard defect', async () => {
    const base = await start(webRootWithBuild(), true);
    const plain = (await (await fetch(`${base}/health`)).json()) as DeviceHealth;
    const screen = (await (await fetch(`${base}/health?reader=screen`)).json()) as DeviceHealth;
    expect([plain.engine.deliveredToday, screen.engine.deliveredToday]).toEqual([100, 101]);
  });
});

describe('the virtual device takes chaos controls', () => {
  it('fills and frees the disk through POST /_smsgw/disk', async () => {
    const calls: boolean[] = [];
    server = await startHealthServer({
      port: 0,
      health: async () => health,
      authToken: null,
      setNetwork: () => {},
      setDiskFull: async (full) => void calls.push(full),
    });
    const base = `http://127.0.0.1:${server.port}`;
    const full = await fetch(`${base}/_smsgw/disk?full=true`, { method: 'POST' });
    expect([full.status, await full.json()]).toEqual([200, { full: true }]);
    expect((await fetch(`${base}/_smsgw/disk?full=false`, { method: 'POST' })).status).toBe(200);
    expect(calls).toEqual([true, false]);
  });

  it('answers 400 for a disk request without full=true or full=false, and 500 when filling fails', async () => {
    server = await startHealthServer({
      port: 0,
      health: async () => health,
      authToken: null,
      setNetwork: () => {},
      setDiskFull: () => Promise.reject(new Error('SQLITE_IOERR')),
    });
    const base = `http://127.0.0.1:${server.port}`;
    const bad = await fetch(`${base}/_smsgw/disk?full=yes`, { method: 'POST' });
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'Expected ?full=true or ?full=false' }]);
    const failed = await fetch(`${base}/_smsgw/disk?full=true`, { method: 'POST' });
    expect([failed.status, await failed.json()]).toEqual([500, { error: 'SQLITE_IOERR' }]);
  });

  it('has no disk route when the device cannot fill its disk', async () => {
    server = await startHealthServer({ port: 0, health: async () => health, authToken: null, setNetwork: () => {} });
    expect((await fetch(`http://127.0.0.1:${server.port}/_smsgw/disk?full=true`, { method: 'POST' })).status).toBe(404);
  });
});

/** One raw request, every header as given (fetch would not let a test set Host). */
function raw(
  port: number,
  method: string,
  path: string,
  headers: OutgoingHttpHeaders = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the health port takes control only from the harness, never from a web page', () => {
  const token = 'Bakox7Ngcdg0jJ6a';
  let switched: boolean[] = [];

  async function guarded(authToken: string | null): Promise<number> {
    switched = [];
    server = await startHealthServer({
      port: 0,
      health: async () => health,
      authToken,
      setNetwork: (online) => void switched.push(online),
      setDiskFull: async () => undefined,
    });
    return server.port;
  }

  it('switches the network for a POST that carries the console token', async () => {
    const port = await guarded(token);
    const answer = await raw(port, 'POST', '/_smsgw/network?online=false', { authorization: `Bearer ${token}` });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { online: false }]);
    expect(switched).toEqual([false]);
  });

  it('answers 401 to control without the token or with another, and changes nothing', async () => {
    const port = await guarded(token);
    for (const headers of [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: token },
      { authorization: `Bearer ${token}x` },
    ]) {
      const answer = await raw(port, 'POST', '/_smsgw/network?online=false', headers);
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer realm="smsgw device"');
    }
    expect((await raw(port, 'POST', '/_smsgw/disk?full=true')).status).toBe(401);
    expect(switched).toEqual([]);
  });

  it('refuses a cross-origin or cross-site request with 403, token or not', async () => {
    const port = await guarded(token);
    const auth = { authorization: `Bearer ${token}` };
    const attempts: OutgoingHttpHeaders[] = [
      { origin: 'http://evil.example' },
      { ...auth, origin: 'http://evil.example' },
      { ...auth, origin: 'null' },
      { ...auth, origin: `http://127.0.0.1:${port + 1}` },
      { ...auth, 'sec-fetch-site': 'cross-site' },
      { ...auth, 'sec-fetch-site': 'same-site' },
      // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 is same-origin to itself.
      { ...auth, host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
      { ...auth, host: `evil.example:${port}` },
    ];
    for (const headers of attempts)
      expect([(await raw(port, 'POST', '/_smsgw/network?online=false', headers)).status, headers]).toEqual([
        403,
        headers,
      ]);
    expect(switched).toEqual([]);
  });

  it('takes a request from its own origin and from no page at all', async () => {
    const port = await guarded(token);
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (
        await raw(port, 'POST', '/_smsgw/network?online=false', {
          ...auth,
          origin: `http://127.0.0.1:${port}`,
          'sec-fetch-site': 'same-origin',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await raw(port, 'POST', '/_smsgw/network?online=true', {
          ...auth,
          host: `localhost:${port}`,
          'sec-fetch-site': 'none',
        })
      ).status,
    ).toBe(200);
    expect(switched).toEqual([false, true]);
  });

  it('refuses control by GET, which an image or a link sends, with 405', async () => {
    const port = await guarded(token);
    const answer = await raw(port, 'GET', '/_smsgw/network?online=false', { authorization: `Bearer ${token}` });
    expect([answer.status, answer.headers.allow]).toEqual([405, 'POST']);
    expect(switched).toEqual([]);
  });

  it('grants no browser preflight, so a page can never send the token header', async () => {
    const port = await guarded(token);
    const preflight = await raw(port, 'OPTIONS', '/_smsgw/network?online=false', {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization',
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('with console auth off, takes control without a token but still refuses web pages', async () => {
    const port = await guarded(null);
    expect((await raw(port, 'POST', '/_smsgw/network?online=false')).status).toBe(200);
    expect((await raw(port, 'POST', '/_smsgw/network?online=true', { origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect((await raw(port, 'POST', '/_smsgw/network?online=true', { 'sec-fetch-site': 'cross-site' })).status).toBe(
      403,
    );
    expect((await raw(port, 'POST', '/_smsgw/network?online=true', { host: `evil.example:${port}` })).status).toBe(403);
    expect(switched).toEqual([false]);
  });

  it('keeps GET /health open to any loopback reader, without granting other origins a read', async () => {
    const port = await guarded(token);
    const plain = await raw(port, 'GET', '/health');
    const fromPage = await raw(port, 'GET', '/health?reader=screen', { origin: 'http://evil.example' });
    expect([plain.status, fromPage.status]).toEqual([200, 200]);
    expect(fromPage.headers['access-control-allow-origin']).toBeUndefined();
  });
});
