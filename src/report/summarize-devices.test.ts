import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { openLedger, type LedgerRow } from '../stub/ledger';
import { openInjectionStore, type InjectionStore } from '../injection/injection-store';
import { healthOf } from '../../test/support/metrics-kit';
import { junitXml } from './junit';
import { htmlReport } from './html-report';
import { summarizeRun, type RunRecord } from './summarize-run';
import type { FleetMemberRecord } from './summarize-devices';
import { verdictTable } from './verdict-table';

const dirs: string[] = [];
const stores: InjectionStore[] = [];
afterEach(() => {
  stores.splice(0).forEach((store) => store.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const scenario = parseScenario(
  'name: fleet\ndevices: 3\nload: [ { burst: { count: 12, over: 1s } } ]\nexpect:\n  p95_latency: "< 1s"\n  device_rss: "< 200MB"\n',
  'fleet.yaml',
);

/** The sender of device `device`'s SMS: each device of a fleet has senders of its own. */
const senderOf = (device: number): string => `+1555000000${device}`;

interface Delivery {
  readonly device: number;
  /** Ms from its injection to its 2xx; omitted, never delivered. */
  readonly afterMs?: number;
  /** Accepted again under a second key. */
  readonly twice?: boolean;
}

/** A fleet's injection log and the stub's ledger on disk: SMS `n` went to `deliveries[n].device`. */
function fleetRun(deliveries: readonly Delivery[]) {
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-fleet-'));
  dirs.push(dir);
  const ledgerPath = join(dir, 'ledger.sqlite');
  const ledger = openLedger(ledgerPath);
  const log = openInjectionStore(join(dir, 'injections.sqlite'));
  stores.push(log);
  const row = (overrides: Partial<LedgerRow>): LedgerRow => ({
    messageId: null,
    arrivedAt: 0,
    from: null,
    text: null,
    deviceId: null,
    seq: 1,
    status: 200,
    faults: [],
    signatureValid: true,
    outcome: 'accepted',
    durationMs: 1,
    ...overrides,
  });
  deliveries.forEach(({ device, afterMs, twice }, index) => {
    const sms = { index, sender: senderOf(device), text: `hello #${index}`, injectedAt: 1000 + index, device };
    log.sending?.(sms);
    log.acknowledged(sms);
    if (afterMs === undefined) return;
    const accepted = { from: sms.sender, text: sms.text, arrivedAt: sms.injectedAt + afterMs, deviceId: `d${device}` };
    ledger.record(row({ ...accepted, messageId: `k${index}` }));
    if (twice) ledger.record(row({ ...accepted, messageId: `k${index}-again`, arrivedAt: accepted.arrivedAt + 1 }));
  });
  ledger.close();
  return { log, ledgerPath };
}

const member = (index: number, overrides: Partial<FleetMemberRecord> = {}): FleetMemberRecord => ({
  index,
  label: `virtual:${5000 + index}`,
  deviceId: `virtual-${index}`,
  health: healthOf({ gaveUp: 0 }),
  peakRssBytes: 120e6,
  ...overrides,
});

function record(deliveries: readonly Delivery[], fleet: readonly FleetMemberRecord[]): RunRecord {
  const { log, ledgerPath } = fleetRun(deliveries);
  return {
    scenario,
    file: 'fleet.yaml',
    runId: 'r',
    startedAt: new Date(0),
    loadStartedAt: 0,
    loadEndedAt: 1_000,
    drainedAt: 1_200,
    planned: deliveries.length,
    log,
    ledgerPath,
    stubStats: {},
    deviceHealth: healthOf({ gaveUp: 0 }),
    // The run keeps the fleet's peak as the highest of its devices' own.
    peakRssBytes: Math.max(...fleet.map((each) => each.peakRssBytes ?? 0)),
    timeline: [],
    interrupted: false,
    failure: null,
    environment: {},
    fleet,
  };
}

/** `count` SMS round-robin over the three devices, every one delivered 10 ms after its injection. */
const healthyLoad = (count = 12): Delivery[] =>
  Array.from({ length: count }, (_, index) => ({ device: (index % 3) + 1, afterMs: 10 }));
const fleetOfThree = [member(1), member(2), member(3)];

const resultsOf = (verdicts: readonly { name: string; result: string }[]) =>
  Object.fromEntries(verdicts.map((verdict) => [verdict.name, verdict.result]));

describe('judging a fleet per device', () => {
  it('judges every device on its own SMS and passes a fleet that lost nothing', () => {
    const { report } = summarizeRun(record(healthyLoad(), fleetOfThree));
    expect(report.status).toBe('passed');
    expect(report.devices?.map((device) => [device.index, device.id, device.counts.injected, device.passed])).toEqual([
      [1, 'virtual-1', 4, true],
      [2, 'virtual-2', 4, true],
      [3, 'virtual-3', 4, true],
    ]);
    expect(report.devices?.[0]?.verdicts.map((verdict) => verdict.name)).toEqual([
      'lost',
      'duplicates',
      'refused',
      'unanswered',
      'gave_up',
      'p95_latency',
      'device_rss',
    ]);
  });

  it("fails the device that lost an SMS, and the fleet's lost, while the other devices pass", () => {
    const load = healthyLoad();
    load[4] = { device: 2 }; // device 2's second SMS never reached the server
    const { report } = summarizeRun(record(load, fleetOfThree));
    expect(report.counts.lost).toBe(1);
    expect(resultsOf(report.verdicts).lost).toBe('fail');
    expect(report.devices?.map((device) => [device.counts.lost, resultsOf(device.verdicts).lost])).toEqual([
      [0, 'pass'],
      [1, 'fail'],
      [0, 'pass'],
    ]);
    expect(report.status).toBe('failed');
    expect(verdictTable(report, { color: false })).toContain(
      'device 2 virtual-2: injected 4, delivered 3, lost 1, duplicates 0, FAILED (lost)',
    );
  });

  it('counts a duplicate on the device whose SMS the server accepted twice', () => {
    const load = healthyLoad();
    load[2] = { device: 3, afterMs: 10, twice: true };
    const { report } = summarizeRun(record(load, fleetOfThree));
    expect(report.counts.duplicates).toBe(1);
    expect(report.devices?.map((device) => device.counts.duplicates)).toEqual([0, 0, 1]);
    expect(report.devices?.map((device) => resultsOf(device.verdicts).duplicates)).toEqual(['pass', 'pass', 'fail']);
  });

  it("fails a device over its own bound that the fleet's figure hides, and the run with it", () => {
    // Two of device 3's 20 SMS take 2 s: a tenth of its own, over its p95's bound; 2 of the fleet's 60 are not.
    const load = healthyLoad(60);
    load[2] = { device: 3, afterMs: 2_000 };
    load[5] = { device: 3, afterMs: 2_000 };
    const { report } = summarizeRun(record(load, fleetOfThree));
    expect(resultsOf(report.verdicts).p95_latency).toBe('pass');
    expect(report.devices?.map((device) => resultsOf(device.verdicts).p95_latency)).toEqual(['pass', 'pass', 'fail']);
    expect(report.status).toBe('failed');
  });

  it("judges device_rss on each device's own kernel peak, the fleet's on the highest", () => {
    const fleet = [member(1), member(2, { peakRssBytes: 260e6 }), member(3)];
    const { report } = summarizeRun(record(healthyLoad(), fleet));
    expect(resultsOf(report.verdicts).device_rss).toBe('fail');
    expect(report.devices?.map((device) => [device.peakRssBytes, resultsOf(device.verdicts).device_rss])).toEqual([
      [120e6, 'pass'],
      [260e6, 'fail'],
      [120e6, 'pass'],
    ]);
  });

  it('counts what each device gave up on from its own health, failing its gave_up alone', () => {
    const load = healthyLoad();
    load[0] = { device: 1 };
    const fleet = [member(1, { health: healthOf({ gaveUp: 1, failed: 1 }) }), member(2), member(3)];
    const { report } = summarizeRun(record(load, fleet));
    expect(report.devices?.map((device) => [device.counts.gaveUp, resultsOf(device.verdicts).gave_up])).toEqual([
      [1, 'fail'],
      [0, 'pass'],
      [0, 'pass'],
    ]);
  });

  it('writes a test case class per device in junit.xml and a row per device in report.html', () => {
    const load = healthyLoad();
    load[4] = { device: 2 };
    const { report } = summarizeRun(record(load, fleetOfThree));
    const xml = junitXml(report, { hostname: 'ci' });
    expect(xml).toContain('<testcase classname="smsgw.fleet.device-1" name="lost"');
    expect(xml).toMatch(/<testcase classname="smsgw\.fleet\.device-2" name="lost" time="[\d.]+">\n {6}<failure /);
    const fleetCases = report.verdicts.length;
    const deviceCases = report.devices!.reduce((sum, device) => sum + device.verdicts.length, 0);
    expect(xml).toContain(`tests="${fleetCases + deviceCases}" failures="2"`);
    const html = htmlReport(report);
    expect(html).toContain('<table id="devices">');
    expect(html).toMatch(/<tr class="fail" data-device="2">.*data-lost="1"/);
    expect(html).toMatch(/<tr class="pass" data-device="1">/);
  });

  it('leaves a run of one device without a devices list', () => {
    const { log, ledgerPath } = fleetRun([{ device: 1, afterMs: 10 }]);
    const alone = parseScenario('name: one\nload: [ { burst: { count: 1, over: 1s } } ]\n', 'one.yaml');
    const { report } = summarizeRun({ ...record([], [member(1)]), scenario: alone, log, ledgerPath, fleet: undefined });
    expect(report.devices).toBeUndefined();
    expect(report.status).toBe('passed');
  });
});
