// One console connection: authentication state, the command tables, and an ordered queue of lines.
// Pipelined `sms send` and `sms pdu` lines run concurrently, so the engine can store them in one transaction
// (group commit), but replies leave strictly in line order, and each OK is written only after
// `onSms` has resolved for that SMS. Any other command is a barrier: it starts once every earlier
// line has been answered, and nothing after it starts before it is done (auth, quit keep their meaning).
import { createHash, timingSafeEqual } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { dispatch, helpReply, helpVerboseReply, type CommandDef, type Reply } from './console-commands';
import { linkCommands, type LinkControl } from './link-commands';
import { CRLF, helpPrompt, isHttpRequestLine, replies } from './console-protocol';
import { isValidPhoneNumber } from '../../sms/phone-number';
import { consoleDefaults } from './defaults';
import { decodeSmsText } from '../../sms/sms-text-escape';
import { decodeDeliverPdu } from '../../sms/sms-pdu';
import { SmsReassembler } from '../../sms/sms-reassembly';

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
  /** The device's link, which `network delay|speed|status` and `gsm data|status` read and change; without it, no such commands. */
  readonly link?: LinkControl;
  /** Joins the parts of `sms pdu`; share one between sessions, as the modem is one. Default: this session's own. */
  readonly reassembler?: SmsReassembler;
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

type Item = Buffer | 'overlong';

/** A started line, waiting for its reply to reach the head of the line order. */
interface Slot {
  reply: Reply | null;
}

export class ConsoleSession {
  private authenticated: boolean;
  /** With auth off, a line arrived: the client is talking, not just holding the socket. */
  private spoke = false;
  private finished = false;
  private paused = false;
  /** Lines not started yet, in arrival order. */
  private readonly waiting: Item[] = [];
  /** Lines started and not yet answered, in arrival order. */
  private readonly started: Slot[] = [];
  /** A command other than `sms send` is running: nothing else may start. */
  private barrier = false;
  /** A started line will close the connection (quit, a forbidden line): nothing after it may start. */
  private ending = false;
  private writeScheduled = false;
  private readonly preauthCommands: readonly CommandDef[];
  private readonly mainCommands: readonly CommandDef[];
  private readonly reassembler: SmsReassembler;

  constructor(private readonly options: ConsoleSessionOptions) {
    this.authenticated = !options.authToken;
    this.reassembler = options.reassembler ?? new SmsReassembler();
    const help: CommandDef = {
      names: 'help|h|?',
      abstract: 'print a list of commands',
      run: (args) => helpReply(this.commands, args),
    };
    const helpVerbose: CommandDef = {
      names: 'help-verbose',
      abstract: 'print a list of commands with descriptions',
      run: () => helpVerboseReply(this.commands),
    };
    const ping: CommandDef = {
      names: 'ping',
      abstract: 'check if the emulator is alive',
      run: () => ({ text: `I am alive!\r\n${replies.ok}` }),
    };
    const avd: CommandDef = {
      names: 'avd',
      abstract: 'control virtual device execution',
      description: 'allows you to control (e.g. start/stop) the execution of the virtual device\r\n',
      subcommands: [
        {
          names: 'name',
          abstract: 'query virtual device name',
          run: () => ({ text: `${options.avdName}\r\n${replies.ok}` }),
        },
      ],
    };
    const quit: CommandDef = {
      names: 'quit|exit',
      abstract: 'quit control session',
      run: () => ({ text: '', end: true }),
    };
    const auth: CommandDef = {
      names: 'auth',
      abstract: 'user authentication for the emulator console',
      run: (args) => this.auth(args),
    };
    const sms: CommandDef = {
      names: 'sms',
      abstract: 'SMS related commands',
      description: 'allows you to simulate an inbound SMS\r\n',
      subcommands: [
        { names: 'send', abstract: 'send inbound SMS text message', run: (args) => this.smsSend(args) },
        {
          names: 'pdu',
          abstract: 'send inbound SMS PDU',
          description:
            "'sms pdu <hexstring>' allows you to simulate a new inbound sms PDU\r\n" +
            '(used internally when one emulator sends SMS messages to another instance).\r\n' +
            "you probably don't want to play with this at all\r\n",
          run: (args) => this.smsPdu(args),
        },
      ],
    };
    // Before auth the emulator knows only these; anything else is an "unknown command".
    this.preauthCommands = [help, helpVerbose, ping, avd, auth, quit];
    this.mainCommands = [help, helpVerbose, ping, ...(options.link ? linkCommands(options.link) : []), sms, avd, quit];
  }

  enqueueLine(bytes: Buffer): void {
    this.spoke = true;
    this.enqueue(bytes);
  }

  enqueueOverlong(): void {
    this.spoke = true;
    this.enqueue('overlong');
  }

  /**
   * True once the client has authenticated, or, with auth off, sent a line: past the point where
   * the server's pre-auth timeout may close it.
   */
  get admitted(): boolean {
    return this.options.authToken ? this.authenticated : this.spoke;
  }

