// A process's peak resident memory as the kernel keeps it: VmHWM ("high water mark") in
// /proc/<pid>/status. Unlike sampling the RSS, it catches a peak that lasted a millisecond; it is
// gone once the process is, so read it before a process is killed.
import { readFile } from 'node:fs/promises';

const KIB = 1024;

/** VmHWM of a /proc/<pid>/status text (Linux's and Android's alike), bytes; null when it has none. */
export function parseVmHwm(status: string): number | null {
  const match = /^VmHWM:\s*(\d+)\s*kB\s*$/m.exec(status);
  return match?.[1] ? Number(match[1]) * KIB : null;
}

/** VmHWM of a process on this machine, bytes; null when the process is gone or /proc cannot tell. */
export async function readVmHwm(pid: number): Promise<number | null> {
  try {
    return parseVmHwm(await readFile(`/proc/${pid}/status`, 'utf8'));
  } catch {
    // No /proc (not Linux), or the process exited between the caller's check and this read.
    return null;
  }
}

/** VmRSS of a /proc/<pid>/status text: the resident memory now, bytes; null when it has none. */
export function parseVmRss(status: string): number | null {
  const match = /^VmRSS:\s*(\d+)\s*kB\s*$/m.exec(status);
  return match?.[1] ? Number(match[1]) * KIB : null;
}

/** VmRSS of a process on this machine, bytes; null when the process is gone or /proc cannot tell. */
export async function readVmRss(pid: number): Promise<number | null> {
  try {
    return parseVmRss(await readFile(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}
