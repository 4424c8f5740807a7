// How deeply a YAML text nests, measured on yaml's concrete syntax tree without recursion. The
// document composer recurses once per level; past about a thousand levels it overflows the stack,
// and V8 then aborts the whole process ("RegExpCompiler Allocation failed"), which no catch stops.
import { LineCounter, Parser, type CST } from 'yaml';
import type { Position } from './yaml-position';

const collections = new Set(['block-map', 'block-seq', 'flow-collection']);

/** The position of the first collection nested deeper than `maxDepth`, or null when none is. */
export function tooDeepAt(text: string, maxDepth: number): Position | null {
  const lineCounter = new LineCounter();
  const pending: Array<{ token: CST.Token; depth: number }> = [];
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) pending.push({ token, depth: 0 });
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token } = next;
    const depth = collections.has(token.type) ? next.depth + 1 : next.depth;
    if (depth > maxDepth) return lineCounter.linePos(token.offset);
    const children: Array<CST.Token | undefined> = [];
    if ('value' in token && typeof token.value === 'object') children.push(token.value);
    if ('items' in token) for (const item of token.items) children.push(item.key ?? undefined, item.value);
    for (const child of children) if (child) pending.push({ token: child, depth });
  }
  return null;
}
