// Java declarations of one file, with types written the way Kotlin sees them (`int` → `Int`,
// `String[]` → `Array<String>`, `? extends T` → `out T`), so stubs and real classes of either
// language compare on one notation. Nullability comes from the annotations Kotlin honours.
import { Cursor, readHeader, simpleName, skipAnnotation } from './source-parse.mjs';

const MODIFIERS = new Set([
  'public',
  'protected',
  'private',
  'static',
  'final',
  'abstract',
  'default',
  'synchronized',
  'native',
  'transient',
  'volatile',
  'strictfp',
  'sealed',
]);
const PRIMITIVES = {
  int: 'Int',
  long: 'Long',
  short: 'Short',
  byte: 'Byte',
  char: 'Char',
  float: 'Float',
  double: 'Double',
  boolean: 'Boolean',
  void: 'Unit',
};
const BOXED = { Integer: 'Int', Character: 'Char', Object: 'Any' };
const PRIMITIVE_ARRAYS = {
  Int: 'IntArray',
  Long: 'LongArray',
  Short: 'ShortArray',
  Byte: 'ByteArray',
  Char: 'CharArray',
  Float: 'FloatArray',
  Double: 'DoubleArray',
  Boolean: 'BooleanArray',
};
/** Annotations Kotlin reads as nullability (androidx, JSR-305, JetBrains, the SDK's own, JSpecify). */
export const NULLABLE = new Set(['Nullable', 'CheckForNull', 'RecentlyNullable']);
export const NONNULL = new Set(['NonNull', 'Nonnull', 'NotNull', 'RecentlyNonNull']);

export function nullabilityOf(annotations, primitive) {
  if (primitive) return 'nonnull';
  if (annotations.some((a) => NULLABLE.has(a))) return 'nullable';
  return annotations.some((a) => NONNULL.has(a)) ? 'nonnull' : 'platform';
}

/** `<A, ? extends B>`; the cursor is on `<`. */
function readTypeArguments(c, names) {
  const args = [];
  c.next();
  while (!c.at('>')) {
    while (c.at('@')) skipAnnotation(c);
    if (c.accept('?')) {
      const bound = c.accept('extends') ? 'out' : c.accept('super') ? 'in' : '';
      if (!bound) args.push('*');
      else {
        const type = readJavaTypeRef(c);
        if (!type) return null;
        names.push(...type.names);
        args.push(`${bound} ${type.text}`);
      }
    } else {
      const type = readJavaTypeRef(c);
      if (!type) return null;
      names.push(...type.names);
      args.push(type.text);
    }
    if (!c.accept(',') && !c.at('>')) return null;
  }
  c.next();
  return `<${args.join(', ')}>`;
}

/** A Java type at the cursor, as Kotlin text: { text, names, primitive } or null. */
export function readJavaTypeRef(c) {
  while (c.at('@')) skipAnnotation(c);
  if (c.peek().k !== 'id') return null;
  const names = [];
  const dotted = [c.next().t];
  let args = '';
  for (;;) {
    if (c.at('<')) {
      args = readTypeArguments(c, names);
      if (args === null) return null;
    }
    if (!(c.at('.') && c.peek(1).k === 'id')) break;
    c.next();
    dotted.push(c.next().t);
    args = '';
  }
  const raw = simpleName(dotted.join('.'));
  const primitive = raw in PRIMITIVES && !args;
  let text = primitive ? PRIMITIVES[raw] : `${BOXED[raw] ?? raw}${args}`;
  names.unshift(dotted.join('.'));
  let array = false;
  while (c.at('[') && c.at(']', 1)) {
    c.i += 2;
    text = array || !primitive ? `Array<${text}>` : PRIMITIVE_ARRAYS[text];
    array = true;
  }
  return { text, names, primitive: primitive && !array, nullable: false };
}

/** Annotations (simple names) and modifiers before a declaration. */
function readPrefix(c, into = { annotations: [], modifiers: new Set() }) {
  for (;;) {
    if (c.at('@') && !c.at('interface', 1)) into.annotations.push(skipAnnotation(c));
    else if (c.peek().k === 'id' && MODIFIERS.has(c.peek().t)) into.modifiers.add(c.next().t);
    else if (c.at('non') && c.at('-', 1) && c.at('sealed', 2)) c.i += 3;
    else return into;
  }
}

