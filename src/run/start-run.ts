// The start of a run: the stub server and its ledger, the device, and the injector's console line to
// it. Each registers its own teardown the moment it is up.
import { SmsgwError } from '../errors';
import { formatDuration } from '../units/index';
import { deriveSeed } from '../load/index';
import { startStub, type StubServer } from '../stub/index';
import { createDevice, type CreatedDevice } from '../device/create-device';
import type { Device } from '../device/core/device';
import { ReconnectingConsole } from '../injection/reconnecting-console';
import { notePeakRss, type RunContext } from './run-context';

export interface Started {
  readonly stub: StubServer;
  readonly device: Device;
  readonly injectorConsole: ReconnectingConsole;
}

/** The stub on its own thread: the injector, the trace and the dashboard never share its event loop. */
async function startRunStub(run: RunContext): Promise<StubServer> {
  const { scenario } = run;
  const stub = await startStub(
    {
      port: 0,
      faults: scenario.server.faults,
      secret: scenario.server.secret,
      ledgerPath: run.ledgerPath,
      seed: deriveSeed(scenario.seed, 'faults'),
      // Loaded by the stub's thread; `smsgw run` has already loaded it once to refuse a bad one before the run.
      handlersFile: scenario.server.handlers,
      handlersErrorCode: 'bad-scenario',
    },
    {
      onLedgerError: (error) => run.trouble.cannotRecord('ledger.sqlite', error),
      // A user's handler that throws is a 500 for that request and a line in the run's errors, never a stop.
      onHandlerError: (error, request) =>
        run.recorder.error(
          run.sinceStart(),
          `a server handler threw on ${request.method} ${new URL(request.url).pathname}, answered 500: ${error instanceof Error ? error.message : String(error)}`,
        ),
      // Nothing answers the device any more: the run stops, exit 3, its report covering what came before.
      onCrash: (error) => {
        run.recorder.error(run.sinceStart(), error.message);
        if (run.stopping.signal.aborted) return;
        const into = formatDuration(Math.round(run.sinceStart() / 1000) * 1000);
        run.trouble.caught(
          new SmsgwError(
            'stub-unavailable',
            `${error.message}, ${into} into the run. The run stops here; the report covers what happened before.`,
          ),
        );
        run.stopping.abort();
      },
    },
  );
  run.soFar.stub = stub;
  // The report reads its ledger: the stub closes once the report is written.
  run.evidence.defer('stub', () => stub.close().catch(() => undefined));
  return stub;
}

/** Virtual, emulator or remote, as the scenario says; exit 3 when unavailable. */
async function startDevice(run: RunContext, stub: StubServer): Promise<CreatedDevice> {
  const { scenario, options } = run;
  const created = await createDevice(scenario.device, {
    stub,
    secret: scenario.server.secret,
    dir: run.dir,
    defects: options.defects ?? [],
    seed: scenario.seed,
    clockSpeed: scenario.deviceClock,
    readSms: scenario.deviceReadSms,
    ...(options.appiumUrl ? { appiumUrl: options.appiumUrl } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const { device } = created;
  run.soFar.device = device;
  run.machinery.defer('device', async () => {
    await device.stop().catch(() => undefined);
    // After stop: the device keeps the peak of a process it read on its way down.
    await notePeakRss(run.soFar, device);
  });
  device.onLost?.((reason) => run.trouble.deviceLost(device.label, reason));
  return created;
}

export async function startRun(run: RunContext): Promise<Started> {
  const stub = await startRunStub(run);
  const { device, openConsole } = await startDevice(run, stub);
  const injectorConsole = await ReconnectingConsole.open(device.consolePort, openConsole);
  run.machinery.defer('console line', () => injectorConsole.close().catch(() => undefined));
  return { stub, device, injectorConsole };
}
