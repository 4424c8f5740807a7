// Finds the sub-schema for a path, so an error report can ask "which keys were allowed here?".
import type { z } from 'zod';
import { taggedUnions } from './tagged-union';

type Schema = z.core.$ZodType;

/** Looks through wrappers (optional, default, pipe …) to the schema that does the checking. */
function unwrap(schema: Schema): Schema {
  const def = schema._zod.def as { type: string; innerType?: Schema; in?: Schema };
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.innerType) return unwrap(def.innerType);
  return schema;
}

/**
 * For a map, the one option of an untagged union that takes a map (`device: { kind: virtual }` beside
 * `device: virtual`), with its index; undefined for any other value or union.
 */
export function mapOptionOf(schema: Schema, value: unknown): { index: number; option: Schema } | undefined {
  if (taggedUnions.has(schema) || !isPlainMap(value)) return undefined;
  const maps = optionsOf(schema).flatMap((option, index) =>
    unwrap(option)._zod.def.type === 'object' ? [{ index, option }] : [],
  );
  return maps.length === 1 ? maps[0] : undefined;
}

/** A union's option for `value` (a tagged one's whose tag key it has, an untagged one's map), or the union itself. */
function resolveUnion(schema: Schema, value: unknown): Schema {
  const info = taggedUnions.get(schema);
  const options = optionsOf(schema);
  if (info === undefined) {
    const map = mapOptionOf(schema, value);
    return map === undefined ? schema : unwrap(map.option);
  }
  if (!isPlainMap(value)) return schema;
  const present = info.tags.filter((tag) => Object.hasOwn(value, tag));
  const option = present.length === 1 ? options[info.tags.indexOf(present[0]!)] : undefined;
  return option === undefined ? schema : unwrap(option);
}

/**
 * The schema that validates the value at `path` under `root`, unwrapped; through a tagged union it
 * follows the option `data` (the value at `root`) has the tag of — except at the end of the path when
 * `followLast` is false, to get the union itself. Undefined when the path leaves the schema.
 */
export function schemaAt(
  root: Schema,
  path: readonly PropertyKey[],
  data: unknown,
  followLast = true,
): Schema | undefined {
  let schema = path.length === 0 && !followLast ? unwrap(root) : resolveUnion(unwrap(root), data);
  let value = data;
  for (const [index, segment] of path.entries()) {
    const def = schema._zod.def as { type: string; shape?: Record<string, Schema>; element?: Schema };
    const next = def.type === 'object' ? def.shape?.[String(segment)] : def.type === 'array' ? def.element : undefined;
    if (next === undefined) return undefined;
    value = valueAt(value, [segment]);
    schema = index === path.length - 1 && !followLast ? unwrap(next) : resolveUnion(unwrap(next), value);
  }
  return schema;
}

/** The keys an object schema allows, in declaration order. */
export function keysOf(schema: Schema | undefined): string[] {
  const def = schema?._zod.def as { type: string; shape?: Record<string, Schema> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The options of a union schema, in order. */
export function optionsOf(schema: Schema | undefined): readonly Schema[] {
  const def = schema?._zod.def as { type: string; options?: readonly Schema[] } | undefined;
  return def?.type === 'union' && def.options ? def.options : [];
}

/** The plain value at `path` in parsed YAML, or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

export function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
