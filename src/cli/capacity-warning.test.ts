import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { capacityWarning, newestStubCapacity, peakRatePerSec } from './capacity-warning';

const scenarioWith = (load: string) =>
  parseScenario(`name: peak-test\ndescription: capacity check\nload:\n${load}\n`, 'peak-test.yaml');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function benchDir(reports: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-bench-'));
  dirs.push(dir);
  for (const [name, report] of Object.entries(reports))
    writeFileSync(join(dir, name), typeof report === 'string' ? report : JSON.stringify(report));
  return dir;
}
const withCapacity = (value: number) => ({
  figures: [
    { id: 'bare-http-autocannon', value: 9999 },
    { id: 'stub-capacity', value },
  ],
});

describe('peakRatePerSec', () => {
  it('takes the highest rate of any step: a ramp its higher end, a burst its count over its time', () => {
    expect(
      peakRatePerSec(
        scenarioWith('  - constant: { rate: 5/s, for: 10s }\n  - ramp: { from: 1/s, to: 50/s, over: 5m }').load,
      ),
    ).toBe(50);
    expect(peakRatePerSec(scenarioWith('  - burst: { count: 100, over: 10s }').load)).toBe(10);
  });

  it('counts a burst at once as its count within one second', () => {
    expect(peakRatePerSec(scenarioWith('  - burst: { count: 2000, over: 0s }').load)).toBe(2000);
  });

  it('reads the repository scenarios', () => {
    const burst100 = parseScenario(readFileSync('scenarios/burst-100.yaml', 'utf8'), 'scenarios/burst-100.yaml');
    expect(peakRatePerSec(burst100.load)).toBe(10);
  });
});

describe('newestStubCapacity', () => {
  it('reads the stub-capacity figure of the newest bench report', () => {
    const dir = benchDir({
      '20261101-100000.json': withCapacity(500),
      '20261129-170000.json': withCapacity(1200),
      'notes.json': withCapacity(1),
    });
    expect(newestStubCapacity(dir)).toEqual({ perSec: 1200, file: join(dir, '20261129-170000.json') });
  });

  it('reads the figure with signatures checked beside it, when the report has one', () => {
    const dir = benchDir({
      '20261206-100000.json': { figures: [...withCapacity(2000).figures, { id: 'stub-capacity-signed', value: 1500 }] },
    });
    expect(newestStubCapacity(dir)).toEqual({
      perSec: 2000,
      signedPerSec: 1500,
      file: join(dir, '20261206-100000.json'),
    });
  });

  it('passes over a newer report without the figure or that does not parse', () => {
    const dir = benchDir({
      '20261101-100000.json': withCapacity(500),
      '20261128-100000.json': { figures: [] },
      '20261129-100000.json': '{ broken',
    });
    expect(newestStubCapacity(dir)?.perSec).toBe(500);
  });

  it('is null with no bench reports at all', () => {
    expect(newestStubCapacity(join(tmpdir(), 'smsgw-no-such-dir'))).toBeNull();
    expect(newestStubCapacity(benchDir({}))).toBeNull();
  });
});

describe('capacityWarning', () => {
  const capacity = { perSec: 1000, file: 'reports/bench/20261129-170000.json' };

  it('warns when the peak rate is above half the measured capacity, naming both and the report', () => {
    const warning = capacityWarning(scenarioWith('  - constant: { rate: 600/s, for: 10s }'), capacity);
    expect(warning).toBe(
      "smsgw: warning: peak-test peaks at 600/s, more than half the stub's measured capacity (1,000/s, reports/bench/20261129-170000.json); the stub may limit this run rather than the gateway",
    );
  });

  it('stays quiet at or below half the capacity', () => {
    expect(capacityWarning(scenarioWith('  - constant: { rate: 500/s, for: 10s }'), capacity)).toBeNull();
    expect(capacityWarning(scenarioWith('  - burst: { count: 100, over: 10s }'), capacity)).toBeNull();
  });

  it('stays quiet when no capacity was measured', () => {
    expect(capacityWarning(scenarioWith('  - burst: { count: 100000, over: 0s }'), null)).toBeNull();
  });

  it('holds a signed scenario (the default) to the capacity with signatures checked', () => {
    const both = { ...capacity, signedPerSec: 800 };
    const load = '  - constant: { rate: 450/s, for: 10s }';
    const signed = scenarioWith(load);
    const unsigned = parseScenario(`name: peak-test\nserver:\n  secret: null\nload:\n${load}\n`, 'peak-test.yaml');
    expect(capacityWarning(unsigned, both)).toBeNull();
    expect(capacityWarning(signed, both)).toBe(
      "smsgw: warning: peak-test peaks at 450/s, more than half the stub's measured capacity (800/s with signatures checked, reports/bench/20261129-170000.json); the stub may limit this run rather than the gateway",
    );
    expect(capacityWarning(signed, capacity)).toBeNull();
  });
});
