import { describe, expect, it } from 'vitest';
import { ConsoleReplyError } from '../device/console/index';
import type { ConsoleLink } from '../device/console/console-link';
import { injectionDefaults } from './defaults';
import { ConsoleCutByChaosError, ConsoleUnreachableError } from './reconnecting-console';
import { createLoadGate } from './load-gate';
import { createMemoryInjectionLog, inject, type PlannedSms } from './injector';

const plan = (count: number): PlannedSms[] =>
  Array.from({ length: count }, (_, index) => ({ sender: `+1${index}`, text: `m${index}`, atMs: 0 }));
const emptyLog = createMemoryInjectionLog;

describe('inject', () => {
  it('records every acknowledged SMS with its index and injection time', async () => {
    const sent: string[] = [];
    const log = emptyLog();
    await inject({ sendSms: async (_sender, text) => void sent.push(text) }, plan(5), log);
    expect(sent).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(log.injections.map((injection) => injection.index)).toEqual([0, 1, 2, 3, 4]);
    expect(log.attempted).toBe(5);
  });

  it('never keeps more than maxInFlight sends outstanding', async () => {
    let inFlight = 0;
    let peak = 0;
    const target: Pick<ConsoleLink, 'sendSms'> = {
      sendSms: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
      },
    };
    await inject(target, plan(50), emptyLog(), { maxInFlight: 4 });
    expect(peak).toBe(4);
  });

  it('retries a KO answer and counts the SMS only once it is acknowledged', async () => {
    let calls = 0;
    const log = emptyLog();
    const flaky: Pick<ConsoleLink, 'sendSms'> = {
      sendSms: async () => {
        calls += 1;
        if (calls === 1) throw new ConsoleReplyError('sms send +1 m0', 'disk full');
      },
    };
    await inject(flaky, plan(1), log);
    expect(calls).toBe(2);
    expect(log.injections).toHaveLength(1);
    expect(log.refusals).toHaveLength(0);
  });

  it('records an SMS whose line an ordered kill cut as in doubt, without re-sending it', async () => {
    let calls = 0;
    const log = emptyLog();
    await inject(
      { sendSms: async () => Promise.reject(new ConsoleCutByChaosError(`closed by the client ${++calls}`)) },
      plan(2),
      log,
    );
    expect(calls).toBe(2);
    expect(log.inDoubts.map((sms) => sms.text)).toEqual(['m0', 'm1']);
    expect(log.unanswereds).toHaveLength(0);
    expect(log.refusals).toHaveLength(0);
    expect(log.injections).toHaveLength(0);
  });

  it('records an SMS the device never answered (a timeout, a closed line) as unanswered, never in doubt, without re-sending it', async () => {
    let calls = 0;
    const log = emptyLog();
    const silent = {
      sendSms: async () => Promise.reject(new Error(`console did not answer within 10000 ms ${++calls}`)),
    };
    await inject(silent, plan(2), log);
    expect(calls).toBe(2);
    expect(log.unanswereds).toEqual([
      expect.objectContaining({ index: 0, text: 'm0', reason: 'console did not answer within 10000 ms 1' }),
      expect.objectContaining({ index: 1, text: 'm1', reason: 'console did not answer within 10000 ms 2' }),
    ]);
    expect(log.inDoubts).toHaveLength(0);
  });

  it('retries an SMS whose console could not be reached, and counts it unanswered if it never can be: never in doubt', async () => {
    let calls = 0;
    const log = emptyLog();
    const unreachable = {
      sendSms: async () => Promise.reject(new ConsoleUnreachableError(`connect ECONNREFUSED ${++calls}`)),
    };
    await inject(unreachable, plan(1), log);
    expect(calls).toBe(1 + injectionDefaults.refusedRetries);
    expect(log.inDoubts).toHaveLength(0);
    expect(log.refusals).toHaveLength(0);
    expect(log.unanswereds).toEqual([
      expect.objectContaining({ index: 0, reason: expect.stringMatching(/unreachable.*not sent/) }),
    ]);
  });

  it('keeps the time of the first attempt for an SMS acknowledged after a KO retry', async () => {
    let clock = 1_000;
    let calls = 0;
    const log = emptyLog();
    const flaky: Pick<ConsoleLink, 'sendSms'> = {
      sendSms: async () => {
        clock += 500;
        calls += 1;
        if (calls === 1) throw new ConsoleReplyError('sms send +1 m0', 'busy');
      },
    };
    await inject(flaky, plan(1), log, { now: () => clock });
    expect(log.injections).toEqual([expect.objectContaining({ index: 0, injectedAt: 1_000 })]);
  });

  it('refuses an SMS after every KO retry, with the console reason', async () => {
    const log = emptyLog();
    await inject(
      { sendSms: async () => Promise.reject(new ConsoleReplyError('sms send', 'bad phone number format')) },
      plan(1),
      log,
    );
    expect(log.refusals).toEqual([
      expect.objectContaining({ index: 0, reason: expect.stringMatching(/bad phone number/) }),
    ]);
  });

  it('stops sending when aborted', async () => {
    const controller = new AbortController();
    const log = emptyLog();
    const schedule = Array.from({ length: 100 }, (_, index) => ({ sender: '+1', text: `m${index}`, atMs: index * 10 }));
    setTimeout(() => controller.abort(), 50);
    await inject({ sendSms: async () => undefined }, schedule, log, { signal: controller.signal });
    expect(log.injections.length).toBeGreaterThan(0);
    expect(log.injections.length).toBeLessThan(100);
  });

  it('sends nothing while the gate is paused and the rest of the schedule after resume', async () => {
    const gate = createLoadGate();
    const log = emptyLog();
    const schedule = Array.from({ length: 10 }, (_, index) => ({ sender: '+1', text: `m${index}`, atMs: index * 5 }));
    gate.pause();
    const running = inject({ sendSms: async () => undefined }, schedule, log, { gate });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.attempted).toBe(0);
    gate.resume();
    await running;
    expect(log.injections).toHaveLength(10);
  });

  it('shifts the schedule by the time paused, so resuming fires no backlog', async () => {
    const gate = createLoadGate();
    const log = emptyLog();
    const schedule = [
      { sender: '+1', text: 'm0', atMs: 0 },
      { sender: '+1', text: 'm1', atMs: 150 },
    ];
    const running = inject({ sendSms: async () => undefined }, schedule, log, { gate });
    await new Promise((resolve) => setTimeout(resolve, 20));
    gate.pause();
    await new Promise((resolve) => setTimeout(resolve, 200));
    gate.resume();
    const resumedAt = Date.now();
    await running;
    const [first, second] = log.injections;
    expect(second!.injectedAt - first!.injectedAt).toBeGreaterThanOrEqual(300);
    expect(second!.injectedAt).toBeGreaterThanOrEqual(resumedAt + 50);
  });
});
