// Kotlin declarations of one file (see source-parse.mjs for what "declaration-level" means).
import { Cursor, readHeader, simpleName, skipAnnotation } from './source-parse.mjs';

const HARD = new Set(['fun', 'val', 'var', 'class', 'interface', 'object', 'typealias', 'constructor', 'init']);
const MODIFIERS = new Set([
  'public',
  'private',
  'protected',
  'internal',
  'abstract',
  'open',
  'final',
  'override',
  'sealed',
  'data',
  'enum',
  'annotation',
  'inner',
  'companion',
  'inline',
  'noinline',
  'crossinline',
  'suspend',
  'tailrec',
  'operator',
  'infix',
  'external',
  'const',
  'lateinit',
  'vararg',
  'expect',
  'actual',
  'value',
]);
const VISIBILITY = ['public', 'private', 'protected', 'internal'];

/** Reads type arguments `<…>` of a Kotlin type; pushes referenced names into `names`. */
function readTypeArguments(c, names) {
  const args = [];
  c.next(); // <
  while (!c.at('>')) {
    let variance = '';
    if ((c.at('in') || c.at('out')) && c.peek(1).k === 'id') variance = `${c.next().t} `;
    if (c.accept('*')) args.push('*');
    else {
      const type = readKotlinType(c);
      if (!type) return null;
      names.push(...type.names);
      args.push(`${variance}${type.text}${type.nullable ? '?' : ''}`);
    }
    if (!c.accept(',') && !c.at('>')) return null;
  }
  c.next(); // >
  return `<${args.join(', ')}>`;
}

/** `(A, b: B) -> C`, `((A) -> B)`; the cursor is on `(`. */
function readParenthesisedType(c, names, prefix) {
  const close = c.match[c.i];
  if (close < 0) return null;
  c.next();
  const inner = [];
  while (c.i < close) {
    if (c.peek().k === 'id' && c.at(':', 1)) c.i += 2; // a named function-type parameter
    const type = readKotlinType(c);
    if (!type) return null;
    names.push(...type.names);
    inner.push(`${type.text}${type.nullable ? '?' : ''}`);
    if (!c.accept(',') && c.i < close) return null;
  }
  c.i = close + 1;
  if (!c.accept('->')) return inner.length === 1 && !prefix ? `(${inner[0]})` : null;
  const result = readKotlinType(c);
  if (!result) return null;
  names.push(...result.names);
  return `${prefix}(${inner.join(', ')}) -> ${result.text}${result.nullable ? '?' : ''}`;
}

/**
 * Reads a Kotlin type at the cursor: `a.B<C, out D?>?`, `(A) -> B`, `suspend () -> Unit`.
 * Returns { text, nullable, names } with package qualifiers dropped from the text, or null.
 */
export function readKotlinType(c) {
  while (c.at('@')) skipAnnotation(c);
  const names = [];
  const prefix = c.at('suspend') && c.at('(', 1) ? `${c.next().t} ` : '';
  let text;
  if (c.at('(')) text = readParenthesisedType(c, names, prefix);
  else if (c.peek().k === 'id' && !prefix) {
    const dotted = [c.next().t];
    let args = '';
    for (;;) {
      if (c.at('<')) {
        args = readTypeArguments(c, names);
        if (args === null) return null;
      }
      if (!(c.at('.') && c.peek(1).k === 'id' && !args)) break;
      c.next();
      dotted.push(c.next().t);
    }
    names.unshift(dotted.join('.'));
    text = `${simpleName(dotted.join('.'))}${args}`;
    if (c.at('.') && c.at('(', 1)) {
      c.next(); // a function type with a receiver: `Builder.() -> Unit`
      const lambda = readParenthesisedType(c, names, '');
      text = lambda?.includes(' -> ') ? `${text}.${lambda}` : null;
    }
  }
  if (!text) return null;
  let nullable = false;
  while (c.at('?') && !c.peek().nl) {
    c.next();
    nullable = true;
  }
  return { text, nullable, names };
}

/** True when the token at `index` starts a declaration: modifiers/annotations, then a keyword. */
function startsDeclaration(c, index) {
  let j = index;
  for (;;) {
    const tok = c.tokens[j];
    if (!tok || (tok.k !== 'id' && tok.t !== '@')) return false;
    if (tok.t === '@') {
      j += c.tokens[j + 2]?.t === ':' ? 4 : 2;
      while (c.tokens[j]?.t === '.' && c.tokens[j + 1]?.k === 'id') j += 2;
      if (c.tokens[j]?.t === '(') j = c.pastGroup(j);
    } else if (HARD.has(tok.t) || tok.t === 'get' || tok.t === 'set') return true;
    else if (MODIFIERS.has(tok.t) || tok.t === 'fun') j += 1;
    else return false;
  }
}

