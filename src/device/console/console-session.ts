// One console connection: authentication state, the command tables, and an ordered queue of lines.
// Lines run one at a time, so replies leave in command order even when a client pipelines hundreds
// of `sms send` in one TCP chunk, and each OK is written only after `onSms` has resolved.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { dispatch, helpReply, helpVerboseReply, type CommandDef, type Reply } from './console-commands';
import { CRLF, helpPrompt, isHttpRequestLine, isValidPhoneNumber, replies } from './console-protocol';
import { consoleDefaults } from './defaults';
import { decodeSmsText } from './sms-text-escape';

export interface ConsoleLogger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface ConsoleSessionOptions {
  /** null or '' = no authentication. */
  readonly authToken: string | null;
  readonly avdName: string;
  /** Resolves once the SMS is stored; a rejection becomes `KO: <message>`. */
  readonly onSms: (sender: string, text: string) => Promise<void>;
  /** Sends reply text; must be a no-op once the client is gone. */
  readonly write: (text: string) => void;
  /** Closes the connection after what was written. */
  readonly end: () => void;
  /** true: the backlog is full, stop reading; false: it drained, read again. */
  readonly throttle?: (paused: boolean) => void;
  readonly logger?: ConsoleLogger;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
const sameSecret = (given: string, expected: string): boolean => timingSafeEqual(digest(given), digest(expected));
/** A KO reason must stay on one line, or the client would read its tail as the next reply. */
const oneLine = (message: string): string => message.replace(/[\r\n]+/g, ' ').trim() || 'SMS was not stored';

export class ConsoleSession {
  private authenticated: boolean;
  private finished = false;
  private paused = false;
  private readonly queue: Array<Buffer | 'overlong'> = [];
  private running = false;
  private readonly preauthCommands: readonly CommandDef[];
  private readonly mainCommands: readonly CommandDef[];

  constructor(private readonly options: ConsoleSessionOptions) {
    this.authenticated = !options.authToken;
    const help: CommandDef = { names: 'help|h|?', abstract: 'print a list of commands', run: (args) => helpReply(this.commands, args) };
    const helpVerbose: CommandDef = { names: 'help-verbose', abstract: 'print a list of commands with descriptions', run: () => helpVerboseReply(this.commands) };
    const ping: CommandDef = { names: 'ping', abstract: 'check if the emulator is alive', run: () => ({ text: `I am alive!\r\n${replies.ok}` }) };
    const avd: CommandDef = {
      names: 'avd',
      abstract: 'control virtual device execution',
      description: 'allows you to control (e.g. start/stop) the execution of the virtual device\r\n',
      subcommands: [{ names: 'name', abstract: 'query virtual device name', run: () => ({ text: `${options.avdName}\r\n${replies.ok}` }) }],
    };
    const quit: CommandDef = { names: 'quit|exit', abstract: 'quit control session', run: () => ({ text: '', end: true }) };
    const auth: CommandDef = { names: 'auth', abstract: 'user authentication for the emulator console', run: (args) => this.auth(args) };
    const sms: CommandDef = {
      names: 'sms',
      abstract: 'SMS related commands',
      description: 'allows you to simulate an inbound SMS\r\n',
      subcommands: [{ names: 'send', abstract: 'send inbound SMS text message', run: (args) => this.smsSend(args) }],
    };
    // Before auth the emulator knows only these; anything else is an "unknown command".
    this.preauthCommands = [help, helpVerbose, ping, avd, auth, quit];
    this.mainCommands = [help, helpVerbose, ping, sms, avd, quit];
  }

  enqueueLine(bytes: Buffer): void {
    this.enqueue(bytes);
  }

  enqueueOverlong(): void {
    this.enqueue('overlong');
  }

  private get commands(): readonly CommandDef[] {
    return this.authenticated ? this.mainCommands : this.preauthCommands;
  }

  private enqueue(item: Buffer | 'overlong'): void {
    if (this.finished) return;
    this.queue.push(item);
    if (!this.paused && this.queue.length >= consoleDefaults.maxQueuedLines) {
      this.paused = true;
      this.options.throttle?.(true);
    }
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0 && !this.finished) {
      const reply = await this.handle(this.queue.shift()!);
      if (reply.text) this.options.write(reply.text);
      if (reply.end) {
        this.finished = true;
        this.queue.length = 0;
        this.options.end();
      }
      if (this.paused && this.queue.length < consoleDefaults.maxQueuedLines / 2) {
        this.paused = false;
        this.options.throttle?.(false);
      }
    }
    this.running = false;
  }

  private async handle(item: Buffer | 'overlong'): Promise<Reply> {
    if (item === 'overlong') return { text: replies.lineTooLong };
    // The emulator keeps lines in a C string: a NUL ends the command there.
    const nul = item.indexOf(0);
    const bytes = nul === -1 ? item : item.subarray(0, nul);
    if (!isUtf8(bytes)) return { text: replies.forbiddenBinary, end: true };
    const line = bytes.toString('utf8');
    if (isHttpRequestLine(line)) return { text: replies.forbiddenHttp, end: true };
    try {
      return await dispatch(line, this.commands);
    } catch (error) {
      this.options.logger?.warn(`console command failed: ${error instanceof Error ? error.message : String(error)}`);
      return { text: `KO: internal error${CRLF}` };
    }
  }

  private auth(args: string | null): Reply {
    if (args === null) return { text: replies.missingToken };
    if (!sameSecret(args, this.options.authToken ?? '')) return { text: replies.tokenMismatch };
    this.authenticated = true;
    return { text: helpPrompt + replies.ok };
  }

  private async smsSend(args: string | null): Promise<Reply> {
    const space = args?.indexOf(' ') ?? -1;
    if (args === null || space === -1) return { text: replies.missingSmsArgument };
    const sender = args.slice(0, space);
    if (!isValidPhoneNumber(sender)) return { text: replies.badPhoneNumber };
    const text = decodeSmsText(args.slice(space + 1));
    if (text === null) return { text: replies.badText };
    try {
      await this.options.onSms(sender, text);
      return { text: replies.ok };
    } catch (error) {
      return { text: `KO: ${oneLine(error instanceof Error ? error.message : String(error))}\r\n` };
    }
  }
}
