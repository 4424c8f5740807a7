import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConsoleClient } from '../console/index';
import { virtualDeviceDefaults as defaults } from './defaults';
import { defaultSpikeBytes, parseDefect } from './defects';
import { plantDefects } from './planted-defects';
import { deviceArguments, VirtualDevice } from './virtual-device';

const options = (dir: string) => ({
  webhookUrl: 'http://127.0.0.1:9/webhook',
  secret: null,
  dbPath: join(dir, 'device.sqlite'),
  logPath: join(dir, 'device.log'),
});

describe('VirtualDevice', () => {
  it('puts the V8 memory flags before the smsgw script, where node reads them as its own', () => {
    const args = deviceArguments(options('/tmp'));
    const script = args.findIndex((arg) => arg.endsWith('smsgw.js'));
    expect(args.slice(0, script)).toEqual(defaults.nodeFlags);
    expect(args[script + 1]).toBe('device');
  });

  it.runIf(existsSync('/proc/self/cmdline'))(
    'spawns a device that runs with those flags and reports its RSS',
    async () => {
      const device = await VirtualDevice.start(options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))));
      try {
        const cmdline = readFileSync(`/proc/${device.pid}/cmdline`, 'utf8').split('\0');
        for (const flag of defaults.nodeFlags) expect(cmdline).toContain(flag);
        expect((await device.health()).rssBytes).toBeGreaterThan(0);
      } finally {
        await device.stop();
      }
    },
  );

  it('switches its network with the console token, and a request without it, or from a web page, changes nothing', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'));
    const authTokenPath = join(dir, 'console-token');
    writeFileSync(authTokenPath, 'Bakox7Ngcdg0jJ6a', { mode: 0o600 });
    const device = await VirtualDevice.start({ ...options(dir), authTokenPath });
    try {
      const stranger = await fetch(`${device.healthUrl}/_smsgw/network?online=false`, { method: 'POST' });
      const page = await fetch(`${device.healthUrl}/_smsgw/network?online=false`, {
        method: 'POST',
        headers: { authorization: 'Bearer Bakox7Ngcdg0jJ6a', origin: 'http://evil.example' },
      });
      expect([stranger.status, page.status]).toEqual([401, 403]);
      expect((await device.health()).engine.network).toBe('online');
      await device.setNetwork(false);
      expect((await device.health()).engine.network).toBe('offline');
      // The argument list, which `ps` shows every user, names the file but never the token.
      if (existsSync('/proc/self/cmdline'))
        expect(readFileSync(`/proc/${device.pid}/cmdline`, 'utf8')).not.toContain('Bakox7Ngcdg0jJ6a');
    } finally {
      await device.stop();
    }
  });

  it('tells of a process that ends unasked, and not of a kill or a stop it was asked for', async () => {
    const device = await VirtualDevice.start(options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))));
    const lost: string[] = [];
    device.onLost((reason) => lost.push(reason));
    try {
      await device.kill(); // chaos: asked for
      await device.restart();
      const gone = new Promise<void>((resolve) => device.onLost(() => resolve()));
      process.kill(device.pid!, 'SIGKILL'); // from outside: not asked for
      await gone;
      expect(lost).toEqual([expect.stringMatching(/exited with SIGKILL; its log is .*device\.log/)]);
      await device.restart();
    } finally {
      await device.stop();
    }
    expect(lost).toHaveLength(1);
  });

  it.runIf(existsSync('/proc/self/status'))(
    "reads the device's memory spike from the kernel, which its own /health RSS sampled afterwards does not show (spike)",
    async () => {
      const device = await VirtualDevice.start({
        ...options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))),
        defects: ['spike'],
      });
      try {
        const client = await ConsoleClient.connect({ port: device.consolePort, timeoutMs: 60_000 });
        try {
          // The spike strikes on the spikeAtStoredSms-th SMS the app stores.
          await Promise.all(
            Array.from({ length: defaults.spikeAtStoredSms }, (_, index) =>
              client.sendSms(`+1555000${index}`, `spike ${index}`),
            ),
          );
        } finally {
          await client.close();
        }
        // The app stores the SMS after the radio's OK: the spike comes with the fifth one, a moment later.
        await vi.waitFor(async () => expect(await device.peakRssBytes()).toBeGreaterThanOrEqual(defaultSpikeBytes), {
          timeout: 30_000,
          interval: 100,
        });
        // Once the spike is over (a busy machine may take a moment to free it), the app's own figure no
        // longer shows it; the kernel's peak still does.
        const peak = (await device.peakRssBytes())!;
        await vi.waitFor(
          async () => expect((await device.health()).rssBytes!).toBeLessThan(peak - defaultSpikeBytes / 2),
          { timeout: 30_000, interval: 200 },
        );
        expect(await device.peakRssBytes()).toBeGreaterThanOrEqual(peak);
      } finally {
        await device.stop();
      }
      // Read before the stop's SIGTERM: the peak outlives the process.
      expect(await device.peakRssBytes()).toBeGreaterThanOrEqual(defaultSpikeBytes);
    },
  );

  it('keeps the peak of a process it killed over the lower one of its restart', async () => {
    const device = await VirtualDevice.start(options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))));
    try {
      const before = (await device.peakRssBytes())!;
      expect(before).toBeGreaterThan(0);
      await device.kill();
      expect(await device.peakRssBytes()).toBeGreaterThanOrEqual(before);
      await device.restart();
      expect(await device.peakRssBytes()).toBeGreaterThanOrEqual(before);
    } finally {
      await device.stop();
    }
  });

  it('stops cleanly, exit code 0, with an SMS hung on its console (hang)', async () => {
    // The seed whose first hang:50% strike is the first SMS: it hangs, and the second one is stored.
    const seed = Array.from({ length: 100 }, (_, index) => index).find((candidate) =>
      plantDefects([parseDefect('hang:50%')], candidate).hits('hang'),
    )!;
    const device = await VirtualDevice.start({
      ...options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))),
      defects: ['hang:50%'],
      seed,
    });
    const client = await ConsoleClient.connect({ port: device.consolePort, timeoutMs: 60_000 });
    const answers = ['hangs', 'stored'].map((text) =>
      client.sendSms('+15550001', text).then(
        () => 'OK',
        (error: Error) => error.message,
      ),
    );
    try {
      // Stored means both lines were handled: the first one is hung by then.
      await until(async () => (await device.health()).engine.totalToday === 1);
    } finally {
      await device.stop();
      client.destroy();
    }
    expect(device.lastExit).toBe('code 0');
    for (const answer of await Promise.all(answers)) expect(answer).toMatch(/closed/);
  });
});

