// What the live dashboard costs the harness: the real `startDashboard` (as `smsgw run` mounts it)
// drawing on a fake terminal, fed a changing snapshot at its redraw rate, and the CPU the process
// spent over that time as a share of one core.
import { Readable, Writable } from 'node:stream';
import type { MetricsPoint, MetricsSnapshot } from '../metrics/metrics-snapshot';
import { startDashboard } from '../dashboard/start-dashboard';
import { pointAt, snapshotOf } from '../dashboard/sample-snapshot';

export interface DashboardCpuOptions {
  /** How long to draw, ms. */
  readonly durationMs: number;
  /** Snapshots per second, and the dashboard's redraw limit. Default 4, `smsgw run`'s default. */
  readonly fps?: number;
  /** Terminal size. Default 120 × 40. */
  readonly columns?: number;
  readonly rows?: number;
  /** How long to draw before measuring, ms. Default 10 s: see `dashboardCpu`. */
  readonly warmUpMs?: number;
}

export interface DashboardCpu {
  /** CPU the dashboard added over wall time: 0.05 is 5% of one core. */
  readonly shareOfCore: number;
  /** The same process with its snapshot feed but no redraws (the tsx loader, timers), already taken off. */
  readonly idleShareOfCore: number;
  /** Bytes written to the terminal per second. */
  readonly bytesPerSecond: number;
}

/** A terminal that swallows what is drawn, counting the bytes. */
function fakeTerminal(columns: number, rows: number): { stdout: NodeJS.WriteStream; written: () => number } {
  let bytes = 0;
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  return {
    stdout: Object.assign(stream, { isTTY: true, columns, rows }) as unknown as NodeJS.WriteStream,
    written: () => bytes,
  };
}

/** The snapshot a busy run would show `second` seconds in: counters moving, a minute of history, events. */
function snapshotAt(tick: number, fps: number): MetricsSnapshot {
  const second = tick / fps;
  const history: MetricsPoint[] = Array.from({ length: Math.min(60, Math.floor(second) + 1) }, (_, index) => {
    const at = Math.max(0, Math.floor(second) - index);
    return pointAt(at, {
      queueSize: (at * 7) % 40,
      latencyP95Ms: 80 + ((at * 13) % 50),
      rssBytes: 60_000_000 + at * 20_000,
    });
  }).reverse();
  const injected = Math.round(second * 200);
  return snapshotOf({
    elapsedMs: second * 1000,
    load: { plannedMs: 600_000, elapsedMs: second * 1000, paused: false },
    planned: 120_000,
    attempted: injected + 3,
    injected,
    accepted: Math.max(0, injected - 40 - (tick % 9)),
    requests: injected + Math.round(second * 12),
    redeliveries: Math.round(second * 2),
    faults: {
      status: Math.round(second * 10),
      delay: Math.round(second * 4),
      reset: Math.round(second),
      hang: 0,
      outageDropped: 0,
    },
    queueSize: 30 + (tick % 17),
    pending: 20 + (tick % 11),
    sending: tick % 4,
    retrying: tick % 6,
    latencyP95Ms: 90 + (tick % 30),
    rssBytes: 60_000_000 + tick * 5_000,
    throughputIn: 200 + (tick % 7),
    throughputOut: 195 + (tick % 11),
    history,
    timeline: Array.from({ length: Math.min(8, Math.floor(second / 15)) }, (_, index) => ({
      atMs: index * 15_000,
      kind: 'stub' as const,
      text: `fault window ${index + 1} opened`,
    })),
    errors:
      tick % (fps * 10) === 0 ? [{ seq: tick, atMs: second * 1000, text: `POST /webhook: 503 (tick ${tick})` }] : [],
  });
}

/** CPU over wall time while `feed` is called `fps` times a second for `durationMs`. */
async function shareOfCoreWhile(durationMs: number, fps: number, feed: () => void): Promise<number> {
  const startedAt = performance.now();
  const before = process.cpuUsage();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      feed();
      if (performance.now() - startedAt >= durationMs) {
        clearInterval(timer);
        resolve();
      }
    }, 1000 / fps);
  });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / (performance.now() - startedAt);
}

/**
 * Warms up first: in the first ~10 s of drawing at 4 Hz, V8 compiles the hot paths of React, Ink,
 * Yoga and the ANSI tokenizer (TurboFan was 38% of the process's CPU samples then), a cost a long
 * run pays once but that filled much of a 20 s window measured after a 1 s warm-up. The
 * floor is then taken with the dashboard mounted and the same feed but no redraws, once start-up
 * work is done: taken before, it still held module loading's tail and read ~1% of a core too high.
 */
export async function dashboardCpu(options: DashboardCpuOptions): Promise<DashboardCpu> {
  const fps = options.fps ?? 4;
  const terminal = fakeTerminal(options.columns ?? 120, options.rows ?? 40);
  const stdin = Object.assign(new Readable({ read() {} }), { isTTY: false }) as unknown as NodeJS.ReadStream;
  const dashboard = startDashboard({ stdout: terminal.stdout, stdin, fps, color: true, onQuit: () => undefined });
  let tick = 0;
  const draw = (): void => {
    dashboard.update(snapshotAt(tick, fps));
    tick += 1;
  };
  await shareOfCoreWhile(options.warmUpMs ?? 10_000, fps, draw);
  await new Promise((resolve) => setTimeout(resolve, 2000 / fps)); // the last warm-up frame lands
  // The floor: the same feed with nobody drawing it, for a quarter of the time (at most 3 s).
  const idle = await shareOfCoreWhile(Math.min(3000, options.durationMs / 4), fps, () => void snapshotAt(tick, fps));

  const bytesBefore = terminal.written();
  const startedAt = performance.now();
  const drawing = await shareOfCoreWhile(options.durationMs, fps, draw);
  const bytesPerSecond = ((terminal.written() - bytesBefore) / (performance.now() - startedAt)) * 1000;
  await dashboard.close();
  return { shareOfCore: Math.max(0, drawing - idle), idleShareOfCore: idle, bytesPerSecond };
}
