// Talks to an emulator console, virtual or real: reads the banner, authenticates when asked,
// then pipelines commands and matches replies first-in first-out (the console answers in order).
// An SMS goes as `sms send`, or as `sms pdu` lines when its sender is not a phone number.
import net from 'node:net';
import { SmsgwError } from '../../errors';
import { readConsoleAuthToken } from './auth-token';
import { validateClientOptions, type ConsoleClientOptions } from './console-client-options';
import { ConsoleReplyError } from './console-reply-error';
import { consoleDefaults } from './defaults';
import { LineSplitter } from './line-splitter';
import { SendGate } from './send-gate';
import { smsCommands, type SmsCommand } from './sms-commands';

export type { ConsoleClientOptions } from './console-client-options';

interface Pending {
  readonly label: string;
  readonly lines: string[];
  readonly resolve: (lines: string[]) => void;
  readonly reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

const authRequiredLine = 'Android Console: Authentication required';

export class ConsoleClient {
  private askedForAuth = false;
  private readonly pending: Pending[] = [];
  private readonly sends = new Set<Promise<void>>();
  private failure: SmsgwError | null = null;
  private closing = false;
  private reference = 0;

  private constructor(
    private readonly socket: net.Socket,
    private readonly where: string,
    private readonly timeoutMs: number,
    private readonly gate: SendGate,
  ) {
    const splitter = new LineSplitter(consoleDefaults.maxReplyLineBytes, {
      line: (bytes) => this.onLine(bytes.toString('utf8')),
      overlong: () =>
        this.fail(`console at ${where} sent a reply line over ${consoleDefaults.maxReplyLineBytes} bytes`),
    });
    socket.on('data', (chunk: Buffer) => splitter.push(chunk));
    socket.on('error', (error) => this.fail(`console connection to ${where} closed: ${error.message}`));
    socket.on('close', () => this.fail(`console connection to ${where} closed`));
  }

  /** Connects, reads the banner and authenticates if the console asks; rejects with `device-unavailable`. */
  static async connect(options: ConsoleClientOptions): Promise<ConsoleClient> {
    const { host, port, timeoutMs } = validateClientOptions(options);
    const where = `${host}:${port}`;
    const socket = await openSocket(host, port, timeoutMs, where);
    const client = new ConsoleClient(socket, where, timeoutMs, new SendGate(options));
    try {
      const banner = await client.expect('(banner)', null);
      client.askedForAuth = banner[0] === authRequiredLine;
      if (client.askedForAuth)
        await client.authenticate(options.authToken === undefined ? readConsoleAuthToken() : options.authToken);
    } catch (error) {
      client.destroy();
      throw error;
    }
    return client;
  }

  /** True when the console asked for `auth` in its banner. */
  get authRequired(): boolean {
    return this.askedForAuth;
  }