function visibilityOf(modifiers, owner) {
  const explicit = ['public', 'protected', 'private'].find((v) => modifiers.has(v));
  if (explicit) return explicit;
  return owner.kind === 'interface' || owner.kind === 'annotation' ? 'public' : 'package';
}

function modalityOf(modifiers, owner, isMethod) {
  if (modifiers.has('private') || modifiers.has('static')) return 'final';
  if (owner.kind === 'interface' && isMethod) return modifiers.has('default') ? 'open' : 'abstract';
  if (modifiers.has('abstract')) return 'abstract';
  return modifiers.has('final') || owner.modality === 'final' || !isMethod ? 'final' : 'open';
}

/** Skips a declaration the reader gave up on, up to its `;` or past its body. */
function skipDeclaration(c, end) {
  while (c.i < end) {
    if (c.accept(';')) return;
    if (c.at('{')) {
      c.i = c.pastGroup();
      return;
    }
    c.i = c.at('(') || c.at('[') ? c.pastGroup() : c.i + 1;
  }
}

function problem(c, owner, line, message, end) {
  owner.problems.push({ line, message });
  skipDeclaration(c, end);
}

/** `(final @Nullable Type... name, …)`; the cursor is on `(`. */
function readParameters(c, owner) {
  const close = c.match[c.i];
  const params = [];
  c.next();
  while (c.i < close) {
    const { annotations } = readPrefix(c);
    const type = readJavaTypeRef(c);
    const vararg = c.accept('...');
    const nameTok = c.next();
    if (!type || nameTok.k !== 'id') {
      owner.problems.push({ line: nameTok.line, message: `cannot read a parameter at '${nameTok.t}'` });
      c.i = close + 1;
      return null;
    }
    while (c.at('[') && c.at(']', 1)) {
      c.i += 2;
      type.text = `Array<${type.text}>`;
      type.primitive = false;
    }
    params.push({
      name: nameTok.t,
      type,
      vararg,
      hasDefault: false,
      nullability: nullabilityOf(annotations, type.primitive),
    });
    if (!c.accept(',') && c.i < close) return null;
  }
  c.i = close + 1;
  return params;
}

/** After a method's `)`: dimensions, `throws …`, `default …`, then `;` or a body. */
function skipMethodTail(c, end) {
  while (c.i < end && !c.at(';') && !c.at('{')) c.i = c.at('(') ? c.pastGroup() : c.i + 1;
  if (c.at('{')) c.i = c.pastGroup();
  else c.accept(';');
}

function member(owner, prefix, fields) {
  const { modifiers, annotations } = prefix;
  return {
    lang: 'java',
    params: [],
    typeParams: '',
    suspend: false,
    mutable: false,
    annotations,
    override: annotations.includes('Override'),
    static: modifiers.has('static') || (owner.kind === 'interface' && fields.kind === 'prop'),
    visibility: visibilityOf(modifiers, owner),
    ...fields,
  };
}

/** A method, constructor or field declaration at the cursor. */
function readMember(c, owner, prefix, end) {
  const line = c.peek().line;
  const typeParams = c.at('<') ? (c.angleText() ?? '') : '';
  readPrefix(c, prefix);
  if (c.peek().t === owner.name && c.at('(', 1)) {
    c.next();
    const params = readParameters(c, owner);
    if (!params) return skipDeclaration(c, end);
    skipMethodTail(c, end);
    owner.explicitConstructor = true;
    return owner.members.push(
      member(owner, prefix, {
        kind: 'ctor',
        name: '<init>',
        line,
        params,
        typeParams,
        modality: 'final',
        static: false,
      }),
    );
  }
  const type = readJavaTypeRef(c);
  const nameTok = c.next();
  if (!type || nameTok.k !== 'id') return problem(c, owner, line, `cannot read a declaration at '${nameTok.t}'`, end);
  const returns = { type, nullability: nullabilityOf(prefix.annotations, type.primitive) };
  if (c.at('(')) {
    const params = readParameters(c, owner);
    if (!params) return skipDeclaration(c, end);
    skipMethodTail(c, end);
    const modality = modalityOf(prefix.modifiers, owner, true);
    return owner.members.push(
      member(owner, prefix, { kind: 'fun', name: nameTok.t, line, params, typeParams, returns, modality }),
    );
  }
  const mutable = !prefix.modifiers.has('final') && owner.kind !== 'interface';
  for (let name = nameTok; ; name = c.next()) {
    owner.members.push(
      member(owner, prefix, { kind: 'prop', name: name.t, line: name.line, returns, mutable, modality: 'final' }),
    );
    while (!c.at(',') && !c.at(';') && c.i < end) c.i = c.at('(') || c.at('[') || c.at('{') ? c.pastGroup() : c.i + 1;
    if (!c.accept(',')) break;
  }
  c.accept(';');
}

