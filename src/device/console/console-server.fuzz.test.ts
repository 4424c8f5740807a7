// Bad input to the emulator console over real TCP: garbage, binary, overlong lines, HTTP,
// commands before auth, half lines. Each case is checked against the protocol, line by line, and a
// well-behaved client must still be served afterwards.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { isHttpRequestLine, replies } from './console-protocol';
import { consoleDefaults } from './defaults';
import { decodeDeliverPdu, encodeDeliverPdus } from '../../sms/sms-pdu';
import { RawPeer } from '../../../test/support/console-kit';

const token = 'fuzz-token';
const noAuthBanner = "Android Console: type 'help' for a list of commands\r\nOK\r\n";
const authBannerEnd = "'/fuzz/token'\r\nOK\r\n";
const maxLine = consoleDefaults.maxLineBytes;
const LF = 0x0a;
const CR = 0x0d;

interface ServedConsole {
  readonly server: ConsoleServer;
  readonly sms: Array<[string, string]>;
  readonly auth: boolean;
}

async function startConsole(auth: boolean): Promise<ServedConsole> {
  const sms: Array<[string, string]> = [];
  const server = await startConsoleServer({
    port: 0,
    authToken: auth ? token : null,
    authTokenPath: '/fuzz/token',
    avdName: 'fuzz_avd',
    onSms: async (sender, text) => {
      sms.push([sender, text]);
    },
  });
  return { server, sms, auth };
}

async function connect(served: ServedConsole): Promise<RawPeer> {
  const peer = await RawPeer.open(served.server.port);
  await peer.untilEndsWith(served.auth ? authBannerEnd : noAuthBanner);
  peer.reset();
  return peer;
}

/** A line as the console reads it: up to a NUL, as UTF-8; null when overlong or not UTF-8. */
function asCommand(line: Buffer | 'overlong'): string | null {
  if (line === 'overlong') return null;
  const nul = line.indexOf(0);
  const bytes = nul === -1 ? line : line.subarray(0, nul);
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}

/** What one line should do to the connection, by the protocol: close it (with or without a reply) or not. */
function closes(line: Buffer | 'overlong'): 'reply-then-close' | 'close' | null {
  if (line === 'overlong') return null;
  const text = asCommand(line);
  if (text === null || isHttpRequestLine(text)) return 'reply-then-close';
  return ['quit', 'exit'].includes(text.split(' ')[0]!) ? 'close' : null;
}

/** Rejects when `promise` takes longer than `ms`: a hung connection fails the case instead of the whole file. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The lines the server should see in a byte stream: CR dropped, LF ends a line, an overlong line counts once. */
function linesOf(stream: Buffer): Array<Buffer | 'overlong'> {
  const parts = Buffer.from(stream.filter((byte) => byte !== CR));
  const lines: Array<Buffer | 'overlong'> = [];
  let start = 0;
  for (let newline = parts.indexOf(LF); newline !== -1; newline = parts.indexOf(LF, start)) {
    lines.push(newline - start > maxLine ? 'overlong' : parts.subarray(start, newline));
    start = newline + 1;
  }
  // An unfinished line is reported as soon as it passes the limit, before its LF arrives.
  if (parts.length - start > maxLine) lines.push('overlong');
  return lines;
}

/** The replies in `text`, one per line answered: each is everything up to and including an `OK` or `KO: …` line. */
function repliesIn(text: string): string[] {
  const found: string[] = [];
  let current = '';
  for (const line of text.split('\r\n').slice(0, -1)) {
    current += `${line}\r\n`;
    if (line === 'OK' || line.startsWith('KO:')) {
      found.push(current);
      current = '';
    }
  }
  return found;
}

/** The lines answered before the connection should close, and whether it should close. */
function expectedAnswers(lines: ReadonlyArray<Buffer | 'overlong'>): { answered: number; closed: boolean } {
  for (const [index, line] of lines.entries()) {
    const verdict = closes(line);
    if (verdict === 'close') return { answered: index, closed: true };
    if (verdict === 'reply-then-close') return { answered: index + 1, closed: true };
  }
  return { answered: lines.length, closed: false };
}

