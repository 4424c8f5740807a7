// A tiny got client for the stub's tests: no retries, no keep-alive, errors as values.
import { Agent } from 'node:http';
import got from 'got';

export type PostResult =
  | { kind: 'response'; status: number; body: string; headers: Record<string, string | string[] | undefined> }
  | { kind: 'error'; code: string };

const agent = new Agent({ keepAlive: false });

export async function postForTest(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  try {
    const response = await got.post(url, {
      body,
      headers,
      agent: { http: agent },
      retry: { limit: 0 },
      throwHttpErrors: false,
      timeout: { request: 120_000 },
    });
    return { kind: 'response', status: response.statusCode, body: response.body, headers: response.headers };
  } catch (error) {
    return { kind: 'error', code: (error as { code?: string }).code ?? String(error) };
  }
}
