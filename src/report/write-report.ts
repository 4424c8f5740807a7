// Writes a run's files: report.json, junit.xml, report.html and trace.jsonl (every SMS, injection to delivery).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { junitXml } from './junit';
import { htmlReport } from './html-report';
import type { RunReport } from './run-report';
import type { TracedMessage } from '../judge/trace';
import type { Redactor } from './redact';

/**
 * Writes atomically (temp file, then rename), so a reader or a kill never sees half a report. A write
 * that fails (a full disk) removes its temp file: the room it took is the room the next file needs,
 * and the file it would have replaced stays as it was.
 */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The report's files in the order a reader needs them: the verdicts first, the charts last. */
const reportFiles = (report: RunReport): [name: string, render: () => string][] => [
  ['report.json', () => `${JSON.stringify(report, null, 2)}\n`],
  ['junit.xml', () => junitXml(report)],
  ['report.html', () => htmlReport(report)],
];

/** Rewrites report.json, junit.xml and report.html; throws the first failure, the files after it untouched. */
export async function writeReport(dir: string, report: RunReport): Promise<void> {
  for (const [name, render] of reportFiles(report)) await writeAtomically(join(dir, name), render());
}

/**
 * Streams trace.jsonl: one line per acknowledged SMS, in load order, redacted when asked. A write
 * that fails rejects here (a stream's 'error' with no listener would end the process) and removes the
 * part written: the trace is read back from the run's databases, and half of it would pass for all.
 */
export async function writeTrace(dir: string, messages: Iterable<TracedMessage>, redactor: Redactor): Promise<void> {
  const path = join(dir, 'trace.jsonl');
  const stream = createWriteStream(path);
  let failed: unknown = null;
  stream.on('error', (error) => (failed ??= error));
  try {
    for (const message of messages) {
      if (failed !== null) throw failed;
      const line = { ...message, sender: redactor.phone(message.sender), text: redactor.text(message.text) };
      if (!stream.write(`${JSON.stringify(line)}\n`)) await once(stream, 'drain');
    }
    stream.end();
    await finished(stream);
  } catch (error) {
    stream.destroy();
    await rm(path, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** A file the end of a run could not write, its size when it is known before writing, and why. */
export interface UnwrittenRunFile {
  readonly name: string;
  readonly bytes: number | null;
  readonly error: unknown;
}

/**
 * The end of a run: report.json, junit.xml, report.html, then trace.jsonl. Each one is tried even
 * after one failed, since a full disk may still take a small file after a big one did not fit;
 * returns those not written (an earlier checkpoint's file then stays in place).
 */
export async function writeRunFiles(
  dir: string,
  report: RunReport,
  trace: Iterable<TracedMessage>,
  redactor: Redactor,
): Promise<UnwrittenRunFile[]> {
  const unwritten: UnwrittenRunFile[] = [];
  for (const [name, render] of reportFiles(report)) {
    const content = render();
    await writeAtomically(join(dir, name), content).catch((error: unknown) =>
      unwritten.push({ name, bytes: Buffer.byteLength(content), error }),
    );
  }
  await writeTrace(dir, trace, redactor).catch((error: unknown) =>
    unwritten.push({ name: 'trace.jsonl', bytes: null, error }),
  );
  return unwritten;
}
