import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseVmHwm, parseVmRss as vmRssOf, readVmHwm, readVmRss } from './vm-hwm';

const MB = 1_000_000;
const ALLOCATED_BYTES = 100 * MB;

/** Allocates and touches ALLOCATED_BYTES, frees them with a forced GC, says so, and waits to be killed. */
const childSource = `
let held = Buffer.alloc(${ALLOCATED_BYTES}, 0x5a);
held = null;
globalThis.gc();
console.log('freed');
setInterval(() => undefined, 1000);
`;

// /proc/<pid>/status of a node process on Linux, trimmed.
const status = [
  'Name:\tnode',
  'State:\tS (sleeping)',
  'Pid:\t4321',
  'VmPeak:\t 1183520 kB',
  'VmSize:\t 1117984 kB',
  'VmHWM:\t  401232 kB',
  'VmRSS:\t   61204 kB',
  'Threads:\t11',
  '',
].join('\n');

describe('parseVmHwm', () => {
  it('reads VmHWM in kB as bytes', () => {
    expect(parseVmHwm(status)).toBe(401_232 * 1024);
  });

  it('reads nothing from a status without VmHWM (a kernel thread) or from an error message', () => {
    expect(parseVmHwm('Name:\tkthreadd\nState:\tS (sleeping)\n')).toBeNull();
    expect(parseVmHwm('cat: /proc/4321/status: No such file or directory\n')).toBeNull();
  });
});

describe('parseVmRss', () => {
  it('reads the resident memory now (VmRSS), not the peak', () => {
    expect(vmRssOf(status)).toBe(61_204 * 1024);
    expect(vmRssOf('Name:\tkthreadd\n')).toBeNull();
  });
});

describe.runIf(existsSync('/proc/self/status'))('readVmRss', () => {
  it("reads a live process's resident memory, and nothing once it is gone", async () => {
    expect(await readVmRss(process.pid)).toBeGreaterThan(1024 * 1024);
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const pid = child.pid!;
    await once(child, 'exit');
    expect(await readVmRss(pid)).toBeNull();
  });
});

describe.runIf(existsSync('/proc/self/status'))('readVmHwm', () => {
  it('sees the peak of memory a process has already freed, above its current RSS', async () => {
    const child = spawn(process.execPath, ['--expose-gc', '-e', childSource], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines = createInterface({ input: child.stdout });
      await once(lines, 'line');
      const peak = await readVmHwm(child.pid!);
      const current = parseVmRss(await readFile(`/proc/${child.pid}/status`, 'utf8'));
      expect(peak).toBeGreaterThanOrEqual(ALLOCATED_BYTES);
      // Freed: the current RSS is well below the peak, which a sampler reading it now would miss.
      expect(current).toBeLessThan(peak! - ALLOCATED_BYTES / 2);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('reads nothing once the process is gone', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const pid = child.pid!;
    await once(child, 'exit');
    expect(await readVmHwm(pid)).toBeNull();
  });
});

function parseVmRss(text: string): number {
  const match = /^VmRSS:\s*(\d+)\s*kB/m.exec(text);
  if (!match?.[1]) throw new Error(`no VmRSS in ${text}`);
  return Number(match[1]) * 1024;
}
