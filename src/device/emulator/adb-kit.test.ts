// adb-kit is appium-adb's own code, run here on Debian's real adb against what an emulator shows adb:
// its console (the virtual device's, or one that takes `kill`), and its adb port, which an adb server
// of the test's own (on its own port) finds the way it finds a real emulator. No Android runs here:
// what needs one (install, grants, a completed boot) runs against a stand-in adb that records the
// command lines appium-adb gives it and answers as an API 34 emulator does.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeWithTools } from '../../../test/support/require-tool';
import { SmsgwError } from '../../errors';
import { missingPackage } from '../../optional-packages';
import { startConsoleServer, type ConsoleServer } from '../console/console-server';
import { adbKitPurpose, loadAdbKit } from './adb-kit';
import { cutPower } from './emulator-power';
import { scriptedRunner } from './scripted-runner';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'smsgw-adb-kit-'));

const listen = (server: net.Server, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });

async function freePort(): Promise<number> {
  const server = net.createServer();
  await listen(server, 0);
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * What a running emulator shows adb: its adb port (odd, 5555..5585, where an adb server looks for
 * emulators as it starts; this one never completes adb's handshake, so adb lists it offline) and its
 * console on the port below, which takes `kill` as the emulator does and then closes the adb port,
 * as the emulator's exit would.
 */
async function standInEmulator(): Promise<{ serial: string; killed: () => boolean }> {
  const sockets = new Set<net.Socket>();
  const adbPort = net.createServer((socket) => {
    sockets.add(socket.on('error', () => undefined));
  });
  let killed = false;
  const emulatorConsole = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write("Android Console: type 'help' for a list of commands\r\nOK\r\n");
    socket.on('data', (data) => {
      for (const line of data.toString('latin1').split(/\r?\n/).filter(Boolean)) {
        if (line === 'quit') socket.end();
        else if (line !== 'kill') socket.write("KO: unknown command, try 'help'\r\n");
        else {
          killed = true;
          socket.end('OK: killing emulator, bye bye\r\n');
          for (const open of sockets) open.destroy();
          adbPort.close();
        }
      }
    });
  });
  const first = Math.floor(Math.random() * 16);
  for (let attempt = 0; attempt < 16; attempt += 1) {
    const port = 5555 + 2 * ((first + attempt) % 16);
    if (!(await listen(adbPort, port))) continue;
    if (await listen(emulatorConsole, port - 1)) {
      cleanups.push(async () => {
        for (const open of sockets) open.destroy();
        await Promise.all([adbPort, emulatorConsole].map((server) => new Promise((resolve) => server.close(resolve))));
      });
      return { serial: `emulator-${port - 1}`, killed: () => killed };
    }
    await new Promise((resolve) => adbPort.close(resolve));
  }
  throw new Error('no free emulator port pair in 5554..5585');
}

/** An adb server of this test's own, on its own port: stopped after the test, so no daemon outlives it. */
async function ownAdbServer(adb: string): Promise<NodeJS.ProcessEnv> {
  const port = String(await freePort());
  cleanups.push(() => promisify(execFile)(adb, ['-P', port, 'kill-server']).catch(() => undefined));
  return { ...process.env, HOME: tempDir(), ANDROID_ADB_SERVER_PORT: port };
}

describe('loading appium-adb', () => {
  it('ends a run without appium-adb with exit 3 and the command that installs it', () => {
    const error = missingPackage('appium-adb', adbKitPurpose, ['appium-adb']);
    expect([error.exitCode, error.message, error.hint]).toEqual([
      3,
      'an emulator device (`device: emulator`) needs appium-adb, which is not installed',
      'install it in this project: npm i -D appium-adb@16.0.5',
    ]);
  });

  it('says adb is missing, exit 3, whichever call finds it so', async () => {
    const kit = await loadAdbKit('/nonexistent/adb');
    const device = kit.device('emulator-5554');
    for (const call of [kit.devices(), device.shell(['true']), device.install('/x.apk', 1_000), device.reverse(1)]) {
      const error = await call.then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(SmsgwError);
      expect((error as SmsgwError).message).toBe('adb was not found (tried "/nonexistent/adb")');
      expect((error as SmsgwError).exitCode).toBe(3);
    }
  });
});

