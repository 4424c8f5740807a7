// The harness side of a virtual device writes the device's output to device.log, in the run's folder:
// on a full disk that log fails, and the harness must outlive it.
import { mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualDevice } from '../src/device/virtual/virtual-device';

let started: VirtualDevice | null = null;
afterEach(async () => {
  await started?.stop();
  started = null;
});

describe('a virtual device whose log the disk cannot take', { timeout: 60_000 }, () => {
  it('leaves the harness running and still stops cleanly, its lines dropped', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'smsgw-device-log-'));
    // /dev/full answers every write with ENOSPC: a log on a full disk.
    const logPath = join(dir, 'device.log');
    symlinkSync('/dev/full', logPath);
    started = await VirtualDevice.start({
      webhookUrl: 'http://127.0.0.1:9/webhook',
      secret: null,
      dbPath: join(dir, 'device.sqlite'),
      logPath,
    });
    const device = started;
    expect((await device.health()).engine.queueSize).toBe(0);
    // On SIGTERM the device says on stderr that it is finishing its sends: a write the log fails.
    await device.stop();
    expect(device.running).toBe(false);
    expect(device.lastExit).toBe('code 0');
  });
});
