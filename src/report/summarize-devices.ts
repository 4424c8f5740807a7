// A fleet's devices, each judged on its own SMS: its share of the trace (the SMS injected into it,
// matched to what the server accepted), its own counts in the injection log, its own health and its
// own processes' memory peak, against the scenario's bounds. report.json's `devices`.
import type { Expectations } from '../scenario/index';
import type { DeviceHealth } from '../device/core/device';
import type { InjectionCounts } from '../injection/injection-store';
import type { DeviceTrace } from '../judge/trace';
import { evaluateDeviceVerdicts, type RunMeasurements } from '../judge/verdicts';
import { deviceSaysOf, latencyMeasurements, latencyOf, sentAndDelivered } from './measurements';
import { runPassed, type DeviceReport } from './run-report';

/** What the run recorded of one device of its fleet. */
export interface FleetMemberRecord {
  /** Its number in the fleet, from 1. */
  readonly index: number;
  readonly label: string;
  /** The deviceId it stamps on its webhooks; null when the harness cannot tell (an emulator's). */
  readonly deviceId: string | null;
  /** Its last health read; null when it never answered one. */
  readonly health: DeviceHealth | null;
  /** The kernel's peak resident memory of its processes; null when never read. */
  readonly peakRssBytes: number | null;
}

const noCounts: InjectionCounts = { attempted: 0, acknowledged: 0, inDoubt: 0, unanswered: 0, refused: 0 };

const noTrace: DeviceTrace = {
  delivered: 0,
  lost: 0,
  unansweredDelivered: 0,
  unansweredLost: 0,
  duplicates: 0,
  inDoubtDelivered: 0,
  latenciesMs: new Float64Array(0),
  lostSamples: [],
};

/** One device's measurements, shaped as the fleet's: what only the fleet has is left unmeasured, and not judged per device. */
function measureDevice(member: FleetMemberRecord, counts: InjectionCounts, trace: DeviceTrace): RunMeasurements {
  const { sent, delivered } = sentAndDelivered(counts, trace);
  return {
    injected: counts.acknowledged,
    sent,
    delivered,
    lost: trace.lost,
    duplicates: trace.duplicates,
    refused: counts.refused,
    unanswered: { count: counts.unanswered, neverDelivered: trace.unansweredLost },
    gaveUp: member.health?.engine.gaveUp ?? null,
    successRate: sent === 0 ? null : delivered / sent,
    ...latencyMeasurements(trace.latenciesMs),
    deviceRssBytes: member.peakRssBytes,
    drainedWithinMs: null,
    dashboardMatchesServer: null,
    corrupted: { count: 0, samples: [] },
    deviceSays: trace.lost > 0 ? deviceSaysOf(member.health) : null,
  };
}

export interface FleetFacts {
  readonly fleet: readonly FleetMemberRecord[];
  /** The injection log's counts, by device. */
  readonly counts: ReadonlyMap<number, InjectionCounts>;
  /** The trace's figures, by device. */
  readonly traces: ReadonlyMap<number, DeviceTrace>;
  readonly expect: Expectations;
  /** Why the run did not reach its end, as the fleet's verdicts say it; null when it did. */
  readonly cutShort: string | null;
}

/** Each device of the fleet, judged by the scenario's bounds on its own SMS. */
export function summarizeDevices({ fleet, counts, traces, expect, cutShort }: FleetFacts): DeviceReport[] {
  return fleet.map((member) => {
    const own = counts.get(member.index) ?? noCounts;
    const trace = traces.get(member.index) ?? noTrace;
    const measured = measureDevice(member, own, trace);
    const verdicts = evaluateDeviceVerdicts(expect, measured, cutShort);
    return {
      index: member.index,
      id: member.deviceId ?? member.label,
      label: member.label,
      passed: runPassed(verdicts),
      counts: {
        sent: measured.sent,
        injected: own.acknowledged,
        refused: own.refused,
        unanswered: own.unanswered,
        inDoubt: own.inDoubt,
        delivered: trace.delivered,
        lost: trace.lost,
        gaveUp: measured.gaveUp,
        duplicates: trace.duplicates,
      },
      latency: latencyOf(trace.latenciesMs),
      peakRssBytes: member.peakRssBytes,
      verdicts,
    };
  });
}

/** One line a device, under the verdict table: `device 2 virtual-3f2a…: injected 500, delivered 500, lost 0, duplicates 0, PASSED`. */
export function deviceLine(device: DeviceReport): string {
  const { counts } = device;
  const failed = device.verdicts.filter((verdict) => verdict.result === 'fail').map((verdict) => verdict.name);
  const result = device.passed ? 'PASSED' : failed.length > 0 ? `FAILED (${failed.join(', ')})` : 'NOT JUDGED';
  return `device ${device.index} ${device.id}: injected ${counts.injected}, delivered ${counts.delivered}, lost ${counts.lost}, duplicates ${counts.duplicates}, ${result}`;
}
