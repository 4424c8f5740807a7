// Declaration-level readers for Kotlin and Java sources: the types a file declares, their kind,
// supertypes and members (name, parameters, return type, nullability, visibility, modality).
// Bodies and initialisers are skipped by bracket matching, never interpreted. Whatever a reader
// cannot make sense of becomes a `problems` entry on the enclosing type, so a caller can refuse
// to vouch for a class it did not fully read instead of passing it silently.

/** @typedef {{ k: 'id'|'sym'|'str'|'num', t: string, line: number, nl: boolean }} Token */

const SYMBOLS3 = ['...'];
const SYMBOLS2 = ['->', '::'];

/** The end of a string literal that starts at `i` (Kotlin templates and raw strings included). */
function skipString(text, i, kotlin) {
  const raw = text.startsWith('"""', i);
  const quote = text[i];
  let j = raw ? i + 3 : i + 1;
  while (j < text.length) {
    if (raw && text.startsWith('"""', j)) {
      while (text[j + 3] === '"') j += 1; // """a"""" ends with the last three quotes
      return j + 3;
    }
    const c = text[j];
    if (!raw && c === '\\') j += 2;
    else if (!raw && c === quote) return j + 1;
    else if (!raw && c === '\n' && !kotlin)
      return j; // unterminated: stop at the line
    else if (kotlin && c === '$' && text[j + 1] === '{') j = skipTemplate(text, j + 2);
    else j += 1;
  }
  return j;
}

/** The end of a Kotlin `${…}` template expression whose body starts at `i`. */
function skipTemplate(text, i) {
  let depth = 1;
  let j = i;
  while (j < text.length && depth > 0) {
    const c = text[j];
    if (c === '"' || c === "'") j = skipString(text, j, true);
    else {
      if (c === '{') depth += 1;
      else if (c === '}') depth -= 1;
      j += 1;
    }
  }
  return j;
}

/** The end of a block comment at `i`; Kotlin's nest, Java's do not. */
function skipBlockComment(text, i, kotlin) {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    if (text.startsWith('/*', j)) {
      depth = kotlin ? depth + 1 : 1;
      j += 2;
    } else if (text.startsWith('*/', j)) {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
    } else j += 1;
  }
  return j;
}

