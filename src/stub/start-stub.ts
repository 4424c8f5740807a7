import { createAnswerTimes } from './answer-times';
import { controlHandlers } from './control-handlers';
import { stubDefaults } from './defaults';
import { createFaultPlan } from './fault-plan';
import { openLedger, type Ledger, type StubStats } from './ledger';
import { createMswHttpServer } from './msw-http-server';
import { scheduleOutages, type OutageSchedule } from './outage-schedule';
import { resolveStubOptions, type StubOptions } from './stub-options';
import { webhookHandler } from './webhook-handler';
import { createSignatureGuard } from './signature-guard';

export interface StubServer {
  /** The full webhook URL, e.g. `http://127.0.0.1:41234/webhook`. */
  readonly url: string;
  readonly port: number;
  /** Restarts the fault clock (windows and outages count from now); it first starts when the stub listens. */
  startFaultClock(): void;
  /** Read `accepted()` before `close()`: closing closes the ledger too. */
  readonly ledger: Ledger;
  /** Kept in memory, so still readable after `close()`. */
  stats(): StubStats;
  /** Stops listening, ends hanging requests and open sockets, writes and closes the ledger. */
  close(): Promise<void>;
}

export interface StubHooks {
  /**
   * A batch of ledger rows could not be written (a full disk: SQLITE_FULL). The rows stay queued and
   * are tried again with the next batch; default: printed to stderr.
   */
  readonly onLedgerError?: (error: unknown) => void;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the webhook stub: msw handlers on `node:http`, a fault plan, and a SQLite ledger. */
export async function startStub(options: StubOptions = {}, hooks: StubHooks = {}): Promise<StubServer> {
  const resolved = resolveStubOptions(options);
  const plan = createFaultPlan(resolved.faults, resolved.seed);
  const ledger = openLedger(resolved.ledgerPath, hooks.onLedgerError);
  let clockStart = performance.now();
  let outages: OutageSchedule | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;
  const answers = createAnswerTimes((rowId, answeredAt) => ledger.answered(rowId, answeredAt));

  const server = createMswHttpServer({
    handlers: [
      ...controlHandlers(() => ledger.stats()),
      webhookHandler({
        path: resolved.path,
        plan,
        faultClockMs: () => performance.now() - clockStart,
        signatures:
          resolved.secret === null
            ? null
            : createSignatureGuard(resolved.secret, stubDefaults.signatureWindowMs, ledger.signatures),
        ledger,
        hangCapMs: resolved.hangCapMs,
        isDown: () => outages?.down ?? false,
        answers,
      }),
    ],
    onRefused: ({ status, arrivedAt, answeredAt }) =>
      void ledger.record({
        messageId: null,
        arrivedAt,
        answeredAt,
        from: null,
        text: null,
        deviceId: null,
        seq: null,
        status,
        faults: [],
        signatureValid: null,
        outcome: 'bad-request',
        durationMs: 0,
      }),
    onWritten: answers.written,
  });

  let port: number;
  try {
    port = await server.listen(resolved.port, resolved.host);
  } catch (error) {
    ledger.close();
    throw error;
  }

  // Moves the server towards the state the outage schedule wants, one transition at a time.
  let transitions = Promise.resolve();
  const reconcile = () => {
    transitions = transitions.then(async () => {
      while (!closed && !(outages?.down ?? false) && !server.listening) {
        // The port can be briefly taken by someone else; keep trying until it is ours again.
        await server.listen(port, resolved.host).catch(() => wait(stubDefaults.relistenRetryMs));
      }
      if ((closed || outages?.down) && server.listening) await server.stopListening();
    });
  };

  const startFaultClock = () => {
    outages?.cancel();
    clockStart = performance.now();
    outages = plan.outages.length > 0 ? scheduleOutages(plan.outages, reconcile) : null;
    reconcile();
  };
  startFaultClock();

  return {
    url: `http://${resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host}:${port}${resolved.path}`,
    port,
    startFaultClock,
    ledger,
    stats: () => ledger.stats(),
    close() {
      closing ??= (async () => {
        closed = true;
        outages?.cancel();
        reconcile();
        await transitions;
        // Dropped requests record themselves when their abort settles; let them before the ledger closes.
        await new Promise(setImmediate);
        ledger.close();
      })();
      return closing;
    },
  };
}
