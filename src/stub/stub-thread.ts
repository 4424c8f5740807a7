// The stub on a thread of its own. msw's handler run costs the stub about half a millisecond of CPU
// per webhook; on the harness's thread that half millisecond would be taken from the injector, the
// trace and the dashboard, and a busy harness would slow the stub in turn. Here the harness's thread
// keeps a handle: the URL and port, the stats and the ledger's reads answered by the stub's thread
// while the caller waits (a few microseconds when the stub is idle, one turn of its event loop when
// it is busy), the thread's reports handed to the caller's hooks, and `close()`, which resolves once
// the thread has ended. Threads die with the process, so a harness killed by SIGKILL leaves none.
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { SmsgwError } from '../errors';
import { packageFiles } from '../package-files';
import { getLogger, logCaught } from '../logger';
import { stubDefaults } from './defaults';
import type { AcceptedMessage, StubStats } from './ledger';
import type { LedgerView, StubHooks, StubServer } from './start-stub';
import { resolveStubOptions, type StubOptions } from './stub-options';
import {
  answeredCell,
  fromWire,
  goneCell,
  noStats,
  readStats,
  statsCellBytes,
  writeStats,
  type AcceptedPage,
  type CallAnswer,
  type StubCall,
  type StubEvent,
  type StubWorkerData,
} from './stub-thread-protocol';

const workerEntry = pathToFileURL(packageFiles.stubWorker);

export interface ThreadStub extends StubServer {
  /** The stub's thread as `worker_threads` numbers it (the harness's own is 0); -1 once it has ended. */
  readonly threadId: number;
}

/**
 * Starts the webhook stub (start-stub.ts) on a thread of its own and resolves once it listens. Bad
 * options are `bad-option` before any thread starts; a handlers module that cannot be used, or a port
 * that is taken, rejects with the stub thread's own error once that thread has ended.
 */
export async function startStub(options: StubOptions = {}, hooks: StubHooks = {}): Promise<ThreadStub> {
  const { handlersFile: _file, handlersErrorCode: _code, ...inThread } = options;
  resolveStubOptions(inThread);
  return StubThread.start(options, withDefaults(hooks));
}

