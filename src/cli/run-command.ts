// `smsgw run <scenario…>`: runs each scenario in turn and exits with the worst outcome.
import { Command } from 'commander';
import { ExitCode, SmsgwError } from '../errors';
import type { RunReport } from '../report/run-report';
import type { Scenario } from '../scenario/index';
import { defaultFps, openProgressView, parseFps, progressMode } from './progress-view';
import { parseDuration } from '../units/index';
import { capacityWarning, newestStubCapacity } from './capacity-warning';
import { parseDefect } from '../device/virtual/defects';
import { addScenarioOptions, loadScenarios, type ScenarioFlags } from './load-scenarios';
import { envOption, repeatable } from './option-env';
import {
  addMetricsLingerOption,
  addMetricsPortOption,
  serveRunMetrics,
  type MetricsPortFlags,
  type RunMetricsEndpoint,
} from './metrics-port';
import { parseShard, shardLabel, shardMessageCount, type Shard } from '../load/shard';
import { totalMessages } from '../scenario/step-size';

interface RunFlags extends ScenarioFlags, MetricsPortFlags {
  readonly reports: string;
  /** Not a flag: the endpoint `--metrics-port` serves, started before the first run. */
  readonly live?: RunMetricsEndpoint;
  /** One JSON array of every report on stdout. */
  readonly json?: boolean;
  /** One report a line on stdout, each as its run ends. */
  readonly ndjson?: boolean;
  readonly quiet?: boolean;
  readonly dashboard: boolean;
  readonly fps: number;
  readonly defect: string[];
  readonly metrics: 'plain' | 'appium';
  readonly appium?: string;
  readonly checkpointEvery?: number;
  readonly redact?: boolean;
  readonly shard?: Shard;
}

const exitCodeOf = (report: RunReport): number =>
  report.status === 'passed'
    ? ExitCode.ok
    : report.status === 'interrupted'
      ? ExitCode.interrupted
      : ExitCode.verdictFailed;

const useColor = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

/** `q` on the dashboard asks to stop; Ctrl-C and SIGTERM do the same from outside. */
class Stopper {
  private readonly controller = new AbortController();
  /** `q` stopped the run: the dashboard said "teardown" itself, and a line says so once it is closed. */
  private byKey = false;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stoppedByKey(): boolean {
    return this.byKey;
  }

  stop(how: 'signal' | 'key'): void {
    // The dashboard owns the terminal while it runs: it says "teardown" itself, no stray line.
    if (how === 'key') this.byKey = true;
    else if (!this.controller.signal.aborted)
      process.stderr.write('\nsmsgw: interrupted, tearing down and writing a partial report…\n');
    this.controller.abort();
  }

