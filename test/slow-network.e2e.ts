// The shipped slow-network scenario, whole, on the virtual device: 3G latency and a GSM-speed pipe set
// through the console's own `network delay` and `network speed`, mobile data cut with `gsm data off`,
// then Doze past the end of the load. Nothing is lost, nothing twice, nothing unanswered, and each step
// shows in what the stub accepted and when (the harness's clock, never the device's word).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { virtualDeviceDefaults } from '../src/device/virtual/defaults';
import { onlyRunReport, runCli, tempDir, wholeProgramTimeoutMs } from './support/run-cli';

interface Report {
  readonly status: string;
  readonly counts: Record<string, number>;
  readonly timeline: readonly { readonly atMs: number; readonly event: string }[];
}

interface Traced {
  readonly injectedAt: number;
  readonly acceptedAt: number | null;
  readonly latencyMs: number | null;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('scenarios/slow-network.yaml', { timeout: wholeProgramTimeoutMs }, () => {
  it('passes with nothing lost, twice or unanswered, and each link step shows in when the server got the SMS', async () => {
    const reports = tempDir();
    const result = await runCli(['run', 'scenarios/slow-network.yaml', '--reports', reports, '--quiet']);
    const { dir, report } = onlyRunReport<Report>(reports);
    expect(result.code, result.stderr).toBe(0);
    expect(report.status).toBe('passed');
    expect(report.counts).toMatchObject({ injected: 300, lost: 0, duplicates: 0, unanswered: 0, refused: 0 });
    expect(report.timeline.map((entry) => entry.event)).toEqual([
      'network delay umts for 10000 ms',
      'network delay none',
      'network speed gsm for 10000 ms',
      'network speed full',
      'gsm data off for 8000 ms',
      'gsm data on',
      'doze on for 30000 ms',
      'doze off',
    ]);

    const traced = readFileSync(join(dir, 'trace.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Traced);
    // The timeline counts from the load's start, which is at or just before the first SMS.
    const loadStart = Math.min(...traced.map((sms) => sms.injectedAt));
    const at = (event: string): number => loadStart + report.timeline.find((entry) => entry.event === event)!.atMs;
    const injectedBetween = (from: number, to: number) =>
      traced.filter((sms) => sms.injectedAt >= from && sms.injectedAt < to);
    const acceptedBetween = (from: number, to: number) =>
      traced.filter((sms) => sms.acceptedAt !== null && sms.acceptedAt >= from && sms.acceptedAt < to);

    // umts adds 35 to 200 ms to every request: none of the SMS sent well inside the window is quicker.
    const delayed = injectedBetween(at('network delay umts for 10000 ms') + 1_000, at('network delay none') - 1_000);
    expect(delayed.length).toBeGreaterThan(20);
    expect(median(delayed.map((sms) => sms.latencyMs!))).toBeGreaterThanOrEqual(35);
    // gsm carries 14.4 bits a ms: a request's headers alone take over 100 ms on the pipe.
    const throttled = injectedBetween(at('network speed gsm for 10000 ms') + 1_000, at('network speed full') - 1_000);
    expect(median(throttled.map((sms) => sms.latencyMs!))).toBeGreaterThanOrEqual(100);
    // Mobile data off: SMS still arrive, none reaches the server until data is on again.
    const dataOff = at('gsm data off for 8000 ms');
    expect(injectedBetween(dataOff + 2_000, at('gsm data on') - 1_000).length).toBeGreaterThan(20);
    expect(acceptedBetween(dataOff + 2_000, at('gsm data on') - 1_000)).toEqual([]);
    // Doze: SMS keep arriving, and nothing is sent before the first maintenance window.
    const dozing = at('doze on for 30000 ms');
    const firstWindow = dozing + virtualDeviceDefaults.dozeWindowEveryMs;
    expect(injectedBetween(dozing + 2_000, firstWindow - 1_000).length).toBeGreaterThan(20);
    expect(acceptedBetween(dozing + 2_000, firstWindow - 1_000)).toEqual([]);
    expect(acceptedBetween(firstWindow - 1_000, at('doze off')).length).toBeGreaterThan(20);
  });
});