/** Sends `stream` in the given pieces and returns the replies once every line was answered (or the server closed). */
async function exchange(
  served: ServedConsole,
  stream: Buffer,
  cuts: readonly number[],
): Promise<{ replies: string[]; lines: Array<Buffer | 'overlong'>; closed: boolean }> {
  const peer = await connect(served);
  const lines = linesOf(stream);
  const { answered, closed } = expectedAnswers(lines);
  const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const point of [...points, stream.length]) {
    if (point > from) peer.write(stream.subarray(from, point));
    from = Math.max(from, point);
  }
  let isClosed = false;
  void peer.closed.then(() => (isClosed = true));
  if (closed) await within(peer.closed, 5_000, `the server to close after ${JSON.stringify(peer.text)}`);
  else await peer.until((text) => repliesIn(text).length >= answered);
  const text = peer.text;
  peer.destroy();
  // Every byte the console writes is part of a CRLF-terminated line.
  expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  expect(text === '' || text.endsWith('\r\n')).toBe(true);
  return { replies: repliesIn(text), lines, closed: isClosed };
}

/** A well-behaved client after the fuzz: authenticates if needed and has one SMS stored. */
async function stillServes(served: ServedConsole): Promise<void> {
  const peer = await connect(served);
  const before = served.sms.length;
  peer.write(`${served.auth ? `auth ${token}\n` : ''}sms send +15550000 still\\u0020here\nping\n`);
  const expected = `${served.auth ? noAuthBanner : ''}OK\r\nI am alive!\r\nOK\r\n`;
  expect(await peer.untilEndsWith('I am alive!\r\nOK\r\n')).toBe(expected);
  expect(served.sms.slice(before)).toEqual([['+15550000', 'still here']]);
  peer.destroy();
}

// ---- generators ----

const phone = fc.oneof(
  fc.stringMatching(/^\+?[0-9]{1,32}$/),
  fc.constantFrom('', '+', '++1', '1-555', `${'1'.repeat(33)}`, '+1555\u0661', '０１２'),
  fc.string({ maxLength: 12 }),
);
const escapes = fc.constantFrom(
  '\\n',
  '\\\\',
  '\\x41',
  '\\u263A',
  '\\uD83D\\uDE00',
  '\\',
  '\\x4',
  '\\xZZ',
  '\\u12',
  '\\t',
  '\\r',
  '\\0',
  '\\U0041',
  '\\u',
);
const smsText = fc
  .array(fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 }), escapes), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));
/** The hex of PDUs: whole SMS-DELIVERs (any part of one), the same with one octet changed or cut short, and noise. */
const validPdu = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9 .@_-]{1,11}$/), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.nat(255))
  .chain(([sender, text, reference]) =>
    fc.constantFrom(...encodeDeliverPdus(sender, text, { reference, timestampMs: 0 })),
  );
const pduHex = fc.oneof(
  { weight: 3, arbitrary: validPdu },
  {
    weight: 2,
    arbitrary: fc.tuple(validPdu, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([hex, at, value]) => {
      const bytes = Buffer.from(hex, 'hex');
      bytes[at % bytes.length] = value;
      return bytes.toString('hex');
    }),
  },
  { weight: 1, arbitrary: fc.tuple(validPdu, fc.nat()).map(([hex, at]) => hex.slice(0, at % hex.length)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes).toString('hex')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
/** A single SMS-DELIVER this device can read: stored as soon as it is answered OK. */
const isWholeSms = (hex: string): boolean => {
  const decoded = decodeDeliverPdu(hex);
  return decoded.kind === 'ok' && (decoded.part.concat === null || decoded.part.concat.total === 1);
};
const commandWords = [
  'sms send',
  'sms pdu',
  'sms',
  'sms  send',
  'sms  pdu',
  'sms recv',
  'SMS SEND',
  'auth',
  'auth wrong',
  `auth ${token}x`,
  'help',
  'h',
  '?',
  'help sms',
  'help sms send',
  'help nope',
  'help-verbose',
  'ping',
  'avd',
  'avd name',
  'avd stop',
  'gsm call 123',
  'kill',
  'power capacity 5',
  '',
];
const commandLine = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(phone, smsText).map(([from, text]) => `sms send ${from} ${text}`) },
  { weight: 2, arbitrary: pduHex.map((hex) => `sms pdu ${hex}`) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...commandWords), fc.option(fc.string({ maxLength: 20 })))
      .map(([word, args]) => (args === null ? word : `${word} ${args}`)),
  },
  { weight: 1, arbitrary: fc.constantFrom('quit', 'exit', 'exit now', 'quit\0ignored') },
);
const httpLine = fc.constantFrom(
  'GET / HTTP/1.1',
  'POST /webhook HTTP/1.0',
  'OPTIONS * HTTP/1.1',
  'CONNECT 127.0.0.1:5554 HTTP/1.1',
  'GET /health HTTP/2 ',
);
const line = fc.oneof(
  { weight: 6, arbitrary: commandLine.map((text) => Buffer.from(text)) },
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 48 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('ping', 'help', 'sms send +1 x'), fc.uint8Array({ minLength: 1, maxLength: 8 }))
      .map(([text, junk]) => Buffer.concat([Buffer.from(`${text}\0`), junk])),
  },
  { weight: 1, arbitrary: httpLine.map((text) => Buffer.from(text)) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: maxLine - 1, max: 3 * maxLine }).map((length) => Buffer.alloc(length, 0x61)),
  },
);
/** Lines joined by LF or CRLF, maybe with an unfinished last line, and the places to cut the writes. */
const session = fc.record({
  lines: fc.array(line, { maxLength: 24 }),
  crlf: fc.boolean(),
  unfinished: fc.option(
    fc.uint8Array({ maxLength: 16 }).map((bytes) => Buffer.from(bytes).filter((byte) => byte !== LF)),
  ),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
});
const streamOf = ({
  lines,
  crlf,
  unfinished,
}: {
  lines: Buffer[];
  crlf: boolean;
  unfinished: Uint8Array | null;
}): Buffer =>
  Buffer.concat([
    ...lines.flatMap((bytes) => [bytes, Buffer.from(crlf ? '\r\n' : '\n')]),
    Buffer.from(unfinished ?? []),
  ]);

