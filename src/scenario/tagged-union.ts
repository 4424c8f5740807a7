// Unions told apart by which key is present (`{ burst: … }` vs `{ constant: … }`), not by a `type` field.
import { z } from 'zod';

export interface TaggedUnionInfo {
  /** What one item is, for messages: "load step". */
  readonly label: string;
  /** The key that marks each option, in the order of the union's options. */
  readonly tags: readonly string[];
  /** One example of an item, for messages. */
  readonly example: string;
}

/**
 * Knows which unions are tagged, so an error report can pick the option the author meant (the one
 * whose tag is present) instead of listing why every option failed.
 */
export const taggedUnions = z.registry<TaggedUnionInfo>();

/** Marks a union as tagged; call last, since `.describe()` and friends return a new schema. */
export function tagged<U extends z.ZodUnion>(union: U, info: TaggedUnionInfo): U {
  if (info.tags.length !== union.options.length) throw new Error(`tagged ${info.label}: one tag per option`);
  taggedUnions.add(union, info);
  return union;
}
