/** The import graph of every source file under `folders`: file → the files it imports. */
export function importGraph(folders: readonly string[]): Map<string, string[]>;
/** Every import circle in `graph`, each a list of files. */
export function findCycles(graph: Map<string, string[]>): string[][];
