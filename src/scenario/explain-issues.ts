// Turns zod's issues into problems a person can act on, each tied to the YAML node to point at.
import type { z } from 'zod';
import { describeInput } from '../units';
import { closest, didYouMean } from './did-you-mean';
import { fieldName } from './issue-message';
import { isPlainMap, keysOf, mapOptionOf, optionsOf, schemaAt, valueAt } from './schema-at';
import { taggedUnions, type TaggedUnionInfo } from './tagged-union';

/** One thing wrong with a scenario: where (a path into the YAML) and what. */
export interface Problem {
  readonly path: readonly PropertyKey[];
  /** Point at the key of the last path segment (an unknown key) rather than its value. */
  readonly atKey: boolean;
  readonly message: string;
}

const quoted = (words: readonly string[]) => words.map((word) => `\`${word}\``).join(', ');

/** A tagged union failed: follow the option whose tag is present, or say which tag is missing. */
function explainTagged(
  issue: z.core.$ZodIssueInvalidUnion,
  union: z.core.$ZodType,
  info: TaggedUnionInfo,
  data: unknown,
  path: PropertyKey[],
): Problem[] {
  const value = valueAt(data, path);
  const expectation = `Expected each ${info.label} to be a map with one of ${quoted(info.tags)}, like ${info.example}`;
  if (!isPlainMap(value)) return [{ path, atKey: false, message: `${expectation}, got ${describeInput(value)}` }];
  const present = info.tags.filter((tag) => Object.hasOwn(value, tag));
  if (present.length === 1) {
    const index = info.tags.indexOf(present[0]!);
    return explainIssues(issue.errors[index] ?? [], optionsOf(union)[index]!, data, path);
  }
  if (present.length > 1) {
    const message = `Expected each ${info.label} to have only one of ${quoted(info.tags)}, got ${quoted(present)}; split it into ${present.length} items`;
    return [{ path: [...path, present[1]!], atKey: true, message }];
  }
  const keys = Object.keys(value);
  const typo = keys.find((key) => closest(key, info.tags) !== undefined);
  if (typo !== undefined)
    return [
      { path: [...path, typo], atKey: true, message: `${expectation}, got \`${typo}\`${didYouMean(typo, info.tags)}` },
    ];
  return [
    { path, atKey: false, message: `${expectation}, got ${keys.length === 0 ? 'no keys' : `keys ${quoted(keys)}`}` },
  ];
}

/**
 * Explains `issues` found by `schema` in `data`; `base` is where `schema` sits in the whole file
 * (issues inside a union option are relative to the option).
 */
export function explainIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.core.$ZodType,
  data: unknown,
  base: PropertyKey[] = [],
): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = [...base, ...issue.path];
    const value = valueAt(data, base);
    if (issue.code === 'unrecognized_keys') {
      const known = keysOf(schemaAt(schema, issue.path, value));
      return issue.keys.map((key) => {
        const hint = didYouMean(key, known) || (known.length > 0 ? `; expected one of ${quoted(known)}` : '');
        return { path: [...path, key], atKey: true, message: `Unknown key \`${key}\`${hint}` };
      });
    }
    const key = path.at(-1);
    const parent = valueAt(data, path.slice(0, -1));
    if (issue.code !== 'custom' && typeof key === 'string' && isPlainMap(parent) && !Object.hasOwn(parent, key)) {
      return [
        {
          path: path.slice(0, -1),
          atKey: false,
          message: `Missing required key \`${key}\` in ${fieldName(path.slice(0, -1))}`,
        },
      ];
    }
    if (issue.code === 'invalid_union') {
      const union = schemaAt(schema, issue.path, value, false);
      const info = union === undefined ? undefined : taggedUnions.get(union);
      if (union !== undefined && info !== undefined) return explainTagged(issue, union, info, data, path);
      // A map where a word or a map is allowed (`device`): only the map's option can say what is wrong with it.
      const map = union === undefined ? undefined : mapOptionOf(union, valueAt(data, path));
      if (map !== undefined) return explainIssues(issue.errors[map.index] ?? [], map.option, data, path);
    }
    return [{ path, atKey: false, message: issue.message }];
  });
}
