import { describe, expect, it } from 'vitest';
import { ConsoleReplyError } from '../device/console/index';
import type { ConsoleLink } from '../device/console/console-link';
import { SmsgwError } from '../errors';
import { ConsoleCutByChaosError, ConsoleUnreachableError, ReconnectingConsole } from './reconnecting-console';

/** Console lines that answer from a script: each line takes the next answers in turn; 'OK' resolves. */
function scriptedLines(scripts: readonly (readonly (Error | 'OK')[])[]) {
  const opened: Array<{ port: number; sent: string[]; destroyed: boolean }> = [];
  const openLine = async (port: number): Promise<ConsoleLink> => {
    const script = [...(scripts[opened.length] ?? [])];
    const line = { port, sent: [] as string[], destroyed: false };
    opened.push(line);
    return {
      async sendSms(_sender, text) {
        line.sent.push(text);
        const answer = script.shift() ?? 'OK';
        if (answer !== 'OK') throw answer;
      },
      async command(text) {
        line.sent.push(text);
        return [];
      },
      close: async () => {},
      destroy: () => void (line.destroyed = true),
    };
  };
  return { opened, openLine };
}

const timedOut = new SmsgwError(
  'device-unavailable',
  'console at 127.0.0.1:5554 did not answer `sms send` within 10000 ms',
);

describe('ReconnectingConsole', () => {
  it('opens a new line after the old one failed on its own, so later SMS are sent again', async () => {
    const { opened, openLine } = scriptedLines([['OK', timedOut], []]);
    const reconnecting = await ReconnectingConsole.open(5554, openLine);
    await reconnecting.sendSms('+1', 'a');
    await expect(reconnecting.sendSms('+1', 'b')).rejects.toBe(timedOut);
    await reconnecting.sendSms('+1', 'c');
    expect(opened.map((line) => [line.port, line.sent, line.destroyed])).toEqual([
      [5554, ['a', 'b'], true],
      [5554, ['c'], false],
    ]);
  });

  it('keeps its line through a KO and through a send that never left this process', async () => {
    const ko = new ConsoleReplyError('sms send', 'Could not store the SMS: database or disk is full', []);
    const tooLong = new SmsgwError('bad-option', 'SMS text too long for one console line');
    const { opened, openLine } = scriptedLines([[ko, tooLong, 'OK']]);
    const reconnecting = await ReconnectingConsole.open(5554, openLine);
    await expect(reconnecting.sendSms('+1', 'a')).rejects.toBe(ko);
    await expect(reconnecting.sendSms('+1', 'b')).rejects.toBe(tooLong);
    await reconnecting.sendSms('+1', 'c');
    expect(opened).toHaveLength(1);
  });

  it('leaves a kill to suspend and resume: a line broken before a kill is not reopened beside the new one', async () => {
    const { opened, openLine } = scriptedLines([[timedOut], []]);
    const reconnecting = await ReconnectingConsole.open(5554, openLine);
    await expect(reconnecting.sendSms('+1', 'a')).rejects.toBe(timedOut);
    // The device is killed and restarted before the next send: its new line is the one to use.
    reconnecting.suspend();
    await reconnecting.resume(5555);
    await reconnecting.sendSms('+1', 'b');
    expect(opened.map((line) => [line.port, line.sent])).toEqual([
      [5554, ['a']],
      [5555, ['b']],
    ]);
  });

  it('fails the sends held for a restart that failed, and every later one, as unreachable: none waits for ever', async () => {
    const { opened, openLine } = scriptedLines([[]]);
    const reconnecting = await ReconnectingConsole.open(5554, openLine);
    reconnecting.suspend();
    const held = reconnecting.sendSms('+1', 'a');
    reconnecting.abandon(new Error('no ready line within 30s'));
    await expect(held).rejects.toBeInstanceOf(ConsoleUnreachableError);
    await expect(held).rejects.toThrow('the device did not come back: no ready line within 30s');
    await expect(reconnecting.sendSms('+1', 'b')).rejects.toBeInstanceOf(ConsoleUnreachableError);
    await expect(reconnecting.command('network delay none')).rejects.toBeInstanceOf(ConsoleUnreachableError);
    expect(opened.map((line) => line.sent)).toEqual([[]]);
  });

  it('fails a send whose new line cannot be opened as unreachable: never written, so not in doubt', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5554'), { code: 'ECONNREFUSED' });
    let opens = 0;
    const { openLine } = scriptedLines([[timedOut], []]);
    const reconnecting = await ReconnectingConsole.open(5554, async (port) => {
      opens += 1;
      if (opens === 2) throw refused;
      return openLine(port);
    });
    await expect(reconnecting.sendSms('+1', 'a')).rejects.toBe(timedOut);
    const error = await reconnecting.sendSms('+1', 'b').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConsoleUnreachableError);
    expect((error as Error).message).toMatch(/ECONNREFUSED.*the SMS was not sent/);
    // The device came back: the next send opens a line again.
    await reconnecting.sendSms('+1', 'c');
    expect(opens).toBe(3);
  });

  it('fails a send still waiting for its answer when a kill is ordered as cut by chaos (in doubt), and a timed-out one as it was', async () => {
    const closed = new SmsgwError('device-unavailable', 'console connection to 127.0.0.1:5554 closed by the client');
    // A line whose sends wait for an answer until the line is destroyed or the test answers them.
    const waiting: Array<(error: Error) => void> = [];
    const openLine = async (): Promise<ConsoleLink> => ({
      sendSms: () => new Promise<void>((_, reject) => void waiting.push(reject)),
      command: async () => [],
      close: async () => {},
      destroy: () => waiting.splice(0).forEach((reject) => reject(closed)),
    });
    const reconnecting = await ReconnectingConsole.open(5554, openLine);
    const timedOutSend = reconnecting.sendSms('+1', 'a').catch((thrown: unknown) => thrown);
    const cutSend = reconnecting.sendSms('+1', 'b').catch((thrown: unknown) => thrown);
    await new Promise((resolve) => setImmediate(resolve));
    waiting.shift()!(timedOut);
    expect(await timedOutSend).toBe(timedOut);
    reconnecting.suspend();
    const cut = await cutSend;
    expect(cut).toBeInstanceOf(ConsoleCutByChaosError);
    expect((cut as Error).cause).toBe(closed);
    await reconnecting.resume(5554);
    await reconnecting.close();
  });
  it("sends a chaos command on the load's line, waiting out a kill and reopening a line that failed", async () => {
    const { opened, openLine } = scriptedLines([[timedOut], [], []]);
    const reconnecting = await ReconnectingConsole.open(5554, openLine);
    await expect(reconnecting.sendSms('+1', 'a')).rejects.toBe(timedOut);
    await reconnecting.command('network delay umts');
    reconnecting.suspend();
    const during = reconnecting.command('network delay none');
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toHaveLength(2);
    await reconnecting.resume(5556);
    await during;
    expect(opened.map((line) => [line.port, line.sent])).toEqual([
      [5554, ['a']],
      [5554, ['network delay umts']],
      [5556, ['network delay none']],
    ]);
    await reconnecting.close();
  });
});
