// `smsgw device`: a virtual Android device running the app's gateway engine, with an emulator console.
import os from 'node:os';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { envOption, repeatable, secretOnCommandLine, secretOption } from './option-env';
import { SmsgwError } from '../errors';
import { consoleDefaults } from '../device/console/defaults';
import { virtualDeviceDefaults as defaults } from '../device/virtual/defaults';
import { describeDefect, parseDefect } from '../device/virtual/defects';
import {
  defaultAuthTokenPath,
  ensureConsoleAuthToken,
  readConsoleAuthToken,
  tokenFileBreaksAdbOutput,
} from '../device/console/index';
import { getLogger, setLogLevel } from '../logger';
import type * as Radio from '../device/virtual/radio';
import { harnessLinkOfParent } from '../device/virtual/device-messages';
import type { RadioConfig, RunningRadio } from '../device/virtual/radio';
import { watchParent } from '../device/virtual/watch-parent';
import { formatSpeed, parseDuration, parseSpeed } from '../units/index';
import type { ClockSpeed } from '../device/virtual/scaled-clock';
import { parseHttpUrl, parseNonNegativeInteger, parsePort } from './option-parsers';
import { addMetricsPortOption, serveDeviceMetrics } from './metrics-port';

interface DeviceFlags {
  readonly consolePort: string;
  readonly healthPort: string;
  readonly webhook: string;
  readonly secret?: string;
  readonly db?: string;
  readonly deviceId?: string;
  readonly avdName: string;
  readonly authTokenFile?: string;
  readonly consoleMaxConnections: string;
  readonly consoleAuthTimeout: string;
  readonly defect: string[];
  readonly seed: string;
  readonly clock: string;
  readonly clockOrigin?: string;
  readonly readSms: boolean;
  readonly readyJson?: boolean;
  readonly verbose?: boolean;
  readonly metricsPort?: number;
}

/** Node's timers hold at most 2^31 - 1 ms and fire at once past it: a longer timeout would be none. */
const maxTimerMs = 2 ** 31 - 1;

/** `--console-max-connections`: at least one, or the harness itself could not connect. */
function parseMaxConnections(value: string): number {
  const max = parseNonNegativeInteger('--console-max-connections', value);
  if (max < 1)
    throw new SmsgwError(
      'bad-option',
      `Expected \`--console-max-connections\` to be at least 1, got ${JSON.stringify(value)}`,
    );
  return max;
}

/** `--console-auth-timeout`: a duration up to Node's longest timer; 0s never closes. */
function parseAuthTimeout(value: string): number {
  const ms = parseDuration(value, '--console-auth-timeout');
  if (ms > maxTimerMs)
    throw new SmsgwError(
      'bad-option',
      `Expected \`--console-auth-timeout\` to be at most 24d, got ${JSON.stringify(value)}`,
      { hint: 'use 0s to never close an idle connection' },
    );
  return Math.round(ms);
}

const untilStopSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

type DeviceSettings = ReturnType<typeof readDeviceFlags> & ReturnType<typeof prepareAuthToken>;

/**
 * `--clock 100x`, counted from `--clock-origin` (the harness passes its run's, so a device booted again
 * after a power loss carries on from the same moment) or from now.
 */
function readClock(flags: DeviceFlags): ClockSpeed {
  return {
    speed: parseSpeed(flags.clock, '--clock'),
    originMs:
      flags.clockOrigin === undefined ? Date.now() : parseNonNegativeInteger('--clock-origin', flags.clockOrigin),
  };
}

function dbPathOf(db: string | undefined, consolePort: number): string {
  return db ?? join(os.tmpdir(), `smsgw-device-${consolePort}.sqlite`);
}

/**
 * The deviceId every webhook carries, and part of every message id. It must stay the same for as
 * long as the database does: a capture stored again after a restart has to get the same message id,
 * or the server sees it twice. A console port picked by the system (0) changes on every start (the
 * harness restarts a device on the port it got, not on 0), so that device is named after its database.
 */
export function defaultDeviceId(consolePort: number, dbPath: string): string {
  if (consolePort !== 0) return `virtual-${consolePort}`;
  return `virtual-${createHash('sha256').update(resolve(dbPath)).digest('hex').slice(0, 8)}`;
}

/** Every flag read and checked, before anything is written or started. */
function readDeviceFlags(flags: DeviceFlags) {
  const consolePort = parsePort('--console-port', flags.consolePort);
  return {
    consolePort,
    healthPort: parsePort('--health-port', flags.healthPort),
    webhookUrl: parseHttpUrl('--webhook', flags.webhook),
    defects: flags.defect.map(parseDefect),
    seed: parseNonNegativeInteger('--seed', flags.seed),
    consoleMaxConnections: parseMaxConnections(flags.consoleMaxConnections),
    consoleAuthTimeoutMs: parseAuthTimeout(flags.consoleAuthTimeout),
    secret: flags.secret ?? (process.env['SMSGW_WEBHOOK_SECRET'] || null),
    dbPath: dbPathOf(flags.db, consolePort),
    deviceId: flags.deviceId ?? defaultDeviceId(consolePort, dbPathOf(flags.db, consolePort)),
    clock: readClock(flags),
    readSms: flags.readSms,
    avdName: flags.avdName,
  };
}

