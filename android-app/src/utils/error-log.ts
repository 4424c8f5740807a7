// Per-category counts for the Errors screen's filter chips, over the engine's error log.
import type { LoggedError } from '../engine';
import type { ErrorCategory } from '../engine/types';

/** Every category, in the order the screen shows its chips. */
export const errorCategories: readonly ErrorCategory[] = [
  'network',
  'http-transient',
  'http-rejected',
  'configuration',
  'permissions',
  'database',
  'unknown',
];

/** How many entries per category, every category present (zero included) in a fixed order. */
export function countByCategory(entries: readonly LoggedError[]): Record<ErrorCategory, number> {
  const counts = Object.fromEntries(errorCategories.map((category) => [category, 0])) as Record<ErrorCategory, number>;
  for (const entry of entries) counts[entry.category]++;
  return counts;
}
