// Test helper: the XMLHttpRequest React Native's fetch (whatwg-fetch) runs over on Android, where
// OkHttp makes the request. As OkHttp does, it follows redirects by itself (at most 20): on 300–303 a
// POST becomes a GET without its body, on 307/308 the POST is sent again, and responseURL is the URL it
// ended at. The requests are real HTTP (node:http). A failure reaches fetch only as onerror, which
// whatwg-fetch turns into a bare "Network request failed", as on a phone.
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';

const FOLLOWED = new Set([300, 301, 302, 303, 307, 308]);
const MAX_FOLLOW_UPS = 20;
const BODY_HEADERS = ['content-type', 'content-length', 'transfer-encoding'];

interface Hop {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | null;
}

interface Answer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export class OkHttpXhr {
  readyState = 0;
  status = 0;
  statusText = '';
  responseURL = '';
  responseType = '';
  withCredentials = false;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  onreadystatechange: (() => void) | null = null;
  private method = 'GET';
  private url = '';
  private readonly requestHeaders: Record<string, string> = {};
  private answer: Answer | null = null;
  private current: ClientRequest | null = null;
  private aborted = false;

  open(method: string, url: string): void {
    this.method = method.toUpperCase();
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.requestHeaders[name.toLowerCase()] = value;
  }

  getAllResponseHeaders(): string | null {
    if (this.answer === null) return null;
    return Object.entries(this.answer.headers)
      .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
      .join('\r\n');
  }

  get responseText(): string {
    return this.answer?.body ?? '';
  }

  /** What whatwg-fetch reads: text, or the UTF-8 bytes when it asked for an ArrayBuffer. */
  get response(): string | ArrayBuffer {
    const text = this.responseText;
    return this.responseType === 'arraybuffer' ? new TextEncoder().encode(text).buffer : text;
  }

  send(body: string | null): void {
    void this.run({ method: this.method, url: this.url, headers: { ...this.requestHeaders }, body: body ?? null });
  }

  abort(): void {
    this.aborted = true;
    this.current?.destroy();
  }

  private async run(first: Hop): Promise<void> {
    let hop = first;
    try {
      for (let followUps = 0; ; followUps++) {
        const answer = await this.exchange(hop);
        const location = answer.headers.location;
        if (!FOLLOWED.has(answer.status) || location === undefined || followUps === MAX_FOLLOW_UPS) {
          this.finish(hop.url, answer);
          return;
        }
        hop = followUp(hop, answer.status, new URL(location, hop.url).toString());
      }
    } catch {
      this.readyState = 4;
      this.onreadystatechange?.();
      (this.aborted ? this.onabort : this.onerror)?.();
    }
  }

  private finish(url: string, answer: Answer): void {
    this.answer = answer;
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.responseURL = new URL(url).toString(); // as OkHttp's HttpUrl writes it: `/` for no path, lower-case scheme
    this.readyState = 4;
    this.onreadystatechange?.();
    this.onload?.();
  }

  private exchange(hop: Hop): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(hop.url, { method: hop.method, headers: hop.headers }, (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (body += chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            statusText: incoming.statusMessage ?? '',
            headers: incoming.headers,
            body,
          }),
        );
        incoming.on('error', reject);
      });
      this.current = outgoing;
      outgoing.on('error', reject);
      outgoing.end(hop.body ?? undefined);
    });
  }
}

/** OkHttp's next request for a redirect: a GET without the body, except on 307/308. */
function followUp(hop: Hop, status: number, url: string): Hop {
  if (status === 307 || status === 308) return { ...hop, url };
  const headers = Object.fromEntries(Object.entries(hop.headers).filter(([name]) => !BODY_HEADERS.includes(name)));
  return { method: 'GET', url, headers, body: null };
}

/** Installs OkHttpXhr as the global XMLHttpRequest whatwg-fetch creates; returns the undo. */
export function useOkHttpXhr(): () => void {
  const global = globalThis as { XMLHttpRequest?: unknown };
  const before = global.XMLHttpRequest;
  global.XMLHttpRequest = OkHttpXhr;
  return () => {
    global.XMLHttpRequest = before;
  };
}