async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('VirtualDevice chaos on the app alone', () => {
  it('kills the app through the radio, which starts it again, and says nothing of a death it asked for', async () => {
    const device = await VirtualDevice.start(options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))));
    const lost: string[] = [];
    device.onLost((reason) => lost.push(reason));
    try {
      const client = await ConsoleClient.connect({ port: device.consolePort, timeoutMs: 60_000 });
      try {
        await device.killApp({ restartAfterMs: 60_000 });
        // The radio still answers while the app is dead; this SMS starts the app again.
        await client.sendSms('+15550001', 'while the app is dead');
      } finally {
        await client.close();
      }
      await vi.waitFor(async () => expect((await device.health()).engine.totalToday).toBe(1), {
        timeout: 30_000,
        interval: 100,
      });
      expect(lost).toEqual([]);
    } finally {
      await device.stop();
    }
  });

  it('force-stops the app until it is opened, and the SMS that came meanwhile are recovered', async () => {
    const device = await VirtualDevice.start(options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))));
    try {
      await device.forceStopApp();
      const client = await ConsoleClient.connect({ port: device.consolePort, timeoutMs: 60_000 });
      try {
        await client.sendSms('+15550001', 'while force-stopped');
        await client.sendSms('+15550001', 'while force-stopped');
      } finally {
        await client.close();
      }
      await expect(device.health()).rejects.toThrow(/did not answer/);
      await device.openApp();
      await vi.waitFor(async () => expect((await device.health()).engine.totalToday).toBe(2), {
        timeout: 30_000,
        interval: 100,
      });
    } finally {
      await device.stop();
    }
  });
});

describe('a virtual device with a fast clock', () => {
  it('passes the clock to its app, which carries on from the run’s origin after a kill and after a power loss', async () => {
    const device = await VirtualDevice.start({
      ...options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))),
      clock: { speed: 1_000 },
    });
    const deviceNow = async () => (await device.health()).engine.generatedAt;
    try {
      const first = await deviceNow();
      // A thousand times the wall clock: the app's clock is already far ahead of this process's.
      expect(first).toBeGreaterThan(Date.now() + 60_000);
      await device.killApp({ restartAfterMs: 0 });
      let afterKill = 0;
      await vi.waitFor(async () => (afterKill = await deviceNow()), { timeout: 30_000, interval: 100 });
      expect(afterKill).toBeGreaterThan(first);
      await device.kill();
      await device.restart();
      expect(await deviceNow()).toBeGreaterThan(afterKill);
    } finally {
      await device.stop();
    }
  });
});

describe('a virtual device restarted on its database', () => {
  it('keeps the deviceId its webhooks carry, so a message queued again keeps its message id', async () => {
    const deviceIds: string[] = [];
    const sink = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        deviceIds.push((JSON.parse(body) as { deviceId: string }).deviceId);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const { port } = sink.address() as AddressInfo;
    // Console port 0, as a run starts it: the system picks the port, and a restart reuses that one.
    const device = await VirtualDevice.start({
      ...options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))),
      webhookUrl: `http://127.0.0.1:${port}/webhook`,
    });
    const sendOne = async (text: string): Promise<void> => {
      const client = await ConsoleClient.connect({ port: device.consolePort, timeoutMs: 60_000 });
      try {
        await client.sendSms('+15550001', text);
      } finally {
        await client.close();
      }
    };
    try {
      await sendOne('before the power loss');
      await vi.waitFor(() => expect(deviceIds).toHaveLength(1), { timeout: 30_000, interval: 100 });
      await device.kill();
      await device.restart();
      await sendOne('after the power loss');
      await vi.waitFor(() => expect(deviceIds).toHaveLength(2), { timeout: 30_000, interval: 100 });
    } finally {
      await device.stop();
      await new Promise((resolve) => sink.close(resolve));
    }
    expect(deviceIds[1]).toBe(deviceIds[0]);
    expect(device.deviceId).toBe(deviceIds[0]);
  });
});
