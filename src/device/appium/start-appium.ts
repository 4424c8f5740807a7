// Starts Appium from the project's own node_modules (its drivers are project dependencies, so
// APPIUM_HOME is the project, never a home folder), on 127.0.0.1 and a free port, and stops it.
// Appium runs under a watchdog, in a process group that chromedriver and Chromium join and that
// ends with this process: a SIGKILLed harness runs no teardown, yet leaves no browser behind.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { SmsgwError } from '../../errors';
import { missingPackage, resolveOptional, type OptionalPackage } from '../../optional-packages';
import { spawnWatchedGroup } from '../../process/spawn-watched-group';
import { appiumDefaults as defaults } from './defaults';

/**
 * Appium's own script and its home: the project that installed it, whose package.json lists the
 * drivers beside it (the repository, or the QA team's project that added smsgw).
 */
function findAppium(needs: readonly OptionalPackage[]): { bin: string; home: string } {
  const bin = resolveOptional('appium', 'index.js');
  if (bin === null) throw missingPackage('appium', 'Reading the Health screen through Appium', needs);
  return { bin, home: dirname(dirname(dirname(bin))) };
}

export interface AppiumServer {
  /** e.g. `http://127.0.0.1:41234/` */
  readonly url: string;
  /** Appium's pid, which is also the id of the process group it shares with its drivers and browsers. */
  readonly pid: number | undefined;
  /** Stops Appium and resolves once it, its drivers and every browser they started are gone. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the usual listen-on-0 trick; the gap before Appium binds is tiny). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answersStatus(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('status', url), { signal: AbortSignal.timeout(defaults.statusPollMs * 5) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Spawns `appium server` and resolves once GET /status answers; throws `environment` after the timeout. */
export async function startAppium(
  options: {
    readonly port?: number;
    readonly timeoutMs?: number;
    /** What the session needs installed beside Appium, named when Appium is missing; default the Chromium driver's. */
    readonly needs?: readonly OptionalPackage[];
  } = {},
): Promise<AppiumServer> {
  const appium = findAppium(options.needs ?? ['appium', 'appium-chromium-driver', 'webdriverio']);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}/`;
  const args = [
    appium.bin,
    'server',
    '--address',
    '127.0.0.1',
    '--port',
    String(port),
    '--log-level',
    'error',
    '--log-no-colors',
  ];
  const group = spawnWatchedGroup(process.execPath, args, {
    cwd: appium.home,
    env: { ...process.env, APPIUM_HOME: appium.home },
    stopGraceMs: defaults.stopTimeoutMs,
  });
  // Appium's stdout and stderr, which the watchdog passes on as its stderr.
  let output = '';
  group.watchdog.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  const stop = () => group.stop();

  const deadline = Date.now() + (options.timeoutMs ?? defaults.startTimeoutMs);
  while (!(await answersStatus(url))) {
    const exited = group.exited();
    if (exited || Date.now() > deadline) {
      await stop();
      throw new SmsgwError(
        'environment',
        `Appium did not start on ${url}${exited ? ` (it exited with code ${group.watchdog.exitCode})` : ' in time'}`,
        {
          hint:
            output.trim() ||
            'run `npx appium driver list --installed` in the smsgw folder; both drivers must be listed',
        },
      );
    }
    await sleep(defaults.statusPollMs);
  }
  return { url, pid: await group.leader.catch(() => undefined), stop };
}