describeWithTools(['adb'], 'adb-kit on the real adb', ({ adb }) => {
  it('sends a console command as `adb emu`, authenticated from the token file, and leaves that file as it is', async () => {
    // appium-adb reads $HOME from this process: had the kit used its console helpers, this file would be emptied.
    const home = tempDir();
    const tokenPath = join(home, '.emulator_console_auth_token');
    writeFileSync(tokenPath, 'Bakox7Ngcdg0jJ6a');
    vi.stubEnv('HOME', home);
    const sms: string[][] = [];
    const server: ConsoleServer = await startConsoleServer({
      port: 0,
      authToken: 'Bakox7Ngcdg0jJ6a',
      avdName: 'kit_test',
      onSms: async (sender, text) => void sms.push([sender, text]),
    });
    cleanups.push(() => server.close());
    const device = (await loadAdbKit(adb)).device(`emulator-${server.port}`);
    expect(await device.emu(['sms', 'send', '+15551234', 'hello'])).toEqual({ code: 0, stdout: 'OK', stderr: '' });
    expect((await device.emu(['avd', 'name'])).stdout).toBe('kit_test\r\nOK');
    expect(sms).toEqual([['+15551234', 'hello']]);
    expect(readFileSync(tokenPath, 'utf8')).toBe('Bakox7Ngcdg0jJ6a');
  });

  it("shows why: appium-adb's own console helper empties the user's token file before it connects", async () => {
    const home = tempDir();
    const tokenPath = join(home, '.emulator_console_auth_token');
    writeFileSync(tokenPath, 'Bakox7Ngcdg0jJ6a');
    vi.stubEnv('HOME', home);
    const server = await startConsoleServer({ port: 0, authToken: null, avdName: 'kit_test', onSms: async () => {} });
    cleanups.push(() => server.close());
    await loadAdbKit(adb);
    const { ADB } = await import('appium-adb');
    const helper = new ADB({ udid: `emulator-${server.port}`, suppressKillServer: true });
    expect(await helper.execEmuConsoleCommand(['avd', 'name'], { port: server.port })).toBe('kit_test');
    expect(readFileSync(tokenPath, 'utf8')).toBe('');
  });

  it('lists an emulator its adb server found by its adb port, offline ones too', async () => {
    const emulator = await standInEmulator();
    const kit = await loadAdbKit(adb, await ownAdbServer(adb));
    expect((await kit.devices()).filter((device) => device.serial === emulator.serial)).toEqual([
      { serial: emulator.serial, state: 'offline', model: undefined },
    ]);
  });

  it('answers false when an emulator does not finish booting in time', async () => {
    const emulator = await standInEmulator();
    const kit = await loadAdbKit(adb, await ownAdbServer(adb));
    expect(await kit.device(emulator.serial).waitForBoot(1_500)).toBe(false);
  });

  it("cuts an emulator's power through its console and returns once adb no longer lists it", async () => {
    const emulator = await standInEmulator();
    const kit = await loadAdbKit(adb, await ownAdbServer(adb));
    expect((await kit.devices()).map((device) => device.serial)).toContain(emulator.serial);
    const power = { avd: 'kit_test', emulator: '/sdk/emulator/emulator', logPath: '/dev/null' };
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    await cutPower({ runner: scriptedRunner(), kit, serial: emulator.serial, consolePort: 0, power, sleep });
    expect(emulator.killed()).toBe(true);
    expect((await kit.devices()).map((device) => device.serial)).not.toContain(emulator.serial);
  });
});

/**
 * A stand-in adb: records its arguments, one run a line, and answers as adb on an API 34 emulator does;
 * `install` fails as a full disk makes it fail when `failInstall`.
 */
function standInAdb(failInstall = false): { path: string; calls: () => string[] } {
  const dir = tempDir();
  const log = join(dir, 'calls.log');
  const path = join(dir, 'adb');
  const script = `#!/bin/sh
echo "$*" >> '${log}'
case "$*" in
  *"getprop ro.build.version.sdk") echo 34 ;;
  *"getprop ro.build.version.release") echo 14 ;;
  *"getprop sys.boot_completed") echo 1 ;;
  *"getprop init.svc.bootanim") echo stopped ;;
  *"shell service list") printf 'Found 3 services:\\n0\\tactivity: [android.app.IActivityManager]\\n1\\tpackage: [android.content.pm.IPackageManager]\\n2\\twindow: [android.view.IWindowManager]\\n' ;;
  *"shell pidof "*) exit 1 ;;
  *" install "*) ${failInstall ? `echo 'adb: failed to install: Failure [INSTALL_FAILED_INSUFFICIENT_STORAGE]' >&2; exit 1` : 'echo Performing Streamed Install; echo Success'} ;;
esac
`;
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return { path, calls: () => readFileSync(log, 'utf8').trimEnd().split('\n') };
}

describe('adb-kit on a stand-in adb', () => {
  const env = { ...process.env, ANDROID_ADB_SERVER_PORT: '5099' };

  it('prepares the app with the adb command lines the scripted kit stands for, on the server port adb would use', async () => {
    const stand = standInAdb();
    const device = (await loadAdbKit(stand.path, env)).device('emulator-5554');
    expect(await device.waitForBoot(30_000)).toBe(true);
    await device.install('/out/app.apk', 30_000);
    await device.grantPermission('dev.smsgw.gateway', 'android.permission.RECEIVE_SMS');
    await device.exemptFromDoze('dev.smsgw.gateway');
    await device.reverse(41234);
    const calls = stand.calls();
    expect(calls.every((line) => line.startsWith('-P 5099 -s emulator-5554 '))).toBe(true);
    expect(calls).toContain('-P 5099 -s emulator-5554 shell getprop sys.boot_completed');
    expect(calls.slice(-4)).toEqual([
      '-P 5099 -s emulator-5554 install -r -g /out/app.apk',
      '-P 5099 -s emulator-5554 shell pm grant dev.smsgw.gateway android.permission.RECEIVE_SMS',
      '-P 5099 -s emulator-5554 shell dumpsys deviceidle whitelist +dev.smsgw.gateway ;',
      '-P 5099 -s emulator-5554 reverse tcp:41234 tcp:41234',
    ]);
  });

  it('rejects a failed install with what adb said', async () => {
    const device = (await loadAdbKit(standInAdb(true).path, env)).device('emulator-5554');
    await expect(device.install('/out/app.apk', 30_000)).rejects.toThrow(
      /^adb: failed to install: Failure \[INSTALL_FAILED_INSUFFICIENT_STORAGE\]$/,
    );
  });

  it("gives a shell command's exit code and output instead of rejecting, as `pidof` of an app not running needs", async () => {
    const device = (await loadAdbKit(standInAdb().path, env)).device('emulator-5554');
    expect(await device.shell(['pidof', 'dev.smsgw.gateway'])).toEqual({ code: 1, stdout: '', stderr: '' });
  });
});
