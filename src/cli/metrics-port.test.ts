import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioFolder, smsgw } from '../../test/support/main-in-process';

const folder = scenarioFolder();
const scenario = folder.write('burst.yaml', 'name: burst\nload:\n  - burst: { count: 5, over: 1s }\n');

/** A port something else already listens on. */
let holder: Server;
let taken: number;
beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  taken = (holder.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => holder.close(resolve)));

const oneLine = (port: number): string =>
  `smsgw: Metrics port ${port} on 127.0.0.1 is already in use: pick another with --metrics-port, or --metrics-port 0 for a free one\n`;

describe('smsgw run --metrics-port', () => {
  it('exits 3 with one line when the port is taken, before any run starts', async () => {
    const reports = join(folder.path, 'reports-flag');
    const { code, stderr } = await smsgw([
      'run',
      scenario,
      '--reports',
      reports,
      '--quiet',
      '--metrics-port',
      String(taken),
    ]);
    expect(code).toBe(3);
    expect(stderr).toBe(oneLine(taken));
    expect(readdirSync(reports)).toEqual([]);
  });

  it('reads SMSGW_METRICS_PORT when the flag is not given', async () => {
    const reports = join(folder.path, 'reports-env');
    const { code, stderr } = await smsgw(['run', scenario, '--reports', reports, '--quiet'], {
      SMSGW_METRICS_PORT: String(taken),
    });
    expect(code).toBe(3);
    expect(stderr).toBe(oneLine(taken));
  });

  it('refuses a port out of range as bad input (exit 2), and a linger that is not a duration', async () => {
    const port = await smsgw(['run', scenario, '--metrics-port', '70000']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('Expected `--metrics-port` to be an integer from 0 to 65535, got "70000"');
    const linger = await smsgw(['run', scenario, '--metrics-port', '0', '--metrics-linger', 'soon']);
    expect(linger.code).toBe(2);
    expect(linger.stderr).toContain('--metrics-linger');
  });
});

describe('smsgw device --metrics-port', () => {
  it('exits 3 with one line when the port is taken, before the radio starts', async () => {
    const { code, stderr } = await smsgw([
      'device',
      '--webhook',
      'http://127.0.0.1:9/webhook',
      '--console-port',
      '0',
      '--health-port',
      '0',
      '--auth-token-file',
      join(folder.path, 'token'),
      '--db',
      join(folder.path, 'device.sqlite'),
      '--metrics-port',
      String(taken),
    ]);
    expect(code).toBe(3);
    expect(stderr).toBe(oneLine(taken));
    expect(readdirSync(folder.path)).not.toContain('device.sqlite');
  });
});
