// What happened between two samples of a run, moved onto the metrics recorder's timeline and error
// list: chaos steps (re-based from the load's start to the run's), refused and unanswered SMS, pauses and resumes.
import type { MetricsRecorder } from '../metrics/metrics-recorder';
import type { TimelineEvent } from '../chaos/chaos';
import type { InjectionStore } from '../injection/injection-store';
import type { LoadGate } from '../injection/load-gate';

export interface RunNews {
  /** `nowMs` and `loadOffsetMs` count from the start of the run. */
  forward(chaos: readonly TimelineEvent[], loadOffsetMs: number, nowMs: number): void;
}

export function createRunNews(
  recorder: Pick<MetricsRecorder, 'note' | 'error'>,
  log: Pick<InjectionStore, 'counts' | 'lastReason'>,
  gate?: LoadGate,
): RunNews {
  const seen = { chaos: 0, refused: 0, unanswered: 0, paused: false };
  return {
    forward(chaos, loadOffsetMs, nowMs) {
      for (const event of chaos.slice(seen.chaos)) recorder.note(loadOffsetMs + event.atMs, 'chaos', event.event);
      seen.chaos = chaos.length;
      const { refused, unanswered } = log.counts();
      if (refused > seen.refused)
        recorder.error(
          nowMs,
          `${refused - seen.refused} SMS refused by the device: ${log.lastReason('refused') ?? ''}`,
        );
      if (unanswered > seen.unanswered)
        recorder.error(
          nowMs,
          `${unanswered - seen.unanswered} SMS unanswered by the device: ${log.lastReason('unanswered') ?? ''}`,
        );
      seen.refused = refused;
      seen.unanswered = unanswered;
      const paused = gate?.paused ?? false;
      if (paused !== seen.paused) recorder.note(nowMs, 'load', paused ? 'load paused' : 'load resumed');
      seen.paused = paused;
    },
  };
}