const runs = { numRuns: 150 };

describe('the console under bad input, without auth', () => {
  let served: ServedConsole;
  beforeAll(async () => {
    served = await startConsole(false);
  });
  afterAll(() => served.server.close());

  it('answers every line with one OK or KO reply, closes only when the protocol says, and stores only valid SMS', async () => {
    await fc.assert(
      fc.asyncProperty(session, async (input) => {
        const before = served.sms.length;
        const { replies: answers, lines, closed } = await exchange(served, streamOf(input), input.cuts);
        const { answered, closed: shouldClose } = expectedAnswers(lines);
        expect(answers).toHaveLength(answered);
        expect(closed).toBe(shouldClose);
        for (const [index, answer] of answers.entries()) {
          if (lines[index] === 'overlong') expect(answer).toBe(replies.lineTooLong);
          if (asCommand(lines[index]!) === 'ping') expect(answer).toBe('I am alive!\r\nOK\r\n');
        }
        // One stored SMS per `sms send` line answered OK and per whole PDU answered OK; at most one
        // more per other PDU answered OK (a part that completes an SMS, perhaps with parts of earlier runs).
        const okLines = answers.flatMap((answer, index) =>
          answer === replies.ok ? [asCommand(lines[index]!) ?? ''] : [],
        );
        const sends = okLines.filter((text) => /^sms +send /.test(text)).length;
        const pdus = okLines.flatMap((text) => (/^sms +pdu +/.exec(text) ? [text.replace(/^sms +pdu +/, '')] : []));
        const stored = served.sms.slice(before);
        expect(stored.length).toBeGreaterThanOrEqual(sends + pdus.filter(isWholeSms).length);
        expect(stored.length).toBeLessThanOrEqual(sends + pdus.length);
        // A PDU that is not a valid SMS-DELIVER never gets OK.
        for (const hex of pdus) expect(decodeDeliverPdu(hex).kind).toBe('ok');
      }),
      { ...runs, seed: 20_261_140 },
    );
    await stillServes(served);
  });
});

describe('the console under bad input, with an auth token', () => {
  let served: ServedConsole;
  beforeAll(async () => {
    served = await startConsole(true);
  });
  afterAll(() => served.server.close());

  it('stores nothing and answers sms as an unknown command until the right token is given', async () => {
    await fc.assert(
      fc.asyncProperty(session, async (input) => {
        const { replies: answers, lines } = await exchange(served, streamOf(input), input.cuts);
        expect(answers).toHaveLength(expectedAnswers(lines).answered);
        for (const [index, answer] of answers.entries()) {
          const text = asCommand(lines[index]!) ?? '';
          if (text.startsWith('sms')) expect(answer).toBe(replies.unknownCommand);
          if (/^auth +[^ ]/.test(text)) expect(answer).toBe(replies.tokenMismatch);
        }
        expect(served.sms.filter(([, body]) => body !== 'still here')).toEqual([]);
      }),
      { ...runs, seed: 20_261_141 },
    );
    await stillServes(served);
  });

  it('refuses every wrong token, however close to the right one', async () => {
    const wrong = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(`${token} `, ` ${token}`, token.toUpperCase(), token.slice(0, -1), `${token}\0`, `${token}\t`),
    );
    await fc.assert(
      fc.asyncProperty(wrong, async (guess) => {
        // The console drops leading spaces and stops at a NUL, so those spellings are the right token.
        fc.pre(guess.split('\0')[0]!.replace(/^ +/, '') !== token && !guess.includes('\n') && !guess.includes('\r'));
        const peer = await connect(served);
        peer.write(`auth ${guess}\nsms send +15551234 sneaky\n`);
        const text = await peer.until((received) => repliesIn(received).length >= 2);
        peer.destroy();
        expect(repliesIn(text)[1]).toBe(replies.unknownCommand);
        expect(served.sms.filter(([, body]) => body === 'sneaky')).toEqual([]);
      }),
      { ...runs, seed: 20_261_142 },
    );
  });
});

