// YAML text → a validated Scenario, or one SmsgwError that lists every problem with its line and column.
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { SmsgwError } from '../errors';
import { maxListedIssues, maxNestingDepth } from './defaults';
import { duplicateKeyOffsets } from './duplicate-keys';
import { explainIssues, type Problem } from './explain-issues';
import { issueMessage } from './issue-message';
import { tooDeepAt } from './nesting-depth';
import { scenarioSchema, type Scenario } from './scenario-schema';
import { positionOf } from './yaml-position';

/** A billion-laughs file stops here instead of exhausting memory. */
const maxAliasCount = 1000;

export const scenarioHint =
  'the format is in the README, "Scenarios", and docs/architecture.md; add "# yaml-language-server: $schema=scenario.schema.json" at the top for checks as you type';

interface Located {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

function located(doc: Document, lineCounter: LineCounter, problems: readonly Problem[]): Located[] {
  return problems.map((problem) => ({
    ...positionOf(doc, lineCounter, problem.path, problem.atKey),
    message: problem.message,
  }));
}

/** `unlocated`: problems past `maxListedIssues` that were not located (it costs a walk each); counted, not listed. */
function badScenario(file: string, found: Located[], unlocated = 0): SmsgwError {
  const sorted = [...found].sort((a, b) => a.line - b.line || a.col - b.col);
  const unique = [...new Set(sorted.map((problem) => `${file}:${problem.line}:${problem.col} ${problem.message}`))];
  const issues = unique.slice(0, maxListedIssues);
  const total = unique.length + unlocated;
  const noun = total === 1 ? 'problem' : 'problems';
  const listed = total > issues.length ? `, ${issues.length} listed` : '';
  return new SmsgwError('bad-scenario', `${file}: ${total} ${noun}${listed}`, { issues, hint: scenarioHint });
}

/** `server.handlers` is written relative to the scenario file; the stub gets it from wherever smsgw runs. */
function withHandlersBeside(scenario: Scenario, file: string): Scenario {
  const { handlers } = scenario.server;
  if (handlers === null) return scenario;
  return { ...scenario, server: { ...scenario.server, handlers: resolve(dirname(file), handlers) } };
}

/**
 * Parses and validates a scenario. Reports every problem at once — YAML syntax, unknown keys, bad
 * values — as SmsgwError('bad-scenario') with `<file>:<line>:<col> <message>` issues.
 */
export function parseScenario(text: string, file: string): Scenario {
  const tooDeep = tooDeepAt(text, maxNestingDepth);
  if (tooDeep)
    throw badScenario(file, [{ ...tooDeep, message: `YAML: nested more than ${maxNestingDepth} levels deep` }]);
  const lineCounter = new LineCounter();
  // uniqueKeys off: duplicateKeyOffsets does the same check in linear time.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const found: Located[] = [
    ...doc.errors.map((error) => ({ ...lineCounter.linePos(error.pos[0]), message: `YAML: ${error.message}` })),
    ...duplicateKeyOffsets(doc).map((offset) => ({
      ...lineCounter.linePos(offset),
      message: 'YAML: Map keys must be unique',
    })),
  ];
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    // toJS throws only for alias abuse (too many, or a reference cycle): nothing left to validate.
    found.push({ line: 1, col: 1, message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
    throw badScenario(file, found);
  }
  const result = scenarioSchema.safeParse(data, { error: issueMessage });
  if (result.success && found.length === 0) return withHandlersBeside(result.data, file);
  if (result.success) throw badScenario(file, found);
  const problems = explainIssues(result.error.issues, scenarioSchema, data);
  const room = Math.max(0, maxListedIssues - found.length);
  found.push(...located(doc, lineCounter, problems.slice(0, room)));
  throw badScenario(file, found, Math.max(0, problems.length - room));
}
