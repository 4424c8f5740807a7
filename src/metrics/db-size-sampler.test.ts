import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDbSizeSampler } from './db-size-sampler';

afterEach(() => vi.useRealTimers());

describe('startDbSizeSampler', () => {
  it('adds up the database and its WAL at each tick', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'smsgw-db-size-'));
    writeFileSync(join(dir, 'device.sqlite'), Buffer.alloc(4096));
    writeFileSync(join(dir, 'device.sqlite-wal'), Buffer.alloc(1000));
    const sampler = startDbSizeSampler([join(dir, 'device.sqlite'), join(dir, 'device.sqlite-wal')], () => 7, 20);
    await vi.waitFor(() => expect(sampler.samples().length).toBeGreaterThan(0));
    sampler.stop();
    expect(sampler.samples()[0]).toEqual({ atMs: 7, bytes: 5096 });
  });

  it('records nothing while no database file exists, so db_growth stays unmeasured', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'smsgw-db-size-'));
    const sampler = startDbSizeSampler([join(dir, 'device.sqlite')], () => 0, 10);
    await new Promise((resolve) => setTimeout(resolve, 80));
    sampler.stop();
    expect(sampler.samples()).toEqual([]);
  });
});
