// Reads a finished (or checkpointed) run back: a run folder or its report.json.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SmsgwError } from '../errors';
import type { RunReport } from './run-report';

const isNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
const isNumberOrNull = (value: unknown): boolean => value === null || isNumber(value);
const isString = (value: unknown): boolean => typeof value === 'string';

const isPoints = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.every(
    (point: unknown) =>
      typeof point === 'object' && point !== null && isNumberOrNull((point as { rssBytes?: unknown }).rssBytes ?? null),
  );

/** The fields a comparison or a baseline reads (report-metrics.ts), each with the check it must pass. */
const fieldChecks: ReadonlyArray<readonly [path: string, check: (value: unknown) => boolean, expected: string]> = [
  ['runId', isString, 'a string'],
  ['status', isString, 'a string'],
  ['scenario.name', isString, 'a string'],
  ...['injected', 'delivered', 'lost', 'duplicates', 'redeliveries'].map(
    (name) => [`counts.${name}`, isNumber, 'a number'] as const,
  ),
  ...['p50Ms', 'p95Ms', 'p99Ms'].map((name) => [`latency.${name}`, isNumberOrNull, 'a number or null'] as const),
  ['phases.loadMs', isNumber, 'a number'],
  ['phases.drainMs', isNumberOrNull, 'a number or null'],
  [
    'verdicts',
    (value) => Array.isArray(value) && value.every((verdict) => typeof verdict === 'object' && verdict !== null),
    'a list of verdicts',
  ],
  [
    'series',
    (value) => value === undefined || isPoints((value as { points?: unknown } | null)?.points),
    'absent or { points: [{ rssBytes }, …] }',
  ],
];

const at = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (inner, key) =>
        typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>)[key] : undefined,
      value,
    );

/** The report of `path` (a run folder or a report.json); a missing or foreign file is a `bad-report` (exit 2). */
export async function readReport(path: string): Promise<RunReport> {
  const isDir = await stat(path).then(
    (info) => info.isDirectory(),
    () => null,
  );
  if (isDir === null)
    throw new SmsgwError('bad-report', `No run at ${path}`, {
      hint: 'pass a run folder (reports/<run-id>) or its report.json',
    });
  const file = isDir ? join(path, 'report.json') : path;
  // A FIFO or /dev/zero would be read forever (found by fuzzing).
  const isFile = await stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
  let text: string;
  try {
    if (!isFile) throw new Error('not a regular file');
    text = await readFile(file, 'utf8');
  } catch {
    throw new SmsgwError('bad-report', `No report.json in ${path}`, {
      hint: 'a run writes report.json into reports/<run-id>/ when it starts its load',
    });
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new SmsgwError(
      'bad-report',
      `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const looksRight =
    typeof report === 'object' &&
    report !== null &&
    (report as { schemaVersion?: unknown }).schemaVersion === 1 &&
    'counts' in report &&
    'latency' in report;
  if (!looksRight) throw new SmsgwError('bad-report', `${file} is not an smsgw run report (schemaVersion 1)`);
  // A hand-edited or truncated report must be bad input, not a TypeError deep in the comparison (found by fuzzing).
  const issues = fieldChecks.flatMap(([field, check, expected]) => {
    const value = at(report, field);
    return check(value)
      ? []
      : [`expected \`${field}\` to be ${expected}, got ${JSON.stringify(value)?.slice(0, 40) ?? 'nothing'}`];
  });
  if (issues.length > 0)
    throw new SmsgwError('bad-report', `${file} is a damaged smsgw run report`, {
      issues,
      hint: 'compare against another run, or run the scenario again',
    });
  return report as RunReport;
}
