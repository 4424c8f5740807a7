import type { RequestHandler } from 'msw';
import type { SmsgwError } from '../errors';
import type { Window } from '../scenario/fault-schema';
import { controlHandlers } from './control-handlers';
import { stubDefaults } from './defaults';
import { createExchangeRecorder } from './exchange-recorder';
import { faultHandlers, redirectTargetHandlers } from './fault-handlers';
import { createFaultPlan, type FaultPlan } from './fault-plan';
import { openLedger, type AcceptedMessage, type Ledger, type StubStats } from './ledger';
import { createMswHttpServer, type MswHttpServer } from './msw-http-server';
import { scheduleOutages, type OutageSchedule } from './outage-schedule';
import { createRequestNotes } from './request-notes';
import { selfSignedCertificate } from './self-signed-certificate';
import { createSignatureGuard } from './signature-guard';
import { resolveStubOptions, type InThreadStubOptions, type ResolvedStubOptions } from './stub-options';
import { Teardowns } from '../teardowns';
import { webhookHandler } from './webhook-handler';

/** What a run reads of the ledger while the stub serves; the stub's own thread keeps the ledger itself. */
export interface LedgerView {
  /** Accepted messages in acceptance order, read page by page; rows still buffered are written first. */
  accepted(): IterableIterator<AcceptedMessage>;
  /** Writes the rows still buffered, so a reader of the ledger's file sees every request answered so far. */
  flush(): void;
  /** The TLS handshakes refused so far. */
  tlsRefusals(): number;
}

export interface StubServer {
  /** The full webhook URL, e.g. `http://127.0.0.1:41234/webhook` (`https://` with `tls: self-signed`). */
  readonly url: string;
  readonly port: number;
  /** Restarts the fault clock (windows and outages count from now); it first starts when the stub listens. */
  startFaultClock(): void;
  /** Read `accepted()` before `close()`: closing closes the ledger too. */
  readonly ledger: LedgerView;
  /** Still readable after `close()`. */
  stats(): StubStats;
  /** Stops listening, ends hanging requests and open sockets, writes and closes the ledger. */
  close(): Promise<void>;
}

/** A stub serving on the calling thread, its ledger in hand. */
export interface InThreadStub extends StubServer {
  readonly ledger: Ledger;
}

/** The request a handler threw on: a Fetch `Request` on the stub's thread, its method and URL on the caller's. */
export interface HandledRequest {
  readonly method: string;
  readonly url: string;
}

