// When each answer left: the webhook handler records a request's ledger row before it returns the
// response, and the server writes that response a few microtasks later, so the row's answer time is
// noted by the server and handed to the row here. The response object itself is the key: msw's
// `getResponse` (and `ExactPathHandler`) hand the server the very object the resolver returned.

export interface AnswerTimes {
  /** The handler: `response` answers ledger row `rowId`. Returns `response`. */
  pair<R extends Response>(response: R, rowId: number): R;
  /** The server: it handed `response` to node:http at `writtenAt` (epoch ms). Other responses are ignored. */
  written(response: Response, writtenAt: number): void;
}

/** Pairs responses with ledger rows; `answered` gets each row's answer time once its response is written. */
export function createAnswerTimes(answered: (rowId: number, answeredAt: number) => void): AnswerTimes {
  // Weak: a response the server never writes (the client went first) takes its entry with it.
  const rows = new WeakMap<Response, number>();
  return {
    pair(response, rowId) {
      rows.set(response, rowId);
      return response;
    },
    written(response, writtenAt) {
      const rowId = rows.get(response);
      if (rowId === undefined) return;
      rows.delete(response);
      answered(rowId, writtenAt);
    },
  };
}
