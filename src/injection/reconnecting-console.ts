// The injector's line to a device: one console connection at a time, held while the device is
// killed and restarted, so the load goes on across chaos without the injector knowing.
import { ConsoleClient, ConsoleReplyError } from '../device/console/index';
import { SmsgwError } from '../errors';
import type { ConsoleLink } from '../device/console/console-link';

/** Opens a console line to the device at `port`; the device's factory says how (TCP, or adb as fallback). */
export type ConsoleOpener = (port: number) => Promise<ConsoleLink>;

const tcpConsole: ConsoleOpener = (port) => ConsoleClient.connect({ port });

/** A failure of the line itself (no answer in time, connection dropped), not a KO or a send that never left this process. */
const isLineFailure = (error: unknown): boolean =>
  !(error instanceof ConsoleReplyError) && !(error instanceof SmsgwError && error.code === 'bad-option');

/**
 * The console could not be reached, so the `sms send` line was never written: the SMS certainly did
 * not arrive, unlike one whose line was written and never answered (in doubt).
 */
export class ConsoleUnreachableError extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(`the device's console is unreachable (${reason}): the SMS was not sent`, options);
    this.name = 'ConsoleUnreachableError';
  }
}

/**
 * The line was cut because a chaos step is killing the device on the run's order (`suspend`), after
 * the SMS was written and before its answer: the device may have stored it or not. The only way an
 * SMS becomes in doubt; every other missing answer is the device's fault (unanswered).
 */
export class ConsoleCutByChaosError extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(`the console line was cut for an ordered kill before the device answered (${reason})`, options);
    this.name = 'ConsoleCutByChaosError';
  }
}

/**
 * The injector's console: one line to the device at a time, reopened after a line fails on its own,
 * dropped and reopened around a chaos step's kill (`suspend`, `resume`).
 */
export class ReconnectingConsole implements Pick<ConsoleLink, 'sendSms' | 'command' | 'close'> {
  private client: ConsoleLink | null = null;
  private port = 0;
  private ready: Promise<void> = Promise.resolve();
  private release: () => void = () => {};
  /** The line failed on its own (a command timed out while the device was stalled): the next send opens a new one. */
  private broken = false;
  private reopening: Promise<void> | null = null;
  /** Counts `suspend` calls: a send that fails after one began while it waited was cut by the kill. */
  private suspensions = 0;
  /** Why the device will not be back (its restart failed): every send from then on fails with it. */
  private gone: string | null = null;

  private constructor(private readonly openLine: ConsoleOpener) {}

  static async open(port: number, openLine: ConsoleOpener = tcpConsole): Promise<ReconnectingConsole> {
    const reconnecting = new ReconnectingConsole(openLine);
    reconnecting.port = port;
    reconnecting.client = await openLine(port);
    return reconnecting;
  }

  async sendSms(sender: string, text: string): Promise<void> {
    await this.ready;
    if (this.gone !== null) throw new ConsoleUnreachableError(this.gone);
    if (this.broken) {
      await this.reopen().catch((error: unknown) => {
        throw new ConsoleUnreachableError(error instanceof Error ? error.message : String(error), { cause: error });
      });
    }
    const client = this.client;
    if (!client) throw new ConsoleUnreachableError('the connection is closed');
    const suspensions = this.suspensions;
    try {
      return await client.sendSms(sender, text);
    } catch (error) {
      // A reply that failed on its own (a timeout) settles before a later suspend could run, so only
      // sends still waiting when the kill was ordered land here.
      if (this.suspensions !== suspensions && !(error instanceof ConsoleReplyError)) {
        throw new ConsoleCutByChaosError(error instanceof Error ? error.message : String(error), { cause: error });
      }
      // A failed console client fails every later command too: without a new line, every SMS after
      // a stall longer than the console timeout (a long `db: locked`) would count in doubt.
      if (this.client === client && isLineFailure(error)) this.broken = true;
      throw error;
    }
  }

  /**
   * A console command other than an SMS (a chaos step's `network delay umts`), on the same line as the
   * load: it waits out a kill's suspension and reopens a line that failed, as a send does.
   */
  async command(line: string): Promise<readonly string[]> {
    await this.ready;
    if (this.gone !== null) throw new ConsoleUnreachableError(this.gone);
    if (this.broken) await this.reopen();
    if (!this.client) throw new ConsoleUnreachableError('the connection is closed');
    return this.client.command(line);
  }

  private reopen(): Promise<void> {
    this.reopening ??= (async () => {
      const line = await this.openLine(this.port);
      // A kill (suspend) while we were connecting owns the line now; resume opens its own.
      if (!this.broken || this.client === null) return line.destroy();
      this.client.destroy();
      this.client = line;
      this.broken = false;
    })().finally(() => (this.reopening = null));
    return this.reopening;
  }

  /** Drops the connection (the device is about to die); sends wait until `resume`. Outstanding ones fail. */
  suspend(): void {
    this.suspensions += 1;
    this.ready = new Promise((resolve) => (this.release = resolve));
    this.client?.destroy();
    this.client = null;
    this.broken = false;
  }

  async resume(port: number): Promise<void> {
    this.port = port;
    this.client = await this.openLine(port);
    this.release();
  }

  /** The device is not coming back after a `suspend` (its restart failed): held and later sends fail, none waits. */
  abandon(reason: unknown): void {
    this.gone = `the device did not come back: ${reason instanceof Error ? reason.message : String(reason)}`;
    this.client?.destroy();
    this.client = null;
    this.release();
  }

  async close(): Promise<void> {
    this.release();
    await this.client?.close();
    this.client = null;
  }
}
