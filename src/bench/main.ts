// `npm run bench`: every figure of the benchmark suite in one run, each with its target and, where
// it is judged against this machine's limits, the ratio to them. Writes reports/bench/<time>.json and .md.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownTable, meetsTarget, type BenchFigure } from './bench-result';
import { rawHttpRate, rawInsertRate, rawTcpRoundTrips } from './machine-limits';
import { engineIngestRate, healthTimeMs, lockWaitP99Ms } from './engine-figures';
import { stubCapacity } from './stub-capacity';
import { profileMarkdown, stubProfile, type StubProfile } from './stub-profile';
import { burstRates } from './burst-figures';
import { dashboardCpu } from './dashboard-cpu';
import { consoleIngestRate, queuedMemoryBytes } from './device-figures';
import { burstThroughput, steadyLatency } from './run-figures';
import { recoveryTime, type Recovery } from './recovery-figures';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
/** `--only <word>` runs just the steps whose title has that word: `npm run bench -- --only recovery`. */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? null : (process.argv[onlyAt + 1] ?? '').toLowerCase();
const scale = quick ? 0.2 : 1;
const say = (line: string): void => void process.stderr.write(`${line}\n`);

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const outDir = join('reports', 'bench');
// Work files live under reports/ so they sit on the same disk as real runs (not a tmpfs /tmp).
const work = join(outDir, `work-${stamp}`);
mkdirSync(work, { recursive: true });

const figures: BenchFigure[] = [];
const failures: string[] = [];
/** Markdown written after the table. */
const sections: string[] = [];
let stubProfileSummary: StubProfile | null = null;
async function step(title: string, measure: () => Promise<BenchFigure[]>): Promise<void> {
  if (only !== null && !title.toLowerCase().includes(only)) return;
  say(`bench: ${title}…`);
  try {
    for (const figure of await measure()) {
      figures.push(figure);
      const ratio =
        figure.ratio === undefined ? '' : `, ratio ${figure.ratio.toFixed(2)} of ${figure.ratioOf ?? 'limit'}`;
      const met = meetsTarget(figure);
      const target = figure.target
        ? `, target ${figure.target.op} ${figure.target.value}: ${met ? 'holds' : 'MISSED'}`
        : '';
      say(`  ${figure.title}: ${figure.value.toFixed(2)} ${figure.unit}${ratio}${target}`);
    }
  } catch (error) {
    failures.push(`${title}: ${error instanceof Error ? error.message : String(error)}`);
    say(`  failed: ${failures.at(-1)}`);
  }
}

const seconds = (s: number) => ({ durationMs: s * 1000 * scale, maxOps: 1_000_000 });
let insertLimit = 0;
let stubLimit = 0;
/** The virtual device's own pace: its burst into a bare sink, with no harness around it. */
let deviceLimit = 0;

