// Compares one stub type with the real type of the same name: the class (kind, abstract/open,
// type parameters, supertypes) and every member the stub declares, each against a declaration of
// the real class or its real supertypes.
import { asGetter, differences, paramsMatch, render, visibleToApp } from './signatures.mjs';
import { resolveName } from './source-sets.mjs';

/**
 * AndroidX superclasses of the AndroidX classes ReactAndroid extends (no AndroidX sources ship
 * here), nearest first, so a stub may skip levels: `ReactActivity extends Activity` is true of
 * the real `ReactActivity extends AppCompatActivity`. Hand-kept from AndroidX's sources.
 */
export const ANDROIDX_ANCESTORS = {
  'androidx.appcompat.app.AppCompatActivity': [
    'androidx.fragment.app.FragmentActivity',
    'androidx.activity.ComponentActivity',
    'androidx.core.app.ComponentActivity',
    'android.app.Activity',
    'android.view.ContextThemeWrapper',
    'android.content.ContextWrapper',
    'android.content.Context',
  ],
};

/**
 * Abstract members of React Native interfaces that an Android superclass (no source here)
 * implements: `ReactActivity implements PermissionAwareActivity`, whose methods Activity and
 * ContextWrapper already have. Hand-kept from the Android SDK's documentation; keys are
 * `name(parameter types)` in this checker's Kotlin notation.
 */
export const ANDROID_IMPLEMENTS = {
  'android.content.ContextWrapper': ['checkPermission(String,Int,Int)'],
  'android.app.Activity': ['shouldShowRequestPermissionRationale(String)'],
};

export const at = (file, line) => `${file.rel}:${line}`;
export const realAt = (file, line) => `${file.label} ${file.rel}:${line}`;
const simple = (name) => name.split('.').at(-1);

/** A member as seen from a class of `otherLang`: a Kotlin property is a getter to Java. */
export function viewFrom(member, otherLang) {
  return member.lang === 'kotlin' && otherLang === 'java' && member.kind === 'prop' ? asGetter(member) : member;
}

/** Members of a type, with the constructor Kotlin or Java adds when a class declares none. */
export function membersOf(type) {
  if (type.kind !== 'class' || type.explicitConstructor) return type.members;
  const visibility = type.lang === 'kotlin' || type.visibility === 'public' ? 'public' : type.visibility;
  const implicit = {
    kind: 'ctor',
    name: '<init>',
    lang: type.lang,
    line: type.line,
    params: [],
    visibility,
    modality: 'final',
    static: false,
    typeParams: '',
  };
  return [implicit, ...type.members];
}

/** The real type and its supertypes that have sources here (nearest first), and those that have none. */
export function chainOf(ctx, real, fqn) {
  const types = [{ ...real, fqn }];
  const outside = [];
  const seen = new Set([fqn]);
  for (let i = 0; i < types.length; i += 1) {
    for (const supertype of types[i].type.supertypes) {
      const name = resolveName(types[i].file, supertype.names[0], ctx.real) ?? supertype.names[0];
      if (seen.has(name)) continue;
      seen.add(name);
      const found = ctx.real.find(name);
      if (found) types.push({ ...found, fqn: name });
      else outside.push(name, ...(ANDROIDX_ANCESTORS[name] ?? []));
    }
  }
  return { types, outside };
}

function problemsOf(type, file) {
  return type.problems.map((p) => `${file.rel}:${p.line}: ${p.message}`);
}

/** Refuses to vouch for a class whose stub or real source (or a real supertype) was not fully read. */
function unreadable(ctx, stubFile, stub, chain) {
  const real = chain.types.flatMap(({ type, file }) => problemsOf(type, file).map((p) => `${file.label} ${p}`));
  const own = problemsOf(stub, stubFile);
  for (const problem of [...own, ...real])
    ctx.fail(
      `${at(stubFile, stub.line)}: cannot check ${stub.name}: ${problem} (a class that was not fully read is not vouched for)`,
    );
  return own.length + real.length > 0;
}

function supertypeDifferences(ctx, stubFile, stub, chain) {
  const known = new Set([...chain.types.map((t) => t.fqn), ...chain.outside]);
  const knownSimple = new Set([...known].map(simple));
  // A name one side could not resolve (no import, not in the tree) is compared by its simple name.
  const unresolved = new Set([...known].filter((name) => !name.includes('.')));
  const out = [];
  for (const supertype of stub.supertypes) {
    const fqn = resolveName(stubFile, supertype.names[0], ctx.stubs);
    const name = simple(supertype.names[0]);
    const ok = fqn ? known.has(fqn) || unresolved.has(name) : knownSimple.has(name);
    if (!ok && !['Any', 'Object'].includes(supertype.text))
      out.push(`supertype ${supertype.text}, which ReactAndroid's ${chain.types[0].type.name} does not have`);
  }
  return out;
}

