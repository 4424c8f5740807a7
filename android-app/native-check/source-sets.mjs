// Where declarations come from: a source tree (ReactAndroid's Kotlin/Java, or the stubs), and
// the Java templates from which React Native's Gradle plugin generates classes at build time.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readJava } from './java-decls.mjs';
import { readKotlin } from './kotlin-decls.mjs';

export function walk(dir, ext) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path, ext);
    return ext.some((e) => name.endsWith(e)) ? [path] : [];
  });
}

/** Reads one file's declarations; `label` and `rel` name it in messages. */
export function readSourceFile(
  path,
  label,
  rel,
  text = readFileSync(path, 'utf8'),
  lang = path.endsWith('.kt') ? 'kotlin' : 'java',
) {
  const model = lang === 'kotlin' ? readKotlin(text, path) : readJava(text);
  return { path, label, rel, model, text };
}

/** Package part and type part of a qualified name: `a.b.C.D` → ['a.b', ['C', 'D']]. */
export function splitQualified(fqn) {
  const segments = fqn.split('.');
  const first = segments.findIndex((s) => /^[A-Z]/.test(s));
  if (first < 0) return [segments.slice(0, -1).join('.'), [segments.at(-1)]];
  return [segments.slice(0, first).join('.'), segments.slice(first)];
}

/** Finds a (possibly nested) type by its names under the file's top-level types. */
export function typeIn(file, names) {
  let types = file.model.types;
  let found = null;
  for (const name of names) {
    found = types.find((t) => t.name === name);
    if (!found) return null;
    types = found.types;
  }
  return found;
}

/**
 * A tree of sources laid out by package (`a/b/C.kt` declares `a.b.C`), read on demand.
 * `extra` maps a qualified name to a file that is not in the tree (the Gradle templates).
 */
export class SourceTree {
  constructor(label, root, extra = new Map()) {
    this.label = label;
    this.root = root;
    this.extra = extra;
    this.cache = new Map();
  }

  fileFor(pkg, top) {
    const key = `${pkg}.${top}`;
    if (this.extra.has(key)) return this.extra.get(key);
    if (this.cache.has(key)) return this.cache.get(key);
    const base = join(this.root, ...pkg.split('.'));
    const facade = top.endsWith('Kt') ? [join(base, `${top.slice(0, -2)}.kt`)] : [];
    const path = [join(base, `${top}.kt`), join(base, `${top}.java`), ...facade].find((p) => existsSync(p));
    const file = path ? readSourceFile(path, this.label, relative(this.root, path)) : null;
    this.cache.set(key, file);
    return file;
  }

  /** { type, file } for a qualified name, or null when the tree has no such type. */
  find(fqn) {
    const [pkg, names] = splitQualified(fqn);
    const file = this.fileFor(pkg, names[0]);
    const type = file && typeIn(file, names);
    return type ? { type, file } : null;
  }

  has(fqn) {
    return this.find(fqn) !== null;
  }
}

/** The stubs: every file read up front, indexed by the qualified names they declare. */
export class StubSet {
  constructor(root, appRoot) {
    this.files = walk(root, ['.kt', '.java'])
      .sort()
      .map((p) => readSourceFile(p, 'stub', relative(appRoot, p)));
    this.byName = new Map();
    const index = (file, type, prefix) => {
      const fqn = `${prefix}.${type.name}`;
      this.byName.set(fqn, { type, file });
      for (const nested of type.types) index(file, nested, fqn);
    };
    for (const file of this.files) for (const type of file.model.types) index(file, type, file.model.pkg);
  }

  find(fqn) {
    return this.byName.get(fqn) ?? null;
  }

  has(fqn) {
    return this.byName.has(fqn);
  }
}

/** Kotlin's `trimIndent()`: drops blank first/last lines and the common indent. */
function trimIndent(text) {
  const lines = text.split('\n');
  if (lines[0].trim() === '') lines.shift();
  if (lines.length && lines.at(-1).trim() === '') lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/**
 * The classes RN's Gradle plugin generates (PackageList, ReactNativeApplicationEntryPoint): each
 * task's `generatedFileContentsTemplate` is the Java it writes, `{{ … }}` filled with a name.
 * The template keeps its line numbers in the task's .kt file, so messages point into it.
 */
export function generatedTemplates(tasksDir, pluginRoot) {
  const out = new Map();
  for (const path of walk(tasksDir, ['.kt'])) {
    const text = readFileSync(path, 'utf8');
    const target = /GENERATED_FILENAME\s*=\s*"([\w/]+)\.java"/.exec(text)?.[1];
    const start = text.search(/generatedFileContentsTemplate\s*=\s*"""/);
    if (!target || start < 0) continue;
    const open = text.indexOf('"""', start) + 3;
    const body = text.slice(open, text.indexOf('"""', open));
    const firstLine = text.slice(0, open).split('\n').length + 1;
    const java = trimIndent(body).replace(/\{\{\s*\w+\s*\}\}/g, 'placeholder');
    const padded = `${'\n'.repeat(firstLine - 1)}${java}`;
    const file = readSourceFile(path, '@react-native/gradle-plugin', relative(pluginRoot, path), padded, 'java');
    for (const type of file.model.types) out.set(`${file.model.pkg}.${type.name}`, file);
  }
  return out;
}

/** Resolves a type name as written in `file` to a qualified name, or null when it cannot tell. */
export function resolveName(file, written, tree) {
  const [head, ...rest] = written.split('.');
  const imported = file.model.imports.get(head);
  if (imported) return [imported, ...rest].join('.');
  if (/^[a-z]/.test(head)) return written;
  const samePackage = `${file.model.pkg}.${written}`;
  return tree.has(samePackage) ? samePackage : null;
}
