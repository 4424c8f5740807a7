// The end of a run, once its machinery is torn down: judge it, write its report files, close what
// they were read from, and turn what went wrong into the error the command exits with.
import { readdir } from 'node:fs/promises';
import { tracedMessages } from '../judge/trace';
import { createRedactor } from '../report/redact';
import { summarizeRun } from '../report/summarize-run';
import type { RunReport } from '../report/run-report';
import { writeRunFiles, type UnwrittenRunFile } from '../report/write-report';
import { runDefaults } from './defaults';
import { diskFullError, isDiskFull, type DiskFullNote } from './disk-full-error';
import { noteNews, recordSoFar, type RunContext } from './run-context';
import type { RunOutcome } from './run-options';

export interface Reported {
  /** Null only when a full disk kept it from being summarized. */
  readonly report: RunReport | null;
  /** Injection → first 2xx of every delivered SMS, ms, as the report's trace found them (`--metrics-port`). */
  readonly latenciesMs: Float64Array;
  readonly unwritten: readonly UnwrittenRunFile[];
}

async function summarizeAndWrite(run: RunContext): Promise<Reported> {
  noteNews(run); // chaos steps of the last second
  const { report, latenciesMs } = summarizeRun(recordSoFar(run, false));
  const traced = tracedMessages(run.log, run.soFar.stub ? run.ledgerPath : null);
  const unwritten = await writeRunFiles(run.dir, report, traced, createRedactor(run.options.redact ?? false));
  return { report, latenciesMs, unwritten };
}

/** Writes report.json and the other run files, then closes the stub and the injection log. */
export async function reportRun(run: RunContext): Promise<Reported> {
  try {
    return await summarizeAndWrite(run);
  } catch (error) {
    // The summary's trace reads the databases: on a full disk it may fail to, and then no report is written.
    if (!isDiskFull(error)) throw error;
    run.trouble.fullAtTheEnd('the report', error);
    return { report: null, latenciesMs: new Float64Array(), unwritten: [{ name: 'report.json', bytes: null, error }] };
  } finally {
    await run.evidence.runAll();
  }
}

/** The files a run leaves in `dir` for a person to read, each once (no temp, WAL or shared-memory files). */
async function keptFiles(dir: string, unwritten: readonly UnwrittenRunFile[]): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const notFinal = new Set(unwritten.map((file) => file.name));
  return names
    .filter((name) => !/(\.tmp|-wal|-shm|-journal)$/.test(name) && name !== runDefaults.diskReserveFile)
    .sort()
    .map((name) => (notFinal.has(name) ? `${name} (an earlier checkpoint's)` : name));
}

/** One error for a run a full disk stopped or cut short: what it kept, and what did not fit. */
async function fullDiskError(run: RunContext, note: DiskFullNote, unwritten: readonly UnwrittenRunFile[]) {
  const rows = run.log.unwritten();
  const notWritten = [
    ...unwritten.map(({ name, bytes }) => ({ name, bytes })),
    ...(rows > 0 ? [{ name: `${rows} rows of injections.sqlite`, bytes: null }] : []),
  ];
  return diskFullError(run.dir, note, { kept: await keptFiles(run.dir, unwritten), notWritten });
}

/** The run's outcome, or the error it ends with: a full disk (exit 3), a file not written, the run's own failure. */
export async function conclude(run: RunContext, { report, unwritten }: Reported): Promise<RunOutcome> {
  const { trouble, log } = run;
  const fullAtTheEnd = unwritten.find((file) => isDiskFull(file.error));
  if (fullAtTheEnd) trouble.fullAtTheEnd(fullAtTheEnd.name, fullAtTheEnd.error);
  if (trouble.diskFull) throw await fullDiskError(run, trouble.diskFull, unwritten);
  if (unwritten[0]) throw unwritten[0].error;
  // Acknowledged SMS the log could not keep are never dropped without a word, whatever the reason.
  if (log.unwritten() > 0)
    throw new Error(`${log.unwritten()} rows of injections.sqlite could not be written`, { cause: trouble.failure });
  // Set: only a full disk leaves it null, and that threw above.
  const final = report!;
  if (trouble.failure && final.status === 'error') throw trouble.failure;
  return { report: final, dir: run.dir };
}
