// Fires the load schedule at a device's console: pipelined `sms send` (an alphanumeric sender's SMS as
// `sms pdu` parts), bounded in flight, KO retried.
import type { Injection } from './trace';
import { runDefaults } from './defaults';
import { ConsoleReplyError } from '../device/console/index';
import { ConsoleUnreachableError } from './device-console';
import { SmsgwError } from '../errors';
import type { LoadGate } from './load-gate';

export interface SmsSender {
  sendSms(sender: string, text: string): Promise<void>;
}

export interface PlannedSms {
  readonly sender: string;
  readonly text: string;
  /** Offset from the start of the load, ms. */
  readonly atMs: number;
}

/** An SMS the device answered KO for after every retry, or that was never sendable: the device owes nothing. */
export interface Refusal {
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  readonly reason: string;
}

/** Where the injector records each answer: in memory for short bursts, in SQLite for runs (injection-store.ts). */
export interface InjectionLog {
  /** Acknowledged with OK: the device owes the server this SMS. */
  acknowledged(injection: Injection): void;
  /**
   * Sent, but the console died before answering (a kill), or, for an SMS sent as PDUs, after some
   * parts and before the answer of the last: the device may or may not have stored it. Delivered
   * once is fine, never is fine, twice is a duplicate. Not re-sent, so the harness itself never
   * causes a duplicate.
   */
  inDoubt(injection: Injection): void;
  refused(refusal: Refusal): void;
  /** SMS sent so far, acknowledged or not. */
  attempted: number;
}

/** An injection log that keeps every answer in arrays: for `smsgw burst` and tests, not for soaks. */
export interface MemoryInjectionLog extends InjectionLog {
  readonly injections: Injection[];
  readonly refusals: Refusal[];
  readonly inDoubts: Injection[];
}

export function createMemoryInjectionLog(): MemoryInjectionLog {
  const injections: Injection[] = [];
  const refusals: Refusal[] = [];
  const inDoubts: Injection[] = [];
  return {
    injections,
    refusals,
    inDoubts,
    attempted: 0,
    acknowledged: (injection) => void injections.push(injection),
    inDoubt: (injection) => void inDoubts.push(injection),
    refused: (refusal) => void refusals.push(refusal),
  };
}

export interface InjectOptions {
  readonly maxInFlight?: number;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  /** Pauses the load (the dashboard's `p` key); the schedule shifts by the time paused. */
  readonly gate?: LoadGate;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Sends every planned SMS at its time (or as soon as the device keeps up), recording each answer in `log`. */
export async function inject(target: SmsSender, plan: Iterable<PlannedSms>, log: InjectionLog, options: InjectOptions = {}): Promise<void> {
  const now = options.now ?? Date.now;
  const maxInFlight = options.maxInFlight ?? runDefaults.maxInFlight;
  const inFlight = new Set<Promise<void>>();
  const startedAt = now();
  let index = 0;

  const sendOne = async (sms: PlannedSms, position: number): Promise<void> => {
    let reason = '';
    for (let attempt = 0; attempt <= runDefaults.refusedRetries; attempt += 1) {
      const injectedAt = now();
      try {
        await target.sendSms(sms.sender, sms.text);
        log.acknowledged({ index: position, sender: sms.sender, text: sms.text, injectedAt });
        return;
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
        if (error instanceof SmsgwError && error.code === 'bad-option') break; // never left this process
        if (!(error instanceof ConsoleReplyError || error instanceof ConsoleUnreachableError)) {
          // No answer at all: the line may have reached the device, which may have stored it.
          log.inDoubt({ index: position, sender: sms.sender, text: sms.text, injectedAt });
          return;
        }
        if (options.signal?.aborted) break;
        await sleep(runDefaults.refusedRetryDelayMs * (attempt + 1), options.signal);
      }
    }
    log.refused({ index: position, sender: sms.sender, text: sms.text, reason });
  };

  for (const sms of plan) {
    if (options.signal?.aborted) break;
    const dueInMs = (): number => startedAt + sms.atMs + (options.gate?.pausedMs() ?? 0) - now();
    await sleep(dueInMs(), options.signal);
    while (options.gate?.paused && !options.signal?.aborted) {
      await options.gate.whenOpen(options.signal);
      await sleep(dueInMs(), options.signal);
    }
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (options.signal?.aborted) break;
    const promise = sendOne(sms, index).finally(() => inFlight.delete(promise));
    inFlight.add(promise);
    index += 1;
    log.attempted = index;
  }
  await Promise.all(inFlight);
}
