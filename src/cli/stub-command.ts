// `smsgw stub`: the webhook stub on its own, for a device or a gateway under test by hand.
import { Command } from 'commander';
import { envOption, secretOnCommandLine, secretOption, secretVariable } from './option-env';
import { SmsgwError } from '../errors';
import { parsePort } from './option-parsers';
import type { InThreadStubOptions, StubStats } from '../stub/index';

interface StubFlags {
  readonly port: string;
  readonly host: string;
  readonly path: string;
  readonly scenario?: string;
  readonly handlers?: string;
  readonly secret?: string;
  readonly ledger: string;
  readonly json?: boolean;
}

/** What the command talks to; tests pass their own. */
export interface StubCommandIo {
  /** Default `process.stdout`. */
  readonly stdout?: { write(text: string): unknown };
  /** Where SIGINT and SIGTERM come from. Default `process`. */
  readonly signals?: {
    once(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
    off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  };
  /** Between stats lines, ms. Default 1000. */
  readonly statsIntervalMs?: number;
  /** Where warnings go. Default `process.stderr`. */
  readonly stderr?: { write(text: string): unknown };
}

/**
 * Checks the flags and turns them (and the scenario, if any) into stub options. The user's handlers
 * module is loaded here, before anything starts: one that cannot be used is exit 2.
 */
export async function stubOptionsFromFlags(
  flags: StubFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<InThreadStubOptions> {
  const port = parsePort('--port', flags.port);
  if (flags.secret === '') throw new SmsgwError('bad-option', 'Expected `--secret` to be a non-empty string, got ""');
  const { loadScenario } = await import('../scenario/load-scenario');
  const scenario = flags.scenario === undefined ? null : await loadScenario(flags.scenario);
  // --handlers wins over the scenario's `server.handlers` (resolved beside the scenario file).
  const handlersFile = flags.handlers ?? scenario?.server.handlers ?? null;
  const { loadUserHandlers } = await import('../stub/index');
  const handlers =
    handlersFile === null
      ? []
      : await loadUserHandlers(handlersFile, flags.handlers === undefined ? 'bad-scenario' : 'bad-option');
  return {
    port,
    host: flags.host,
    path: flags.path,
    ledgerPath: flags.ledger,
    faults: scenario?.server.faults ?? [],
    handlers,
    // An explicit --secret (or its environment variable, which `ps` does not show) wins over the scenario's.
    secret: flags.secret ?? (env[secretVariable] || null) ?? scenario?.server.secret ?? null,
    ...(scenario ? { seed: scenario.seed } : {}),
  };
}

const statsLine = (stats: StubStats): string => {
  const { status, delay, reset, hang, outageDropped, redirect, redirectFollowed } = stats.faults;
  return (
    `requests ${stats.requests}  accepted ${stats.accepted}  redeliveries ${stats.redeliveries}  ` +
    `rejected ${stats.rejected4xx}  bad-signatures ${stats.badSignatures}  ` +
    `faults status ${status} delay ${delay} reset ${reset} hang ${hang} outage-dropped ${outageDropped}` +
    (redirect + redirectFollowed > 0 ? ` redirect ${redirect} redirect-followed ${redirectFollowed}` : '') +
    (stats.handlerErrors > 0 ? `  handler-errors ${stats.handlerErrors}` : '') +
    (stats.tlsRefusals > 0 ? `  tls-refusals ${stats.tlsRefusals}` : '')
  );
};

const untilSignal = (signals: NonNullable<StubCommandIo['signals']>): Promise<string> =>
  new Promise((resolve) => {
    const on = (name: 'SIGINT' | 'SIGTERM') => () => {
      signals.off('SIGINT', onInt);
      signals.off('SIGTERM', onTerm);
      resolve(name);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    signals.once('SIGINT', onInt);
    signals.once('SIGTERM', onTerm);
  });

export function stubCommand(io: StubCommandIo = {}): Command {
  const { stdout = process.stdout, signals = process, statsIntervalMs = 1000, stderr = process.stderr } = io;
  return new Command('stub')
    .description('serve the webhook stub (faults, signature check, SQLite ledger) until Ctrl-C')
    .addOption(envOption('--port <n>', 'port to listen on, 0 for a free one').default('0'))
    .addOption(envOption('--host <address>', 'interface to bind').default('127.0.0.1'))
    .addOption(envOption('--path <path>', 'webhook route').default('/webhook'))
    .addOption(
      envOption('--scenario <file>', "take the faults, secret, seed and handlers from a scenario's `server` section"),
    )
    .addOption(
      envOption(
        '--handlers <file>',
        'a module exporting `handlers`, an array of msw request handlers, offered each request before the built-in ones (overrides the scenario)',
      ),
    )
    .addOption(
      secretOption(
        `HMAC secret to check X-Signature against (overrides the scenario); every user sees it in \`ps\`: set ${secretVariable} instead`,
      ),
    )
    .addOption(envOption('--ledger <file>', 'SQLite file to record every request in').default(':memory:'))
    .addOption(envOption('--json', 'one JSON object per line instead of text'))
    .addHelpText(
      'after',
      `\nEnvironment:\n  ${secretVariable}  the HMAC secret, kept out of \`ps\` (--secret wins over it, and it over the scenario's)`,
    )
    .action(async (flags: StubFlags, command: Command) => {
      // Any user of this machine reads another's argument list (`ps -ef`, /proc/<pid>/cmdline).
      if (secretOnCommandLine(command))
        stderr.write(
          `smsgw stub: warning: --secret shows the secret to every user of this machine in \`ps\`; set ${secretVariable} instead\n`,
        );
      const say = (event: string, text: string, data: object) =>
        stdout.write(`${flags.json ? JSON.stringify({ event, ...data }) : text}\n`);
      // On this thread: the command has nothing else to run, so a thread of its own would buy the stub
      // nothing and cost it a start and a message per stats line; a run starts it on its own thread.
      const { startStubInThread } = await import('../stub/index');
      const stub = await startStubInThread(await stubOptionsFromFlags(flags));
      const startedAt = Date.now();
      say('listening', `smsgw stub: listening on ${stub.url} (Ctrl-C to stop)`, { url: stub.url, port: stub.port });
      const ticker = setInterval(() => {
        const stats = stub.stats();
        say('stats', statsLine(stats), stats);
      }, statsIntervalMs);
      let signal: string;
      try {
        signal = await untilSignal(signals);
      } finally {
        clearInterval(ticker);
        await stub.close();
      }
      // After close, so requests the close cut short are counted; the counters outlive the ledger.
      const stats = stub.stats();
      const seconds = Math.round((Date.now() - startedAt) / 1000);
      say('summary', `smsgw stub: stopped by ${signal} after ${seconds}s\n${statsLine(stats)}`, {
        signal,
        seconds,
        ...stats,
      });
    });
}