describe('the console when storing fails', () => {
  const failures: unknown[] = [];
  let server: ConsoleServer;
  beforeAll(async () => {
    server = await startConsoleServer({
      port: 0,
      authToken: null,
      avdName: 'fuzz_avd',
      onSms: () => Promise.reject(failures.shift()),
    });
  });
  afterAll(() => server.close());

  it('answers any rejection of onSms, whatever was thrown, with one KO line', async () => {
    const thrown = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }).map((message) => new Error(message)),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(thrown, { minLength: 1, maxLength: 5 }), async (errors) => {
        failures.push(...errors);
        const peer = await RawPeer.open(server.port);
        await peer.untilEndsWith(noAuthBanner);
        peer.reset();
        peer.write(`${'sms send +1555 x\n'.repeat(errors.length)}ping\n`);
        const text = await peer.untilEndsWith('I am alive!\r\nOK\r\n');
        peer.destroy();
        const answers = repliesIn(text);
        expect(answers).toHaveLength(errors.length + 1);
        for (const answer of answers.slice(0, -1)) expect(answer).toMatch(/^KO: [^\r\n]+\r\n$/);
      }),
      { numRuns: 100, seed: 20_261_144 },
    );
  });
});

describe('the console under rude clients', () => {
  let served: ServedConsole;
  beforeAll(async () => {
    served = await startConsole(true);
  });
  afterAll(() => served.server.close());

  it('drops a half line when the client goes, and stores nothing from it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          `auth ${token}\nsms send +1555 half`,
          `auth ${token}\nsms send +1555 half\r`,
          'auth fuzz-to',
          `auth ${token}\nping`,
        ),
        fc.boolean(),
        async (text, reset) => {
          const peer = await connect(served);
          peer.write(text);
          if (reset) peer.socket.resetAndDestroy();
          else peer.socket.end();
          await peer.closed;
          await stillServes(served);
          expect(served.sms.filter(([, body]) => body !== 'still here')).toEqual([]);
        },
      ),
      { numRuns: 12, seed: 20_261_143 },
    );
  });

  it('answers thousands of pipelined lines in order, before and after auth', async () => {
    const peer = await connect(served);
    const before = served.sms.length;
    const early = Array.from({ length: 1500 }, (_, index) =>
      index % 3 === 0 ? `sms send +1555 n${index}` : index % 3 === 1 ? 'ping' : `auth no${index}`,
    );
    const late = Array.from({ length: 3000 }, (_, index) => `sms send +1555${index % 10} n${index}`);
    peer.write(`${[...early, `auth ${token}`, ...late].join('\n')}\n`);
    const text = await peer.until((received) => repliesIn(received).length >= early.length + 1 + late.length, 30_000);
    peer.destroy();
    const answers = repliesIn(text);
    expect(answers.slice(0, early.length)).toEqual(
      early.map((_, index) =>
        index % 3 === 0 ? replies.unknownCommand : index % 3 === 1 ? 'I am alive!\r\nOK\r\n' : replies.tokenMismatch,
      ),
    );
    expect(answers.slice(early.length + 1)).toEqual(late.map(() => replies.ok));
    expect(served.sms.slice(before)).toEqual(late.map((_, index) => [`+1555${index % 10}`, `n${index}`]));
  });

  it('survives clients that vanish in the middle of a pipelined burst', async () => {
    for (let client = 0; client < 5; client += 1) {
      const peer = await connect(served);
      peer.write(`auth ${token}\n${'sms send +15559999 gone\n'.repeat(2000)}`);
      await peer.until((received) => received.includes('OK\r\nOK\r\n'));
      peer.socket.resetAndDestroy();
    }
    await stillServes(served);
  });
});