  /**
   * Injects one inbound SMS; resolves on OK, rejects with a ConsoleReplyError carrying the KO reason.
   * A sender `sms send` cannot carry goes as PDUs, one `sms pdu` per part, pipelined: the SMS is
   * acknowledged when every part is. A part refused means the SMS was not stored (it cannot be
   * complete without that part): ConsoleReplyError. Otherwise a line that failed leaves it in doubt.
   */
  sendSms(sender: string, text: string): Promise<void> {
    if (this.closing) return Promise.reject(this.closedByClient());
    let commands: SmsCommand[];
    try {
      commands = smsCommands(sender, text, { reference: this.nextReference(), timestampMs: Date.now() });
    } catch (error) {
      return Promise.reject(error);
    }
    const send = (async () => {
      await this.gate.acquire();
      try {
        const answers = await Promise.allSettled(commands.map((command) => this.ask(command.join(' '))));
        const failures = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as Error] : []));
        if (failures.length > 0) throw failures.find((failure) => failure instanceof ConsoleReplyError) ?? failures[0]!;
      } finally {
        this.gate.release();
      }
    })();
    this.sends.add(send);
    void send.catch(() => undefined).finally(() => this.sends.delete(send));
    return send;
  }

  /** An 8-bit concatenation reference, different for each SMS of this connection (only PDUs carry it). */
  private nextReference(): number {
    this.reference = (this.reference + 1) % 256;
    return this.reference;
  }

  async ping(): Promise<void> {
    if (this.closing) throw this.closedByClient();
    await this.ask('ping');
  }

  async avdName(): Promise<string> {
    if (this.closing) throw this.closedByClient();
    const lines = await this.ask('avd name');
    return lines[0] ?? '';
  }

  /** Lets outstanding commands finish, says `quit`, and waits for the console to hang up. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.allSettled([...this.sends]);
    if (this.socket.destroyed) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.end('quit\n');
    const timer = setTimeout(() => this.socket.destroy(), this.timeoutMs).unref();
    await closed;
    clearTimeout(timer);
  }

  /** Drops the connection now; outstanding commands reject. */
  destroy(): void {
    this.closing = true;
    this.fail(this.closedByClient().message);
  }

  private closedByClient(): SmsgwError {
    return new SmsgwError('device-unavailable', `console connection to ${this.where} closed by the client`);
  }

  /**
   * Runs one console command other than an SMS (`network delay umts`, `gsm data off`): resolves with
   * the lines the console wrote before its OK, rejects with a ConsoleReplyError on KO.
   */
  async command(line: string): Promise<string[]> {
    if (this.closing) throw this.closedByClient();
    return this.ask(line);
  }

  /** Writes one command line and resolves with the lines before its OK. */
  private ask(line: string): Promise<string[]> {
    return this.expect(line, `${line}\n`);
  }

  private expect(label: string, write: string | null): Promise<string[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const entry: Pending = { label, lines: [], resolve, reject, timer: undefined };
      entry.timer = setTimeout(
        () => this.fail(`console at ${this.where} did not answer \`${label}\` within ${this.timeoutMs} ms`),
        this.timeoutMs,
      );
      this.pending.push(entry);
      if (write !== null) this.socket.write(write);
    });
  }

  private async authenticate(token: string | null): Promise<void> {
    const hint =
      "put the emulator's token in ~/.emulator_console_auth_token (or pass `authToken`); an empty file turns auth off on a new emulator";
    if (!token)
      throw new SmsgwError(
        'device-unavailable',
        `The emulator console at ${this.where} asks for an auth token, and none was found`,
        { hint },
      );
    await this.expect('auth <token>', `auth ${token}\n`).catch((error: unknown) => {
      const reason =
        error instanceof ConsoleReplyError ? error.reason : error instanceof Error ? error.message : String(error);
      throw new SmsgwError('device-unavailable', `Console auth at ${this.where} failed: ${reason}`, {
        hint,
        cause: error,
      });
    });
  }

  private onLine(line: string): void {
    const head = this.pending[0];
    if (!head) return; // nothing asked: ignore (the real console prints nothing unasked, but be lenient)
    if (line !== 'OK' && !line.startsWith('KO')) {
      head.lines.push(line);
      return;
    }
    this.pending.shift();
    clearTimeout(head.timer);
    if (line === 'OK') head.resolve(head.lines);
    else head.reject(new ConsoleReplyError(head.label, line.replace(/^KO:\s*/, ''), head.lines));
  }

  private fail(message: string): void {
    this.failure ??= new SmsgwError('device-unavailable', message, {
      hint: 'is the device still running? `smsgw device` or `adb devices` shows it',
    });
    this.gate.cancelAll(this.failure);
    for (const entry of this.pending.splice(0)) {
      clearTimeout(entry.timer);
      entry.reject(this.failure);
    }
    this.socket.destroy();
  }
}

function openSocket(host: string, port: number, timeoutMs: number, where: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (message: string, cause?: unknown): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new SmsgwError('device-unavailable', message, {
          cause,
          hint: `start the device first, or check the port: \`adb devices\` lists a real emulator as emulator-<console port>`,
        }),
      );
    };
    const timer = setTimeout(
      () => fail(`No answer from the emulator console at ${where} within ${timeoutMs} ms`),
      timeoutMs,
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ECONNREFUSED'
          ? `No emulator console at ${where} (connection refused)`
          : `Cannot reach the emulator console at ${where}: ${error.message}`,
        error,
      ),
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