/** Skips the rest of a declaration (an expression body, an initialiser, accessors) up to `end`. */
function skipRest(c, end, atLeastOne) {
  let first = atLeastOne;
  while (c.i < end) {
    const tok = c.peek();
    if (!first && tok.nl && startsDeclaration(c, c.i)) return;
    if (tok.t === ')' || tok.t === ']' || tok.t === '}') {
      if (c.match[c.i] >= 0 && c.match[c.i] < c.i) return; // closes an enclosing group
    }
    c.i = tok.t === '(' || tok.t === '[' || tok.t === '{' ? c.pastGroup() : c.i + 1;
    first = false;
  }
}

/** Skips the bounds after `where` (they may span lines), up to a body or the next declaration. */
function skipWhere(c, end) {
  while (c.i < end && !c.at('{') && !c.at('=') && !(c.peek().nl && startsDeclaration(c, c.i))) c.next();
}

/** Skips `= expression` or `by delegate`: the operator, at least one token, then up to the next declaration. */
function skipExpression(c, end) {
  c.next();
  skipRest(c, end, true);
}

/**
 * The type of a lone literal initialiser (`= 0`, `= "x"`, `= 1L`, `= Unit`) at `offset` past the
 * cursor, when nothing follows it on its line; null otherwise.
 */
function literalType(c, offset) {
  const tok = c.peek(offset);
  const after = c.peek(offset + 1);
  if (!after.nl && after.t !== '<eof>' && after.t !== '}' && after.t !== ';') return null;
  if (tok.k === 'str') return 'String';
  if (tok.t === 'true' || tok.t === 'false') return 'Boolean';
  if (tok.t === 'Unit') return 'Unit';
  if (tok.k !== 'num') return null;
  if (/^0[xXbB]/.test(tok.t)) return /[lL]$/.test(tok.t) ? 'Long' : 'Int';
  if (/[fF]$/.test(tok.t)) return 'Float';
  if (/[lL]$/.test(tok.t)) return 'Long';
  return /[.eE]/.test(tok.t) ? 'Double' : 'Int';
}

/** Annotations (simple names) and modifiers before a declaration. */
function readPrefix(c) {
  const annotations = [];
  const modifiers = new Set();
  for (;;) {
    if (c.at('@')) annotations.push(skipAnnotation(c));
    else if (c.peek().k === 'id' && MODIFIERS.has(c.peek().t) && !isNameUse(c)) modifiers.add(c.next().t);
    else if (c.at('fun') && c.at('interface', 1)) modifiers.add(c.next().t);
    else return { annotations, modifiers };
  }
}

/** A soft modifier word used as a name (`val value: Int`, `data: X` in a parameter list). */
function isNameUse(c) {
  const after = c.peek(1);
  return after.t === ':' || after.t === ',' || after.t === ')' || after.t === '=' || after.t === '(';
}

/** Private and internal members are invisible to the app: an inferred type there needs no reading. */
function hidden(modifiers) {
  return modifiers.has('private') || modifiers.has('internal');
}

function visibilityOf(modifiers, fallback = 'public') {
  return VISIBILITY.find((v) => modifiers.has(v)) ?? fallback;
}

/** A parameter list; the cursor is on `(`. Returns null (and leaves the cursor past it) when unreadable. */
function readParameters(c, owner, asProperties) {
  const close = c.match[c.i];
  const params = [];
  c.next();
  while (c.i < close) {
    const { modifiers } = readPrefix(c);
    const property = c.at('val') || c.at('var') ? c.next().t : null;
    const nameTok = c.next();
    if (nameTok.k !== 'id' || !c.accept(':')) return failParams(c, close, owner, nameTok);
    const type = readKotlinType(c);
    if (!type) return failParams(c, close, owner, nameTok);
    const param = {
      name: nameTok.t,
      type,
      nullability: type.nullable ? 'nullable' : 'nonnull',
      vararg: modifiers.has('vararg'),
    };
    param.hasDefault = c.accept('=');
    if (param.hasDefault) skipDefault(c, close);
    params.push(param);
    if (property && asProperties)
      asProperties.push({ param, modifiers, mutable: property === 'var', line: nameTok.line });
    if (!c.accept(',') && c.i < close) return failParams(c, close, owner, c.peek());
  }
  c.i = close + 1;
  return params;
}

