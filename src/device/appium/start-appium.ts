// Starts Appium from the project's own node_modules (its drivers are project dependencies, so
// APPIUM_HOME is the project, never a home folder), on 127.0.0.1 and a free port, and stops it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SmsgwError } from '../../errors';
import { appiumDefaults as defaults } from './defaults';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const appiumBin = fileURLToPath(new URL('../../../node_modules/appium/index.js', import.meta.url));

export interface AppiumServer {
  /** e.g. `http://127.0.0.1:41234/` */
  readonly url: string;
  readonly pid: number | undefined;
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
export async function startAppium(options: { readonly port?: number; readonly timeoutMs?: number } = {}): Promise<AppiumServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}/`;
  const args = [appiumBin, 'server', '--address', '127.0.0.1', '--port', String(port), '--log-level', 'error', '--log-no-colors'];
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, APPIUM_HOME: projectRoot }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), defaults.stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? defaults.startTimeoutMs);
  while (!(await answersStatus(url))) {
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (exited || Date.now() > deadline) {
      await stop();
      throw new SmsgwError('environment', `Appium did not start on ${url}${exited ? ` (it exited with code ${child.exitCode})` : ' in time'}`, {
        hint: output.trim() || 'run `npx appium driver list --installed` in the smsgw folder; both drivers must be listed',
      });
    }
    await sleep(defaults.statusPollMs);
  }
  return { url, pid: child.pid, stop };
}
