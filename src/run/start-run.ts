// The start of a run: the stub server and its ledger, the device, and the injector's console line to
// it. Each registers its own teardown the moment it is up.
import { deriveSeed } from '../load/index';
import { loadUserHandlers, startStub, type StubServer } from '../stub/index';
import { createDevice, type CreatedDevice } from '../device/create-device';
import type { Device } from '../device/core/device';
import { ReconnectingConsole } from '../injection/reconnecting-console';
import { notePeakRss, type RunContext } from './run-context';

export interface Started {
  readonly stub: StubServer;
  readonly device: Device;
  readonly injectorConsole: ReconnectingConsole;
}

async function startRunStub(run: RunContext): Promise<StubServer> {
  const { scenario } = run;
  const handlersFile = scenario.server.handlers;
  const stub = await startStub(
    {
      port: 0,
      faults: scenario.server.faults,
      secret: scenario.server.secret,
      ledgerPath: run.ledgerPath,
      seed: deriveSeed(scenario.seed, 'faults'),
      handlers: handlersFile === null ? [] : await loadUserHandlers(handlersFile, 'bad-scenario'),
    },
    {
      onLedgerError: (error) => run.trouble.cannotRecord('ledger.sqlite', error),
      // A user's handler that throws is a 500 for that request and a line in the run's errors, never a stop.
      onHandlerError: (error, request) =>
        run.recorder.error(
          run.sinceStart(),
          `a server handler threw on ${request.method} ${new URL(request.url).pathname}, answered 500: ${error instanceof Error ? error.message : String(error)}`,
        ),
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
