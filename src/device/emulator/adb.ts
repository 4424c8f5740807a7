// Command lines for a real Android emulator or phone: the SDK's `emulator` binary, run through one
// injectable runner (adb itself goes through adb-kit), and the adb arguments and outputs smsgw builds
// and reads, so tests check the exact commands and feed them outputs captured from real tools.
import { execFile, spawn } from 'node:child_process';
import { SmsgwError } from '../../errors';
import { emulatorDefaults as defaults } from './defaults';

export interface CommandOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandRunner {
  run(command: string, args: readonly string[], timeoutMs?: number): Promise<CommandOutput>;
  /** Starts a long-lived process (the emulator) detached from ours; returns its pid. */
  spawnDetached(command: string, args: readonly string[], logPath: string): Promise<number>;
}

export const systemRunner: CommandRunner = {
  run: (command, args, timeoutMs = defaults.commandTimeoutMs) =>
    new Promise((resolve, reject) => {
      execFile(command, [...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new SmsgwError('environment', `${command} is not installed`, {
              hint: 'run `smsgw doctor` for what is missing and how to fix it',
            }),
          );
          return;
        }
        resolve({
          code: typeof error?.code === 'number' ? error.code : error ? 1 : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        });
      });
    }),
  spawnDetached: async (command, args, logPath) => {
    const { openSync } = await import('node:fs');
    const log = openSync(logPath, 'a');
    const child = spawn(command, [...args], { detached: true, stdio: ['ignore', log, log] });
    child.unref();
    return new Promise((resolve, reject) => {
      child.once('error', (error) =>
        reject(
          new SmsgwError('environment', `could not start ${command}: ${error.message}`, { hint: 'run `smsgw doctor`' }),
        ),
      );
      child.once('spawn', () => resolve(child.pid ?? 0));
    });
  },
};

/** `emulator-5554` → 5554: the console port is part of an emulator's serial. */
export function consolePortOf(serial: string): number | null {
  const match = /^emulator-(\d+)$/.exec(serial);
  return match ? Number(match[1]) : null;
}

/** An emulator's console port is even and within 5554..5682 (its adb port is the next one). */
export function checkConsolePort(port: number): number {
  if (port % 2 !== 0 || port < 5554 || port > 5682) {
    throw new SmsgwError(
      'bad-option',
      `Expected \`--port\` to be an even number from 5554 to 5682 (the emulator's console range), got ${port}`,
    );
  }
  return port;
}

/** The emulator's command line for a headless boot on a given console port (adb port = console + 1). */
export function bootArguments(avd: string, port: number): string[] {
  checkConsolePort(port);
  return ['-avd', avd, '-no-window', '-no-audio', '-no-boot-anim', '-no-snapshot', '-port', String(port)];
}

/**
 * `adb shell` joins its arguments into one command line for the device's shell, so a URL with `&`
 * must be quoted for that shell, not ours.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The app's receiver for unattended configuration (android-app's `config/ConfigureReceiver.kt`). It
 * answers only a sender holding android.permission.DUMP, which the adb shell holds and no app from a
 * store can; a `smsgw://configure` link, which any web page can open, only asks the user.
 */
export const configureReceiver = {
  action: `${defaults.applicationId}.action.CONFIGURE`,
  component: `${defaults.applicationId}/.config.ConfigureReceiver`,
  /** The broadcast's result code when the configuration was stored; 0 means no receiver ran. */
  storedCode: 1,
  refusedCode: 2,
} as const;

/**
 * `adb shell am broadcast` to ConfigureReceiver. Each value is quoted for the device's shell (adb
 * joins its arguments into one line). Without a secret the app keeps its own. Stopped packages are
 * included: a freshly installed app is "stopped" until first launched.
 */
export function configureArguments(serial: string, webhookUrl: string, secret: string | null): string[] {
  return [
    '-s',
    serial,
    'shell',
    'am',
    'broadcast',
    '-a',
    configureReceiver.action,
    '-n',
    configureReceiver.component,
    '--include-stopped-packages',
    '--es',
    'webhook',
    shellQuote(webhookUrl),
    ...(secret ? ['--es', 'secret', shellQuote(secret)] : []),
  ];
}

/** The same arguments, fit for a log or an error message: the secret's value is `<secret>`. */
export function withoutSecret(args: readonly string[]): string[] {
  return args.map((arg, at) => (at >= 2 && args[at - 2] === '--es' && args[at - 1] === 'secret' ? '<secret>' : arg));
}

/**
 * `am broadcast` prints `Broadcast completed: result=<code>[, data="<data>"]` once the receivers ran;
 * null when it printed no such line (adb failed before).
 */
export function parseBroadcastResult(output: string): { readonly code: number; readonly data: string | null } | null {
  // am prints the data as it is, unescaped, and nothing after it when there are no extras.
  const match = /Broadcast completed: result=(-?\d+)(?:, data="(.*)")?\s*$/m.exec(output);
  if (!match) return null;
  return { code: Number(match[1]), data: match[2] ?? null };
}

/** Parses `dumpsys meminfo <package>`: the TOTAL RSS line where the platform prints one, else TOTAL PSS; bytes. */
export function parseMeminfo(output: string): number | null {
  const rss = /TOTAL RSS:\s+(\d+)/.exec(output);
  if (rss?.[1]) return Number(rss[1]) * 1024;
  const total = /^\s*TOTAL(?:\s+PSS:)?\s+(\d+)/m.exec(output);
  return total?.[1] ? Number(total[1]) * 1024 : null;
}
