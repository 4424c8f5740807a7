// `smsgw dashboard --device <url> --stub <url>`: the live dashboard of a device and stub that are
// already running (a soak in another terminal, a CI box over an SSH tunnel). Read-only: it only polls.
import { Command } from 'commander';
import { envOption } from './option-env';
import { ExitCode, SmsgwError } from '../errors';
import { parseHttpUrl } from './option-parsers';
import { defaultFps, openProgressView, parseFps, progressMode } from './progress-view';

interface DashboardFlags {
  readonly device?: string;
  readonly stub?: string;
  readonly fps: number;
  readonly dashboard: boolean;
}

/** What the command talks to; tests pass their own. */
export interface DashboardCommandIo {
  /** Default `process.stdout`; the dashboard needs a TTY, else plain lines are printed. */
  readonly stdout?: NodeJS.WriteStream;
  /** Default `process.stdin`; keys need a TTY. */
  readonly stdin?: NodeJS.ReadStream;
  /** Default `process.stderr`. */
  readonly stderr?: NodeJS.WriteStream;
  /** Where SIGINT and SIGTERM come from. Default `process`. */
  readonly signals?: {
    once(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
    off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  };
  /** Between polls, ms. Default 1000. */
  readonly intervalMs?: number;
}

export function dashboardCommand(io: DashboardCommandIo = {}): Command {
  const { stdout = process.stdout, stdin = process.stdin, stderr = process.stderr, signals = process } = io;
  return new Command('dashboard')
    .description(
      'watch a running device and stub live: polls GET <device>/health and GET <stub>/_smsgw/stats (q quits)',
    )
    .addOption(envOption('--device <url>', 'base URL of the device health server, e.g. http://127.0.0.1:8081'))
    .addOption(envOption('--stub <url>', 'URL of the stub, e.g. http://127.0.0.1:8080 or its webhook URL'))
    .addOption(
      envOption('--fps <n>', 'redraws per second, at most')
        .default(parseFps(defaultFps), defaultFps)
        .argParser(parseFps),
    )
    .addOption(envOption('--no-dashboard', 'plain lines even on a terminal'))
    .action(async (flags: DashboardFlags) => {
      if (flags.device === undefined && flags.stub === undefined) {
        throw new SmsgwError('bad-option', 'Expected `--device <url>`, `--stub <url>` or both, got neither', {
          hint: 'smsgw dashboard --device http://127.0.0.1:8081 --stub http://127.0.0.1:8080',
        });
      }
      const deviceUrl = flags.device === undefined ? null : parseHttpUrl('--device', flags.device);
      const stubUrl = flags.stub === undefined ? null : parseHttpUrl('--stub', flags.stub);
      const { startAttachedPolling } = await import('../metrics/attach-poller');

      let finish: (code: number) => void = () => undefined;
      const finished = new Promise<number>((resolve) => (finish = resolve));
      const onSignal = (): void => finish(ExitCode.interrupted);
      signals.once('SIGINT', onSignal);
      signals.once('SIGTERM', onSignal);
      const view = await openProgressView({
        mode: progressMode(flags, stdout),
        fps: flags.fps,
        stdout,
        stderr,
        stdin,
        onQuit: () => finish(ExitCode.ok),
      });
      const polling = startAttachedPolling({
        deviceUrl,
        stubUrl,
        onSnapshot: (snapshot) => view.update(snapshot),
        ...(io.intervalMs ? { intervalMs: io.intervalMs } : {}),
      });
      const code = await finished;
      signals.off('SIGINT', onSignal);
      signals.off('SIGTERM', onSignal);
      await polling.stop();
      await view.close();
      process.exitCode = code;
    });
}
