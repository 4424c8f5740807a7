// Writes a run's files: report.json, junit.xml, report.html and trace.jsonl (every SMS, injection to delivery).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { junitXml } from './junit';
import { htmlReport } from './html-report';
import type { RunReport } from './run-report';
import type { TracedMessage } from '../run/trace';
import type { Redactor } from './redact';

/** Writes atomically (temp file, then rename), so a reader or a kill never sees half a report. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

export async function writeReport(dir: string, report: RunReport): Promise<void> {
  await writeAtomically(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomically(join(dir, 'junit.xml'), junitXml(report));
  await writeAtomically(join(dir, 'report.html'), htmlReport(report));
}

/** Streams trace.jsonl: one line per acknowledged SMS, in load order, redacted when asked. */
export async function writeTrace(dir: string, messages: Iterable<TracedMessage>, redactor: Redactor): Promise<void> {
  const stream = createWriteStream(join(dir, 'trace.jsonl'));
  for (const message of messages) {
    const line = { ...message, sender: redactor.phone(message.sender), text: redactor.text(message.text) };
    if (!stream.write(`${JSON.stringify(line)}\n`)) await once(stream, 'drain');
  }
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
