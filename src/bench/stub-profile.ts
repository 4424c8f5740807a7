// Where the stub's time goes: V8's CPU profile of the stub's thread (`--cpu-prof` writes one per
// thread) while autocannon drives it, summed by function and by where the code lives (msw, Node's
// HTTP and Fetch, SQLite, the stub's own code). A child of its own, apart from the capacity rounds:
// the profiler's sampling costs the thread a few percent.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drive, forkServers, messages } from './stub-capacity';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  /** µs on the system's monotonic clock, the one `process.hrtime` reads. */
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileShare {
  readonly name: string;
  /** Share of the thread's busy time (idle taken off), 0..1. */
  readonly share: number;
}

export interface StubProfile {
  /** Busy time the profile covers, ms. */
  readonly busyMs: number;
  /** Busy time by the step of a request it was spent in (the innermost one on the stack). */
  readonly bySteps: readonly ProfileShare[];
  /** The functions that spent the most time themselves (self time). */
  readonly topFrames: readonly ProfileShare[];
}

/** The steps of a request, each known by where its code lives. */
const steps: readonly { readonly name: string; readonly test: (url: string) => boolean }[] = [
  {
    name: "msw's handler run (getResponse: matching, a request clone, cookies, an AbortController per handler)",
    test: (url) =>
      /node_modules\/(msw|@mswjs|tough-cookie|headers-polyfill|path-to-regexp|outvariant|until-async|@open-draft)\//.test(
        url,
      ),
  },
  {
    name: "the webhook's own check (payload, signature, key)",
    test: (url) => /src\/stub\/(webhook-|signature)/.test(url),
  },
  {
    name: 'the bridge between node:http and Fetch (Request in, Response out)',
    test: (url) => url.endsWith('src/stub/fetch-bridge.ts') || url.endsWith('src/stub/json-answer.ts'),
  },
  {
    name: 'recording the exchange (the row, the counters, the SQLite batch)',
    test: (url) => /src\/stub\/(exchange-recorder|ledger|request-notes)|node_modules\/better-sqlite3/.test(url),
  },
  { name: "the stub's server (msw-http-server.ts)", test: (url) => url.endsWith('src/stub/msw-http-server.ts') },
  {
    name: "Node's HTTP server, sockets and streams",
    test: (url) => /^node:(internal\/)?(_http|http|net|stream|internal\/stream)/.test(url),
  },
];

function stepOf(stack: readonly ProfileNode['callFrame'][]): string {
  if (stack[0]?.functionName === '(garbage collector)') return 'garbage collection';
  for (const frame of stack) for (const step of steps) if (step.test(frame.url)) return step.name;
  return 'other (V8, microtasks, timers, Fetch objects made elsewhere)';
}

const shortUrl = (url: string): string =>
  url.replace(/^file:\/\/.*?\/node_modules\//, '').replace(/^file:\/\/.*?\/src\//, 'src/');

// The stub's TypeScript reaches V8 transformed by tsx, on lines of its own: only Node's and msw's lines are named.
const frameName = ({ functionName, url, lineNumber }: ProfileNode['callFrame']): string =>
  `${functionName || '(anonymous)'}${url ? ` ${shortUrl(url)}${url.includes('/src/') ? '' : `:${lineNumber + 1}`}` : ''}`;

/** Each node's stack, innermost frame first. */
function stacks(profile: CpuProfile): Map<number, ProfileNode['callFrame'][]> {
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const result = new Map<number, ProfileNode['callFrame'][]>();
  for (const node of profile.nodes) {
    const stack: ProfileNode['callFrame'][] = [];
    for (let at: ProfileNode | undefined = byId.get(node.id); at; at = parent.get(at.id)) stack.push(at.callFrame);
    result.set(node.id, stack);
  }
  return result;
}

/** Busy time by step and by function from `fromMicros` (the monotonic clock) on, idle taken off. */
export function summarizeProfile(profile: CpuProfile, fromMicros = 0, top = 15): StubProfile {
  const stackOf = stacks(profile);
  const frames = new Map<string, number>();
  const byStep = new Map<string, number>();
  let busy = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    at += micros;
    const stack = stackOf.get(id);
    if (!stack?.[0] || stack[0].functionName === '(idle)' || at < fromMicros) return;
    busy += micros;
    const name = frameName(stack[0]);
    frames.set(name, (frames.get(name) ?? 0) + micros);
    const step = stepOf(stack);
    byStep.set(step, (byStep.get(step) ?? 0) + micros);
  });
  const shares = (totals: Map<string, number>, count: number): ProfileShare[] =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => ({ name, share: micros / busy }));
  return { busyMs: busy / 1000, bySteps: shares(byStep, byStep.size), topFrames: shares(frames, top) };
}

/** Samples per profile file whose frames are msw's: the stub's thread is the one with the most. */
function stubThreadProfile(dir: string): CpuProfile {
  let best: { profile: CpuProfile; msw: number } | null = null;
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile;
    const mswNodes = new Set(
      profile.nodes.filter((node) => node.callFrame.url.includes('/msw/')).map((node) => node.id),
    );
    const msw = profile.samples.filter((id) => mswNodes.has(id)).length;
    if (best === null || msw > best.msw) best = { profile, msw };
  }
  if (best === null || best.msw === 0) throw new Error(`no profile of the stub's thread in ${dir}`);
  return best.profile;
}

/**
 * Profiles the stub's thread under `seconds` of autocannon and summarizes it; the thread's start and
 * a warm-up as long are left out (V8 compiling the request path is no cost of a request).
 */
export async function stubProfile(dir: string, seconds: number, connections: number): Promise<StubProfile> {
  const profiles = join(dir, 'stub-profile');
  mkdirSync(profiles, { recursive: true });
  const child = forkServers(dir, ['--cpu-prof', '--cpu-prof-dir', profiles]);
  const fromMicros = await (async () => {
    try {
      const ready = await messages(child)();
      if (ready.kind !== 'ready') throw new Error('the profiled stub did not start');
      await drive(ready.urls.stub, connections, seconds, false);
      const from = Number(process.hrtime.bigint() / 1000n);
      await drive(ready.urls.stub, connections, seconds, false);
      // A clean exit: each thread writes its profile as it ends.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
      return from;
    } finally {
      child.kill();
    }
  })();
  return summarizeProfile(stubThreadProfile(profiles), fromMicros);
}

/** The summary as Markdown, for the bench report. */
export function profileMarkdown(profile: StubProfile): string {
  const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;
  return [
    `Where the stub's thread spends its busy time (${Math.round(profile.busyMs).toLocaleString('en-US')} ms of it sampled, idle left out):`,
    '',
    '| step of a request (the innermost on the stack) | share |',
    '|---|---|',
    ...profile.bySteps.map(({ name, share }) => `| ${name} | ${percent(share)} |`),
    '',
    '| function (self time) | share |',
    '|---|---|',
    ...profile.topFrames.map(({ name, share }) => `| \`${name}\` | ${percent(share)} |`),
  ].join('\n');
}
