import { describe, expect, it } from 'vitest';
import type { HealthScraper } from '../core/health-scraper';
import { EmulatorDevice } from './emulator-device';
import type { EmulatorPower } from './emulator-power';
import { scriptedKit, scriptedRunner } from './scripted-runner';

// `adb shell dumpsys meminfo dev.smsgw.gateway` on an API 34 emulator, trimmed to its frame.
const meminfo = [
  'Applications Memory Usage (in Kilobytes):',
  'Uptime: 1843210 Realtime: 1843210',
  '',
  '** MEMINFO in pid 4321 [dev.smsgw.gateway] **',
  '                   Pss  Private  Private  SwapPss      Rss     Heap     Heap     Heap',
  '                 Total    Dirty    Clean    Dirty    Total     Size    Alloc     Free',
  '  Native Heap    21034    20980        0        0    22608    33452    26290     3047',
  '        TOTAL    81234    62020     9820        0   152000    49836    38420    11416',
  '',
  ' App Summary',
  '           Java Heap:     9876                          21040',
  '               TOTAL:    81234       TOTAL SWAP PSS:        0      TOTAL RSS:   152000',
  '',
].join('\n');

const scraper = (texts: Record<string, string>): HealthScraper & { closed: number } => ({
  closed: 0,
  async scrape() {
    return texts;
  },
  async close() {
    this.closed += 1;
  },
});

const power: EmulatorPower = {
  avd: 'Pixel_7_API_34',
  emulator: '/sdk/emulator/emulator',
  logPath: '/run/emulator.log',
  reversePort: 41234,
};

/** The steps an emulator takes besides a power loss, which needs its AVD's name to boot again. */
const stepsButPowerLoss = [
  'kill: app',
  'force-stop: app',
  'network: off',
  'network: { delay }',
  'network: { speed }',
  'gsm: { data: off }',
  'doze: on',
];

