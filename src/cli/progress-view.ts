// Where a run's snapshots go: the Ink dashboard on a terminal, throttled plain lines in CI, or nowhere.
import { SmsgwError } from '../errors';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import { runDefaults } from '../run/defaults';

export type ProgressMode = 'dashboard' | 'lines' | 'none';

export interface ProgressView {
  update(snapshot: MetricsSnapshot): void;
  close(): Promise<void>;
}

export interface ProgressViewOptions {
  readonly mode: ProgressMode;
  /** Dashboard redraws per second, at most. */
  readonly fps: number;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  /** `q` or Ctrl-C on the dashboard. */
  readonly onQuit: () => void;
  /** `p` on the dashboard; returns whether the load is paused now. Absent: `p` does nothing. */
  readonly onTogglePause?: () => boolean;
}

const MAX_FPS = 30;

/** `--fps` must be a number above 0 and at most 30. */
export function parseFps(value: string): number {
  const fps = Number(value);
  if (value.trim() === '' || !Number.isFinite(fps) || fps <= 0 || fps > MAX_FPS) {
    throw new SmsgwError(
      'bad-option',
      `Expected \`--fps\` to be a number above 0 and at most ${MAX_FPS}, got ${JSON.stringify(value)}`,
    );
  }
  return fps;
}

/** The dashboard only on a terminal, and never when the output is for machines or asked to be quiet. */
export function progressMode(
  flags: { readonly json?: boolean; readonly quiet?: boolean; readonly dashboard?: boolean },
  stdout: { readonly isTTY?: boolean; readonly rows?: number },
): ProgressMode {
  if (flags.json || flags.quiet) return 'none';
  // A pty with no size (`script` in CI, `docker -t` before a resize) freezes ink after two frames.
  return stdout.isTTY && (stdout.rows ?? 0) > 0 && flags.dashboard !== false ? 'dashboard' : 'lines';
}

export async function openProgressView(options: ProgressViewOptions): Promise<ProgressView> {
  if (options.mode === 'none') return { update: () => undefined, close: async () => undefined };
  if (options.mode === 'lines') {
    const [{ progressLine }, { createProgressThrottle }] = await Promise.all([
      import('../run/progress'),
      import('../run/progress-throttle'),
    ]);
    const due = createProgressThrottle();
    return {
      update: (snapshot) => {
        if (due(snapshot)) options.stderr.write(`${progressLine(snapshot)}\n`);
      },
      close: async () => undefined,
    };
  }
  // Loaded only here: ink and React cost a few hundred ms that CI runs need not pay.
  const { startDashboard } = await import('../dashboard/start-dashboard');
  let last: MetricsSnapshot | null = null;
  const { onTogglePause } = options;
  const dashboard = startDashboard({
    stdout: options.stdout,
    stdin: options.stdin,
    stderr: options.stderr,
    fps: options.fps,
    color: !process.env.NO_COLOR,
    onQuit: () => {
      // Teardown takes a few seconds with no samples; say so at once.
      if (last) dashboard.update((last = { ...last, phase: 'teardown' }));
      options.onQuit();
    },
    ...(onTogglePause
      ? {
          onTogglePause: () => {
            const paused = onTogglePause();
            // Show it now, not at the next sample a second later.
            if (last?.load) dashboard.update((last = { ...last, load: { ...last.load, paused } }));
          },
        }
      : {}),
  });
  return {
    update: (snapshot) => dashboard.update((last = snapshot)),
    close: () => dashboard.close(),
  };
}

export const defaultFps = String(runDefaults.dashboardFps);