  /**
   * Says `text` (a KO line) and closes, dropping whatever waits unanswered. Only for a client that
   * is not admitted: before auth no line stores an SMS, so nothing acknowledged can be cut short.
   */
  abort(text: string): void {
    if (this.finished) return;
    this.finished = true;
    this.waiting.length = 0;
    this.started.length = 0;
    this.options.write(text);
    this.options.end();
  }

  private get commands(): readonly CommandDef[] {
    return this.authenticated ? this.mainCommands : this.preauthCommands;
  }

  /** Lines received and not yet answered: what the throttle bounds. */
  private get backlog(): number {
    return this.waiting.length + this.started.length;
  }

  private enqueue(item: Item): void {
    if (this.finished) return;
    this.waiting.push(item);
    if (!this.paused && this.backlog >= consoleDefaults.maxQueuedLines) {
      this.paused = true;
      this.options.throttle?.(true);
    }
    this.pump();
  }

  /** Starts every line that may start now: a run of `sms send`, or one other command alone. */
  private pump(): void {
    while (this.waiting.length > 0 && !this.finished && !this.barrier && !this.ending) {
      const item = this.waiting[0]!;
      const smsLine = this.concurrentSmsLine(item);
      if (smsLine === null && this.started.length > 0) return;
      this.waiting.shift();
      const slot: Slot = { reply: null };
      this.started.push(slot);
      if (smsLine === null) this.barrier = true;
      void (smsLine === null ? this.handle(item) : this.runLine(smsLine)).then((reply) => {
        slot.reply = reply;
        if (reply.end) this.ending = true;
        if (smsLine === null) this.barrier = false;
        this.scheduleWrite();
        this.pump();
      });
    }
  }

  /** The line, when it is an `sms …` command that may run beside others; null for anything else. */
  private concurrentSmsLine(item: Item): string | null {
    // `sms` is the command when the first word is `sms` (findCommand's rule); its subcommands store.
    if (
      item === 'overlong' ||
      !this.authenticated ||
      item.length < 4 ||
      item[3] !== 0x20 ||
      item.toString('latin1', 0, 3) !== 'sms'
    )
      return null;
    if (item.includes(0) || !isUtf8(item)) return null;
    return item.toString('utf8');
  }

  /** Replies that became ready together leave in one socket write (a group commit answers hundreds). */
  private scheduleWrite(): void {
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    setImmediate(() => {
      this.writeScheduled = false;
      this.writeReady();
    });
  }

  private writeReady(): void {
    let text = '';
    let end = false;
    while (!end && this.started.length > 0 && this.started[0]!.reply !== null) {
      const reply = this.started.shift()!.reply!;
      text += reply.text;
      end = reply.end === true;
    }
    if (this.finished) return;
    if (text) this.options.write(text);
    if (end) {
      this.finished = true;
      this.waiting.length = 0;
      this.started.length = 0;
      this.options.end();
      return;
    }
    if (this.paused && this.backlog < consoleDefaults.maxQueuedLines / 2) {
      this.paused = false;
      this.options.throttle?.(false);
    }
    this.pump();
  }

  private async handle(item: Item): Promise<Reply> {
    if (item === 'overlong') return { text: replies.lineTooLong };
    // The emulator keeps lines in a C string: a NUL ends the command there.
    const nul = item.indexOf(0);
    const bytes = nul === -1 ? item : item.subarray(0, nul);
    if (!isUtf8(bytes)) return { text: replies.forbiddenBinary, end: true };
    const line = bytes.toString('utf8');
    if (isHttpRequestLine(line)) return { text: replies.forbiddenHttp, end: true };
    return this.runLine(line);
  }

  private async runLine(line: string): Promise<Reply> {
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
    return this.store(sender, text);
  }

  /**
   * One SMS-DELIVER PDU. The emulator checks only the hex and the SMSC address and leaves the rest to
   * Android; this device must read the PDU to store it, so one it cannot read is refused here. Each
   * part is answered OK once held; the part that completes an SMS, once the whole SMS is stored.
   */
  private async smsPdu(args: string | null): Promise<Reply> {
    if (args === null) return { text: replies.missingPduArgument };
    // Decoded and joined before the first await: pipelined parts reach the reassembler in line order.
    const decoded = decodeDeliverPdu(args);
    if (decoded.kind === 'malformed') return { text: replies.badPdu };
    if (decoded.kind === 'unsupported') return { text: `KO: unsupported PDU: ${decoded.reason}\r\n` };
    const whole = this.reassembler.add(decoded.part);
    return whole === null ? { text: replies.ok } : this.store(whole.sender, whole.text);
  }

  private async store(sender: string, text: string): Promise<Reply> {
    try {
      await this.options.onSms(sender, text);
      return { text: replies.ok };
    } catch (error) {
      return { text: `KO: ${oneLine(error instanceof Error ? error.message : String(error))}\r\n` };
    }
  }
}
