// Repeated map keys, found in one pass over the document. yaml's own `uniqueKeys` check compares
// each key with every earlier one of its map: a 50,000-key file took minutes (found by fuzzing).
import { isScalar, visit, type Document } from 'yaml';

/** Where each key starts that repeats an earlier scalar key of the same map, in text order. */
export function duplicateKeyOffsets(doc: Document): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value) && key.range) offsets.push(key.range[0]);
        seen.add(key.value);
      }
    },
  });
  return offsets.sort((a, b) => a - b);
}