/** Splits source text into identifiers, symbols and placeholders for literals; comments vanish. */
export function tokenize(text, language) {
  const kotlin = language === 'kotlin';
  /** @type {Token[]} */
  const tokens = [];
  let i = 0;
  let line = 1;
  let nl = true;
  const push = (k, t, from) => {
    tokens.push({ k, t, line, nl });
    nl = false;
    for (let j = from; j < i; j += 1) if (text[j] === '\n') line += 1;
  };
  while (i < text.length) {
    const c = text[i];
    const start = i;
    if (c === '\n') {
      line += 1;
      nl = true;
      i += 1;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') i += 1;
    else if (text.startsWith('//', i)) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (text.startsWith('/*', i)) {
      i = skipBlockComment(text, i, kotlin);
      for (let j = start; j < i; j += 1) if (text[j] === '\n') line += 1;
    } else if (c === '"' || c === "'") {
      i = skipString(text, i, kotlin);
      push('str', '""', start);
    } else if (/[A-Za-z_$]/.test(c)) {
      while (i < text.length && /[\w$]/.test(text[i])) i += 1;
      push('id', text.slice(start, i), i);
    } else if (c === '`') {
      i = text.indexOf('`', i + 1) + 1 || text.length;
      push('id', text.slice(start + 1, i - 1), i);
    } else if (/\d/.test(c)) {
      while (i < text.length && (/[\w]/.test(text[i]) || (text[i] === '.' && /\d/.test(text[i + 1] ?? '')))) i += 1;
      push('num', text.slice(start, i), i);
    } else {
      const symbol = [...SYMBOLS3, ...SYMBOLS2].find((s) => text.startsWith(s, i)) ?? c;
      i += symbol.length;
      push('sym', symbol, i);
    }
  }
  return tokens;
}

/** Index of the bracket that closes each opening one; unbalanced brackets are reported. */
function matchBrackets(tokens, problems) {
  const match = new Array(tokens.length).fill(-1);
  const stack = [];
  const pairs = { ')': '(', ']': '[', '}': '{' };
  tokens.forEach((tok, i) => {
    if (tok.k !== 'sym') return;
    if (tok.t === '(' || tok.t === '[' || tok.t === '{') stack.push(i);
    else if (pairs[tok.t]) {
      const open = stack.pop();
      if (open === undefined || tokens[open].t !== pairs[tok.t]) {
        problems.push({ line: tok.line, message: `unbalanced '${tok.t}'` });
        if (open !== undefined) stack.push(open);
        return;
      }
      match[open] = i;
      match[i] = open;
    }
  });
  for (const open of stack) problems.push({ line: tokens[open].line, message: `'${tokens[open].t}' never closed` });
  return match;
}

/** A cursor over a file's tokens with the bracket matches precomputed. */
export class Cursor {
  constructor(text, language) {
    this.tokens = tokenize(text, language);
    /** Problems outside any type (or before one could be named). */
    this.problems = [];
    this.match = matchBrackets(this.tokens, this.problems);
    this.i = 0;
  }

  peek(offset = 0) {
    return this.tokens[this.i + offset] ?? { k: 'sym', t: '<eof>', line: this.lastLine(), nl: true };
  }

  lastLine() {
    return this.tokens.at(-1)?.line ?? 1;
  }

  at(text, offset = 0) {
    const tok = this.peek(offset);
    return tok.t === text && tok.k !== 'str';
  }

  next() {
    const tok = this.peek();
    this.i += 1;
    return tok;
  }

  accept(text) {
    if (!this.at(text)) return false;
    this.i += 1;
    return true;
  }

  /** Index just past the bracket group opening at the cursor. */
  pastGroup(index = this.i) {
    const close = this.match[index];
    return close > index ? close + 1 : index + 1;
  }

  /** Reads `<…>` (type parameters or arguments) as text; the cursor must be on `<`. */
  angleText() {
    let depth = 0;
    const parts = [];
    do {
      const tok = this.next();
      if (tok.t === '<') depth += 1;
      if (tok.t === '>') depth -= 1;
      parts.push(tok.t);
      if (tok.t === '<eof>' || tok.t === '{' || tok.t === ';') return null;
    } while (depth > 0);
    return joinTokens(parts);
  }
}

/** Joins tokens back into compact declaration text: `Map<String, Any?>`, `(Int) -> Unit`. */
export function joinTokens(parts) {
  let out = '';
  for (const part of parts) {
    if (part === ',' || part === ':') out += `${part} `;
    else if (part === '->') out += ' -> ';
    else if (/^\w/.test(part) && /\w$/.test(out)) out += ` ${part}`;
    else out += part;
  }
  return out.replace(/ :/g, ':').trim();
}

/** `a.b.C` → `C`, `java.util.Map.Entry` → `Map.Entry`: package qualifiers go, nesting stays. */
export function simpleName(dotted) {
  const segments = dotted.split('.');
  const first = segments.findIndex((s) => /^[A-Z]/.test(s));
  return first < 0 ? segments.at(-1) : segments.slice(first).join('.');
}

/** Package and imports (`import a.b.C [as D]` → D → a.b.C) of either language. */
export function readHeader(cursor) {
  let pkg = '';
  const imports = new Map();
  while (cursor.at('@') && cursor.at('file', 1)) skipAnnotation(cursor);
  if (cursor.accept('package')) pkg = readDotted(cursor);
  cursor.accept(';');
  while (cursor.at('import')) {
    cursor.next();
    const isStatic = cursor.accept('static');
    const name = readDotted(cursor);
    let alias = name.split('.').at(-1);
    if (cursor.accept('as')) alias = cursor.next().t;
    if (!isStatic && alias !== '*') imports.set(alias, name);
    cursor.accept(';');
  }
  return { pkg, imports };
}

/** `a.b.c` or `a.b.*`. */
export function readDotted(cursor) {
  const parts = [cursor.next().t];
  while (cursor.at('.') && (cursor.peek(1).k === 'id' || cursor.at('*', 1))) {
    cursor.next();
    parts.push(cursor.next().t);
  }
  return parts.join('.');
}

/** Skips one annotation (`@A`, `@a.B(…)`, `@get:JvmName(…)`, `@file:Suppress(…)`); returns its simple name. */
export function skipAnnotation(cursor) {
  cursor.next(); // @
  if (cursor.peek(1).t === ':' && cursor.peek().k === 'id' && !cursor.peek(1).nl) {
    cursor.next();
    cursor.next();
  }
  if (cursor.at('[')) {
    cursor.i = cursor.pastGroup();
    return '';
  }
  const name = readDotted(cursor);
  if (cursor.at('(') && !cursor.peek().nl) cursor.i = cursor.pastGroup();
  return name.split('.').at(-1);
}
