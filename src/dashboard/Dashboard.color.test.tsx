// Colour is decided when chalk loads, so this file forces it on before loading ink.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshotOf } from './sample-snapshot';

vi.stubEnv('FORCE_COLOR', '1');
const { render, cleanup } = await import('ink-testing-library');
const { Dashboard } = await import('./Dashboard');
const { Counters } = await import('./Counters');
const escape = String.fromCharCode(27);

afterEach(() => cleanup());

describe('Dashboard colours', () => {
  const down = snapshotOf({ deviceStatus: 'down', reasons: ['x'], failed: 3 });

  it('paints a down device red when colours are on', () => {
    expect(render(<Dashboard snapshot={down} />).lastFrame()).toContain(`${escape}[31m`);
  });

  it('writes no colour at all when colours are off (NO_COLOR)', () => {
    expect(render(<Dashboard snapshot={down} color={false} />).lastFrame()).not.toMatch(
      new RegExp(`${escape}\\[3\\dm`),
    );
  });
});

describe('Counters colours', () => {
  const red = `${escape}[31m`;

  it('paints nothing red before the first trace, with delivered ahead of acknowledged while an OK is on its way back', () => {
    const snapshot = snapshotOf({
      attempted: 52,
      injected: 50,
      accepted: 51,
      queueSize: 0,
      lostSoFar: 0,
      traced: null,
    });
    expect(render(<Counters snapshot={snapshot} />).lastFrame()).not.toContain(red);
  });

  it('paints traced duplicates red, with the age of the trace', () => {
    const snapshot = snapshotOf({
      elapsedMs: 185_000,
      lostSoFar: 0,
      traced: { atMs: 120_000, duplicates: 1, lost: 0 },
    });
    expect(render(<Counters snapshot={snapshot} />).lastFrame()).toMatch(
      new RegExp(`${escape}\\[31m(${escape}\\[\\d+m)*1 \\(traced 1m ago\\)`),
    );
  });

  it('leaves a trace that found no duplicates uncoloured', () => {
    const snapshot = snapshotOf({
      elapsedMs: 185_000,
      lostSoFar: 0,
      traced: { atMs: 120_000, duplicates: 0, lost: 0 },
    });
    expect(render(<Counters snapshot={snapshot} />).lastFrame()).not.toContain(red);
  });
});
