import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../device';
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
  server = await startHealthServer({ port: 0, health: async () => health, setNetwork: () => {}, webRoot, skewScreen: () => skewScreen });
  return `http://127.0.0.1:${server.port}`;
}

describe('the virtual device serves the web Health screen', () => {
  it('serves the page at / and its assets with their content types', async () => {
    const base = await start(webRootWithBuild());
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(`${base}/assets/index-abc.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
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
    server = await startHealthServer({ port: 0, health: async () => health, setNetwork: () => {}, setDiskFull: async (full) => void calls.push(full) });
    const base = `http://127.0.0.1:${server.port}`;
    const full = await fetch(`${base}/_smsgw/disk?full=true`, { method: 'POST' });
    expect([full.status, await full.json()]).toEqual([200, { full: true }]);
    expect((await fetch(`${base}/_smsgw/disk?full=false`, { method: 'POST' })).status).toBe(200);
    expect(calls).toEqual([true, false]);
  });

  it('answers 400 for a disk request without full=true or full=false, and 500 when filling fails', async () => {
    server = await startHealthServer({ port: 0, health: async () => health, setNetwork: () => {}, setDiskFull: () => Promise.reject(new Error('SQLITE_IOERR')) });
    const base = `http://127.0.0.1:${server.port}`;
    const bad = await fetch(`${base}/_smsgw/disk?full=yes`, { method: 'POST' });
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'Expected ?full=true or ?full=false' }]);
    const failed = await fetch(`${base}/_smsgw/disk?full=true`, { method: 'POST' });
    expect([failed.status, await failed.json()]).toEqual([500, { error: 'SQLITE_IOERR' }]);
  });

  it('has no disk route when the device cannot fill its disk', async () => {
    server = await startHealthServer({ port: 0, health: async () => health, setNetwork: () => {} });
    expect((await fetch(`http://127.0.0.1:${server.port}/_smsgw/disk?full=true`, { method: 'POST' })).status).toBe(404);
  });
});