/** The console's auth token: the given file's, or the default file's, created as the emulator does when missing. */
function prepareAuthToken(authTokenFile: string | undefined): { authToken: string | null; authTokenPath: string } {
  const authTokenPath = authTokenFile ?? defaultAuthTokenPath();
  const consoleAuth =
    authTokenFile === undefined
      ? ensureConsoleAuthToken(authTokenPath)
      : { token: readConsoleAuthToken(authTokenPath), created: false };
  if (consoleAuth.created)
    process.stderr.write(
      `smsgw device: created the console auth token at ${authTokenPath} (mode 0600); adb reads it from there\n`,
    );
  if (tokenFileBreaksAdbOutput(authTokenPath)) {
    process.stderr.write(
      `smsgw device: note: ${authTokenPath} ends with a line break, which adb sends as an empty line: every \`adb emu\` prints "KO: unknown command" before its answer, ` +
        `as with the emulator; remove it with: printf %s "$(cat '${authTokenPath}')" > '${authTokenPath}'\n`,
    );
  }
  return { authToken: consoleAuth.token, authTokenPath };
}

/** The radio's settings, and the command line of the app it starts (`smsgw device-app`). */
function radioConfig(settings: DeviceSettings, flags: DeviceFlags, radio: typeof Radio): RadioConfig {
  const appArguments = radio.appArgumentsFor({ ...settings, defects: flags.defect, verbose: flags.verbose === true });
  // A harness that spawned this device asks for chaos over the IPC channel it opened.
  const harness = flags.readyJson ? harnessLinkOfParent() : undefined;
  return {
    ...settings,
    logger: getLogger('radio'),
    appArguments,
    appEnvironment: radio.appEnvironmentFor(settings.secret),
    ...(harness ? { harness } : {}),
  };
}

/** For a person: where to reach the device, and what was planted in it. */
async function announce(device: RunningRadio, settings: DeviceSettings): Promise<void> {
  process.stdout.write(
    `smsgw device: console on 127.0.0.1:${device.consolePort} (adb serial emulator-${device.consolePort}), ` +
      `health on http://127.0.0.1:${device.healthPort}/health, forwarding to ${settings.webhookUrl}\n`,
  );
  const { webBuildState } = await import('../device/web/web-build');
  const build = webBuildState();
  process.stdout.write(
    `smsgw device: Health screen on http://127.0.0.1:${device.healthPort}/${build === 'current' ? '' : ` (its build is ${build}: run \`npm run build:web\`)`}\n`,
  );
  if (settings.clock.speed !== 1)
    process.stdout.write(
      `smsgw device: the app's clock runs ${formatSpeed(settings.clock.speed)}: its retries, leases and max age pass that much sooner\n`,
    );
  for (const defect of settings.defects)
    process.stdout.write(`smsgw device: planted defect ${describeDefect(defect)}\n`);
}

/** For the harness: one JSON line it waits for. */
function announceReady(device: RunningRadio, deviceId: string): void {
  const ready = {
    ready: true,
    consolePort: device.consolePort,
    healthPort: device.healthPort,
    pid: process.pid,
    deviceId,
  };
  process.stdout.write(`${JSON.stringify({ ...ready, appPid: device.app.pid })}\n`);
}

/** Until Ctrl-C or SIGTERM, or, for a device the harness spawned, until the harness is gone (even by SIGKILL). */
async function untilStopped(spawnedByHarness: boolean): Promise<string> {
  const orphaned = new Promise<'parent gone'>((resolve) => {
    if (spawnedByHarness) watchParent(() => resolve('parent gone'));
  });
  return Promise.race([untilStopSignal(), orphaned]);
}

async function runDevice(flags: DeviceFlags, command: Command): Promise<void> {
  // Any user of this machine reads another's argument list (`ps -ef`, /proc/<pid>/cmdline).
  if (secretOnCommandLine(command))
    process.stderr.write(
      'smsgw device: warning: --secret shows the secret to every user of this machine in `ps`; set SMSGW_WEBHOOK_SECRET instead\n',
    );
  const settings: DeviceSettings = { ...readDeviceFlags(flags), ...prepareAuthToken(flags.authTokenFile) };
  if (flags.verbose) setLogLevel('debug');
  let running: RunningRadio | null = null;
  const metrics =
    flags.metricsPort === undefined
      ? null
      : await serveDeviceMetrics(flags.metricsPort, settings.deviceId, () =>
          running
            ? {
                device: settings.deviceId,
                healthUrl: `http://127.0.0.1:${running.healthPort}`,
                pids: { radio: process.pid, app: running.app.pid },
              }
            : null,
        );
  try {
    const radio = await import('../device/virtual/radio');
    const device = await radio.runRadio(radioConfig(settings, flags, radio));
    running = device;
    if (flags.readyJson) announceReady(device, settings.deviceId);
    else await announce(device, settings);
    const reason = await untilStopped(flags.readyJson === true);
    process.stderr.write(`smsgw device: ${reason}, finishing in-flight sends…\n`);
    await device.stop();
  } finally {
    await metrics?.close();
  }
  // The harness's IPC channel would keep this process alive after its work is done.
  if (process.connected) process.disconnect?.();
}

