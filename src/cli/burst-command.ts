// `smsgw burst`: fire SMS at any device's emulator console (a real emulator or `smsgw device`)
// and say how many were acknowledged. The load without the judging.
import { Command } from 'commander';
import { envOption } from './option-env';
import { parseDuration } from '../units/index';
import { parseNonNegativeInteger, parsePort } from './option-parsers';
import { ExitCode, SmsgwError } from '../errors';

interface BurstFlags {
  readonly port: string;
  readonly host: string;
  readonly count: string;
  readonly over: string;
  readonly senders: string;
  readonly text: 'ascii' | 'unicode' | 'multipart' | 'mixed' | 'hostile';
  readonly seed: string;
  readonly json?: boolean;
}

interface BurstPlan {
  readonly port: number;
  readonly host: string;
  readonly count: number;
  readonly senders: number;
  readonly overMs: number;
  readonly seed: number;
  readonly text: BurstFlags['text'];
}

function readBurstFlags(flags: BurstFlags): BurstPlan {
  const port = parsePort('--port', flags.port);
  const count = parseNonNegativeInteger('--count', flags.count);
  const senders = parseNonNegativeInteger('--senders', flags.senders);
  if (count < 1 || senders < 1)
    throw new SmsgwError(
      'bad-option',
      `Expected \`--count\` and \`--senders\` to be at least 1, got ${count} and ${senders}`,
    );
  const overMs = parseDuration(flags.over, '--over');
  const seed = parseNonNegativeInteger('--seed', flags.seed);
  return { port, host: flags.host, count, senders, overMs, seed, text: flags.text };
}

/** Sends the burst over one console connection; what the console answered, and how long it took. */
async function fireBurst(plan: BurstPlan) {
  const [{ arrivalOffsets, createMessageGenerator }, { inject, createMemoryInjectionLog }, { ConsoleClient }] =
    await Promise.all([import('../load/index'), import('../injection/injector'), import('../device/console/index')]);
  const client = await ConsoleClient.connect({ port: plan.port, host: plan.host });
  const generator = createMessageGenerator({ senders: plan.senders, text: plan.text, seed: plan.seed });
  const sms = [...arrivalOffsets([{ kind: 'burst', count: plan.count, overMs: plan.overMs }])].map((atMs) => ({
    ...generator.next(),
    atMs,
  }));
  const log = createMemoryInjectionLog();
  const startedAt = Date.now();
  try {
    await inject(client, sms, log);
  } finally {
    await client.close().catch(() => undefined);
  }
  return { log, seconds: (Date.now() - startedAt) / 1000 };
}

type BurstOutcome = Awaited<ReturnType<typeof fireBurst>>;

function printSummary(plan: BurstPlan, { log, seconds }: BurstOutcome, json: boolean): void {
  // No chaos step kills anything here, so every missing answer is unanswered, never in doubt.
  const summary = {
    sent: log.attempted,
    acknowledged: log.injections.length,
    refused: log.refusals.length,
    unanswered: log.unanswereds.length,
    seconds,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...summary, refusals: log.refusals, unanswereds: log.unanswereds })}\n`);
    return;
  }
  process.stdout.write(
    `smsgw burst: ${summary.acknowledged} of ${plan.count} SMS acknowledged by ${plan.host}:${plan.port} in ${seconds.toFixed(1)}s`,
  );
  process.stdout.write(
    summary.refused || summary.unanswered ? `; ${summary.refused} refused, ${summary.unanswered} unanswered\n` : '\n',
  );
  for (const refusal of log.refusals.slice(0, 5))
    process.stdout.write(`  refused #${refusal.index}: ${refusal.reason}\n`);
  for (const sms of log.unanswereds.slice(0, 5)) process.stdout.write(`  unanswered #${sms.index}: ${sms.reason}\n`);
}

async function runBurst(flags: BurstFlags): Promise<void> {
  const plan = readBurstFlags(flags);
  const outcome = await fireBurst(plan);
  printSummary(plan, outcome, flags.json === true);
  // Not a verdict, but a script should see that the device did not take everything.
  process.exitCode = outcome.log.injections.length === plan.count ? ExitCode.ok : ExitCode.verdictFailed;
}

export function burstCommand(): Command {
  return new Command('burst')
    .description("fire SMS at a device's emulator console and report what it acknowledged")
    .addOption(envOption('--port <n>', 'console port: the N of emulator-N').default('5554'))
    .addOption(envOption('--host <address>', 'console host').default('127.0.0.1'))
    .addOption(envOption('--count <n>', 'how many SMS').default('100'))
    .addOption(envOption('--over <duration>', 'spread them evenly over this long (0s: all at once)').default('10s'))
    .addOption(envOption('--senders <n>', 'distinct sender numbers').default('100'))
    .addOption(
      envOption('--text <kind>', 'message texts')
        .choices(['ascii', 'unicode', 'multipart', 'mixed', 'hostile'])
        .default('ascii'),
    )
    .addOption(envOption('--seed <n>', 'seed of senders and texts').default('1'))
    .addOption(envOption('--json', 'print the summary as JSON'))
    .addHelpText('after', '\nExample:\n  $ smsgw burst --port 5554 --count 100 --over 10s')
    .action(runBurst);
}
