// A fleet (`devices:`) as the rest of the run sees one device: its health is every device's summed
// (queues, counts) and worst (status), answered only when every device answered, so the drain never
// ends while one device still holds SMS; its memory peak is the highest of any device's own peak. The
// devices stay reachable one by one for what is per device: the injector's consoles, chaos steps,
// and the report's and the dashboard's rows.
import type { BreakerState, Health } from '../../android-app/src/engine/types';
import type { Device, DeviceHealth } from '../device/core/device';
import type { InjectionCounts } from '../injection/injection-store';
import type { ReconnectingConsole } from '../injection/reconnecting-console';
import type { DeviceRow } from '../metrics/metrics-snapshot';
import type { FleetMemberRecord } from '../report/summarize-devices';

/** One device of the fleet, as the run started it. */
export interface FleetMember {
  /** Its number in the fleet, from 1: chaos steps and reports name it so. */
  readonly index: number;
  readonly device: Device;
  /** The injector's console line to it. */
  readonly line: ReconnectingConsole;
}

/** The deviceId a device stamps on its webhooks, when it tells (the virtual device does). */
export function deviceIdOf(device: Device): string | null {
  const id = (device as { readonly deviceId?: unknown }).deviceId;
  return typeof id === 'string' && id !== '' ? id : null;
}

const statusRank: Record<Health['status'], number> = { healthy: 0, degraded: 1, down: 2 };
const breakerRank: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** The largest of the figures the devices gave; null when none gave one. */
function highest(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : Math.max(...known);
}

/** The first of the devices' reasons-with-a-category (a pause), named after its device. */
function firstOf<T extends { readonly reason: string }>(
  engines: readonly Health[],
  pick: (engine: Health) => T | null,
): T | null {
  for (const [index, engine] of engines.entries()) {
    const found = pick(engine);
    if (found) return { ...found, reason: `device ${index + 1}: ${found.reason}` };
  }
  return null;
}

/** The newest of the devices' last errors, named after its device. */
function latestError(engines: readonly Health[]): Health['lastError'] {
  let latest: Health['lastError'] = null;
  for (const [index, engine] of engines.entries()) {
    const error = engine.lastError;
    if (error && (latest === null || error.at > latest.at))
      latest = { ...error, message: `device ${index + 1}: ${error.message}` };
  }
  return latest;
}

/** The fleet's engine: counts summed; status, breaker and network the worst; latencies the slowest device's. */
function combineEngines(engines: readonly Health[]): Health {
  const total = (key: 'queueSize' | 'pending' | 'retrying' | 'sending' | 'failed' | 'delivered'): number =>
    sum(engines.map((engine) => engine[key]));
  const worst = engines.reduce((a, b) => (statusRank[b.status] > statusRank[a.status] ? b : a));
  const breaker = engines.reduce((a, b) => (breakerRank[b.breaker] > breakerRank[a.breaker] ? b : a)).breaker;
  const rates = engines.map((engine) => engine.successRate24h).filter((rate): rate is number => rate !== null);
  return {
    status: worst.status,
    reasons: engines.flatMap((engine, index) => engine.reasons.map((reason) => `device ${index + 1}: ${reason}`)),
    queueSize: total('queueSize'),
    pending: total('pending'),
    retrying: total('retrying'),
    sending: total('sending'),
    failed: total('failed'),
    delivered: total('delivered'),
    deliveredToday: sum(engines.map((engine) => engine.deliveredToday)),
    totalToday: sum(engines.map((engine) => engine.totalToday)),
    successRate24h: rates.length === 0 ? null : Math.min(...rates),
    oldestPendingAgeMs: Math.max(...engines.map((engine) => engine.oldestPendingAgeMs)),
    latencyP50Ms: highest(engines.map((engine) => engine.latencyP50Ms)),
    latencyP95Ms: highest(engines.map((engine) => engine.latencyP95Ms)),
    lastError: latestError(engines),
    network: engines.every((engine) => engine.network === 'online') ? 'online' : 'offline',
    dispatcherRunning: engines.every((engine) => engine.dispatcherRunning),
    paused: firstOf(engines, (engine) => engine.paused),
    lastRunAt: highest(engines.map((engine) => engine.lastRunAt)),
    breaker,
    generatedAt: Math.max(...engines.map((engine) => engine.generatedAt)),
    receiverPaused: firstOf(engines, (engine) => engine.receiverPaused),
    inFlight: sum(engines.map((engine) => engine.inFlight)),
    failed24h: sum(engines.map((engine) => engine.failed24h)),
    gaveUp: sum(engines.map((engine) => engine.gaveUp)),
  };
}

/**
 * The fleet's health from every device's, in fleet order. The memory figure is the largest device's
 * (`device_rss` bounds a phone), the backlog summed, like the queue.
 */
