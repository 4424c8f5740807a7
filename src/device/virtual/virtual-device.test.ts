import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { virtualDeviceDefaults as defaults } from './defaults';
import { deviceArguments, VirtualDevice } from './virtual-device';

const options = (dir: string) => ({ webhookUrl: 'http://127.0.0.1:9/webhook', secret: null, dbPath: join(dir, 'device.sqlite'), logPath: join(dir, 'device.log') });

describe('VirtualDevice', () => {
  it('puts the V8 memory flags before the smsgw script, where node reads them as its own', () => {
    const args = deviceArguments(options('/tmp'));
    const script = args.findIndex((arg) => arg.endsWith('smsgw.js'));
    expect(args.slice(0, script)).toEqual(defaults.nodeFlags);
    expect(args[script + 1]).toBe('device');
  });

  it.runIf(existsSync('/proc/self/cmdline'))('spawns a device that runs with those flags and reports its RSS (issue 5)', async () => {
    const device = await VirtualDevice.start(options(mkdtempSync(join(os.tmpdir(), 'smsgw-vdev-'))));
    try {
      const cmdline = readFileSync(`/proc/${device.pid}/cmdline`, 'utf8').split('\0');
      for (const flag of defaults.nodeFlags) expect(cmdline).toContain(flag);
      expect((await device.health()).rssBytes).toBeGreaterThan(0);
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
});
