// Mounts the live dashboard on a terminal and hands back what a command needs: update and close.
// First, before React loads: see the file.
import './react-production';
import { createElement } from 'react';
import { render } from 'ink';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import { LiveDashboard } from './LiveDashboard';
import { createSnapshotStore } from './snapshot-store';

export interface StartDashboardOptions {
  /** The terminal to draw on. */
  readonly stdout: NodeJS.WriteStream;
  /** Keys come from here; ignored unless it is a TTY. */
  readonly stdin: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
  /** Redraws per second, at most. Default 4. */
  readonly fps?: number;
  /** Use colours. Default: unless NO_COLOR is set. */
  readonly color?: boolean;
  readonly onQuit: () => void;
  readonly onTogglePause?: () => void;
}

export interface DashboardHandle {
  update(snapshot: MetricsSnapshot): void;
  /** Gives the terminal back (raw mode off, cursor shown); the last frame stays on screen. */
  close(): Promise<void>;
}

export function startDashboard(options: StartDashboardOptions): DashboardHandle {
  const store = createSnapshotStore();
  const fps = options.fps ?? 4;
  const instance = render(
    createElement(LiveDashboard, {
      store,
      fps,
      color: options.color ?? !process.env.NO_COLOR,
      keys: Boolean(options.stdin.isTTY),
      onQuit: options.onQuit,
      ...(options.onTogglePause ? { onTogglePause: options.onTogglePause } : {}),
    }),
    {
      stdout: options.stdout,
      stdin: options.stdin,
      ...(options.stderr ? { stderr: options.stderr } : {}),
      exitOnCtrlC: false,
      patchConsole: false,
      // Measured (src/bench/dashboard-cpu.ts): ink's own 30 fps cap let a key press or an
      // error line cost extra frames. Not `incrementalRendering`: ink 6.8's moves the cursor one line
      // short after a frame that grew, and every later frame left its first line behind on a real terminal.
      maxFps: fps,
    },
  );
  let closing: Promise<void> | null = null;
  return {
    update: (snapshot) => store.set(snapshot),
    close() {
      closing ??= (async () => {
        instance.unmount();
        await instance.waitUntilExit();
      })();
      return closing;
    },
  };
}
