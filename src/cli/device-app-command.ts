// `smsgw device-app` (hidden): the virtual phone's app process, started by `smsgw device` (the radio)
// with an IPC channel to it. Not for people: run `smsgw device`.
import { Command, Option } from 'commander';
import { SmsgwError } from '../errors';
import { getLogger, setLogLevel } from '../logger';
import { readConsoleAuthToken } from '../device/console/index';
import { parseDefect } from '../device/virtual/defects';
import { radioLinkOfParent } from '../device/virtual/device-messages';
import { collect, parseHttpUrl, parseNonNegativeInteger, parsePort } from './option-parsers';
import { parseSpeed } from '../units/index';

interface AppFlags {
  readonly webhook: string;
  readonly db: string;
  readonly deviceId: string;
  readonly healthPort: string;
  readonly seed: string;
  readonly authTokenFile: string;
  readonly defect: string[];
  readonly readSms: boolean;
  readonly conditions?: string;
  readonly clock: string;
  readonly clockOrigin?: string;
  readonly verbose?: boolean;
}

async function runApp(flags: AppFlags): Promise<void> {
  const radio = radioLinkOfParent();
  if (!radio)
    throw new SmsgwError('bad-option', '`smsgw device-app` is started by `smsgw device`, never by hand', {
      hint: 'run `smsgw device --webhook <url>`',
    });
  if (flags.verbose) setLogLevel('debug');
  // The radio gone (power loss, or its own exit) takes the app with it, at once: no drain.
  process.once('disconnect', () => process.exit(0));
  const stopAsked = new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  // Ctrl-C reaches the whole terminal's process group: the radio decides, and stops the app with SIGTERM.
  process.on('SIGINT', () => undefined);
  const [{ runVirtualApp }, { parseConditions }] = await Promise.all([
    import('../device/virtual/virtual-app'),
    import('../device/virtual/device-conditions'),
  ]);
  const app = await runVirtualApp(
    {
      healthPort: parsePort('--health-port', flags.healthPort),
      webhookUrl: parseHttpUrl('--webhook', flags.webhook),
      secret: process.env['SMSGW_WEBHOOK_SECRET'] || null,
      dbPath: flags.db,
      deviceId: flags.deviceId,
      authToken: readConsoleAuthToken(flags.authTokenFile),
      defects: flags.defect.map(parseDefect),
      seed: parseNonNegativeInteger('--seed', flags.seed),
      readSms: flags.readSms,
      ...(flags.conditions === undefined ? {} : { conditions: parseConditions(flags.conditions) }),
      clock: {
        speed: parseSpeed(flags.clock, '--clock'),
        originMs:
          flags.clockOrigin === undefined ? Date.now() : parseNonNegativeInteger('--clock-origin', flags.clockOrigin),
      },
      logger: getLogger('app'),
    },
    radio,
  );
  await stopAsked;
  await app.stop();
  process.disconnect?.();
}

export function deviceAppCommand(): Command {
  const command = new Command('device-app')
    .requiredOption('--webhook <url>', 'where the app POSTs each SMS')
    .requiredOption('--db <file>', "the app's queue file")
    .requiredOption('--device-id <id>', 'deviceId in every webhook')
    .requiredOption('--health-port <n>', 'port of GET /health')
    .requiredOption('--auth-token-file <file>', 'console auth token, which guards the chaos controls')
    .option('--seed <n>', 'seed of the planted defects', '1')
    .addOption(new Option('--defect <kind[:arg]>', 'a planted defect (repeatable)').argParser(collect).default([]))
    .option('--no-read-sms', 'READ_SMS denied: no recovery scan of the SMS store')
    .option('--conditions <json>', "the phone's link and Doze as the radio starts the app under them")
    .option('--clock <n>x', "the app's clock, n times the wall clock", '1x')
    .option('--clock-origin <ms>', 'the wall-clock moment the clock counts from, the same for every app of a run')
    .option('--verbose', 'log every send')
    .action(runApp);
  return command;
}