await step('limits of this machine', async () => {
  insertLimit = await rawInsertRate(work, seconds(3));
  const http = await rawHttpRate(8, seconds(3));
  const tcp = await rawTcpRoundTrips(seconds(2));
  return [
    {
      id: 'raw-insert',
      title: 'raw SQLite autocommit inserts (WAL, synchronous=FULL)',
      value: insertLimit,
      unit: '/s',
    },
    { id: 'raw-http', title: 'raw node:http + got POSTs, concurrency 8', value: http, unit: '/s' },
    { id: 'raw-tcp', title: 'raw TCP line round trips', value: tcp, unit: '/s' },
  ];
});
await step('engine ingest', async () => {
  const alone = await engineIngestRate(work, 'ingest-alone', false, seconds(3));
  const dispatching = await engineIngestRate(work, 'ingest-dispatch', true, seconds(3));
  return [
    {
      id: 'engine-ingest',
      title: 'engine enqueue, committed',
      value: alone,
      unit: '/s',
      ratio: alone / insertLimit,
      ratioOf: 'raw insert rate',
      target: { op: '>=', value: 0.5 },
    },
    {
      id: 'engine-ingest-dispatch',
      title: 'engine enqueue while dispatching',
      value: dispatching,
      unit: '/s',
      ratio: dispatching / insertLimit,
      ratioOf: 'raw insert rate',
      target: { op: '>=', value: 0.5 },
    },
  ];
});
await step('lock wait at 1,000 SMS/s', async () => {
  const { p99Ms, waits } = await lockWaitP99Ms(work, 1_000, Math.max(2, Math.round(10 * scale)));
  return [
    {
      id: 'lock-wait-p99',
      title: `database lock wait p99 in a 1,000 SMS/s burst (${waits.toLocaleString('en-US')} waits)`,
      value: p99Ms,
      unit: 'ms',
      target: { op: '<', value: 50 },
    },
  ];
});
await step('console ingest', async () => {
  const rate = await consoleIngestRate(work, Math.round(20_000 * scale), 30_000);
  return [
    {
      id: 'console-ingest',
      title: 'virtual device console ingest (pipelined, OK after commit)',
      value: rate,
      unit: 'SMS/s',
      target: { op: '>=', value: 5000 },
    },
  ];
});
await step('stub capacity', async () => {
  // Per wall-clock second, the stub on its own thread as a run starts it, a core to itself (stub-capacity.ts).
  const capacity = await stubCapacity({
    connections: 8,
    durationSeconds: Math.max(3, Math.round(12 * scale)),
    rounds: quick ? 2 : 4,
    warmUpSeconds: quick ? 1 : 2,
    dir: work,
  });
  const { bare, stub, signed } = capacity;
  // The end-to-end run below is signed, as every scenario is by default.
  stubLimit = signed.perSecond;
  const cpu = (id: string, title: string, micros: number): BenchFigure => ({ id, title, value: micros, unit: 'µs' });
  return [
    {
      id: 'bare-http-autocannon',
      title: 'bare node:http answering the same JSON (autocannon, 8 connections)',
      value: bare.perSecond,
      unit: 'req/s',
    },
    {
      id: 'stub-capacity',
      title: 'stub on its own thread, msw, file ledger (autocannon, 8 connections)',
      value: stub.perSecond,
      unit: 'req/s',
      ratio: stub.perSecond / bare.perSecond,
      ratioOf: 'bare node:http',
    },
    {
      id: 'stub-capacity-signed',
      title: 'the same with X-Signature checked, as scenarios have it',
      value: signed.perSecond,
      unit: 'req/s',
      ratio: signed.perSecond / bare.perSecond,
      ratioOf: 'bare node:http',
    },
    cpu('bare-cpu-per-request', 'CPU per request, bare node:http', bare.cpuMicrosPerRequest),
    cpu('stub-cpu-per-request', 'CPU per request, stub', stub.cpuMicrosPerRequest),
    cpu('stub-signed-cpu-per-request', 'CPU per request, stub with signatures', signed.cpuMicrosPerRequest),
    cpu(
      'stub-cost-per-request',
      "the stub's CPU per request over bare node:http (msw, Fetch objects, the ledger)",
      stub.cpuMicrosPerRequest - bare.cpuMicrosPerRequest,
    ),
  ];
});
await step("where the stub's time goes", async () => {
  const profile = await stubProfile(work, quick ? 2 : 5, 8);
  sections.push(`## Where the stub's time goes\n\n${profileMarkdown(profile)}\n`);
  stubProfileSummary = profile;
  const msw = profile.bySteps.find((step) => step.name.startsWith("msw's"))?.share ?? Number.NaN;
  return [
    {
      id: 'stub-profile-msw-share',
      title: "msw's handler run, share of the stub thread's busy time",
      value: msw * 100,
      unit: '%',
    },
  ];
});
await step('burst through the stub and a bare sink', async () => {
  const count = Math.round(10_000 * scale);
  const { stub, bare } = await burstRates(work, count, quick ? 1 : 2, 300_000);
  deviceLimit = bare;
  return [
    {
      id: 'burst-bare-sink',
      title: `${count.toLocaleString('en-US')}-SMS burst, virtual device into a bare node:http sink on its own thread`,
      value: bare,
      unit: 'SMS/s',
    },
    {
      id: 'burst-stub',
      title: `the same burst into the stub on its own thread (msw, signatures, file ledger)`,
      value: stub,
      unit: 'SMS/s',
      ratio: stub / bare,
      ratioOf: 'the bare sink',
      target: { op: '>=', value: 0.8 },
    },
  ];
});
await step('dashboard cost', async () => {
  const { shareOfCore } = await dashboardCpu({ durationMs: Math.max(4000, 20_000 * scale), fps: 4 });
  return [
    {
      id: 'dashboard-cpu',
      title: 'Ink dashboard at 4 Hz, CPU (idle process taken off)',
      value: shareOfCore * 100,
      unit: '% of a core',
      target: { op: '<', value: 5 },
    },
  ];
});
await step('end to end', async () => {
  const { smsPerSecond, report } = await burstThroughput(work, Math.round(10_000 * scale), 300_000);
  // The run can go no faster than the slowest of what it is made of: the disk, the stub, and the device
  // itself (a phone receives one broadcast at a time and commits each before the next).
  const limit = Math.min(...[insertLimit, stubLimit, deviceLimit].filter((one) => one > 0));
  return [
    {
      id: 'end-to-end',
      title: `${report.counts.planned.toLocaleString('en-US')}-SMS burst drained (lost ${report.counts.lost})`,
      value: smsPerSecond,
      unit: 'SMS/s',
      ratio: smsPerSecond / limit,
      ratioOf: "slowest of raw insert, the stub's capacity and the device's burst into a bare sink",
      target: { op: '>=', value: 0.5 },
    },
  ];
});
await step('latency at a steady 200 SMS/s', async () => {
  const report = await steadyLatency(work, 200, Math.max(5, Math.round(30 * scale)), 180_000);
  return [
    { id: 'latency-p50', title: 'injection to first 2xx, p50', value: report.latency.p50Ms ?? Number.NaN, unit: 'ms' },
    {
      id: 'latency-p95',
      title: 'injection to first 2xx, p95',
      value: report.latency.p95Ms ?? Number.NaN,
      unit: 'ms',
      target: { op: '<', value: 50 },
    },
    { id: 'latency-p99', title: 'injection to first 2xx, p99', value: report.latency.p99Ms ?? Number.NaN, unit: 'ms' },
  ];
});
await step('harness memory at a steady 100 SMS/s', async () => {
  // Three minutes (36 s quick) spans a few major GCs; `smsgw run scenarios/soak-15m.yaml` is the long form.
  const report = await steadyLatency(work, 100, Math.max(30, Math.round(180 * scale)), 600_000);
  const harness = report.harness;
  const first = harness?.rssPeakFirstThirdBytes ?? Number.NaN;
  const last = harness?.rssPeakLastThirdBytes ?? Number.NaN;
  return [
    {
      id: 'harness-rss-peaks',
      title: 'harness RSS peak, last third of the load / first third',
      value: last / first,
      unit: '×',
      target: { op: '<', value: 1.2 },
    },
    {
      id: 'harness-retained-heap',
      title: 'harness heap after major GCs, at the end',
      value: (harness?.retainedHeapLastBytes ?? Number.NaN) / 1e6,
      unit: 'MB',
    },
  ];
});
await step('health at scale', async () => {
  // Always a million rows, quick or not: the target is about that size.
  const small = await healthTimeMs(work, 1_000);
  const large = await healthTimeMs(work, 1_000_000);
  return [
    { id: 'health-1k', title: 'health() with 1,000 rows', value: small, unit: 'ms' },
    { id: 'health-1m', title: 'health() with 1,000,000 rows', value: large, unit: 'ms', target: { op: '<', value: 5 } },
    {
      id: 'health-ratio',
      title: 'health() time, large / small',
      value: large / small,
      unit: '×',
      target: { op: '<', value: 3 },
    },
  ];
});
await step('memory with a queue the server refuses', async () => {
  const { rssBytes, queued } = await queuedMemoryBytes(work, Math.round(100_000 * scale), 120_000);
  return [
    {
      id: 'device-rss-queued',
      title: `device RSS with ${queued.toLocaleString('en-US')} SMS queued, server down`,
      value: (rssBytes ?? Number.NaN) / 1e6,
      unit: 'MB',
      target: { op: '<', value: 150 },
    },
  ];
});
await step('recovery after a failing server', async () => {
  // Full size even with --quick: the target is about 500 SMS and a 30 s outage. Each case stops by itself.
  const count = 500;
  const deadlineMs = 300_000;
  const noteOf = (run: Recovery): string =>
    `accepted ${run.accepted}/${count} (${run.acceptedAtRecovery} before the recovery), duplicates ${run.duplicates}, ${run.requests} POSTs answered, engine queue empty: ${run.engineDrained}`;
  const figure = (id: string, title: string, run: Recovery): BenchFigure => ({
    id,
    title,
    value: run.recoveryToEmptyMs / 1000,
    unit: 's',
    target: { op: '<', value: 10 },
    note: noteOf(run),
  });
  const random = await recoveryTime({
    dir: work,
    name: 'recovery-random',
    failure: { kind: 'random-503', rate: 0.45, forMs: 20_000 },
    count,
    overMs: 20_000,
    deadlineMs,
  });
  const outage = await recoveryTime({
    dir: work,
    name: 'recovery-outage',
    failure: { kind: 'refused', forMs: 30_000 },
    count,
    overMs: 20_000,
    deadlineMs,
  });
  for (const run of [random, outage]) say(`  ${noteOf(run)}`);
  return [
    figure(
      'recovery-random-503',
      `${count} SMS over 20 s into 45 % random 503s, then healthy: from the server's switch to healthy (20 s) to its first 2xx for the last SMS`,
      random,
    ),
    figure(
      'recovery-outage',
      `${count} SMS over 20 s into a 30 s outage (connections refused), then healthy: from the server listening again to its first 2xx for the last SMS`,
      outage,
    ),
  ];
});

rmSync(work, { recursive: true, force: true });
const result = {
  stamp,
  quick,
  only,
  node: process.version,
  figures,
  failures,
  held: figures.filter((figure) => meetsTarget(figure) === true).map((figure) => figure.id),
  missed: figures.filter((figure) => meetsTarget(figure) === false).map((figure) => figure.id),
  stubProfile: stubProfileSummary,
};
const table = markdownTable(figures);
writeFileSync(join(outDir, `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  join(outDir, `${stamp}.md`),
  `# smsgw bench ${stamp}${quick ? ' (quick)' : ''}${only === null ? '' : ` (only steps with "${only}")`}\n\n${table}\n${sections.map((section) => `\n${section}`).join('')}${failures.length ? `\nFailed:\n${failures.map((failure) => `- ${failure}`).join('\n')}\n` : ''}`,
);
process.stdout.write(
  json ? `${JSON.stringify(result, null, 2)}\n` : `\n${table}\n\nwritten: ${join(outDir, `${stamp}.md`)}\n`,
);
process.exitCode = failures.length > 0 ? 1 : 0;
