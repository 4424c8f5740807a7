// Serves the web Health screen's build (android-app/web/dist) next to /health. Without a build,
// 503 with the command that makes one, rather than a bare 404 that looks like a routing bug.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const MISSING_BUILD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>smsgw · no web build</title></head>
<body><h1>The Health screen is not built</h1><p>Run <code>npm run build:web</code> in the smsgw folder, then reload.
<code>GET /health</code> works without it.</p></body></html>\n`;

function reply(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

/** Answers `GET <pathname>` from `root`; false when no file matches (the caller answers 404). */
export async function serveWebAsset(pathname: string, root: string, response: ServerResponse): Promise<boolean> {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  // No `..` escapes out of the build folder.
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    if (pathname !== '/') return false;
    reply(response, 503, 'text/html; charset=utf-8', MISSING_BUILD);
    return true;
  }
  reply(response, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body);
  return true;
}
