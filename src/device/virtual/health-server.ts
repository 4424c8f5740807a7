// The virtual device's HTTP side: GET /health (the engine's health plus process memory), the web
// Health screen at / (its build from android-app/web/dist), and control routes for the harness's
// chaos steps (network, disk). Binds 127.0.0.1 only. GET /health and the screen are open to any
// loopback client (the screen's own page and Appium read them); control is guarded (control-guard.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SmsgwError } from '../../errors';
import type { DeviceHealth } from '../core/device';
import { refuseControl } from './control-guard';
import { serveWebAsset } from '../web/web-assets';
import { webDistDir } from '../web/web-build';

export interface HealthServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly health: () => Promise<DeviceHealth>;
  /** The console's auth token, which control requests must carry; null when console auth is off. */
  readonly authToken: string | null;
  /** Turns the device's network off or on (chaos). */
  readonly setNetwork: (online: boolean) => void;
  /** Fills the device's database to its cap, so SQLite answers SQLITE_FULL (true), or frees it (false). Default: 404, no such control. */
  readonly setDiskFull?: (full: boolean) => Promise<void>;
  /** The web Health screen's build. Default android-app/web/dist. */
  readonly webRoot?: string;
  /**
   * The `wrong-dashboard` defect: true when this read of the screen (`/health?reader=screen`)
   * should be skewed. Plain `/health` is never skewed, so the screen and the server disagree.
   * Default never.
   */
  readonly skewScreen?: () => boolean;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

const controlPrefix = '/_smsgw/';

async function route(request: IncomingMessage, response: ServerResponse, options: HealthServerOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://device');
  if (request.method === 'GET' && url.pathname === '/health') {
    const health = await options.health();
    const skewed = url.searchParams.get('reader') === 'screen' && (options.skewScreen?.() ?? false);
    return send(response, 200, skewed ? skewForScreen(health) : health);
  }
  if (url.pathname.startsWith(controlPrefix)) {
    const refusal = refuseControl(request, options.authToken);
    if (refusal) return send(response, refusal.status, { error: refusal.error }, refusal.headers);
  }
  if (request.method === 'POST' && url.pathname === '/_smsgw/network') {
    const online = url.searchParams.get('online');
    if (online !== 'true' && online !== 'false')
      return send(response, 400, { error: 'Expected ?online=true or ?online=false' });
    options.setNetwork(online === 'true');
    return send(response, 200, { online: online === 'true' });
  }
  if (request.method === 'POST' && url.pathname === '/_smsgw/disk' && options.setDiskFull) {
    const full = url.searchParams.get('full');
    if (full !== 'true' && full !== 'false')
      return send(response, 400, { error: 'Expected ?full=true or ?full=false' });
    await options.setDiskFull(full === 'true');
    return send(response, 200, { full: full === 'true' });
  }
  if (
    (request.method === 'GET' || request.method === 'HEAD') &&
    (await serveWebAsset(url.pathname, options.webRoot ?? webDistDir, response))
  )
    return;
  send(response, 404, { error: `No route ${request.method} ${url.pathname}; try GET /health or GET /` });
}

/** One more delivered today than the engine says: small, plausible, and exactly what the verdict must catch. */
function skewForScreen(health: DeviceHealth): DeviceHealth {
  return { ...health, engine: { ...health.engine, deliveredToday: health.engine.deliveredToday + 1 } };
}

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((request, response) => {
    route(request, response, options).catch((error: unknown) =>
      send(response, 500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new SmsgwError('port-unavailable', `Health port ${options.port} is already in use`, {
              hint: 'pick another with --health-port, or 0 for any free port',
            })
          : error,
      ),
    );
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
