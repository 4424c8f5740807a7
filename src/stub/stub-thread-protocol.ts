// What passes between the harness's thread and the stub's own (stub-thread.ts, stub-worker.ts): the
// options, the events the stub's thread reports, the calls the harness makes and waits for, and the
// shared memory both read. Errors cross as plain data: a thread receives a copy, never the object.
import type { MessagePort } from 'node:worker_threads';
import { SmsgwError, type ErrorCode } from '../errors';
import type { AcceptedMessage, StubStats } from './ledger';
import type { StubOptions } from './stub-options';

export interface StubWorkerData {
  readonly options: StubOptions;
  /** Int32 cells: `answeredCell` (the last call answered), `goneCell` (1 once the thread is ending). */
  readonly callCells: SharedArrayBuffer;
  /** Float64 cells, one per `statsFields` entry: the stats as of the last `stats` call, or the thread's end. */
  readonly statsCells: SharedArrayBuffer;
  /** Where the calls arrive and their answers leave. */
  readonly calls: MessagePort;
}

export const answeredCell = 0;
export const goneCell = 1;

/** An error as data: its message, its code (SQLITE_FULL, an SmsgwError's), and an SmsgwError's hint and issues. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly smsgw?: { readonly code: ErrorCode; readonly hint?: string; readonly issues: readonly string[] };
}

/** What the stub's thread reports on its own, in order. */
export type StubEvent =
  | { readonly kind: 'ready'; readonly url: string; readonly port: number }
  /** It could not start (a handlers module that cannot be used, a port taken); it ends next. */
  | { readonly kind: 'failed'; readonly error: WireError }
  | { readonly kind: 'handler-error'; readonly error: WireError; readonly request: { method: string; url: string } }
  | { readonly kind: 'ledger-error'; readonly error: WireError }
  /** A teardown of the stub failed as it closed; the thread ends next all the same. */
  | { readonly kind: 'close-failed'; readonly error: WireError };

/** What the harness's thread asks and waits for. */
export type StubCall =
  | { readonly kind: 'stats' }
  | { readonly kind: 'flush' }
  | { readonly kind: 'start-fault-clock' }
  /** The next `count` accepted messages of a reading; `cursor` null starts one. */
  | { readonly kind: 'accepted'; readonly cursor: number | null; readonly count: number }
  /** A reading left before its end. */
  | { readonly kind: 'accepted-close'; readonly cursor: number };

export interface AcceptedPage {
  readonly cursor: number;
  readonly messages: readonly AcceptedMessage[];
  readonly done: boolean;
}

export type CallAnswer =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: WireError };

/** The order of the stats in their shared cells. */
const statsFields = [
  'requests',
  'accepted',
  'redeliveries',
  'rejected4xx',
  'badSignatures',
  'staleSignatures',
  'replays',
  'handlerErrors',
  'tlsRefusals',
  'lastRequestAt',
  'status',
  'delay',
  'reset',
  'hang',
  'outageDropped',
  'redirect',
  'redirectFollowed',
] as const;

export const statsCellBytes = statsFields.length * Float64Array.BYTES_PER_ELEMENT;

/** The stats of a stub that has seen nothing yet. */
export const noStats: StubStats = {
  requests: 0,
  accepted: 0,
  redeliveries: 0,
  rejected4xx: 0,
  badSignatures: 0,
  staleSignatures: 0,
  replays: 0,
  faults: { status: 0, delay: 0, reset: 0, hang: 0, outageDropped: 0, redirect: 0, redirectFollowed: 0 },
  handlerErrors: 0,
  tlsRefusals: 0,
  lastRequestAt: null,
};

/** Writes the stats into their cells; a null `lastRequestAt` is NaN. */
export function writeStats(cells: Float64Array, stats: StubStats): void {
  const flat: Record<(typeof statsFields)[number], number | null> = { ...stats, ...stats.faults };
  statsFields.forEach((field, index) => (cells[index] = flat[field] ?? Number.NaN));
}

export function readStats(cells: Float64Array): StubStats {
  const at = (field: (typeof statsFields)[number]): number => cells[statsFields.indexOf(field)]!;
  const lastRequestAt = at('lastRequestAt');
  return {
    requests: at('requests'),
    accepted: at('accepted'),
    redeliveries: at('redeliveries'),
    rejected4xx: at('rejected4xx'),
    badSignatures: at('badSignatures'),
    staleSignatures: at('staleSignatures'),
    replays: at('replays'),
    faults: {
      status: at('status'),
      delay: at('delay'),
      reset: at('reset'),
      hang: at('hang'),
      outageDropped: at('outageDropped'),
      redirect: at('redirect'),
      redirectFollowed: at('redirectFollowed'),
    },
    handlerErrors: at('handlerErrors'),
    tlsRefusals: at('tlsRefusals'),
    lastRequestAt: Number.isNaN(lastRequestAt) ? null : lastRequestAt,
  };
}

export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(typeof code === 'string' ? { code } : {}),
    ...(error instanceof SmsgwError
      ? { smsgw: { code: error.code, ...(error.hint ? { hint: error.hint } : {}), issues: error.issues } }
      : {}),
  };
}

/** The error again, on this side: an SmsgwError keeps its code, hint and issues, any other its code. */
export function fromWire(wire: WireError): Error {
  if (wire.smsgw) {
    const { code, hint, issues } = wire.smsgw;
    return new SmsgwError(code, wire.message, { ...(hint === undefined ? {} : { hint }), issues });
  }
  const error = Object.assign(new Error(wire.message), wire.code === undefined ? {} : { code: wire.code });
  error.name = wire.name;
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
