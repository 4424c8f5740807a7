// `smsgw burst`: fire SMS at any device's emulator console (a real emulator or `smsgw device`)
// and say how many were acknowledged. The load without the judging.
import { Command, Option } from 'commander';
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

export function burstCommand(): Command {
  return new Command('burst')
    .description("fire SMS at a device's emulator console and report what it acknowledged")
    .option('--port <n>', 'console port: the N of emulator-N', '5554')
    .option('--host <address>', 'console host', '127.0.0.1')
    .option('--count <n>', 'how many SMS', '100')
    .option('--over <duration>', 'spread them evenly over this long (0s: all at once)', '10s')
    .option('--senders <n>', 'distinct sender numbers', '100')
    .addOption(
      new Option('--text <kind>', 'message texts')
        .choices(['ascii', 'unicode', 'multipart', 'mixed', 'hostile'])
        .default('ascii'),
    )
    .option('--seed <n>', 'seed of senders and texts', '1')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExample:\n  $ smsgw burst --port 5554 --count 100 --over 10s')
    .action(async (flags: BurstFlags) => {
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

      const [{ arrivalOffsets, createMessageGenerator }, { inject, createMemoryInjectionLog }, { ConsoleClient }] =
        await Promise.all([
          import('../load/index'),
          import('../injection/injector'),
          import('../device/console/index'),
        ]);
      const client = await ConsoleClient.connect({ port, host: flags.host });
      const generator = createMessageGenerator({ senders, text: flags.text, seed });
      const plan = [...arrivalOffsets([{ kind: 'burst', count, overMs }])].map((atMs) => ({
        ...generator.next(),
        atMs,
      }));
      const log = createMemoryInjectionLog();
      const startedAt = Date.now();
      try {
        await inject(client, plan, log);
      } finally {
        await client.close().catch(() => undefined);
      }
      const seconds = (Date.now() - startedAt) / 1000;
      // No chaos step kills anything here, so every missing answer is unanswered, never in doubt.
      const summary = {
        sent: log.attempted,
        acknowledged: log.injections.length,
        refused: log.refusals.length,
        unanswered: log.unanswereds.length,
        seconds,
      };
      if (flags.json)
        process.stdout.write(
          `${JSON.stringify({ ...summary, refusals: log.refusals, unanswereds: log.unanswereds })}\n`,
        );
      else {
        process.stdout.write(
          `smsgw burst: ${summary.acknowledged} of ${count} SMS acknowledged by ${flags.host}:${port} in ${seconds.toFixed(1)}s`,
        );
        process.stdout.write(
          summary.refused || summary.unanswered
            ? `; ${summary.refused} refused, ${summary.unanswered} unanswered\n`
            : '\n',
        );
        for (const refusal of log.refusals.slice(0, 5))
          process.stdout.write(`  refused #${refusal.index}: ${refusal.reason}\n`);
        for (const sms of log.unanswereds.slice(0, 5))
          process.stdout.write(`  unanswered #${sms.index}: ${sms.reason}\n`);
      }
      // Not a verdict, but a script should see that the device did not take everything.
      process.exitCode = summary.acknowledged === count ? ExitCode.ok : ExitCode.verdictFailed;
    });
}