describe('EmulatorDevice', () => {
  it('takes its console port and label from the serial and has no /health', () => {
    const device = new EmulatorDevice({
      serial: 'emulator-5556',
      kit: scriptedKit(scriptedRunner()),
      runner: scriptedRunner(),
      scraper: scraper({}),
    });
    expect([device.kind, device.consolePort, device.label, device.healthUrl]).toEqual([
      'emulator',
      5556,
      'emulator:5556',
      null,
    ]);
  });

  it('takes a power loss, app kills, a force stop, network, link and Doze chaos, and refuses disk chaos with a clear error', async () => {
    const device = new EmulatorDevice({
      serial: 'emulator-5556',
      kit: scriptedKit(scriptedRunner()),
      runner: scriptedRunner(),
      scraper: scraper({}),
      power,
    });
    expect([device.chaosActions, device.databasePath]).toEqual([['kill: device', ...stepsButPowerLoss], null]);
    await expect(device.setDiskFull()).rejects.toMatchObject({
      code: 'bad-scenario',
      message: '`disk: full` is not supported on emulator devices (emulator:5556)',
    });
  });

  it('refuses a power loss, before any command, when it does not know the AVD to boot again', async () => {
    const runner = scriptedRunner();
    const device = new EmulatorDevice({
      serial: 'emulator-5556',
      kit: scriptedKit(runner),
      runner,
      scraper: scraper({}),
    });
    expect(device.chaosActions).toEqual(stepsButPowerLoss);
    await expect(device.kill()).rejects.toMatchObject({
      code: 'bad-scenario',
      message: '`kill: device` needs the AVD emulator-5556 was booted from, which is unknown',
    });
    expect(runner.calls).toEqual([]);
  });

  it('cuts the power through the console, waits until the emulator is gone, then boots the same AVD cold and launches the app', async () => {
    const runner = scriptedRunner({
      'adb -s emulator-5554 shell pidof dev.smsgw.gateway': ['', '5012\n'],
      // The console's answer to `kill`, as adb prints it after the banner and auth.
      'adb -s emulator-5554 emu kill': 'OK: killing emulator, bye bye\r\n',
      'adb devices -l': ['List of devices attached\nemulator-5554\tdevice\n\n', 'List of devices attached\n\n'],
      'adb -s emulator-5554 shell getprop sys.boot_completed': '1\n',
    });
    const sleep = async (ms: number): Promise<void> => void runner.calls.push(`sleep ${ms}`);
    const device = new EmulatorDevice({
      serial: 'emulator-5554',
      kit: scriptedKit(runner),
      runner,
      scraper: scraper({}),
      sleep,
      power,
    });
    await device.kill();
    await device.restart();
    expect(runner.calls).toEqual([
      'adb -s emulator-5554 shell pidof dev.smsgw.gateway',
      'adb -s emulator-5554 emu kill',
      'adb devices -l',
      'sleep 500',
      'adb devices -l',
      'spawn /sdk/emulator/emulator -avd Pixel_7_API_34 -no-window -no-audio -no-boot-anim -no-snapshot -port 5554 > /run/emulator.log',
      'adb -s emulator-5554 shell getprop sys.boot_completed',
      'adb -s emulator-5554 reverse tcp:41234 tcp:41234',
      'adb -s emulator-5554 shell am start -W -n dev.smsgw.gateway/.MainActivity',
      'adb -s emulator-5554 shell pidof dev.smsgw.gateway',
    ]);
  });

  it('force-stops the app through am, then opens it again and waits until its process is up', async () => {
    const runner = scriptedRunner({
      'adb -s emulator-5554 shell pidof dev.smsgw.gateway': ['4321\n', '', '5012\n'],
      'adb -s emulator-5554 shell cat /proc/4321/status': 'Name:\tdev.smsgw.gateway\nVmHWM:\t  200000 kB\n',
    });
    const sleep = async (ms: number): Promise<void> => void runner.calls.push(`sleep ${ms}`);
    const device = new EmulatorDevice({
      serial: 'emulator-5554',
      kit: scriptedKit(runner),
      runner,
      scraper: scraper({}),
      sleep,
    });
    await device.forceStopApp();
    await device.openApp();
    expect(runner.calls).toEqual([
      'adb -s emulator-5554 shell pidof dev.smsgw.gateway',
      'adb -s emulator-5554 shell cat /proc/4321/status',
      'adb -s emulator-5554 shell am force-stop dev.smsgw.gateway',
      'adb -s emulator-5554 shell am start -W -n dev.smsgw.gateway/.MainActivity',
      'adb -s emulator-5554 shell pidof dev.smsgw.gateway',
      'sleep 500',
      'adb -s emulator-5554 shell pidof dev.smsgw.gateway',
    ]);
  });

  it('says which command failed when am force-stop does', async () => {
    const runner = scriptedRunner({
      'adb -s emulator-5554 shell am force-stop dev.smsgw.gateway': { code: 255, stderr: 'error: closed\n' },
    });
    const device = new EmulatorDevice({
      serial: 'emulator-5554',
      kit: scriptedKit(runner),
      runner,
      scraper: scraper({}),
    });
    await expect(device.forceStopApp()).rejects.toMatchObject({
      code: 'device-unavailable',
      message: '`am force-stop dev.smsgw.gateway` failed on emulator-5554: error: closed',
    });
  });

  it('kills the app through adb, waits the restart delay, then launches it again', async () => {
    const runner = scriptedRunner({
      'adb -s emulator-5554 shell pidof dev.smsgw.gateway': ['4321\n', '4321\n', '', '5012\n'],
    });
    const sleep = async (ms: number): Promise<void> => void runner.calls.push(`sleep ${ms}`);
    const device = new EmulatorDevice({
      serial: 'emulator-5554',
      kit: scriptedKit(runner),
      runner,
      scraper: scraper({}),
      sleep,
    });
    await device.killApp({ restartAfterMs: 2000 });
    const kill = runner.calls.indexOf('adb -s emulator-5554 shell run-as dev.smsgw.gateway kill -9 4321');
    const wait = runner.calls.indexOf('sleep 2000');
    const launch = runner.calls.indexOf('adb -s emulator-5554 shell am start -W -n dev.smsgw.gateway/.MainActivity');
    expect(kill).toBeGreaterThanOrEqual(0);
    expect(wait).toBeGreaterThan(kill);
    expect(launch).toBeGreaterThan(wait);
  });

  it('refuses a phone serial, which has no console', () => {
    expect(
      () =>
        new EmulatorDevice({
          serial: 'R58M123ABC',
          kit: scriptedKit(scriptedRunner()),
          runner: scriptedRunner(),
          scraper: scraper({}),
        }),
    ).toThrow(/emulator-5554/);
  });

  it('reads health from the Health screen and memory from dumpsys meminfo', async () => {
    const runner = scriptedRunner({ 'adb -s emulator-5554 shell dumpsys meminfo dev.smsgw.gateway': meminfo });
    const device = new EmulatorDevice({
      serial: 'emulator-5554',
      kit: scriptedKit(runner),
      runner,
      scraper: scraper({ 'queue-size': '7', pending: '5' }),
      now: () => 42,
    });
    const health = await device.health();
    expect(health.rssBytes).toBe(152_000 * 1024);
    expect(health.engine).toMatchObject({ queueSize: 7, pending: 5, generatedAt: 42 });
  });

  it('reports unknown memory when the app is not running', async () => {
    const runner = scriptedRunner({
      'adb -s emulator-5554 shell dumpsys meminfo dev.smsgw.gateway': 'No process found for: dev.smsgw.gateway\n',
    });
    const device = new EmulatorDevice({
      serial: 'emulator-5554',
      kit: scriptedKit(runner),
      runner,
      scraper: scraper({ 'queue-size': '0' }),
    });
    expect((await device.health()).rssBytes).toBeNull();
  });

  it('leaves the emulator running on stop and only ends the Appium session', async () => {
    const runner = scriptedRunner();
    const screen = scraper({});
    await new EmulatorDevice({ serial: 'emulator-5554', kit: scriptedKit(runner), runner, scraper: screen }).stop();
    expect(runner.calls).toEqual([]);
    expect(screen.closed).toBe(1);
  });

  it('keeps the peak memory of an app process it killed after the restarted one peaks lower', async () => {
    const status = (hwmKib: number) => `Name:\tdev.smsgw.gateway\nVmHWM:\t  ${hwmKib} kB\nVmRSS:\t   90000 kB\n`;
    const runner = scriptedRunner({
      'adb -s emulator-5554 shell pidof dev.smsgw.gateway': ['4321\n', '4321\n', '5012\n'],
      'adb -s emulator-5554 shell cat /proc/4321/status': status(310_000),
      'adb -s emulator-5554 shell cat /proc/5012/status': status(120_000),
    });
    const sleep = async (): Promise<void> => undefined;
    const device = new EmulatorDevice({
      serial: 'emulator-5554',
      kit: scriptedKit(runner),
      runner,
      scraper: scraper({}),
      sleep,
    });
    await device.killApp({ restartAfterMs: 0 });
    expect(runner.calls).toContain('adb -s emulator-5554 shell run-as dev.smsgw.gateway kill -9 4321');
    expect(await device.peakRssBytes()).toBe(310_000 * 1024);
  });
});
