// YAML text → a validated Scenario, or one SmsgwError that lists every problem with its line and column.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { SmsgwError } from '../errors';
import { explainIssues, type Problem } from './explain-issues';
import { issueMessage } from './issue-message';
import { scenarioSchema, type Scenario } from './scenario-schema';
import { positionOf } from './yaml-position';

/** A billion-laughs file stops here instead of exhausting memory. */
const maxAliasCount = 1000;

export const scenarioHint =
  'the format is DESIGN.md §5; add "# yaml-language-server: $schema=scenario.schema.json" at the top for checks as you type';

interface Located {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

function located(doc: Document, lineCounter: LineCounter, problems: readonly Problem[]): Located[] {
  return problems.map((problem) => ({ ...positionOf(doc, lineCounter, problem.path, problem.atKey), message: problem.message }));
}

function badScenario(file: string, found: Located[]): SmsgwError {
  const sorted = [...found].sort((a, b) => a.line - b.line || a.col - b.col);
  const issues = [...new Set(sorted.map((problem) => `${file}:${problem.line}:${problem.col} ${problem.message}`))];
  const noun = issues.length === 1 ? 'problem' : 'problems';
  return new SmsgwError('bad-scenario', `${file}: ${issues.length} ${noun}`, { issues, hint: scenarioHint });
}

/**
 * Parses and validates a scenario. Reports every problem at once — YAML syntax, unknown keys, bad
 * values — as SmsgwError('bad-scenario') with `<file>:<line>:<col> <message>` issues.
 */
export function parseScenario(text: string, file: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const found: Located[] = doc.errors.map((error) => ({ ...lineCounter.linePos(error.pos[0]), message: `YAML: ${error.message}` }));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    // toJS throws only for alias abuse (too many, or a reference cycle): nothing left to validate.
    found.push({ line: 1, col: 1, message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
    throw badScenario(file, found);
  }
  const result = scenarioSchema.safeParse(data, { error: issueMessage });
  if (result.success && found.length === 0) return result.data;
  if (!result.success) found.push(...located(doc, lineCounter, explainIssues(result.error.issues, scenarioSchema, data)));
  throw badScenario(file, found);
}