export function combineHealth(healths: readonly DeviceHealth[]): DeviceHealth {
  return {
    engine: combineEngines(healths.map((health) => health.engine)),
    rssBytes: highest(healths.map((health) => health.rssBytes)),
    backlog: sum(healths.map((health) => health.backlog ?? 0)),
  };
}

/** What the fleet knows of one of its devices between samples. */
interface MemberState {
  health: DeviceHealth | null;
  /** Whether it answered the latest health poll. */
  answered: boolean;
  peakRssBytes: number | null;
}

/** The fleet as one Device; every device of it is also reachable through `members`. */
export class FleetDevice implements Device {
  readonly kind;
  readonly label: string;
  readonly consolePort: number;
  /** A fleet has no one health URL: the Health screen check (`--metrics appium`) is for one device. */
  readonly healthUrl = null;
  readonly chaosActions;
  readonly databasePath = null;
  private readonly states: MemberState[];

  constructor(readonly members: readonly FleetMember[]) {
    const devices = members.map((member) => member.device);
    this.kind = devices[0]!.kind;
    this.label = `fleet of ${devices.length} (${devices.map((device) => device.label).join(', ')})`;
    this.consolePort = devices[0]!.consolePort;
    this.chaosActions = devices[0]!.chaosActions.filter((action) =>
      devices.every((device) => device.chaosActions.includes(action)),
    );
    this.states = members.map(() => ({ health: null, answered: false, peakRssBytes: null }));
  }

  /** Every device's health, combined; throws, naming the device, when one did not answer. */
  async health(): Promise<DeviceHealth> {
    const answers = await Promise.allSettled(this.members.map((member) => member.device.health()));
    answers.forEach((answer, index) => {
      const state = this.states[index]!;
      state.answered = answer.status === 'fulfilled';
      if (answer.status === 'fulfilled') state.health = answer.value;
    });
    const missed = answers.findIndex((answer) => answer.status === 'rejected');
    if (missed >= 0) {
      const { reason } = answers[missed] as PromiseRejectedResult;
      throw new Error(`device ${missed + 1}: ${reason instanceof Error ? reason.message : String(reason)}`, {
        cause: reason,
      });
    }
    return combineHealth(answers.map((answer) => (answer as PromiseFulfilledResult<DeviceHealth>).value));
  }

  /** Each device's own kernel peak, kept; the fleet's is the highest of them. */
  async peakRssBytes(): Promise<number | null> {
    const peaks = await Promise.all(this.members.map((member) => member.device.peakRssBytes().catch(() => null)));
    peaks.forEach((peak, index) => {
      const state = this.states[index]!;
      if (peak !== null) state.peakRssBytes = Math.max(state.peakRssBytes ?? 0, peak);
    });
    return highest(this.states.map((state) => state.peakRssBytes));
  }

  /** Each device's processes by name, prefixed with its number: `device-2 app`. */
  async residentBytes(): Promise<Readonly<Record<string, number>>> {
    const each = await Promise.all(
      this.members.map((member) => member.device.residentBytes?.().catch(() => ({})) ?? Promise.resolve({})),
    );
    return Object.fromEntries(
      each.flatMap((processes, index) =>
        Object.entries(processes).map(([name, bytes]) => [`device-${index + 1} ${name}`, bytes]),
      ),
    );
  }

  /** What the report keeps of each device: its id, its last health, its own peak. */
  records(): FleetMemberRecord[] {
    return this.members.map((member, index) => ({
      index: member.index,
      label: member.device.label,
      deviceId: deviceIdOf(member.device),
      health: this.states[index]!.health,
      peakRssBytes: this.states[index]!.peakRssBytes,
    }));
  }

  /** The dashboard's row for each device: the injection log's counts of it beside its own latest health. */
  rows(counts: ReadonlyMap<number, InjectionCounts>): DeviceRow[] {
    return this.members.map((member, position) => {
      const { health, answered, peakRssBytes } = this.states[position]!;
      const own = counts.get(member.index);
      return {
        index: member.index,
        label: member.device.label,
        status: health === null ? null : answered ? health.engine.status : 'unreachable',
        sent: own?.attempted ?? 0,
        acknowledged: own?.acknowledged ?? 0,
        queueSize: health?.engine.queueSize ?? null,
        delivered: health?.engine.delivered ?? null,
        peakRssBytes,
      };
    });
  }

  async setNetwork(online: boolean): Promise<void> {
    await Promise.all(this.members.map((member) => member.device.setNetwork(online)));
  }

  async setDiskFull(full: boolean): Promise<void> {
    await Promise.all(this.members.map((member) => member.device.setDiskFull(full)));
  }

  async kill(): Promise<void> {
    await Promise.all(this.members.map((member) => member.device.kill()));
  }

  async restart(): Promise<void> {
    await Promise.all(this.members.map((member) => member.device.restart()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.map((member) => member.device.stop()));
  }
}