function typeParamCount(text) {
  if (!text) return 0;
  let depth = 0;
  let count = 1;
  for (const ch of text.slice(1, -1)) {
    if (ch === '<') depth += 1;
    else if (ch === '>') depth -= 1;
    else if (ch === ',' && depth === 0) count += 1;
  }
  return count;
}

function classDifferences(ctx, stubFile, stub, chain) {
  const real = chain.types[0].type;
  const kind = (t) => (t.kind === 'companion' ? 'object' : t.kind);
  const out = [];
  if (kind(stub) !== kind(real)) out.push(`a ${stub.kind} (ReactAndroid: ${real.kind})`);
  if (stub.lang === 'kotlin' && real.lang === 'kotlin' && stub.fun !== real.fun)
    out.push(stub.fun ? 'a fun interface only in the stub' : 'a fun interface in ReactAndroid');
  if (stub.kind !== 'interface' && (stub.modality === 'abstract') !== (real.modality === 'abstract'))
    out.push(real.modality === 'abstract' ? 'abstract in ReactAndroid' : 'abstract only in the stub');
  else if (stub.modality !== 'final' && real.modality === 'final')
    out.push('open only in the stub (ReactAndroid: final)');
  if (!visibleToApp(real)) out.push(`visibility (ReactAndroid: ${real.visibility})`);
  if (typeParamCount(stub.typeParams) !== typeParamCount(real.typeParams)) out.push('type parameters');
  return [...out, ...supertypeDifferences(ctx, stubFile, stub, chain)];
}

/** Real members with the stub member's name and kind, each seen from the other's language. */
function candidates(member, stubLang, chain) {
  const pool = member.kind === 'ctor' ? chain.types.slice(0, 1) : chain.types;
  return pool.flatMap(({ type, file }) => {
    const stubView = viewFrom(member, type.lang);
    return membersOf(type)
      .map((m) => viewFrom(m, stubLang))
      .filter((m) => m.kind === stubView.kind && m.name === stubView.name)
      .map((real) => ({ stub: stubView, real, file, cross: stubLang !== type.lang }));
  });
}

function checkMember(ctx, stubFile, stub, member, chain) {
  if (!visibleToApp(member)) return; // private and package-private stub members are invisible to the app
  ctx.members += 1;
  const where = `${at(stubFile, member.line)}: ${render(member)} differs from`;
  const pairs = candidates(member, stub.lang, chain);
  const root = chain.types[0];
  if (pairs.length === 0) {
    const outside = chain.outside.length
      ? `; its supertypes ${chain.outside
          .filter((n) => !n.startsWith('androidx.core'))
          .slice(0, 3)
          .join(', ')} have no source here`
      : '';
    return ctx.fail(
      `${where} ${realAt(root.file, root.type.line)}: ${root.type.name} declares no such member${outside}`,
    );
  }
  const matched = ['exact', 'prefix'].flatMap((how) =>
    pairs.filter((p) => paramsMatch(p.stub, p.real, p.cross) === how),
  );
  if (matched.length === 0) {
    const overloads = pairs.map((p) => render(p.real)).join(' | ');
    return ctx.fail(
      `${where} ${realAt(pairs[0].file, pairs[0].real.line)}: ${overloads} (no declaration with these parameter types)`,
    );
  }
  const best = matched.find((p) => differences(p.stub, p.real, p.cross).length === 0) ?? matched[0];
  const diff = differences(best.stub, best.real, best.cross);
  if (diff.length) ctx.fail(`${where} ${realAt(best.file, best.real.line)}: ${render(best.real)} (${diff.join(', ')})`);
}

/** Compares one stub type (and its nested types) with the real one. */
export function checkType(ctx, stubFile, stub, fqn, real) {
  const chain = chainOf(ctx, real, fqn);
  if (unreadable(ctx, stubFile, stub, chain)) return;
  const classDiff = classDifferences(ctx, stubFile, stub, chain);
  const header = stub.kind === 'file' ? `top-level declarations of ${stubFile.rel}` : `${stub.kind} ${stub.name}`;
  if (classDiff.length)
    ctx.fail(
      `${at(stubFile, stub.line)}: ${header} differs from ${realAt(real.file, real.type.line)}: ${real.type.kind} ${real.type.name} (${classDiff.join(', ')})`,
    );
  for (const member of membersOf(stub)) checkMember(ctx, stubFile, stub, member, chain);
  for (const nested of stub.types) {
    const realNested = real.type.types.find((t) => t.name === nested.name);
    if (realNested) checkType(ctx, stubFile, nested, `${fqn}.${nested.name}`, { type: realNested, file: real.file });
    else
      ctx.fail(
        `${at(stubFile, nested.line)}: ${nested.kind} ${nested.name} differs from ${realAt(real.file, real.type.line)}: ${real.type.name} declares no such nested type`,
      );
  }
  return chain;
}
