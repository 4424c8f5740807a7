import { describe, expect, it } from 'vitest';
import { TeardownStack } from './teardown-stack';

describe('TeardownStack', () => {
  it('closes what was opened last first, waiting for each teardown before the next', async () => {
    const closed: string[] = [];
    const teardowns = new TeardownStack();
    teardowns.defer(() => closed.push('database'));
    teardowns.defer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      closed.push('engine');
    });
    teardowns.defer(() => closed.push('server'));
    await teardowns.run();
    expect(closed).toEqual(['server', 'engine', 'database']);
  });

  it('runs every teardown when one fails, then throws the first failure', async () => {
    const closed: string[] = [];
    const teardowns = new TeardownStack();
    teardowns.defer(() => closed.push('database'));
    teardowns.defer(() => Promise.reject(new Error('engine would not stop')));
    teardowns.defer(() => {
      throw new Error('server would not close');
    });
    await expect(teardowns.run()).rejects.toThrow('server would not close');
    expect(closed).toEqual(['database']);
  });

  it('runs each teardown once, however often it is asked to', async () => {
    let closes = 0;
    const teardowns = new TeardownStack();
    teardowns.defer(() => (closes += 1));
    await teardowns.run();
    await teardowns.run();
    expect(closes).toBe(1);
  });
});
