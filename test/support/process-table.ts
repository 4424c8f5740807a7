// The machine's process table, read from /proc: which processes run, under which parent, process
// group and session. Tests use it to see what a CLI started and to check that nothing of it is left.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  /** Process group: a child spawned with `detached: true` leads its own, and its children inherit it. */
  readonly pgid: number;
  readonly sid: number;
  /** One letter: R running, S sleeping, Z zombie (exited, not yet reaped by its parent)… */
  readonly state: string;
  /** Clock ticks after boot: with the pid, tells a process from a later one that reuses its pid. */
  readonly startTicks: number;
  /** The kernel's short name (`comm`, at most 15 bytes), e.g. `chromium`, `node`. */
  readonly name: string;
  /** The command line, arguments joined by spaces; empty for kernel threads and zombies. */
  readonly args: string;
}

/**
 * Parses one /proc/<pid>/stat line. The name sits in parentheses and may itself hold spaces and
 * parentheses, so the fields are counted from the last `)`.
 */
export function parseStat(line: string, args = ''): ProcessEntry | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  // Fields after the name, numbered as in proc(5) from field 3 (state) on.
  const fields = line
    .slice(close + 2)
    .trim()
    .split(' ');
  const field = (n: number): number => Number(fields[n - 3]);
  return {
    pid: Number(line.slice(0, open).trim()),
    name: line.slice(open + 1, close),
    state: fields[0] ?? '?',
    ppid: field(4),
    pgid: field(5),
    sid: field(6),
    startTicks: field(22),
    args,
  };
}

function readEntry(pid: string): ProcessEntry | null {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'), args);
  } catch {
    return null; // gone between the listing and the read
  }
}

/** Every process on the machine right now. */
export function readProcessTable(): ProcessEntry[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(readEntry)
    .filter((entry): entry is ProcessEntry => entry !== null);
}

/** The process `pid` as it is now, or null once it has exited (a zombie has exited). */
export function readProcess(pid: number): ProcessEntry | null {
  const entry = readEntry(String(pid));
  return entry && entry.state !== 'Z' ? entry : null;
}

/** The children of `pid`, their children and so on, by parent pid; `pid` itself excluded. */
export function descendantsOf(pid: number, table: readonly ProcessEntry[] = readProcessTable()): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  const parents = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of table) {
      if (parents.has(entry.ppid) && !parents.has(entry.pid)) {
        parents.add(entry.pid);
        found.push(entry);
        grew = true;
      }
    }
  }
  return found;
}

/** The processes of process group `pgid` that have not exited (zombies left out). */
export function processGroup(pgid: number, table: readonly ProcessEntry[] = readProcessTable()): ProcessEntry[] {
  return table.filter((entry) => entry.pgid === pgid && entry.state !== 'Z');
}

/** What runs under `pid`: its process group and its descendants (some leave the group), zombies left out. */
export function processTree(pid: number, table: readonly ProcessEntry[] = readProcessTable()): ProcessEntry[] {
  const tree = new Map([...processGroup(pid, table), ...descendantsOf(pid, table)].map((entry) => [entry.pid, entry]));
  return [...tree.values()].filter((entry) => entry.state !== 'Z');
}

/** Those of `entries` that still run: the same pid with the same start time, not a zombie. */
export function stillRunning(entries: readonly ProcessEntry[]): ProcessEntry[] {
  return entries.filter((entry) => readProcess(entry.pid)?.startTicks === entry.startTicks);
}
