// Runs a scenario in this process and prints, every few seconds, where the harness's memory is:
// anonymous RSS (from /proc/self/smaps_rollup), V8's committed heap, and the native remainder
// (anonymous minus heap). A flat JS heap with a growing remainder is native memory: SQLite, buffers,
// malloc. For bisecting the harness's memory under load; Linux only.
//   npx tsx scripts/harness-memory-probe.ts <scenario.yaml> [--every 10s] [--checkpoint-every 10s]
import { readFileSync } from 'node:fs';
import { loadScenario } from '../src/scenario/index';
import { runScenario } from '../src/run/run-scenario';
import { parseDuration } from '../src/units/index';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error(
    'usage: npx tsx scripts/harness-memory-probe.ts <scenario.yaml> [--every 10s] [--checkpoint-every 10s]',
  );
  process.exit(2);
}
const option = (name: string, fallback: string): number => {
  const at = rest.indexOf(name);
  return parseDuration(at >= 0 ? (rest[at + 1] ?? fallback) : fallback);
};
const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(1);
const anonymousBytes = (): number =>
  Number(/Anonymous:\s+(\d+)/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1] ?? 0) * 1024;

const scenario = await loadScenario(file);
const startedAt = Date.now();
const timer = setInterval(
  () => {
    const { rss, heapTotal, heapUsed, external } = process.memoryUsage();
    const anonymous = anonymousBytes();
    console.log(
      `${((Date.now() - startedAt) / 1000).toFixed(0)}s rss ${mb(rss)} anonymous ${mb(anonymous)} heapTotal ${mb(heapTotal)} heapUsed ${mb(heapUsed)} external ${mb(external)} native ${mb(anonymous - heapTotal)} MiB`,
    );
  },
  option('--every', '10s'),
);
const { report } = await runScenario(scenario, {
  file,
  reportsDir: 'reports/memory-probe',
  checkpointEveryMs: option('--checkpoint-every', '2m'),
  redact: false,
});
clearInterval(timer);
console.log(report.status, `injected ${report.counts.injected}`, report.harness);