/** `--clock`, and the origin a harness passes with it. */
function withClockOptions(command: Command): Command {
  return command
    .addOption(
      envOption(
        '--clock <n>x',
        "run the app's clock n times the wall clock, 1x to 10000x: backoff, leases, the breaker, Retry-After seconds and the 3-day max age pass that much sooner; the network does not (a database written at one speed runs ahead of a slower one)",
      ).default('1x'),
    )
    .addOption(
      envOption('--clock-origin <ms>', 'the wall-clock moment the fast clock counts from (for the harness)').hideHelp(),
    );
}

/** What the emulator console answers and whom it serves. */
function withConsoleOptions(command: Command): Command {
  return command
    .addOption(envOption('--avd-name <name>', 'what `avd name` answers').default(defaults.avdName))
    .addOption(
      envOption(
        '--auth-token-file <file>',
        `console auth token, also needed for the chaos controls on the health port; an empty or missing file means no auth (default ${defaultAuthTokenPath()}, created 0600 with a random token when missing, as the emulator does)`,
      ),
    )
    .addOption(
      envOption(
        '--console-max-connections <n>',
        'console connections served at once; the next one is told so and closed',
      ).default(String(consoleDefaults.maxConnections)),
    )
    .addOption(
      envOption(
        '--console-auth-timeout <duration>',
        'close a console connection that has not authenticated (auth off: sent nothing) by then; 0s never',
      ).default(`${consoleDefaults.authTimeoutMs / 1000}s`),
    );
}

export function deviceCommand(): Command {
  const command = new Command('device')
    .description(
      "run a virtual device: a radio (emulator console, the phone's SMS store) and the app's process (its engine, GET /health)",
    )
    .addOption(envOption('--webhook <url>', 'where the gateway POSTs each SMS').makeOptionMandatory())
    .addOption(
      envOption('--console-port <n>', 'emulator console port (adb finds 5554..5584; 0 for a free one)').default(
        String(defaults.consolePort),
      ),
    )
    .addOption(
      envOption('--health-port <n>', 'port of GET /health (0 for a free one)').default(String(defaults.healthPort)),
    )
    .addOption(
      secretOption(
        'HMAC secret for X-Signature; every user sees it in `ps`: set SMSGW_WEBHOOK_SECRET instead (none: requests are unsigned)',
      ),
    )
    .addOption(envOption('--db <file>', 'SQLite queue file (default: <tmp>/smsgw-device-<console-port>.sqlite)'))
    .addOption(
      envOption(
        '--device-id <id>',
        'deviceId in every webhook and in every message id: keep it for as long as the database (default: virtual-<console-port>, or virtual-<hash of --db> with --console-port 0)',
      ),
    )
    .addOption(
      envOption(
        '--defect <kind[:arg]>',
        'plant a defect: drop:0.1%, duplicate:0.1%, mangle:0.1%, latency:500ms, leak[:256KB], skip-signature[:rate], wrong-dashboard[:rate], hang:1%, refuse:1%, spike[:300MB], dedupe-content, no-recovery, ack-before-commit, retry-budget[:2], follow-redirects, ignore-tls (repeatable)',
      )
        .argParser(repeatable(String))
        .default([]),
    )
    .addOption(envOption('--seed <n>', 'seed of the planted defects').default('1'))
    .addOption(
      envOption(
        '--no-read-sms',
        "deny the app READ_SMS: it cannot scan the phone's SMS store for what it missed, so only its receiver stands between a kill and a loss",
      ),
    )
    .addOption(envOption('--ready-json', 'print one JSON line when ready (for the harness)').hideHelp())
    .addOption(envOption('--verbose', 'log every send'))
    .addHelpText(
      'after',
      '\nEnvironment:\n  SMSGW_WEBHOOK_SECRET  the HMAC secret for X-Signature, kept out of `ps` (--secret wins over it)\n' +
        '\nExample:\n  $ SMSGW_WEBHOOK_SECRET=s3cret smsgw device --webhook http://127.0.0.1:8080/webhook\n  $ adb -s emulator-5554 emu sms send +15551234 "hello"\n' +
        '  $ adb -s emulator-5554 emu network delay umts    # also: network speed gsm, gsm data off, network status',
    )
    .action(runDevice);
  return addMetricsPortOption(withClockOptions(withConsoleOptions(command)), "the device's own figures");
}
