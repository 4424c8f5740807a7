// The stub's own thread (started by stub-thread.ts through stub-worker.mjs): loads the user's
// handlers, serves the stub on this thread's event loop, writes the ledger, answers the harness's
// calls, and reports what the harness must hear of (a handler that threw, a ledger batch not written).
// Whatever the harness's thread is busy with, the webhook is answered here.
import { parentPort, workerData } from 'node:worker_threads';
import type { AcceptedMessage } from './ledger';
import { startStubInThread, type InThreadStub } from './start-stub';
import {
  answeredCell,
  goneCell,
  toWire,
  writeStats,
  type AcceptedPage,
  type CallAnswer,
  type StubCall,
  type StubEvent,
  type StubWorkerData,
} from './stub-thread-protocol';
import { loadUserHandlers } from './user-handlers';

const data = workerData as StubWorkerData;
const callCells = new Int32Array(data.callCells);
const statsCells = new Float64Array(data.statsCells);
const report = (event: StubEvent): void => parentPort!.postMessage(event);

let stub: InThreadStub | null = null;

// Also after a throw nobody caught: the rows still buffered reach the ledger's file (every request
// answered is in it), the harness reads the last stats from the cells, and stops waiting for an answer
// that will never come.
process.on('exit', () => {
  if (stub !== null) {
    try {
      stub.ledger.flush();
    } catch {
      // A ledger that cannot be written now was reported when its batch failed.
    }
    writeStats(statsCells, stub.stats());
  }
  Atomics.store(callCells, goneCell, 1);
  Atomics.notify(callCells, answeredCell);
});

async function start(): Promise<InThreadStub> {
  const { handlersFile = null, handlersErrorCode = 'bad-option', ...options } = data.options;
  const handlers = handlersFile === null ? [] : await loadUserHandlers(handlersFile, handlersErrorCode);
  return startStubInThread(
    { ...options, handlers },
    {
      onLedgerError: (error) => report({ kind: 'ledger-error', error: toWire(error) }),
      onHandlerError: (error, request) =>
        report({ kind: 'handler-error', error: toWire(error), request: { method: request.method, url: request.url } }),
    },
  );
}

/** Readings of the accepted messages in progress, by cursor. */
const readings = new Map<number, IterableIterator<AcceptedMessage>>();
let nextCursor = 1;

function acceptedPage(served: InThreadStub, cursor: number | null, count: number): AcceptedPage {
  const id = cursor ?? nextCursor++;
  let reading = readings.get(id);
  if (reading === undefined) readings.set(id, (reading = served.ledger.accepted()));
  const messages: AcceptedMessage[] = [];
  for (let next = reading.next(); ; next = reading.next()) {
    if (next.done) {
      readings.delete(id);
      return { cursor: id, messages, done: true };
    }
    messages.push(next.value);
    if (messages.length >= count) return { cursor: id, messages, done: false };
  }
}

function perform(served: InThreadStub, call: StubCall): unknown {
  switch (call.kind) {
    case 'stats':
      writeStats(statsCells, served.stats());
      return null;
    case 'flush':
      served.ledger.flush();
      return null;
    case 'start-fault-clock':
      served.startFaultClock();
      return null;
    case 'accepted':
      return acceptedPage(served, call.cursor, call.count);
    case 'accepted-close':
      readings.delete(call.cursor);
      return null;
  }
}

/** Answers a call, then wakes the harness's thread, which waits on the answered cell. */
function answer(served: InThreadStub, { seq, call }: { seq: number; call: StubCall }): void {
  let answered: CallAnswer;
  try {
    answered = { ok: true, value: perform(served, call) };
  } catch (error) {
    answered = { ok: false, error: toWire(error) };
  }
  data.calls.postMessage({ seq, answer: answered });
  Atomics.store(callCells, answeredCell, seq);
  Atomics.notify(callCells, answeredCell);
}

/** Closes the stub (the ledger written and closed), then ends the thread; a teardown that failed is reported first. */
async function closeAndExit(served: InThreadStub): Promise<void> {
  readings.clear();
  await served.close().catch((error: unknown) => report({ kind: 'close-failed', error: toWire(error) }));
  process.exit(0);
}

try {
  const served = await start();
  stub = served;
  data.calls.on('message', (message: { seq: number; call: StubCall }) => answer(served, message));
  parentPort!.on('message', (message: { kind: string }) => {
    if (message.kind === 'close') void closeAndExit(served);
  });
  report({ kind: 'ready', url: served.url, port: served.port });
} catch (error) {
  report({ kind: 'failed', error: toWire(error) });
  process.exit(1);
}
