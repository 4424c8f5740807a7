// `smsgw emulator list | boot | stop`: a real Android emulator, driven with the SDK's own tools.
import os from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { envOption, secretOnCommandLine, secretOption } from './option-env';
import { checkConsolePort, systemRunner } from '../device/emulator/adb';
import { emulatorDefaults as defaults } from '../device/emulator/defaults';
import {
  adbKitOf,
  bootEmulator,
  listAvds,
  prepareApp,
  requireSdk,
  type EmulatorEnvironment,
} from '../device/emulator/emulator-control';
import { parseDuration } from '../units/index';
import { parseHttpUrl, parsePort } from './option-parsers';

const environment = (): EmulatorEnvironment => ({ runner: systemRunner, env: process.env, home: os.homedir() });

interface BootFlags {
  readonly avd?: string;
  readonly port: string;
  readonly timeout: string;
  readonly apk?: string;
  readonly webhook?: string;
  readonly secret?: string;
}

function listCommand(): Command {
  return new Command('list').description('list the AVDs and the running emulators and phones').action(async () => {
    const env = environment();
    const tools = requireSdk(env);
    const kit = await adbKitOf(env, tools.adb);
    const [avds, devices] = await Promise.all([listAvds(env, tools), kit.devices()]);
    process.stdout.write(`AVDs: ${avds.join(', ') || 'none (create one with avdmanager)'}\n`);
    for (const device of devices) process.stdout.write(`${device.serial}  ${device.state}  ${device.model ?? ''}\n`);
    if (devices.length === 0) process.stdout.write('no device running\n');
  });
}

function bootCommand(): Command {
  return new Command('boot')
    .description('boot an AVD headless, wait for it, and (with --apk / --webhook) install and configure the app')
    .addOption(envOption('--avd <name>', 'the AVD to boot (default: the first listed)'))
    .addOption(envOption('--port <n>', 'console port, even, 5554..5682').default(String(defaults.consolePort)))
    .addOption(envOption('--timeout <duration>', 'how long to wait for sys.boot_completed').default('5m'))
    .addOption(envOption('--apk <file>', 'install this APK, grant RECEIVE_SMS, exempt it from battery optimisation'))
    .addOption(
      envOption('--webhook <url>', 'configure the app to POST here (adb reverse makes a 127.0.0.1 port reachable)'),
    )
    .addOption(
      secretOption('webhook signing secret for the app; every user sees it in `ps`: set SMSGW_WEBHOOK_SECRET instead'),
    )
    .addHelpText(
      'after',
      '\nEnvironment:\n  SMSGW_WEBHOOK_SECRET  the webhook signing secret, kept out of `ps` (--secret wins over it)',
    )
    .action(async (flags: BootFlags, command: Command) => {
      // Any user of this machine reads another's argument list (`ps -ef`, /proc/<pid>/cmdline).
      if (secretOnCommandLine(command))
        process.stderr.write(
          'smsgw emulator boot: warning: --secret shows the secret to every user of this machine in `ps`; set SMSGW_WEBHOOK_SECRET instead\n',
        );
      const port = checkConsolePort(parsePort('--port', flags.port));
      const timeoutMs = parseDuration(flags.timeout, '--timeout');
      const webhookUrl = flags.webhook === undefined ? undefined : parseHttpUrl('--webhook', flags.webhook);
      const env = environment();
      const logPath = join(os.tmpdir(), `smsgw-emulator-${port}.log`);
      const serial = await bootEmulator(env, {
        avd: flags.avd,
        port,
        timeoutMs,
        logPath,
        onProgress: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${serial} booted (log: ${logPath})\n`);
      if (flags.apk || webhookUrl) {
        const reversePort =
          webhookUrl && ['127.0.0.1', 'localhost'].includes(new URL(webhookUrl).hostname)
            ? Number(new URL(webhookUrl).port) || 80
            : undefined;
        await prepareApp(env, await adbKitOf(env, requireSdk(env).adb), {
          serial,
          apk: flags.apk,
          reversePort,
          webhookUrl,
          secret: flags.secret ?? (process.env['SMSGW_WEBHOOK_SECRET'] || null),
        });
        process.stdout.write(`${serial}: app ready${webhookUrl ? `, posting to ${webhookUrl}` : ''}\n`);
      }
    });
}

function stopCommand(): Command {
  return new Command('stop')
    .description('stop a running emulator')
    .addOption(envOption('--serial <serial>', 'which one').default(`emulator-${defaults.consolePort}`))
    .action(async (flags: { serial: string }) => {
      const env = environment();
      await (await adbKitOf(env, requireSdk(env).adb)).device(flags.serial).emu(['kill']);
      process.stdout.write(`${flags.serial} stopped\n`);
    });
}

export function emulatorCommand(): Command {
  return new Command('emulator')
    .description('list, boot and stop Android emulators (needs the Android SDK; see `smsgw doctor`)')
    .addCommand(listCommand())
    .addCommand(bootCommand())
    .addCommand(stopCommand());
}
