// Fires the load schedule at a device's console: pipelined `sms send` (an alphanumeric sender's SMS as
// `sms pdu` parts), bounded in flight, KO retried.
import { ConsoleReplyError } from '../device/console/index';
import type { ConsoleLink } from '../device/console/console-link';
import { SmsgwError } from '../errors';
import { injectionDefaults } from './defaults';
import type { Injection, InjectionLog, Refusal, Unanswered } from './injection-log';
import type { LoadGate } from './load-gate';
import { ConsoleCutByChaosError, ConsoleUnreachableError } from './reconnecting-console';

export interface PlannedSms {
  /**
   * Its position in the run's plan, as the injection log records it; default the order the injector
   * sends in. A shard's SMS keep the position they have in the unsharded run.
   */
  readonly index?: number;
  readonly sender: string;
  readonly text: string;
  /** The device of the fleet it goes to, from 1 (its console is `targets[device - 1]`); default 1. */
  readonly device?: number;
  /** Offset from the start of the load, ms. */
  readonly atMs: number;
}

type SmsTarget = Pick<ConsoleLink, 'sendSms'>;

/** An injection log that keeps every answer in arrays: for `smsgw burst` and tests, not for soaks. */
export interface MemoryInjectionLog extends InjectionLog {
  readonly injections: Injection[];
  readonly refusals: Refusal[];
  readonly inDoubts: Injection[];
  readonly unanswereds: Unanswered[];
}

export function createMemoryInjectionLog(): MemoryInjectionLog {
  const injections: Injection[] = [];
  const refusals: Refusal[] = [];
  const inDoubts: Injection[] = [];
  const unanswereds: Unanswered[] = [];
  return {
    injections,
    refusals,
    inDoubts,
    unanswereds,
    attempted: 0,
    acknowledged: (injection) => void injections.push(injection),
    inDoubt: (injection) => void inDoubts.push(injection),
    unanswered: (sms) => void unanswereds.push(sms),
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

/** The console an SMS goes to (its device's, in a fleet), and the injection it is recorded as. */
function addressed(
  targets: SmsTarget | readonly SmsTarget[],
  sms: PlannedSms,
  index: number,
  injectedAt: number,
): { target: SmsTarget; injection: Injection } {
  const injection = { index, sender: sms.sender, text: sms.text, injectedAt };
  if (!Array.isArray(targets)) return { target: targets as SmsTarget, injection };
  const fleet = targets as readonly SmsTarget[];
  const device = sms.device ?? 1;
  const target = fleet[device - 1];
  if (target === undefined) throw new RangeError(`no console for device ${device} of a fleet of ${fleet.length}`);
  return { target, injection: { ...injection, device } };
}

/**
 * Sends every planned SMS at its time (or as soon as the device keeps up), recording each answer in
 * `log`. A fleet passes one console per device, and each SMS goes to the console of its `device`.
 */
export async function inject(
  targets: SmsTarget | readonly SmsTarget[],
  plan: Iterable<PlannedSms>,
  log: InjectionLog,
  options: InjectOptions = {},
): Promise<void> {
  const now = options.now ?? Date.now;
  const maxInFlight = options.maxInFlight ?? injectionDefaults.maxInFlight;
  const inFlight = new Set<Promise<void>>();
  const startedAt = now();
  let index = 0;

  const sendOne = async (sms: PlannedSms, position: number): Promise<void> => {
    // A retried SMS keeps the time of its first line: latency runs from the first attempt.
    const { target, injection } = addressed(targets, sms, position, now());
    log.sending?.(injection);
    let reason = '';
    let unreachable = false;
    for (let attempt = 0; attempt <= injectionDefaults.refusedRetries; attempt += 1) {
      try {
        await target.sendSms(sms.sender, sms.text);
        log.acknowledged(injection);
        return;
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
        unreachable = error instanceof ConsoleUnreachableError;
        if (error instanceof SmsgwError && error.code === 'bad-option') break; // never left this process
        if (error instanceof ConsoleCutByChaosError) return log.inDoubt(injection);
        // The line may have reached the device, which may have stored it: never re-sent.
        if (!(error instanceof ConsoleReplyError || error instanceof ConsoleUnreachableError))
          return log.unanswered({ ...injection, reason });
        if (options.signal?.aborted) break;
        await sleep(injectionDefaults.refusedRetryDelayMs * (attempt + 1), options.signal);
      }
    }
    // A console that could never be reached gave no answer at all, KO included.
    if (unreachable) return log.unanswered({ ...injection, reason });
    log.refused({ ...injection, reason });
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
    const promise = sendOne(sms, sms.index ?? index).finally(() => inFlight.delete(promise));
    inFlight.add(promise);
    index += 1;
    log.attempted = index;
  }
  await Promise.all(inFlight);
}
