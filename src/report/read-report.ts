// Reads a finished (or checkpointed) run back: a run folder or its report.json.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SmsgwError } from '../errors';
import type { RunReport } from './run-report';

/** The report of `path` (a run folder or a report.json); a missing or foreign file is a `bad-report` (exit 2). */
export async function readReport(path: string): Promise<RunReport> {
  const isDir = await stat(path).then((info) => info.isDirectory(), () => null);
  if (isDir === null) throw new SmsgwError('bad-report', `No run at ${path}`, { hint: 'pass a run folder (reports/<run-id>) or its report.json' });
  const file = isDir ? join(path, 'report.json') : path;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new SmsgwError('bad-report', `No report.json in ${path}`, { hint: 'a run writes report.json into reports/<run-id>/ when it starts its load' });
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new SmsgwError('bad-report', `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const looksRight = typeof report === 'object' && report !== null && (report as { schemaVersion?: unknown }).schemaVersion === 1 && 'counts' in report && 'latency' in report;
  if (!looksRight) throw new SmsgwError('bad-report', `${file} is not an smsgw run report (schemaVersion 1)`);
  return report as RunReport;
}
