// What changed between two samples, in words: status transitions, first faults, new device errors.
import type { DeviceStatus, TimelineEntry } from './metrics-snapshot';
import type { Health } from '../../android-app/src/engine/types';

export interface Observed {
  readonly status: DeviceStatus | null;
  readonly reasons: readonly string[];
  readonly stubError: string | null;
  readonly lastError: Health['lastError'];
  readonly faults: Readonly<Record<string, number>>;
}

export interface Changes {
  readonly timeline: ReadonlyArray<Pick<TimelineEntry, 'kind' | 'text'>>;
  readonly errors: readonly string[];
}

const faultNames: Readonly<Record<string, string>> = {
  status: 'status-code faults',
  delay: 'delays',
  reset: 'connection resets',
  hang: 'hangs',
  outageDropped: 'outage (requests dropped)',
};

export function describeChanges(before: Observed | null, now: Observed): Changes {
  const timeline: Array<Pick<TimelineEntry, 'kind' | 'text'>> = [];
  const errors: string[] = [];
  if (now.status !== null && now.status !== (before?.status ?? null)) {
    const why = now.reasons.length > 0 ? `: ${now.reasons.join('; ')}` : '';
    timeline.push({ kind: 'device', text: `${now.status}${why}` });
    if (now.status === 'unreachable') errors.push(`device unreachable${why}`);
  }
  if (now.stubError !== null && (before?.stubError ?? null) === null) errors.push(`stub unreachable: ${now.stubError}`);
  if (now.stubError === null && before?.stubError) timeline.push({ kind: 'stub', text: 'reachable again' });
  for (const [kind, count] of Object.entries(now.faults)) {
    if (count > 0 && (before?.faults[kind] ?? 0) === 0)
      timeline.push({ kind: 'stub', text: `first ${faultNames[kind] ?? kind}` });
  }
  const error = now.lastError;
  if (error && (error.at !== before?.lastError?.at || error.message !== before.lastError.message)) {
    errors.push(`device ${error.category}: ${error.message}`);
  }
  return { timeline, errors };
}
