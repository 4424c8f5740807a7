#!/usr/bin/env node
// Finds import circles between files: every relative import (type-only ones too, and `import()`), read by
// TypeScript's own pre-processor. `npm run lint` runs it over the harness and the app; it exits 1 on a circle.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const sourceFile = /\.(ts|tsx|mts|js|mjs)$/;
const candidates = ['', '.ts', '.tsx', '.mjs', '.js', '/index.ts', '/index.tsx'];

function listFiles(folder) {
  const files = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') files.push(...listFiles(full));
    else if (entry.isFile() && sourceFile.test(entry.name)) files.push(full);
  }
  return files;
}

function resolveImport(importer, specifier) {
  const base = path.resolve(path.dirname(importer), specifier);
  const bases = specifier.endsWith('.js') ? [base, base.slice(0, -3)] : [base];
  for (const stem of bases) {
    for (const suffix of candidates) {
      const file = stem + suffix;
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
  }
  return null;
}

/** The import graph of every source file under `folders`: file → the files it imports. */
export function importGraph(folders) {
  const graph = new Map();
  for (const file of folders.map((folder) => path.resolve(folder)).flatMap(listFiles)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolveImport(file, specifier))
      .filter((target) => target !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every import circle in `graph`: each a list of files, found with Tarjan's strongly connected components. */
export function findCycles(graph) {
  const order = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let next = 0;
  const visit = (file) => {
    order.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!order.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), order.get(target)));
      }
    }
    if (low.get(file) !== order.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const importsItself = (graph.get(file) ?? []).includes(file);
    if (component.length > 1 || importsItself) cycles.push(component.reverse());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.cwd();
  const folders = process.argv.slice(2).map((folder) => path.resolve(root, folder));
  const cycles = findCycles(importGraph(folders));
  for (const cycle of cycles) {
    console.error(`import circle: ${cycle.map((file) => path.relative(root, file)).join(' → ')}`);
  }
  process.exitCode = cycles.length > 0 ? 1 : 0;
}
