// What went wrong in a run, the first of each kept: the failure that makes it an error, and where
// the disk filled up. Whatever stops the run aborts `stopping`, which ends the load and the drain.
import { SmsgwError } from '../errors';
import { formatDuration } from '../units/index';
import type { MetricsRecorder } from '../metrics/metrics-recorder';
import { diskFullError, isDiskFull, noteDiskFull, type DiskFullNote } from './disk-full-error';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class RunTrouble {
  /** What stopped the run; with it set, a report is `error` unless interrupted. */
  failure: unknown = null;
  /** Where the disk filled up first; the run stops there (exit 3). */
  diskFull: DiskFullNote | null = null;

  constructor(
    private readonly dir: string,
    private readonly stopping: AbortController,
    private readonly recorder: Pick<MetricsRecorder, 'error'>,
    private readonly sinceStart: () => number,
  ) {}

  /**
   * A file of the run that cannot be written stops the run: the harness must not inject SMS it cannot
   * record, nor the stub accept webhooks its ledger cannot keep. The rows stay buffered and are tried
   * again at teardown, once the reserve has made room. A full disk is exit 3; anything else, as it is.
   */
  cannotRecord(writing: string, error: unknown): void {
    if (isDiskFull(error)) {
      this.stopOnFullDisk(writing, error);
      return;
    }
    this.failure ??= error;
    if (this.stopping.signal.aborted) return;
    this.recorder.error(this.sinceStart(), `${writing} not written, the run stops: ${messageOf(error)}`);
    this.stopping.abort();
  }

  /** The disk under the run's folder is full (`writing` null: its free space ran out before any write failed). */
  stopOnFullDisk(writing: string | null, cause: unknown): void {
    this.diskFull ??= noteDiskFull(this.dir, { writing, cause, atMs: this.sinceStart(), stoppedRun: true });
    this.failure ??= diskFullError(this.dir, this.diskFull);
    if (this.stopping.signal.aborted) return;
    this.recorder.error(this.sinceStart(), `no space left in ${this.dir}, the run stops`);
    this.stopping.abort();
  }

  /** The device stopped without being asked to: the run stops, and its report covers what came before. */
  deviceLost(label: string, reason: string): void {
    if (this.stopping.signal.aborted) return;
    const into = formatDuration(Math.round(this.sinceStart() / 1000) * 1000);
    this.failure ??= new SmsgwError(
      'device-unavailable',
      `The device ${label} stopped ${into} into the run, unasked: ${reason}. The run stops here; the report covers what happened before.`,
    );
    this.stopping.abort();
  }

  /** A chaos step failed (a device that did not come back): the run no longer follows its scenario, and stops. */
  chaosFailed(step: string, error: unknown): void {
    if (this.stopping.signal.aborted) return;
    const into = formatDuration(Math.round(this.sinceStart() / 1000) * 1000);
    this.failure ??= new SmsgwError(
      'device-unavailable',
      `The chaos step "${step}" failed ${into} into the run: ${messageOf(error)}. The run stops here; the report covers what happened before.`,
    );
    this.stopping.abort();
  }

  /**
   * The start, the load or the drain threw. A disk that filled up is what stopped the run, whatever
   * failed on the way because of it; a device that could not start for the disk said so on stderr,
   * which its error carries.
   */
  caught(error: unknown): void {
    if (isDiskFull(error)) this.cannotRecord(error instanceof SmsgwError ? 'device.sqlite' : "the run's files", error);
    else if (!this.diskFull) this.failure ??= error;
  }

  /** A file the end of the run could not write for a full disk: noted, the run is over already. */
  fullAtTheEnd(writing: string, cause: unknown): void {
    this.diskFull ??= noteDiskFull(this.dir, { writing, cause, atMs: this.sinceStart(), stoppedRun: false });
  }
}
