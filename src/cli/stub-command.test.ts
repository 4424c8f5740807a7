import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SmsgwError } from '../errors';
import type { Fault } from '../stub/index';
import { postForTest } from '../../test/support/post-webhook';
import { webhookPayload, webhookRequest } from '../../test/support/webhook-fixtures';
import { stubCommand, stubOptionsFromFlags } from './stub-command';

const exampleHandlers = fileURLToPath(new URL('../../scenarios/examples/handlers.ts', import.meta.url));
const scenarioFaults: Fault[] = [{ kind: 'status', status: 503, rate: 1, retryAfterMs: null, window: null }];
const loadScenario = vi.fn(async (_file: string) => ({
  server: { secret: 'from-scenario', faults: scenarioFaults, handlers: null as string | null },
  seed: 77,
}));
vi.mock('../scenario/load-scenario', () => ({ loadScenario: (file: string) => loadScenario(file) }));

/** Runs `smsgw stub …` with a fake stdout and signal source; returns them and the running parse. */
function run(args: string[]) {
  const lines: string[] = [];
  const signals = new EventEmitter();
  const stdout = { write: (text: string) => lines.push(...text.trimEnd().split('\n')) };
  const done = stubCommand({ stdout, signals, statsIntervalMs: 20 }).parseAsync(args, { from: 'user' });
  return { lines, signals, done };
}

const flags = { port: '0', host: '127.0.0.1', path: '/webhook', ledger: ':memory:' };
afterEach(() => loadScenario.mockClear());

describe('smsgw stub', () => {
  it('prints its URL and stats each tick, and a summary when interrupted', async () => {
    const { lines, signals, done } = run(['--json']);
    // The first line waits for msw and SQLite to load: seconds on a busy CI machine, not vi.waitFor's default 1 s.
    await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0), { timeout: 20_000 });
    const { url } = JSON.parse(lines[0]!) as { event: string; url: string };
    expect(JSON.parse(lines[0]!)).toMatchObject({
      event: 'listening',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/),
    });

    const { body, headers } = webhookRequest(webhookPayload(1));
    expect(await postForTest(url, body, headers)).toMatchObject({ kind: 'response', status: 200 });
    await vi.waitFor(() =>
      expect(lines.map((line) => JSON.parse(line))).toContainEqual(
        expect.objectContaining({ event: 'stats', requests: 1, accepted: 1 }),
      ),
    );

    signals.emit('SIGINT');
    await done;
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ event: 'summary', signal: 'SIGINT', requests: 1, accepted: 1 });
    expect(await postForTest(url, body, headers)).toEqual({ kind: 'error', code: 'ECONNREFUSED' });
  });

  it('prints plain text lines without --json and stops on SIGTERM', async () => {
    const { lines, signals, done } = run([]);
    await vi.waitFor(() => expect(lines.some((line) => line.startsWith('requests 0  accepted 0'))).toBe(true), {
      timeout: 20_000,
    });
    expect(lines[0]).toMatch(/^smsgw stub: listening on http:\/\/127\.0\.0\.1:\d+\/webhook/);
    signals.emit('SIGTERM');
    await done;
    expect(lines.at(-2)).toMatch(/^smsgw stub: stopped by SIGTERM after \d+s$/);
    expect(lines.at(-1)).toMatch(/^requests 0 {2}accepted 0 {2}redeliveries 0/);
  });

  it('rejects a --port that is not a port number', async () => {
    for (const port of ['abc', '-1', '65536', '1.5']) {
      const error = await stubOptionsFromFlags({ ...flags, port }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SmsgwError);
      expect(error).toMatchObject({
        code: 'bad-option',
        message: `Expected \`--port\` to be an integer from 0 to 65535, got ${JSON.stringify(port)}`,
      });
    }
  });

  it('takes the faults, secret and seed from --scenario', async () => {
    const options = await stubOptionsFromFlags({ ...flags, scenario: 'burst.yaml' });
    expect(loadScenario).toHaveBeenCalledWith('burst.yaml');
    expect(options).toMatchObject({ faults: scenarioFaults, secret: 'from-scenario', seed: 77 });
  });

  it('lets --secret override the scenario secret', async () => {
    const options = await stubOptionsFromFlags({ ...flags, scenario: 'burst.yaml', secret: 'mine' });
    expect(options.secret).toBe('mine');
  });

  it('checks no signatures and injects no faults without a scenario or secret', async () => {
    const options = await stubOptionsFromFlags(flags);
    expect(loadScenario).not.toHaveBeenCalled();
    expect(options).toMatchObject({ port: 0, faults: [], secret: null, handlers: [] });
  });

  it("loads the handlers of --handlers, and of the scenario's server.handlers without it", async () => {
    const fromFlag = await stubOptionsFromFlags({ ...flags, handlers: exampleHandlers });
    expect(fromFlag.handlers?.map((handler) => handler.info.header)).toEqual(['POST /webhook', 'POST /webhook']);
    loadScenario.mockResolvedValueOnce({
      server: { secret: 'from-scenario', faults: scenarioFaults, handlers: exampleHandlers },
      seed: 77,
    });
    const fromScenario = await stubOptionsFromFlags({ ...flags, scenario: 'mine.yaml' });
    expect(fromScenario.handlers).toHaveLength(2);
    const missing = await stubOptionsFromFlags({ ...flags, handlers: 'no/such.ts' }).catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ code: 'bad-option', message: 'no/such.ts: no such handlers module' });
  });
});
