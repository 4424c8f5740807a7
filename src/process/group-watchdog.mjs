// Runs one command as the leader of a new process group and ends that whole group (the command and
// everything it started that stayed in the group: Appium, chromedriver, Chromium and its helpers)
// when the process that started this watchdog asks it to, or is gone, even by SIGKILL, which gives
// that process no chance to clean up. Plain Node with nothing imported from the project, so it
// starts in tens of milliseconds. spawn-watched-group.ts starts it; run by hand:
//
//   node group-watchdog.mjs --parent-poll-ms 1000 --stop-grace-ms 5000 --group-grace-ms 1000 \
//     --kill-wait-ms 5000 --poll-ms 100 -- <command> [args…]
//
// Protocol with the parent:
//   stdin   a pipe whose write end only the parent holds: end of file means the parent exited or
//           asks the group to stop (both mean the same here). A parent pid that changes (re-parented
//           to init or a subreaper) means the same, should that write end ever outlive the parent.
//   stdout  one line `leader <pid>` once the command runs; its pid is also its group's id.
//   stderr  the command's stdout and stderr, and this watchdog's own complaints.
//   exit    after the whole group is gone, with the command's exit code (128 + the signal's number
//           when a signal ended it, 127 when it could not start).
//
// Chromium's crashpad handler leaves the group on purpose (it moves to a session of its own under
// init) and is out of reach here; it exits by itself within about a second of Chromium's end.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';

// Every timing is given, in ms: their values and reasons live in defaults.ts, next to the caller.
const timings = ['parent-poll-ms', 'stop-grace-ms', 'group-grace-ms', 'kill-wait-ms', 'poll-ms'];
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: Object.fromEntries(timings.map((name) => [name, { type: 'string' }])),
});
const [command, ...args] = positionals;
const ms = (name) => Number(values[name]);
const missing = timings.filter((name) => !(ms(name) >= 0));
if (!command || missing.length > 0) {
  process.stderr.write(
    `group-watchdog: usage: ${timings.map((name) => `--${name} <ms>`).join(' ')} -- <command> [args…]${missing.length > 0 ? `; missing: ${missing.join(', ')}` : ''}\n`,
  );
  process.exit(2);
}

// Once the parent is gone, so are the readers of stdout and stderr: a failed write must not end the
// watchdog before it has ended the group.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

const parent = process.ppid;
// detached: setsid(), so the command leads a new session and process group that its children join,
// and signals sent to the parent's group (a terminal's Ctrl-C, a CI runner killing the job's group)
// reach neither the command nor this watchdog, which is itself started detached: it alone decides.
const leader = spawn(command, args, { detached: true, stdio: ['ignore', 2, 2] });
const pgid = leader.pid;
let leaderExitCode = null;

const sleep = (delayMs) => new Promise((resolve) => setTimeout(resolve, delayMs));

/**
 * Whether a living member of the group is left. kill(-pgid, 0) also counts a zombie that nobody has
 * reaped yet (an orphan waits for init, which may take seconds), so on Linux /proc has the last
 * word; EPERM means a member runs that this user may not signal.
 */
const groupAlive = () => {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  return !existsSync('/proc/self/stat') || livingMember();
};

function livingMember() {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // The fields after the name, which may hold spaces and parentheses: state, ppid, pgrp…
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(group) === pgid && state !== 'Z' && state !== 'X') return true;
    } catch {
      // gone between the listing and the read
    }
  }
  return false;
}

const signalGroup = (signal) => {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group emptied meanwhile
  }
};

/** Polls until `done()` holds or `withinMs` is up; returns whether it holds. */
const until = async (done, withinMs) => {
  const deadline = Date.now() + withinMs;
  while (!done() && Date.now() < deadline) await sleep(ms('poll-ms'));
  return done();
};

let ending = false;
const parentWatch = setInterval(() => {
  if (process.ppid !== parent) void end();
}, ms('parent-poll-ms'));

async function end() {
  if (ending) return;
  ending = true;
  clearInterval(parentWatch);
  // The leader alone first: Appium closes its sessions, so chromedriver closes Chromium and
  // deletes its temporary profile, which a SIGKILL would leave behind in /tmp.
  if (leaderExitCode === null) {
    leader.kill('SIGTERM');
    await until(() => leaderExitCode !== null, ms('stop-grace-ms'));
  }
  // Then whatever is left, the leader included should it ignore SIGTERM. A group id is not handed
  // to a new process while any member is left, so -pgid reaches only this group's members.
  if (groupAlive()) {
    signalGroup('SIGTERM');
    if (!(await until(() => !groupAlive(), ms('group-grace-ms')))) {
      signalGroup('SIGKILL');
      // Bounded: a process stuck in the kernel (uninterruptible sleep) does not die at once.
      await until(() => !groupAlive(), ms('kill-wait-ms'));
    }
  }
  await until(() => leaderExitCode !== null, ms('kill-wait-ms'));
  process.exit(leaderExitCode ?? 1);
}

leader.on('error', (error) => {
  process.stderr.write(`group-watchdog: could not start ${command}: ${error.message}\n`);
  process.exit(127);
});
leader.on('exit', (code, signal) => {
  leaderExitCode = code ?? 128 + (constants.signals[signal] ?? 0);
  // The command ended by itself (a crash, a bad flag): its group goes with it.
  void end();
});

if (pgid !== undefined) {
  process.stdout.write(`leader ${pgid}\n`);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  process.stdin.on('error', end);
  process.stdin.resume();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, end);
}