function withDefaults(hooks: StubHooks): Required<StubHooks> {
  const logger = getLogger('stub');
  return {
    onLedgerError: hooks.onLedgerError ?? logCaught(logger, 'could not write ledger rows, kept for the next batch'),
    onHandlerError:
      hooks.onHandlerError ??
      ((error, request) =>
        logCaught(
          logger,
          `a handler threw on ${request.method} ${new URL(request.url).pathname}, answered 500`,
        )(error)),
    onCrash: hooks.onCrash ?? ((error) => logger.error(error.message)),
  };
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/** Calls answered by the stub's thread while this one waits on a shared cell. */
class CallLine {
  private seq = 0;

  constructor(
    private readonly port: MessagePort,
    private readonly cells: Int32Array,
  ) {}

  get gone(): boolean {
    return Atomics.load(this.cells, goneCell) === 1;
  }

  /** The answer; null when the stub's thread has ended (or is ending), so nobody will answer. */
  call(call: StubCall): { value: unknown } | null {
    if (this.gone) return null;
    const seq = (this.seq = (this.seq % 0x7fff_0000) + 1);
    this.port.postMessage({ seq, call });
    const deadline = performance.now() + stubDefaults.threadCallTimeoutMs;
    for (let answered = Atomics.load(this.cells, answeredCell); answered !== seq;) {
      if (this.gone) return null;
      const left = deadline - performance.now();
      if (left <= 0)
        throw new SmsgwError(
          'stub-unavailable',
          `The stub's thread did not answer (${call.kind}) within ${seconds(stubDefaults.threadCallTimeoutMs)}: a handler may be stuck in a loop`,
        );
      Atomics.wait(this.cells, answeredCell, answered, Math.min(left, 100));
      answered = Atomics.load(this.cells, answeredCell);
    }
    for (;;) {
      const received = receiveMessageOnPort(this.port)?.message as { seq: number; answer: CallAnswer } | undefined;
      if (received === undefined) throw new Error(`the stub's thread answered call ${seq} without an answer`);
      // An older answer belongs to a call that gave up waiting for it.
      if (received.seq !== seq) continue;
      if (!received.answer.ok) throw fromWire(received.answer.error);
      return { value: received.answer.value };
    }
  }
}

type State = 'starting' | 'serving' | 'closing' | 'ended';

class StubThread implements ThreadStub {
  url = '';
  port = 0;
  private state: State = 'starting';
  private readonly worker: Worker;
  private readonly calls: CallLine;
  private readonly callCells = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  private readonly statsCells = new Float64Array(new SharedArrayBuffer(statsCellBytes));
  /** Why the thread could not start, as it said; what it threw that nobody caught. */
  private startFailure: Error | null = null;
  private uncaught: Error | null = null;
  private closeFailure: Error | null = null;
  private readonly exited: Promise<number>;
  private readonly listening: Promise<void>;
  private closing: Promise<void> | null = null;

  readonly ledger: LedgerView = {
    accepted: () => this.readAccepted(),
    flush: () => void this.calls.call({ kind: 'flush' }),
    tlsRefusals: () => this.stats().tlsRefusals,
  };

  static async start(options: StubOptions, hooks: Required<StubHooks>): Promise<StubThread> {
    const thread = new StubThread(options, hooks);
    await thread.listening;
    return thread;
  }

  private constructor(
    options: StubOptions,
    private readonly hooks: Required<StubHooks>,
  ) {
    writeStats(this.statsCells, noStats);
    const { port1, port2 } = new MessageChannel();
    this.calls = new CallLine(port1, this.callCells);
    const workerData: StubWorkerData = {
      options,
      callCells: this.callCells.buffer as SharedArrayBuffer,
      statsCells: this.statsCells.buffer as SharedArrayBuffer,
      calls: port2,
    };
    this.worker = new Worker(workerEntry, { workerData, transferList: [port2] });
    this.exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.listening = new Promise((resolve, reject) => {
      this.worker.on('message', (event: StubEvent) => this.onEvent(event, resolve));
      this.worker.on('error', (error) => (this.uncaught ??= error));
      void this.exited.then((code) => this.onExit(code, reject));
    });
    this.stopIfSilent();
  }

  get threadId(): number {
    return this.worker.threadId;
  }

  startFaultClock(): void {
    this.calls.call({ kind: 'start-fault-clock' });
  }

  /** Current as of this call; once the thread has ended, as it ended. */
  stats(): StubStats {
    this.calls.call({ kind: 'stats' });
    return readStats(this.statsCells);
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private onEvent(event: StubEvent, listening: () => void): void {
    switch (event.kind) {
      case 'ready':
        this.url = event.url;
        this.port = event.port;
        this.state = 'serving';
        return listening();
      case 'failed':
        this.startFailure = fromWire(event.error);
        return;
      case 'handler-error':
        return this.hooks.onHandlerError(fromWire(event.error), event.request);
      case 'ledger-error':
        return this.hooks.onLedgerError(fromWire(event.error));
      case 'close-failed':
        this.closeFailure = fromWire(event.error);
        return;
    }
  }

  private onExit(code: number, failedToStart: (error: Error) => void): void {
    // Set by the thread as it ends; not when it was terminated, which runs none of its code.
    Atomics.store(this.callCells, goneCell, 1);
    const was = this.state;
    this.state = 'ended';
    const why = this.uncaught ? `: ${this.uncaught.message}` : ` (exit code ${code})`;
    if (was === 'starting')
      failedToStart(this.startFailure ?? new SmsgwError('stub-unavailable', `The stub's thread could not start${why}`));
    if (was === 'serving')
      this.hooks.onCrash(new SmsgwError('stub-unavailable', `The stub's thread stopped unasked${why}`));
  }

  /** A thread that neither listens nor fails within the start timeout is ended, and the start fails. */
  private stopIfSilent(): void {
    const timer = setTimeout(() => {
      if (this.state !== 'starting') return;
      this.startFailure = new SmsgwError(
        'stub-unavailable',
        `The stub's thread did not start within ${seconds(stubDefaults.threadStartTimeoutMs)}`,
      );
      void this.worker.terminate();
    }, stubDefaults.threadStartTimeoutMs);
    void this.listening.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
  }

  private async shutDown(): Promise<void> {
    if (this.state === 'serving') {
      this.state = 'closing';
      this.worker.postMessage({ kind: 'close' });
    }
    let stuck = false;
    const timer = setTimeout(() => {
      stuck = true;
      Atomics.store(this.callCells, goneCell, 1);
      void this.worker.terminate();
    }, stubDefaults.threadCloseTimeoutMs);
    await this.exited;
    clearTimeout(timer);
    if (stuck)
      throw new SmsgwError(
        'stub-unavailable',
        `The stub's thread did not close within ${seconds(stubDefaults.threadCloseTimeoutMs)} and was stopped: the last rows of its ledger may be missing`,
      );
    if (this.closeFailure) throw this.closeFailure;
  }

  private *readAccepted(): IterableIterator<AcceptedMessage> {
    let cursor: number | null = null;
    let done = false;
    try {
      while (!done) {
        const answer = this.calls.call({ kind: 'accepted', cursor, count: stubDefaults.ledgerPageRows });
        if (answer === null)
          throw new SmsgwError(
            'stub-unavailable',
            "The stub's thread has ended: its ledger can no longer be read from it",
          );
        const page = answer.value as AcceptedPage;
        ({ cursor, done } = page);
        yield* page.messages;
      }
    } finally {
      if (!done && cursor !== null) this.calls.call({ kind: 'accepted-close', cursor });
    }
  }
}
