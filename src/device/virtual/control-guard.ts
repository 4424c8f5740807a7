// Who may drive the device's chaos controls (POST /_smsgw/network, /_smsgw/disk) on its health port.
// The port is loopback, but every web page a browser on this machine opens can send requests to
// loopback too: a plain cross-origin POST (a form, fetch with mode no-cors) needs no preflight,
// and its answer need not be readable to flip the device offline. So control is refused to:
//   - anything but POST (a GET is what an <img> or a link sends);
//   - a Host that is not a loopback name (DNS rebinding: evil.example resolved to 127.0.0.1);
//   - an Origin other than the device's own, and a Sec-Fetch-Site other than same-origin or none:
//     browsers set both on every cross-origin POST, and pages cannot forge them;
//   - without `Authorization: Bearer <console token>` when the console has a token. That header
//     is not CORS-safelisted either, so a page could only send it after a preflight, which this
//     server never grants.
// An empty token file turns console auth off, and then control needs no token: the origin rules
// still keep web pages out, and any local process could inject SMS through the console anyway.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface ControlRequest {
  readonly method?: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

export interface ControlRefusal {
  readonly status: 401 | 403 | 405;
  readonly error: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** What Sec-Fetch-Site says when the request is not from another site's page: its own page, or no page at all. */
const ownSites = new Set(['same-origin', 'none']);

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The Host header's name when it is a loopback name; null otherwise (or when it is unreadable). */
function loopbackHost(host: string | undefined): string | null {
  if (!host) return null;
  try {
    return loopbackNames.has(new URL(`http://${host}`).hostname) ? host : null;
  } catch {
    return null;
  }
}

/** Why a control request is refused, or null when it may run. `token` null: console auth is off. */
export function refuseControl(request: ControlRequest, token: string | null): ControlRefusal | null {
  if (request.method !== 'POST')
    return { status: 405, error: 'Control routes take POST only', headers: { allow: 'POST' } };
  const host = loopbackHost(request.headers.host);
  if (host === null)
    return { status: 403, error: 'Control requests must address the device as 127.0.0.1, localhost or [::1]' };
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`)
    return { status: 403, error: 'Cross-origin control requests are refused' };
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && !ownSites.has(site))
    return { status: 403, error: 'Cross-site control requests are refused' };
  if (token === null) return null;
  const given = request.headers.authorization ?? '';
  // Hashed first: timingSafeEqual needs equal lengths, and the length must not leak either.
  if (!timingSafeEqual(digest(given), digest(`Bearer ${token}`))) {
    return {
      status: 401,
      error: 'Control needs Authorization: Bearer <token>, the token of the console auth token file',
      headers: { 'www-authenticate': 'Bearer realm="smsgw device"' },
    };
  }
  return null;
}
