// `HttpResponse.json` for the stub's own handlers, remembering the body text so the server writes
// it as is instead of reading the Response's stream back (a measurable share of each webhook, issue 7).
import { HttpResponse } from 'msw';

const bodies = new WeakMap<Response, string>();

export interface JsonResponseInit {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A JSON response, as `HttpResponse.json` makes it, with Content-Length set so msw need not measure it. */
export function jsonResponse(value: unknown, init: JsonResponseInit = {}): HttpResponse<string> {
  const text = JSON.stringify(value);
  const response = new HttpResponse<string>(text, {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...init.headers },
  });
  bodies.set(response, text);
  return response;
}

/** The body text of a response made by `jsonResponse`; undefined for any other response. */
export const knownBody = (response: Response): string | undefined => bodies.get(response);
