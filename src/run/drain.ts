// After the load: wait until the device has delivered everything it holds, then, with
// `--metrics appium`, judge its Health screen against the stub.
import type { Scenario } from '../scenario/index';
import type { Device, DeviceHealth } from '../device/core/device';
import { runDefaults } from './defaults';
import type { RunContext } from './run-context';
import type { Loaded } from './load-phase';

function drainTimeoutMs(scenario: Scenario): number {
  const wanted = scenario.expect.drained_within?.value;
  return wanted === undefined ? runDefaults.drainTimeoutMs : wanted + runDefaults.drainGraceMs;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the device has nothing left to deliver; returns when that happened, or null on timeout,
 * or as soon as the queue has stayed paused for `pausedGiveUpMs`: a queue paused for its configuration
 * (a 401, a bad webhook URL) waits for a person to fix it, so it will never drain by itself.
 */
async function waitForDrain(
  device: Device,
  timeoutMs: number,
  onHealth: (health: DeviceHealth) => void,
  signal?: AbortSignal,
): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  let pausedSince: number | null = null;
  while (Date.now() < deadline && !signal?.aborted) {
    // A device that misses a poll (restarting, busy) is asked again until the deadline.
    const health = await device.health().catch(() => null);
    if (health) onHealth(health);
    if (health?.engine.queueSize === 0 && !((health.backlog ?? 0) > 0)) return Date.now();
    pausedSince = health?.engine.paused ? (pausedSince ?? Date.now()) : null;
    if (pausedSince !== null && Date.now() - pausedSince >= runDefaults.pausedGiveUpMs) return null;
    await sleep(runDefaults.drainPollMs);
  }
  return null;
}

/** Drains, unless the run was stopped; a stopped run goes straight to its teardown. */
export async function drain(run: RunContext, { device, stub }: Loaded): Promise<void> {
  const { soFar, options, stopping } = run;
  if (stopping.signal.aborted) return;
  soFar.phase = 'drain';
  // The drain's last read is the device's word at the end of the run (what it gave up on, say), not a
  // sample up to a second older.
  const keep = (health: DeviceHealth): void => void (soFar.deviceHealth = health);
  soFar.drainedAt = await waitForDrain(device, drainTimeoutMs(run.scenario), keep, stopping.signal);
  // An emulator or phone has no /health to judge its screen against (healthUrl null): no verdict from here.
  if (options.measureHealthScreen && device.healthUrl)
    soFar.healthScreen = await options.measureHealthScreen({ healthUrl: device.healthUrl, stubStats: stub.stats() });
}