  /** Ctrl-C and SIGTERM stop the run, until `work` is done. */
  async onSignals<T>(work: () => Promise<T>): Promise<T> {
    const interrupt = (): void => this.stop('signal');
    process.on('SIGINT', interrupt);
    process.on('SIGTERM', interrupt);
    try {
      return await work();
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  }
}

async function runOne(file: string, scenario: Scenario, flags: RunFlags, stopper: Stopper): Promise<RunReport> {
  // Loaded here, not at the top: `smsgw device` shares this program and should not pay for msw.
  const [{ runScenario }, { verdictTable }, { createLoadGate }, { redactByDefault }] = await Promise.all([
    import('../run/run-scenario'),
    import('../report/verdict-table'),
    import('../injection/load-gate'),
    import('../report/redact'),
  ]);
  const overCapacity = capacityWarning(scenario, newestStubCapacity());
  if (overCapacity) process.stderr.write(`${overCapacity}\n`);
  const mode = progressMode({ ...flags, json: flags.json === true || flags.ndjson === true }, process.stdout);
  if (mode === 'lines') process.stderr.write(`smsgw: ${scenario.name} — ${scenario.description}\n`);
  const redact = flags.redact ?? redactByDefault();
  if (redact && flags.shard)
    process.stderr.write(
      "smsgw: warning: --redact removes the run's databases at its end, and `smsgw report merge` needs them to judge the shards; run each shard with --no-redact (the SMS are made up: +1555 numbers, generated texts)\n",
    );
  const gate = createLoadGate();
  const measureHealthScreen = flags.metrics === 'appium' ? await healthScreenMeter(flags.appium) : undefined;
  const view = await openProgressView({
    mode,
    fps: flags.fps,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    onQuit: () => stopper.stop('key'),
    onTogglePause: () => gate.toggle(),
  });
  let outcome;
  try {
    outcome = await runScenario(scenario, {
      file,
      reportsDir: flags.reports,
      redact,
      defects: flags.defect,
      signal: stopper.signal,
      gate,
      measureHealthScreen: measureHealthScreen,
      ...(flags.appium ? { appiumUrl: flags.appium } : {}),
      ...(flags.shard ? { shard: flags.shard } : {}),
      ...(flags.live ? { liveMetrics: flags.live.exporter } : {}),
      onProgress: (snapshot) => view.update(snapshot),
      ...(flags.checkpointEvery === undefined ? {} : { checkpointEveryMs: flags.checkpointEvery }),
    });
  } finally {
    await view.close();
    // Stopped (Ctrl-C, `q`): whoever stopped it wants out, not a wait for Prometheus.
    if (!stopper.signal.aborted) await flags.live?.afterRun();
  }
  const { report, dir } = outcome;
  if (flags.ndjson) process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (!flags.json)
    process.stdout.write(
      `\n${verdictTable(report, { color: useColor() })}\nreport: ${dir}/report.json\ncharts: ${dir}/report.html\n`,
    );
  return report;
}

/** Builds the web Health screen now (with its progress line, before any dashboard owns the terminal) and returns the meter. */
async function healthScreenMeter(appiumUrl: string | undefined) {
  const [{ ensureWebBuild }, { checkScreenPackages, measureHealthScreen }] = await Promise.all([
    import('../device/web/web-build'),
    import('../device/appium/measure-health-screen'),
  ]);
  checkScreenPackages('web', appiumUrl === undefined);
  await ensureWebBuild((line) => process.stderr.write(`${line}\n`));
  return (target: { healthUrl: string; stubStats: { accepted: number } }) =>
    measureHealthScreen({ ...target, ...(appiumUrl ? { appiumUrl } : {}) });
}

/**
 * Runs the scenarios one after another, until one is stopped; the worst exit code of them. With
 * `--json`, the reports of the runs that ended (a stopped one's too) are one JSON array, printed once
 * whatever stops the rest, so stdout is always a single document.
 */
async function runAll(files: readonly string[], scenarios: readonly Scenario[], flags: RunFlags, stopper: Stopper) {
  let worst: number = ExitCode.ok;
  const reports: RunReport[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const report = await runOne(file, scenarios[index]!, flags, stopper);
      reports.push(report);
      worst = Math.max(worst, exitCodeOf(report));
      if (stopper.signal.aborted) break;
    }
  } catch (error) {
    if (stopper.signal.aborted && !(error instanceof SmsgwError)) worst = ExitCode.interrupted;
    else throw error;
  } finally {
    if (flags.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  }
  return worst;
}

/** A shard with no SMS of its own (`--shard 8/8` of a 5-SMS load) would judge nothing: bad input, before anything starts. */
function refuseEmptyShard(files: readonly string[], scenarios: readonly Scenario[], shard: Shard): void {
  for (const [index, scenario] of scenarios.entries()) {
    const total = totalMessages(scenario.load);
    if (shardMessageCount(total, shard) > 0) continue;
    throw new SmsgwError(
      'bad-option',
      `Shard ${shardLabel(shard)} of ${files[index]} has no SMS: its load sends ${total} in all, so it splits into at most ${total} shard(s)`,
    );
  }
}

async function runScenarios(files: string[], flags: RunFlags): Promise<void> {
  const scenarios = await loadScenarios(files, flags);
  if (flags.shard) refuseEmptyShard(files, scenarios, flags.shard);
  // Before a stub or a device starts: a folder that cannot keep the reports is exit 3, with its reason.
  const { prepareReportsFolder } = await import('../run/prepare-reports-folder');
  await prepareReportsFolder(flags.reports);
  // Before a stub or a device starts too: a taken port is exit 3, in one line.
  const live = await serveRunMetrics(flags);
  const stopper = new Stopper();
  const worst = await stopper
    .onSignals(() => runAll(files, scenarios, live ? { ...flags, live } : flags, stopper))
    .finally(() => live?.close());
  if (stopper.stoppedByKey)
    process.stderr.write('smsgw: stopped with q; the run was torn down and a partial report written\n');
  process.exitCode = worst;
}

/** The flags that pick what a run measures, plants and writes. */
function addRunOptions(command: Command): Command {
  return (
    command
      .addOption(
        envOption(
          '--defect <kind[:arg]>',
          'plant a defect in the virtual device: drop:0.1%, duplicate:0.1%, mangle:0.1%, latency:500ms, leak[:256KB], skip-signature, wrong-dashboard, hang:1%, refuse:1%, spike[:300MB], dedupe-content, no-recovery, ack-before-commit, retry-budget[:2], follow-redirects, ignore-tls (repeatable; in the variable, one per line)',
        )
          // Read here, so a typo is bad input (exit 2) with the list of kinds, not a device that failed to start.
          .argParser(repeatable((value: string) => (parseDefect(value), value)))
          .default([]),
      )
      .addOption(
        envOption(
          '--metrics <how>',
          'plain: read /health; appium: also scrape the Health screen (verdict dashboard_matches_server)',
        )
          .choices(['plain', 'appium'])
          .default('plain'),
      )
      .addOption(
        envOption(
          '--appium <url>',
          'an Appium server or grid to use instead of starting one (--metrics appium, device: emulator); required for device: remote',
        ),
      )
      .addOption(
        envOption('--redact', 'mask phone numbers and hash texts in every report file (default when CI is set)'),
      )
      .addOption(envOption('--no-redact', 'keep phone numbers and texts in reports, even under CI'))
      .addOption(
        envOption(
          '--shard <k/n>',
          "send only the k-th of n disjoint slices of the load (SMS k, k+n, k+2n, … at their usual moments), chaos steps on this run's own device; `smsgw report merge` judges the n runs as one (keep their databases: --no-redact)",
        ).argParser((value: string) => parseShard(value)),
      )
      // Hidden: the e2e test of a killed soak needs checkpoints within seconds, not every 2 minutes.
      .addOption(
        envOption('--checkpoint-every <duration>', 'rewrite the report this often during the run')
          .hideHelp()
          .argParser((value: string) => parseDuration(value, '--checkpoint-every')),
      )
  );
}

export function runCommand(): Command {
  const command = new Command('run')
    .description('run load scenarios against a device and judge them (exit 0 pass, 1 verdict failed)')
    .addHelpText(
      'after',
      "\nCapacity check: a scenario whose peak rate is above half the stub's measured capacity gets a warning on stderr\n" +
        '(not a failure). The capacity is the stub-capacity figure (stub-capacity-signed for a scenario with a secret) of\n' +
        'the newest reports/bench/*.json that `npm run bench` wrote in this directory; with none, the check is skipped.\n\n' +
        'Chaos steps: `kill: device` cuts the power (virtual: radio and app die, then boot; emulator: `emu kill`, then a\n' +
        'cold boot), `kill: app` SIGKILLs the app alone (`restart: 2s`: started again then if no SMS started it first;\n' +
        'default 1s), `force-stop: app` with `for` stops it until it is opened again (emulator: `am force-stop`);\n' +
        '`network: off`, `disk: full` and `db: locked` take a `for`. `network: { delay: umts }` and\n' +
        '`network: { speed: gsm }` slow the link and `gsm: { data: off }` cuts mobile data, through the console\n' +
        "(the emulator's own `network delay|speed` and `gsm data`; the virtual device answers them too), set back\n" +
        'after `for`; `doze: on` with `for` lets the app send only in maintenance windows (emulator: `dumpsys\n' +
        'deviceidle force-idle`). An emulator takes every step but `disk: full` and `db: locked`, a remote phone\n' +
        'none; any other step exits 2 before the run.',
    )
    .argument('<scenario...>', 'scenario YAML files, run one after another')
    .addOption(envOption('--reports <dir>', 'where each run writes reports/<run-id>/').default('reports'))
    .addOption(
      envOption('--json', 'print the reports on stdout as one JSON array, instead of the verdict table').conflicts(
        'ndjson',
      ),
    )
    .addOption(envOption('--ndjson', 'print each report on stdout as one line of JSON as its run ends'))
    .addOption(envOption('--quiet', 'no dashboard and no progress lines'))
    .addOption(envOption('--no-dashboard', 'plain progress lines even on a terminal'))
    .addOption(
      envOption('--fps <n>', 'dashboard redraws per second, at most')
        .default(parseFps(defaultFps), defaultFps)
        .argParser(parseFps),
    );
  const withMetrics = addMetricsPortOption(addRunOptions(addScenarioOptions(command)), "each run's live figures");
  return addMetricsLingerOption(withMetrics).action(runScenarios);
}