function readBody(c, owner, end) {
  while (c.i < end) {
    const prefix = readPrefix(c);
    if (c.i >= end) break;
    if (c.accept(';')) continue;
    if (c.at('{')) c.i = c.pastGroup();
    else if (['class', 'interface', 'enum', 'record'].includes(c.peek().t) || (c.at('@') && c.at('interface', 1)))
      readType(c, owner.types, prefix, end, owner);
    else readMember(c, owner, prefix, end);
  }
}

function kindOf(c) {
  if (c.accept('@')) {
    c.next();
    return 'annotation';
  }
  const keyword = c.next().t;
  return keyword === 'record' ? 'class' : keyword;
}

/** `class|interface|enum|@interface|record Name<T> [(…)] [extends …] [implements …] [permits …] { … }`. */
function readType(c, into, prefix, end, outer) {
  const line = c.peek().line;
  const kind = kindOf(c);
  const name = c.next().t;
  const { modifiers, annotations } = prefix;
  const finalClass = kind === 'enum' || kind === 'annotation' || modifiers.has('final');
  const type = {
    lang: 'java',
    name,
    kind,
    line,
    annotations,
    members: [],
    types: [],
    problems: [],
    supertypes: [],
    fun: false,
    visibility: visibilityOf(modifiers, outer ?? { kind: 'class' }),
    typeParams: c.at('<') ? (c.angleText() ?? '') : '',
    modality: kind === 'interface' || modifiers.has('abstract') ? 'abstract' : finalClass ? 'final' : 'open',
  };
  if (c.at('(')) c.i = c.pastGroup(); // a record's components
  while (c.at('extends') || c.at('implements') || c.at('permits')) {
    const permits = c.next().t === 'permits';
    do {
      const supertypeLine = c.peek().line;
      const ref = readJavaTypeRef(c);
      if (!ref) return problem(c, type, supertypeLine, 'cannot read a supertype', end);
      if (!permits) type.supertypes.push({ ...ref, call: false, line: supertypeLine });
    } while (c.accept(','));
  }
  if (!c.at('{')) {
    into.push(type);
    return problem(c, type, line, `cannot read the header of ${name}`, end);
  }
  const close = c.match[c.i];
  c.next();
  if (kind === 'enum') {
    while (c.i < close && !c.at(';')) c.i = c.at('(') || c.at('{') ? c.pastGroup() : c.i + 1;
    c.accept(';');
  }
  readBody(c, type, close);
  c.i = close + 1;
  into.push(type);
}

/** Reads a Java file: { pkg, imports, types, problems }. */
export function readJava(text) {
  const c = new Cursor(text, 'java');
  const { pkg, imports } = readHeader(c);
  const types = [];
  const top = { kind: 'file', name: '', members: [], types, problems: [] };
  while (c.i < c.tokens.length) {
    const prefix = readPrefix(c);
    if (c.accept(';')) continue;
    if (c.i >= c.tokens.length) break;
    if (['class', 'interface', 'enum', 'record'].includes(c.peek().t) || (c.at('@') && c.at('interface', 1)))
      readType(c, types, prefix, c.tokens.length, null);
    else problem(c, top, c.peek().line, `cannot read a top-level declaration at '${c.peek().t}'`, c.tokens.length);
  }
  const problems = [...c.problems, ...top.problems];
  for (const type of types) type.problems.push(...problems);
  return { pkg, imports, types, problems, lang: 'java' };
}
