// YAML text → a validated Scenario, or one SmsgwError that lists every problem with its line and column.
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { SmsgwError } from '../errors';
import { maxListedIssues, maxNestingDepth } from './defaults';
import { duplicateKeyOffsets } from './duplicate-keys';
import { explainIssues, type Problem } from './explain-issues';
import { issueMessage } from './issue-message';
import { tooDeepAt } from './nesting-depth';
import { applyOverrides, recordedOverride, type Expand, type Override } from './overrides';
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
  /** The `--set` the problem is in: said instead of a place in the file, which does not hold the value. */
  readonly override?: string;
}

const isPrefix = (prefix: readonly PropertyKey[], path: readonly PropertyKey[]): boolean =>
  prefix.length <= path.length && prefix.every((key, index) => String(key) === String(path[index]));

/** Each problem at its place in the file, or in the override that set its value (the last one that did). */
function located(
  doc: Document,
  lineCounter: LineCounter,
  problems: readonly Problem[],
  overrides: readonly Override[],
): Located[] {
  return problems.map(({ path, atKey, message }) => {
    const inside = path.length === 0 ? [] : overrides.filter((override) => isPrefix(path, override.path));
    // An override's value, or a key only an override made (`--set foo.bar=1` makes `foo`): the override says it.
    const owner =
      overrides.findLast((override) => isPrefix(override.path, path)) ??
      (doc.hasIn(path as unknown[]) ? undefined : inside.at(-1));
    if (owner) return { line: 0, col: 0, message, override: owner.text };
    // A problem of a whole the overrides changed a part of (too many SMS in all): the file, and what changed it.
    const after = inside.length === 0 ? '' : ` (with ${inside.map((override) => `--set ${override.text}`).join(', ')})`;
    return { ...positionOf(doc, lineCounter, path, atKey), message: `${message}${after}` };
  });
}

const issueLine = (file: string, problem: Located): string =>
  problem.override === undefined
    ? `${file}:${problem.line}:${problem.col} ${problem.message}`
    : `--set ${problem.override}: ${problem.message}`;

/** `unlocated`: problems past `maxListedIssues` that were not located (it costs a walk each); counted, not listed. */
function badScenario(file: string, found: Located[], unlocated = 0): SmsgwError {
  // The overrides' problems first (line 0), in the order given: they are what the user just typed.
  const sorted = [...found].sort((a, b) => a.line - b.line || a.col - b.col);
  const unique = [...new Set(sorted.map((problem) => issueLine(file, problem)))];
  const issues = unique.slice(0, maxListedIssues);
  const total = unique.length + unlocated;
  const noun = total === 1 ? 'problem' : 'problems';
  const listed = total > issues.length ? `, ${issues.length} listed` : '';
  return new SmsgwError('bad-scenario', `${file}: ${total} ${noun}${listed}`, { issues, hint: scenarioHint });
}

/** `server.handlers` is written relative to the scenario file; the stub gets it from wherever smsgw runs. */
function withHandlersBeside<T extends Pick<Scenario, 'server'>>(scenario: T, file: string): T {
  const { handlers } = scenario.server;
  if (handlers === null) return scenario;
  return { ...scenario, server: { ...scenario.server, handlers: resolve(dirname(file), handlers) } };
}

/**
 * `device: virtual`, or no `device`, is short for `device: { kind: virtual }`; an override reaches into
 * the long form, so `--set device.clock=100x` works whichever form the file uses.
 */
const longForms: Expand = (path, value) =>
  path.length === 1 && path[0] === 'device' && (value === undefined || value === null || typeof value === 'string')
    ? { kind: value ?? 'virtual' }
    : value;

/**
 * Parses and validates a scenario, with `overrides` (`--set`) applied to its data before the schema
 * checks it. Reports every problem at once — YAML syntax, unknown keys, bad values — as
 * SmsgwError('bad-scenario') with `<file>:<line>:<col> <message>` issues (`--set <override>: <message>`
 * for a problem in an override's value).
 */
export function parseScenario(text: string, file: string, overrides: readonly Override[] = []): Scenario {
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
  let read: unknown;
  try {
    read = doc.toJS({ maxAliasCount });
  } catch (error) {
    // toJS throws only for alias abuse (too many, or a reference cycle): nothing left to validate.
    found.push({ line: 1, col: 1, message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
    throw badScenario(file, found);
  }
  const { data, problems: unset } = applyOverrides(read, overrides, longForms);
  found.unshift(...unset.map(({ override, message }) => ({ line: 0, col: 0, message, override: override.text })));
  const result = scenarioSchema.safeParse(data, { error: issueMessage });
  if (result.success && found.length === 0)
    return { ...withHandlersBeside(result.data, file), overrides: overrides.map(recordedOverride) };
  if (result.success) throw badScenario(file, found);
  const problems = explainIssues(result.error.issues, scenarioSchema, data);
  const room = Math.max(0, maxListedIssues - found.length);
  const applied = overrides.filter((override) => !unset.some((problem) => problem.override === override));
  found.push(...located(doc, lineCounter, problems.slice(0, room), applied));
  throw badScenario(file, found, Math.max(0, problems.length - room));
}
