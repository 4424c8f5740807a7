import { describe, expect, it } from 'vitest';
import { Teardowns } from './teardowns';

describe('Teardowns', () => {
  it('runs the last registered teardown first, each after the one before has settled', async () => {
    const order: string[] = [];
    const teardowns = new Teardowns();
    teardowns.defer('first', () => void order.push('first'));
    teardowns.defer('second', async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('second');
    });
    teardowns.defer('third', () => void order.push('third'));
    await teardowns.runAll();
    expect(order).toEqual(['third', 'second', 'first']);
  });

  it('runs every teardown although one fails, then throws that failure as it is', async () => {
    const order: string[] = [];
    const teardowns = new Teardowns();
    const failure = new Error('close failed');
    teardowns.defer('first', () => void order.push('first'));
    teardowns.defer('second', () => Promise.reject(failure));
    await expect(teardowns.runAll()).rejects.toBe(failure);
    expect(order).toEqual(['first']);
  });

  it('throws several failures together, named, none thrown over another', async () => {
    const teardowns = new Teardowns();
    teardowns.defer('log', () => {
      throw new Error('a');
    });
    teardowns.defer('stub', () => Promise.reject(new Error('b')));
    const error = await teardowns.runAll().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).message).toBe('2 teardowns failed: stub, log');
    expect((error as AggregateError).errors.map((each: Error) => each.message)).toEqual(['b', 'a']);
  });

  it('runs each teardown once, however often it is asked', async () => {
    let runs = 0;
    const teardowns = new Teardowns();
    teardowns.defer('once', () => void (runs += 1));
    await teardowns.runAll();
    await teardowns.runAll();
    expect(runs).toBe(1);
  });
});

describe('Teardowns asked twice at once', () => {
  it('makes the second caller wait for the teardowns the first one started', async () => {
    const order: string[] = [];
    const teardowns = new Teardowns();
    teardowns.defer('slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('slow');
    });
    const first = teardowns.runAll();
    await teardowns.runAll();
    order.push('second caller resumed');
    await first;
    expect(order).toEqual(['slow', 'second caller resumed']);
  });
});
