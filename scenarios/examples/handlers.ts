// A webhook server of your own in front of the stub's: msw request handlers, offered every request
// before the stub's faults and its webhook (`server: { handlers: ./handlers.ts }` in a scenario, or
// `smsgw stub --handlers scenarios/examples/handlers.ts`). A handler that returns nothing lets the
// request go on to the next one, and at last to the stub's webhook, which checks and accepts it. The
// stub's ledger records every request with the answer it got, whoever gave it.
import { http, HttpResponse } from 'msw';

/** Every this-many-th request finds the server busy. */
const busyEvery = 5;
let requests = 0;

export const handlers = [
  // Busy: every 5th request is turned away with 429 and a Retry-After, as a rate-limited API does.
  // The path is the stub's (relative paths resolve against the stub's own address).
  http.post('/webhook', () => {
    requests += 1;
    if (requests % busyEvery !== 0) return undefined;
    return HttpResponse.json({ error: 'busy, try again later' }, { status: 429, headers: { 'Retry-After': '1' } });
  }),

  // A text this server cannot store: PostgreSQL's `text` refuses the NUL character, so a server on it
  // answers 422, a permanent refusal. The body is read from a clone: when this handler answers
  // nothing, the stub's webhook reads the request itself.
  http.post('/webhook', async ({ request }) => {
    const payload: unknown = await request
      .clone()
      .json()
      .catch(() => null);
    const text = (payload as { text?: unknown } | null)?.text;
    if (typeof text !== 'string' || !text.includes('\u0000')) return undefined;
    return HttpResponse.json({ error: 'the text holds a NUL character, which cannot be stored' }, { status: 422 });
  }),
];
