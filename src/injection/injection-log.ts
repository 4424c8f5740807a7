// What the injector records of each SMS it sent and of the answer the device gave: the types the
// injector, the injection log and the trace share.

/** One SMS the device acknowledged on its console. */
export interface Injection {
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  /** When the `sms send` line was written, ms since the epoch. */
  readonly injectedAt: number;
  /** The device of the fleet it was sent to, from 1; absent, the run's only device. */
  readonly device?: number;
}

/** An SMS the device answered KO for after every retry, or that this process could not encode: it was not stored. */
export interface Refusal {
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  readonly reason: string;
  /** When its first `sms send` line was written (or would have been), ms since the epoch. */
  readonly injectedAt: number;
  /** The device of the fleet it was sent to, from 1; absent, the run's only device. */
  readonly device?: number;
}

/** An SMS that got no answer although nothing the run asked for explains it (see `InjectionLog.unanswered`). */
export interface Unanswered extends Injection {
  readonly reason: string;
}

/** Where the injector records each answer: in memory for short bursts, in SQLite for runs (injection-store.ts). */
export interface InjectionLog {
  /** Acknowledged with OK: the device owes the server this SMS. */
  acknowledged(injection: Injection): void;
  /**
   * Sent, and its console line was cut because a chaos step killed the device on the run's order
   * (for an SMS sent as PDUs, after some parts and before the answer of the last): the device may
   * or may not have stored it. Delivered once is fine, never is fine, twice is a duplicate. Not
   * re-sent, so the harness itself never causes a duplicate.
   */
  inDoubt(injection: Injection): void;
  /**
   * No answer that anything the run did explains: the reply timed out, the device closed the line,
   * the device died unasked, or its console could never be reached. A gateway owes an answer to
   * every SMS, so this fails the `unanswered` verdict; not re-sent, for the same reason as in doubt.
   */
  unanswered(unanswered: Unanswered): void;
  /** Answered KO after every retry (or never encodable): the device stored nothing. */
  refused(refusal: Refusal): void;
  /** Its line is about to be written: until its answer, a trace counts it as in doubt. */
  sending?(injection: Injection): void;
  /** SMS sent so far, acknowledged or not. */
  attempted: number;
}