function failParams(c, close, owner, tok) {
  owner.problems.push({ line: tok.line, message: `cannot read a parameter at '${tok.t}'` });
  c.i = close + 1;
  return null;
}

/** Skips a default value up to the `,` or `)` that ends it. */
function skipDefault(c, close) {
  while (c.i < close && !c.at(',')) c.i = c.at('(') || c.at('[') || c.at('{') ? c.pastGroup() : c.i + 1;
}

/** Modality of a member from its modifiers, whether it has a body, and its owner. */
function modalityOf(modifiers, owner, hasBody) {
  if (modifiers.has('private')) return 'final';
  if (modifiers.has('abstract')) return 'abstract';
  if (owner.kind === 'interface') return hasBody ? 'open' : 'abstract';
  if (modifiers.has('final') || owner.modality === 'final') return 'final';
  return modifiers.has('open') || modifiers.has('override') ? 'open' : 'final';
}

function member(owner, fields) {
  return {
    lang: 'kotlin',
    static: owner.statics,
    params: [],
    typeParams: '',
    suspend: false,
    mutable: false,
    ...fields,
  };
}

/** `fun [<T>] [Receiver.]name(params)[: Type] [body]`. */
function readFunction(c, owner, prefix, end) {
  const line = c.next().line; // fun
  const typeParams = c.at('<') ? c.angleText() : '';
  const head = readKotlinType(c);
  let name = head?.names[0]?.split('.').at(-1);
  let receiver = null;
  if (head && c.at('.') && c.peek(1).k === 'id') {
    c.next();
    receiver = head.text;
    name = c.next().t;
  } else if (head && head.names[0]?.includes('.'))
    receiver = simpleName(head.names[0].split('.').slice(0, -1).join('.'));
  if (!name || !c.at('(')) return problem(c, owner, line, 'cannot read a function header', end);
  const params = readParameters(c, owner, null);
  if (!params) return skipRest(c, end, false);
  const declared = c.accept(':');
  let returns = declared ? readKotlinType(c) : null;
  if (declared && !returns) return problem(c, owner, line, `fun ${name}: cannot read the return type`, end);
  if (c.accept('where')) skipWhere(c, end);
  const expression = c.at('=');
  const hasBody = expression || c.at('{');
  if (!returns && expression && literalType(c, 1) === 'Unit') returns = { text: 'Unit', nullable: false, names: [] };
  if (!returns && expression) {
    if (hidden(prefix.modifiers)) return skipRest(c, end, true);
    return problem(c, owner, line, `fun ${name}: an expression body without a declared return type`, end);
  }
  returns ??= { text: 'Unit', nullable: false, names: [] };
  if (c.at('{')) c.i = c.pastGroup();
  else if (expression) skipExpression(c, end);
  const { modifiers, annotations } = prefix;
  owner.members.push(
    member(owner, {
      kind: 'fun',
      name,
      line,
      params,
      receiver,
      typeParams,
      annotations,
      suspend: modifiers.has('suspend'),
      returns: { type: returns, nullability: returns.nullable ? 'nullable' : 'nonnull' },
      visibility: visibilityOf(modifiers),
      modality: modalityOf(modifiers, owner, hasBody),
      override: modifiers.has('override'),
    }),
  );
}

function problem(c, owner, line, message, end) {
  owner.problems.push({ line, message });
  skipRest(c, end, true);
}

/** True when a `get` accessor (possibly annotated or with modifiers) starts at the cursor. */
function getterFollows(c) {
  let j = c.i;
  for (;;) {
    const tok = c.tokens[j];
    if (!tok) return false;
    if (tok.t === 'get') return true;
    if (tok.t === '@') {
      j += 2;
      if (c.tokens[j]?.t === '(') j = c.pastGroup(j);
    } else if (tok.k === 'id' && MODIFIERS.has(tok.t)) j += 1;
    else return false;
  }
}

