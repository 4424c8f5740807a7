// A device clock that runs `speed` times the wall clock (`device: { kind: virtual, clock: 100x }`), so
// a retry schedule of hours or days plays out in seconds or minutes: `now()` advances `speed` ms per
// wall ms from `originMs`, and a timer of `ms` fires after `ms / speed` wall ms. Every process of one
// run counts from the same origin, so an app started again (a kill, a power loss) carries on from
// where the one before it stood instead of jumping back in time. The webhook's X-Timestamp keeps the
// wall clock's time (`wallNow`): the server checks it against its own clock.
import type { Clock } from '../../../android-app/src/engine/ports';
import { systemClock } from '../../../android-app/src/engine/ports';

export interface ClockSpeed {
  /** How many times the wall clock; 1 is real time. */
  readonly speed: number;
  /** The wall-clock moment (ms since the epoch) at which device time and wall time agree. */
  readonly originMs: number;
}

/** The device's clock over `wall` (the system clock unless a test passes its own); `wall` itself at 1x. */
export function scaledClock({ speed, originMs }: ClockSpeed, wall: Clock = systemClock): Clock {
  if (speed === 1) return wall;
  return {
    // Whole ms, as the system clock gives: the engine stores times in INTEGER columns.
    now: () => Math.floor(originMs + (wall.now() - originMs) * speed),
    // The network is not sped up: what goes on the wire carries the time the server's clock agrees with.
    wallNow: () => wall.now(),
    setTimeout: (callback, ms) => wall.setTimeout(callback, ms / speed),
    clearTimeout: (handle) => wall.clearTimeout(handle),
  };
}
