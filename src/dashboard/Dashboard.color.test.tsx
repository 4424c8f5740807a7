// Colour is decided when chalk loads, so this file forces it on before loading ink.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshotOf } from './test-snapshot';

vi.stubEnv('FORCE_COLOR', '1');
const { render, cleanup } = await import('ink-testing-library');
const { Dashboard } = await import('./Dashboard');
const escape = String.fromCharCode(27);

afterEach(() => cleanup());

describe('Dashboard colours', () => {
  const down = snapshotOf({ deviceStatus: 'down', reasons: ['x'], failed: 3 });

  it('paints a down device red when colours are on', () => {
    expect(render(<Dashboard snapshot={down} />).lastFrame()).toContain(`${escape}[31m`);
  });

  it('writes no colour at all when colours are off (NO_COLOR)', () => {
    expect(render(<Dashboard snapshot={down} color={false} />).lastFrame()).not.toMatch(new RegExp(`${escape}\\[3\\dm`));
  });
});