/** `val|var [<T>] [Receiver.]name[: Type] [= init | by delegate] [accessors]`. */
function readProperty(c, owner, prefix, end) {
  const keyword = c.next();
  if (c.at('<')) c.angleText();
  let nameTok = c.next();
  let receiver = null;
  if (c.at('.') && c.peek(1).k === 'id') {
    receiver = nameTok.t;
    c.next();
    nameTok = c.next();
  }
  if (nameTok.k !== 'id') return problem(c, owner, keyword.line, 'cannot read a property name', end);
  const declared = c.accept(':');
  let type = declared ? readKotlinType(c) : null;
  if (declared && !type) return problem(c, owner, keyword.line, `${keyword.t} ${nameTok.t}: cannot read the type`, end);
  const initialised = c.at('=') || c.at('by');
  const literal = c.at('=') ? literalType(c, 1) : null;
  if (!type && literal && literal !== 'Unit') type = { text: literal, nullable: false, names: [] };
  if (!type && hidden(prefix.modifiers)) return skipRest(c, end, true);
  if (!type) return problem(c, owner, keyword.line, `${keyword.t} ${nameTok.t}: no declared type`, end);
  const sameLineGetter = getterFollows(c);
  if (initialised) skipExpression(c, end);
  else skipRest(c, end, false);
  const hasBody = initialised || sameLineGetter || getterFollows(c);
  const { modifiers, annotations } = prefix;
  owner.members.push(
    member(owner, {
      kind: 'prop',
      name: nameTok.t,
      line: keyword.line,
      receiver,
      annotations,
      mutable: keyword.t === 'var',
      returns: { type, nullability: type.nullable ? 'nullable' : 'nonnull' },
      visibility: visibilityOf(modifiers),
      modality: modalityOf(modifiers, owner, hasBody),
      override: modifiers.has('override'),
      hasBody,
    }),
  );
}

/** `constructor(params) [: this(…)|super(…)] [body]`. */
function readConstructor(c, owner, prefix, end) {
  const line = c.next().line;
  if (!c.at('(')) return problem(c, owner, line, 'cannot read a constructor', end);
  const params = readParameters(c, owner, null);
  if (!params) return skipRest(c, end, false);
  owner.explicitConstructor = true;
  if (c.accept(':')) skipRest(c, end, true);
  else if (c.at('{')) c.i = c.pastGroup();
  const visibility = visibilityOf(prefix.modifiers);
  owner.members.push(
    member(owner, {
      kind: 'ctor',
      name: '<init>',
      line,
      params,
      visibility,
      modality: 'final',
      static: false,
      annotations: prefix.annotations,
    }),
  );
}

/** Reads the declarations between the cursor and `end` into `owner`. */
function readBody(c, owner, end) {
  while (c.i < end) {
    const start = c.peek();
    const prefix = readPrefix(c);
    const tok = c.peek();
    if (c.i >= end) {
      if (prefix.annotations.length || prefix.modifiers.size)
        problem(c, owner, start.line, 'modifiers without a declaration', end);
    } else if (tok.t === ';') c.next();
    else if (tok.t === 'class' || tok.t === 'interface' || tok.t === 'object') readType(c, owner, prefix, end);
    else if (tok.t === 'fun') readFunction(c, owner, prefix, end);
    else if (tok.t === 'val' || tok.t === 'var') readProperty(c, owner, prefix, end);
    else if (tok.t === 'constructor') readConstructor(c, owner, prefix, end);
    else if (tok.t === 'init' && c.at('{', 1)) c.i = c.pastGroup(c.i + 1);
    else if (tok.t === 'get' || tok.t === 'set' || tok.t === 'typealias') skipRest(c, end, true);
    else problem(c, owner, tok.line, `cannot read a declaration starting with '${tok.t}'`, end);
  }
}

function newType(fields) {
  return {
    lang: 'kotlin',
    members: [],
    types: [],
    problems: [],
    supertypes: [],
    typeParams: '',
    statics: false,
    ...fields,
  };
}

function kindOf(keyword, modifiers) {
  if (keyword === 'object') return modifiers.has('companion') ? 'companion' : 'object';
  if (keyword === 'interface') return 'interface';
  if (modifiers.has('enum')) return 'enum';
  return modifiers.has('annotation') ? 'annotation' : 'class';
}

function typeModality(kind, modifiers) {
  if (kind === 'interface' || modifiers.has('abstract')) return 'abstract';
  if (kind === 'class' && (modifiers.has('open') || modifiers.has('sealed'))) return 'open';
  return 'final';
}

