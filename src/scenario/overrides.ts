// `--set path=value`: a change to the scenario's YAML data made before the schema sees it, so one
// schema checks the file and its overrides alike, and a mistake in an override is said about it.
import { parseDocument } from 'yaml';
import { SmsgwError } from '../errors';
import { describeInput } from '../units';
import { maxNestingDepth } from './defaults';
import { tooDeepAt } from './nesting-depth';

/** One `--set`: where (keys, and list indices as digits) and the value, read as YAML. */
export interface Override {
  /** As given, `load.0.burst.count=1000`: what messages and the report name it by. */
  readonly text: string;
  readonly path: readonly string[];
  readonly value: unknown;
}

/** An override that could not be applied: its path goes through a list index that is not there, or into a value. */
export interface OverrideProblem {
  readonly override: Override;
  readonly message: string;
}

/**
 * Replaces the value at a path the scenario writes in a short form (`device: virtual`, or no
 * `device` at all) by its long form, so a path can reach into it (`device.clock`).
 */
export type Expand = (path: readonly string[], value: unknown) => unknown;

const example = 'load.0.burst.count=1000';
const hint = 'paths are keys joined by dots, with list items by number (load.0.burst.count); values are YAML';

const badOverride = (text: string, why: string): SmsgwError =>
  new SmsgwError('bad-option', `\`--set ${text}\`: ${why}`, { hint });

/** A value read the way the scenario file is: `1000` a number, `true` a boolean, `5s` text, `[a, b]` a list. */
function parseValue(text: string, valueText: string): unknown {
  if (tooDeepAt(valueText, maxNestingDepth)) throw badOverride(text, `nested more than ${maxNestingDepth} levels deep`);
  const doc = parseDocument(valueText, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw badOverride(text, `the value is not YAML: ${error.message.split('\n')[0]}`);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw badOverride(text, `the value is not YAML: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Reads `path=value`; bad syntax is a `bad-option` error that quotes it. */
export function parseOverride(text: string): Override {
  const equals = text.indexOf('=');
  if (equals < 0) throw badOverride(text, `expected path=value, like ${example}`);
  const pathText = text.slice(0, equals);
  const path = pathText.split('.');
  if (pathText.trim() === '') throw badOverride(text, `expected a path before \`=\`, like ${example}`);
  if (path.some((key) => key.trim() === '' || key !== key.trim()))
    throw badOverride(text, `expected keys joined by single dots, without spaces, like ${example}`);
  return { text, path, value: parseValue(text, text.slice(equals + 1)) };
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An own, enumerable key even for `__proto__`, so the schema sees it (and refuses it) like any other. */
function put(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A deep copy in which no two places share an object, as two places an alias names would. */
function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOf);
  if (!isMap(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) put(copy, key, copyOf(item));
  return copy;
}

const joined = (path: readonly string[]): string => (path.length === 0 ? 'the scenario' : `\`${path.join('.')}\``);

type Node = Record<string, unknown> | unknown[];

/** Why a path cannot go on; a class, so no map of the scenario's own can pass for one. */
class Blocked {
  constructor(readonly problem: string) {}
}

/** What `path[depth]` names inside `node`: a key of a map, an item of a list, or (Blocked) nothing. */
function keyIn(node: Node, path: readonly string[], depth: number): string | number | Blocked {
  const key = path[depth]!;
  if (!Array.isArray(node)) return key;
  const here = path.slice(0, depth);
  if (!/^\d+$/.test(key))
    return new Blocked(`${joined(here)} is a list: name an item by number, like ${[...here, 0].join('.')}`);
  const index = Number(key);
  if (index < node.length) return index;
  const items = node.length === 1 ? '1 item' : `${node.length} items`;
  return new Blocked(`${joined(here)} has ${items}, so there is no ${joined(path.slice(0, depth + 1))}`);
}

/** The node `path[depth]` names inside `node`, made a map when absent; or why the path cannot go on. */
function step(node: Node, path: readonly string[], depth: number, expand: Expand): Node | Blocked {
  const key = keyIn(node, path, depth);
  if (key instanceof Blocked) return key;
  const found: unknown = Array.isArray(node) ? node[key as number] : Object.hasOwn(node, key) ? node[key] : undefined;
  const at = path.slice(0, depth + 1);
  const value = expand(at, found) ?? {};
  if (!isMap(value) && !Array.isArray(value))
    return new Blocked(
      `${joined(at)} is ${describeInput(value)}, not a map or a list, so it has no \`${path[depth + 1]}\``,
    );
  if (value !== found) put(node, key, value);
  return value;
}

/** Sets one override into `root` (a map), or says why it cannot be set. */
function applyOne(root: Record<string, unknown>, override: Override, expand: Expand): string | null {
  const { path } = override;
  let node: Node = root;
  for (let depth = 0; depth < path.length - 1; depth += 1) {
    const next = step(node, path, depth, expand);
    if (next instanceof Blocked) return next.problem;
    node = next;
  }
  const key = keyIn(node, path, path.length - 1);
  if (key instanceof Blocked) return key.problem;
  // A copy: the same override goes into every file of a run, and a later one may write inside it.
  put(node, key, copyOf(override.value));
  return null;
}

/**
 * Applies `overrides` in order to the data of a scenario file (as YAML made it: maps, lists,
 * scalars), creating maps on the way where keys are absent. A list item must exist already. Returns
 * the new data and the overrides that could not be applied, each with its reason.
 */
export function applyOverrides(
  data: unknown,
  overrides: readonly Override[],
  expand: Expand = (_path, value) => value,
): { data: unknown; problems: OverrideProblem[] } {
  if (overrides.length === 0) return { data, problems: [] };
  // A copy: an alias (`*steps`) makes two places of the file one object, and an override names one place.
  const root = data === null || data === undefined ? {} : copyOf(data);
  if (!isMap(root)) {
    const message = `the scenario is ${describeInput(root)}, not a map, so it has no keys to set`;
    return { data, problems: overrides.map((override) => ({ override, message })) };
  }
  const problems: OverrideProblem[] = [];
  for (const override of overrides) {
    const message = applyOne(root, override, expand);
    if (message !== null) problems.push({ override, message });
  }
  return { data: root, problems };
}

/** Whether the value at `path` holds a secret: its key is `secret`, or a map set there has one. */
function holdsSecret(path: readonly string[], value: unknown): boolean {
  if (path.includes('secret')) return true;
  const pending: unknown[] = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (Array.isArray(next)) pending.push(...next);
    else if (isMap(next)) {
      if (Object.hasOwn(next, 'secret')) return true;
      pending.push(...Object.values(next));
    }
  }
  return false;
}

/** The override as a report records it: as given, but a secret's value hidden (reports are shared). */
export function recordedOverride(override: Override): string {
  return holdsSecret(override.path, override.value) ? `${override.path.join('.')}=(hidden)` : override.text;
}
