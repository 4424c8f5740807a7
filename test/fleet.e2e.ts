// A fleet end to end, as a user runs it: three virtual devices share one load and post to one stub,
// one of them loses its power mid-load. Every device is judged on its own SMS, each stamps a deviceId
// of its own on its webhooks, and once the harness exits none of the six device processes is left.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { onlyRunReport, startCli, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import { expectValidReport } from './support/report-schema';
import { followToTheEnd, leftBehind, trackProcesses } from './support/track-processes';
import type { RunReport } from '../src/report/run-report';

const fleetScenario = `name: fleet-3
description: 150 SMS over 10 s into three devices, device 2 powered off once
devices: 3
load:
  - burst: { count: 150, over: 10s }
messages: { senders: 30, text: ascii }
chaos:
  - { at: 40%, kill: device, device: 2 }
expect:
  lost: 0
  duplicates: 0
  device_rss: "< 250MB"
`;

/** The deviceIds the stub accepted webhooks from, with how many SMS each. */
function acceptedByDevice(ledgerPath: string): Record<string, number> {
  const ledger = new Database(ledgerPath, { readonly: true });
  try {
    const rows = ledger
      .prepare('SELECT device_id AS id, COUNT(*) AS n FROM stub_requests WHERE first = 1 GROUP BY device_id')
      .all() as { id: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.id, row.n]));
  } finally {
    ledger.close();
  }
}

describe('a fleet of devices in one run', { timeout: wholeProgramTimeoutMs }, () => {
  it('spreads the load over three devices, judges each on its own SMS, and leaves no process', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'fleet-3', fleetScenario);
    const reports = join(dir, 'reports');
    const run = startCli(['run', scenario, '--reports', reports, '--no-dashboard', '--no-redact']);
    const processes = trackProcesses(run.pid);
    try {
      const { seen, result } = await followToTheEnd(run.done, processes);
      const { dir: runDir, report } = onlyRunReport<RunReport>(reports);
      const summary = (report.devices ?? []).map((device) => `${device.index} ${JSON.stringify(device.counts)}`);
      expect(result.code, `${result.stderr.slice(-3000)}\n${summary.join('\n')}`).toBe(0);
      // Three devices, each a radio and an app, ran under the harness (device 2's twice).
      expect(seen.filter((entry) => entry.pid !== run.pid).length).toBeGreaterThanOrEqual(6);
      expect(await leftBehind(processes)).toEqual([]);

      expectValidReport(report);
      expect(report.status).toBe('passed');
      expect(report.counts).toMatchObject({ injected: 150, delivered: 150, lost: 0, duplicates: 0, unanswered: 0 });
      const devices = report.devices ?? [];
      expect(devices.map((device) => device.index)).toEqual([1, 2, 3]);
      for (const device of devices) {
        expect(device.counts).toMatchObject({ injected: 50, delivered: 50, lost: 0, duplicates: 0 });
        expect(device.passed).toBe(true);
        expect(device.peakRssBytes).toBeGreaterThan(10_000_000);
      }
      // Three distinct deviceIds, each the stamp on exactly its own device's webhooks, device 2's kept across its reboot.
      const ids = devices.map((device) => device.id);
      expect(new Set(ids).size).toBe(3);
      expect(acceptedByDevice(join(runDir, 'ledger.sqlite'))).toEqual(Object.fromEntries(ids.map((id) => [id, 50])));

      expect(report.timeline.map((entry) => entry.event)).toEqual([
        'device 2: device killed (SIGKILL)',
        'device 2: device restarted on the same database',
      ]);
      const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
      for (const index of [1, 2, 3])
        expect(junit).toContain(`<testcase classname="smsgw.fleet-3.device-${index}" name="lost"`);
      expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain('<table id="devices">');
      expect(result.stdout).toContain('device 2 ');
    } finally {
      processes.kill();
    }
  });

  it('runs the shipped fleet scenario to a pass: four devices, 2,000 SMS, device 2 powered off twice, nothing lost', async () => {
    const reports = join(tempDir(), 'reports');
    const run = startCli(['run', 'scenarios/fleet-4.yaml', '--reports', reports, '--quiet', '--no-redact']);
    const processes = trackProcesses(run.pid);
    try {
      const { result } = await followToTheEnd(run.done, processes);
      const { report } = onlyRunReport<RunReport>(reports);
      const summary = (report.devices ?? []).map((device) => `${device.index} ${JSON.stringify(device.counts)}`);
      expect(result.code, `${result.stderr.slice(-3000)}\n${summary.join('\n')}`).toBe(0);
      expect(await leftBehind(processes)).toEqual([]);
      expect(report.counts).toMatchObject({ planned: 2000, injected: 2000, delivered: 2000, lost: 0, duplicates: 0 });
      expect(
        (report.devices ?? []).map((device) => [device.index, device.counts.delivered, device.counts.lost]),
      ).toEqual([
        [1, 500, 0],
        [2, 500, 0],
        [3, 500, 0],
        [4, 500, 0],
      ]);
      expect(
        report.timeline.filter((entry) => entry.event === 'device 2: device restarted on the same database'),
      ).toHaveLength(2);
    } finally {
      processes.kill();
    }
  });
});