/** `[fun] class|interface|object Name[<T>] [primary constructor] [: supertypes] [{ body }]`. */
function readType(c, owner, prefix, end) {
  const keywordTok = c.next();
  const kind = kindOf(keywordTok.t, prefix.modifiers);
  const name = c.peek().k === 'id' && !c.at('constructor') ? c.next().t : kind === 'companion' ? 'Companion' : '';
  const type = newType({
    name,
    kind,
    line: keywordTok.line,
    fun: prefix.modifiers.has('fun'),
    annotations: prefix.annotations,
    visibility: visibilityOf(prefix.modifiers),
    modality: typeModality(kind, prefix.modifiers),
    statics: kind === 'object' || kind === 'companion',
  });
  if (c.at('<')) type.typeParams = c.angleText() ?? '';
  readPrimaryConstructor(c, type);
  if (c.accept(':')) readSupertypes(c, type, end);
  if (c.accept('where')) skipWhere(c, end);
  if (c.at('{')) {
    const close = c.match[c.i];
    c.next();
    if (kind === 'enum') skipEnumEntries(c, close);
    readBody(c, type, close);
    c.i = close + 1;
  }
  if (kind === 'companion') {
    for (const m of type.members) owner.members.push({ ...m, static: true });
    owner.problems.push(...type.problems);
  } else owner.types.push(type);
}

function skipEnumEntries(c, close) {
  while (c.i < close && !c.at(';')) c.i = c.at('(') || c.at('{') ? c.pastGroup() : c.i + 1;
  c.accept(';');
}

/** `[@Ann] [visibility] [constructor](params)` after a class name. */
function readPrimaryConstructor(c, type) {
  const save = c.i;
  const prefix = readPrefix(c);
  const keyword = c.accept('constructor');
  const hasPrefix = prefix.annotations.length > 0 || prefix.modifiers.size > 0;
  if (!c.at('(') || (hasPrefix && !keyword)) {
    c.i = save;
    return;
  }
  const line = c.peek().line;
  const props = [];
  const params = readParameters(c, type, props);
  if (!params) return;
  type.explicitConstructor = true;
  type.members.push(
    member(type, {
      kind: 'ctor',
      name: '<init>',
      line,
      params,
      visibility: visibilityOf(prefix.modifiers),
      modality: 'final',
      static: false,
      annotations: prefix.annotations,
    }),
  );
  for (const { param, modifiers, mutable, line: propLine } of props) {
    type.members.push(
      member(type, {
        kind: 'prop',
        name: param.name,
        line: propLine,
        mutable,
        annotations: [],
        returns: { type: param.type, nullability: param.nullability },
        visibility: visibilityOf(modifiers),
        modality: modalityOf(modifiers, type, true),
        override: modifiers.has('override'),
        hasBody: true,
      }),
    );
  }
}

/** `A(), B<C>, D by d` after `:`. */
function readSupertypes(c, type, end) {
  do {
    const line = c.peek().line;
    const ref = readKotlinType(c);
    if (!ref) {
      type.problems.push({ line, message: 'cannot read a supertype' });
      return skipRest(c, end, true);
    }
    const call = c.at('(');
    if (call) c.i = c.pastGroup();
    if (c.accept('by'))
      while (c.i < end && !c.at(',') && !c.at('{') && !c.peek().nl) c.i = c.at('(') ? c.pastGroup() : c.i + 1;
    type.supertypes.push({ ...ref, call, line });
  } while (c.accept(','));
}

/**
 * Reads a Kotlin file: { pkg, imports, types, problems }. Top-level functions and properties
 * land on a type named after the file (`Foo.kt` → `FooKt`, kind `file`).
 */
export function readKotlin(text, fileName = 'File.kt') {
  const c = new Cursor(text, 'kotlin');
  const { pkg, imports } = readHeader(c);
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.kt$/, '');
  const facade = newType({
    name: `${base[0].toUpperCase()}${base.slice(1)}Kt`,
    kind: 'file',
    line: 1,
    visibility: 'public',
    modality: 'final',
    statics: true,
  });
  readBody(c, facade, c.tokens.length);
  const types = facade.types;
  facade.types = [];
  // Unbalanced brackets or an unreadable top-level declaration may hide any type of the file.
  const problems = [...c.problems, ...facade.problems];
  for (const type of types) type.problems.push(...problems);
  if (facade.members.length > 0) {
    facade.problems.push(...c.problems);
    types.push(facade);
  }
  return { pkg, imports, types, problems, lang: 'kotlin' };
}
