// Where in the YAML text a path points: the node's first character, as 1-based line and column.
import { isMap, isNode, isScalar, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  readonly line: number;
  readonly col: number;
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): unknown {
  return path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
}

/** The key node of `key` in the map at `mapPath`, if there is one. */
function keyNode(doc: Document, mapPath: readonly PropertyKey[], key: PropertyKey): Node | undefined {
  const map = nodeAt(doc, mapPath);
  if (!isMap(map)) return undefined;
  const pair = map.items.find(
    (item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(key),
  );
  return isNode(pair?.key) ? pair.key : undefined;
}

/** Start offset of a node that occupies text; an empty value (`burst:` and nothing) occupies none. */
function startOf(node: unknown): number | undefined {
  if (!isNode(node) || !node.range) return undefined;
  const [start, end] = node.range;
  return end > start ? start : undefined;
}

/**
 * Offset of the node at `path`, or of its key when `atKey` or when the value is empty, or else of
 * the nearest ancestor that exists (a value missing from the file is reported at its parent).
 */
export function offsetOf(doc: Document, path: readonly PropertyKey[], atKey: boolean): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const prefix = path.slice(0, depth);
    const last = prefix.at(-1);
    const wantKey = atKey && depth === path.length;
    const value = wantKey ? undefined : startOf(nodeAt(doc, prefix));
    if (value !== undefined) return value;
    const key = depth === 0 || last === undefined ? undefined : startOf(keyNode(doc, prefix.slice(0, -1), last));
    if (key !== undefined) return key;
  }
  return 0;
}

export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  atKey: boolean,
): Position {
  return lineCounter.linePos(offsetOf(doc, path, atKey));
}