export interface StubHooks {
  /**
   * A batch of ledger rows could not be written (a full disk: SQLITE_FULL). The rows stay queued and
   * are tried again with the next batch; default: logged by the stub's logger.
   */
  readonly onLedgerError?: (error: unknown) => void;
  /** A handler threw on a request (answered 500, recorded `handler-error`); default: one line on the stub's logger. */
  readonly onHandlerError?: (error: unknown, request: HandledRequest) => void;
  /**
   * The stub's own thread stopped unasked (a throw no handler caught, out of memory): nothing serves
   * the webhook any more. An environment error (exit 3); default: one line on the stub's logger.
   */
  readonly onCrash?: (error: SmsgwError) => void;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the webhook stub on the calling thread: msw handlers on `node:http` (`node:https` with `tls:
 * self-signed`), a fault plan, and a SQLite ledger. Every request goes through msw's `getResponse`, to
 * the control endpoints, then the user's handlers, then one handler per fault in the scenario's order,
 * then the webhook; the server records each one with its answer. A run starts it on a thread of its own
 * (`startStub`, stub-thread.ts); `smsgw stub`, which has nothing else to run, here.
 */
export async function startStubInThread(
  options: InThreadStubOptions = {},
  hooks: Omit<StubHooks, 'onCrash'> = {},
): Promise<InThreadStub> {
  const resolved = resolveStubOptions(options);
  const plan = createFaultPlan(resolved.faults, resolved.seed);
  const tls = plan.tls === null ? null : await selfSignedCertificate();
  const teardowns = new Teardowns();
  const ledger = openLedger(resolved.ledgerPath, hooks.onLedgerError);
  teardowns.defer('ledger', () => ledger.close());
  const clock = new FaultClock(plan.outages);
  const server = createStubServer({ resolved, plan, ledger, clock, tls, hooks });
  const port = await listenOrTearDown(server, resolved, teardowns);
  // Dropped requests record themselves when their abort settles; let them before the ledger closes.
  teardowns.defer('answers in flight', () => new Promise(setImmediate));
  const uptime = new Uptime(server, { port, host: resolved.host }, clock);
  teardowns.defer('server', () => uptime.stop());
  const startFaultClock = () => {
    clock.restart(() => uptime.reconcile());
    uptime.reconcile();
  };
  startFaultClock();
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}${resolved.path}`,
    port,
    startFaultClock,
    ledger,
    stats: () => ledger.stats(),
    close: () => teardowns.runAll(),
  };
}

interface StubParts {
  readonly resolved: ResolvedStubOptions;
  readonly plan: FaultPlan;
  readonly ledger: Ledger;
  readonly clock: FaultClock;
  readonly tls: { readonly key: string; readonly cert: string } | null;
  readonly hooks: StubHooks;
}

/**
 * Control endpoints, the user's handlers, the faults, the webhook, the redirect targets; every request
 * recorded at the server.
 */
function createStubServer({ resolved, plan, ledger, clock, tls, hooks }: StubParts): MswHttpServer {
  const notes = createRequestNotes();
  const signatures =
    resolved.secret === null
      ? null
      : createSignatureGuard(resolved.secret, stubDefaults.signatureWindowMs, ledger.signatures);
  const handlers: RequestHandler[] = [
    ...controlHandlers(() => ledger.stats()),
    ...resolved.handlers,
    ...faultHandlers({
      path: resolved.path,
      plan,
      notes,
      faultClockMs: () => clock.elapsedMs(),
      hangCapMs: resolved.hangCapMs,
      isDown: () => clock.down,
    }),
    webhookHandler({ path: resolved.path, signatures, ledger, notes }),
    ...redirectTargetHandlers({ plan, notes }),
  ];
  return createMswHttpServer({
    handlers,
    ...(tls ? { tls } : {}),
    ...(hooks.onHandlerError ? { onHandlerError: hooks.onHandlerError } : {}),
    onExchange: createExchangeRecorder({ ledger, notes, controlPrefix: stubDefaults.controlPrefix }),
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
    onTlsRefused: ({ at, reason }) => ledger.tlsRefused(at, reason),
  });
}

/** The bound port; when the server cannot listen, what was set up so far is undone before the error. */
async function listenOrTearDown(
  server: MswHttpServer,
  { port, host }: ResolvedStubOptions,
  teardowns: Teardowns,
): Promise<number> {
  try {
    return await server.listen(port, host);
  } catch (error) {
    await teardowns.runAll();
    throw error;
  }
}

/** Windowed faults and outages count from the fault clock's start; `restart` arms the outages afresh. */
class FaultClock {
  private startedAt = performance.now();
  private outages: OutageSchedule | null = null;

  constructor(private readonly windows: readonly Window[]) {}

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** True while an outage window is open. */
  get down(): boolean {
    return this.outages?.down ?? false;
  }

  restart(onEdge: () => void): void {
    this.outages?.cancel();
    this.startedAt = performance.now();
    this.outages = this.windows.length > 0 ? scheduleOutages(this.windows, onEdge) : null;
  }

  cancel(): void {
    this.outages?.cancel();
  }
}

/** Moves the server towards the state the outage schedule wants (listening or not), one transition at a time. */
class Uptime {
  private stopped = false;
  private transitions = Promise.resolve();

  constructor(
    private readonly server: MswHttpServer,
    private readonly address: { readonly port: number; readonly host: string },
    private readonly clock: FaultClock,
  ) {}

  reconcile(): void {
    this.transitions = this.transitions.then(() => this.transition());
  }

  /** Stops following the outages and stops listening, which ends hanging requests and open sockets. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.cancel();
    this.reconcile();
    await this.transitions;
  }

  private async transition(): Promise<void> {
    const { server, address } = this;
    while (!this.stopped && !this.clock.down && !server.listening) {
      // The port can be briefly taken by someone else; keep trying until it is ours again.
      await server.listen(address.port, address.host).catch(() => wait(stubDefaults.relistenRetryMs));
    }
    if ((this.stopped || this.clock.down) && server.listening) await server.stopListening();
  }
}
