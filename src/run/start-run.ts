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
import { deviceIdOf, FleetDevice, type FleetMember } from './fleet-device';

export interface Started {
  readonly stub: StubServer;
  /** The run's device; for a fleet, every device as one (fleet-device.ts). */
  readonly device: Device;
  /** The injector's console line to the first device. */
  readonly injectorConsole: ReconnectingConsole;
  /** Each device with its console line, in fleet order: one for a run of one device. */
  readonly fleet: readonly FleetMember[];
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

/**
 * The planted defects of device `member` (of a fleet; undefined for one device): every device's, or
 * only the one `defectsOnDevice` names.
 */
function defectsOf(run: RunContext, member: number | undefined): readonly string[] {
  const { defects = [], defectsOnDevice } = run.options;
  return defectsOnDevice === undefined || defectsOnDevice === (member ?? 1) ? defects : [];
}

/**
 * Virtual, emulator or remote, as the scenario says (`member`: which device of a fleet, from 1);
 * exit 3 when unavailable. Torn down with the run, its peak kept as it goes.
 */
async function startDevice(run: RunContext, stub: StubServer, member?: number): Promise<CreatedDevice> {
  const { scenario, options } = run;
  const created = await createDevice(member === undefined ? scenario.device : scenario.fleet[member - 1]!, {
    stub,
    secret: scenario.server.secret,
    dir: run.dir,
    ...(member === undefined ? {} : { member }),
    defects: defectsOf(run, member),
    // The first device draws as a device alone does; the others from streams of their own.
    seed: (member ?? 1) === 1 ? scenario.seed : deriveSeed(scenario.seed, `device-${member}`),
    clockSpeed: scenario.deviceClock,
    readSms: scenario.deviceReadSms,
    ...(options.appiumUrl ? { appiumUrl: options.appiumUrl } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const { device } = created;
  if (member === undefined) run.soFar.device = device;
  run.machinery.defer(member === undefined ? 'device' : `device ${member}`, async () => {
    await device.stop().catch(() => undefined);
    // After stop: the device keeps the peak of a process it read on its way down.
    await notePeakRss(run.soFar, run.soFar.device ?? device);
  });
  device.onLost?.((reason) => run.trouble.deviceLost(device.label, reason));
  return created;
}

async function startMember(run: RunContext, stub: StubServer, member?: number): Promise<FleetMember> {
  const { device, openConsole } = await startDevice(run, stub, member);
  const line = await ReconnectingConsole.open(device.consolePort, openConsole);
  run.machinery.defer(member === undefined ? 'console line' : `console line ${member}`, () =>
    line.close().catch(() => undefined),
  );
  return { index: member ?? 1, device, line };
}

/**
 * A fleet's devices one after another (starting them at once on a small machine only makes each
 * slower to come up), as one device for the rest of the run. Two devices must never share a deviceId:
 * it is part of every message id.
 */
async function startFleet(run: RunContext, stub: StubServer): Promise<FleetDevice> {
  const members: FleetMember[] = [];
  for (const member of run.scenario.fleet.keys()) members.push(await startMember(run, stub, member + 1));
  const ids = members.map((member) => deviceIdOf(member.device)).filter((id) => id !== null);
  const shared = ids.find((id, index) => ids.indexOf(id) !== index);
  if (shared !== undefined)
    throw new SmsgwError(
      'internal',
      `Two devices of the fleet share the deviceId "${shared}": their message ids would collide`,
    );
  return new FleetDevice(members);
}

export async function startRun(run: RunContext): Promise<Started> {
  const stub = await startRunStub(run);
  if (run.scenario.fleet.length > 1) {
    const fleet = await startFleet(run, stub);
    run.soFar.device = fleet;
    run.soFar.fleet = fleet;
    return { stub, device: fleet, injectorConsole: fleet.members[0]!.line, fleet: fleet.members };
  }
  const alone = await startMember(run, stub);
  return { stub, device: alone.device, injectorConsole: alone.line, fleet: [alone] };
}
