// Stubs of classes the app inherits from (its classes' supertypes, `object : X` expressions and
// SAM conversions) carry more weight: the compiler checks the app's overrides against them. Such a
// stub must declare every abstract member of the real class and its real supertypes (else the app
// compiles here without implementing one), and every member the real class itself declares (else
// an app member of that name would compile here but clash or need `override` in the real build),
// unless a `// not stubbed: name, name — reason` line in the stub says why it is left out.
import { ANDROID_IMPLEMENTS, at, membersOf, realAt, viewFrom } from './stub-compare.mjs';
import { paramsMatch, render, shapeKey, visibleToApp } from './signatures.mjs';
import { readSourceFile, resolveName, walk } from './source-sets.mjs';
import { relative } from 'node:path';

const lineOf = (text, index) => text.slice(0, index).split('\n').length;

/** Interfaces a Kotlin lambda can stand for: `fun interface`s, and Java interfaces with one abstract method. */
function samInterfaces(stubs) {
  const out = new Map();
  for (const [fqn, { type }] of stubs.byName) {
    const abstract = type.members.filter((m) => m.modality === 'abstract');
    if (type.kind === 'interface' && (type.fun || (type.lang === 'java' && abstract.length === 1)))
      out.set(type.name, fqn);
  }
  return out;
}

/**
 * Stubbed types the app's sources inherit from: qualified name → [{ who, where }]. Supertypes
 * of declared classes come from the reader; object expressions and SAM conversions sit in
 * bodies it skips, so they are found in the text.
 */
export function appInheritance(appSourceRoot, appRoot, stubs) {
  const users = new Map();
  const sams = samInterfaces(stubs);
  for (const path of walk(appSourceRoot, ['.kt', '.java'])) {
    const file = readSourceFile(path, 'app', relative(appRoot, path));
    const add = (written, who, line) => {
      const fqn = resolveName(file, written, stubs);
      if (!fqn || !stubs.has(fqn)) return;
      if (!users.has(fqn)) users.set(fqn, []);
      users.get(fqn).push({ who, where: `${file.rel}:${line}` });
    };
    const visit = (type) => {
      for (const supertype of type.supertypes) add(supertype.names[0], type.name, supertype.line);
      type.types.forEach(visit);
    };
    file.model.types.forEach(visit);
    for (const m of file.text.matchAll(/\bobject\s*:\s*([A-Za-z_][\w.]*)/g))
      add(m[1], 'an object expression', lineOf(file.text, m.index));
    for (const [name] of sams) {
      const pattern = new RegExp(`(?<!(?:class|interface|object|fun)\\s+)\\b${name}\\s*\\{`, 'g');
      for (const m of file.text.matchAll(pattern)) add(name, 'a lambda (SAM conversion)', lineOf(file.text, m.index));
    }
  }
  return users;
}

/** `// not stubbed: a, b — reason` lines of a stub file: name → line; malformed lines are failures. */
export function waiversOf(file, ctx) {
  const names = new Map();
  file.text.split('\n').forEach((line, i) => {
    const m = /^\s*\/\/\s*not stubbed:(.*)$/.exec(line);
    if (!m) return;
    const parts = /^\s*(\w+(?:\s*,\s*\w+)*)\s+(?:—|--)\s+\S/.exec(m[1]);
    if (!parts)
      return ctx.fail(
        `${file.rel}:${i + 1}: a "// not stubbed:" line names members, then " — " and why they are left out`,
      );
    for (const name of parts[1].split(/\s*,\s*/)) names.set(name, i + 1);
  });
  return names;
}

/** Abstract members of the real chain that no more derived type (nor a known Android superclass) implements. */
function abstractMembers(chain) {
  const concrete = new Set(
    chain.outside.flatMap((name) => (ANDROID_IMPLEMENTS[name] ?? []).map((shape) => `fun ${shape}`)),
  );
  const seen = new Set();
  const out = [];
  for (const { type, file } of chain.types) {
    for (const member of type.members) {
      if (member.kind === 'ctor' || !visibleToApp(member)) continue;
      const key = shapeKey(viewFrom(member, 'java'));
      if (member.modality !== 'abstract') concrete.add(key);
      else if (!concrete.has(key) && !seen.has(key)) out.push({ member, file });
      seen.add(key);
    }
  }
  return out;
}

/** The stub and its stubbed supertypes. */
function stubChain(stubs, file, type) {
  const out = [type];
  const queue = [{ file, type }];
  while (queue.length) {
    const current = queue.shift();
    for (const supertype of current.type.supertypes) {
      const found = stubs.find(resolveName(current.file, supertype.names[0], stubs) ?? '');
      if (found && !out.includes(found.type)) {
        out.push(found.type);
        queue.push(found);
      }
    }
  }
  return out;
}

function declares(types, member) {
  const key = shapeKey(viewFrom(member, 'java'));
  return types.some((t) => t.members.some((m) => shapeKey(viewFrom(m, 'java')) === key));
}

/** The rules for a stub of a class the app inherits from (see the top of this file). */
export function checkInherited(ctx, stubFile, stub, chain, users, waived) {
  const real = chain.types[0];
  const by = `${users[0].who} (${users[0].where})${users.length > 1 ? ` and ${users.length - 1} more` : ''}`;
  const stubTypes = stubChain(ctx.stubs, stubFile, stub);
  for (const { member, file } of abstractMembers(chain)) {
    if (!declares(stubTypes, member))
      ctx.fail(
        `${at(stubFile, stub.line)}: ${stub.name} lacks ${render(member)} of ${realAt(file, member.line)}, which ${by} must implement in the real build`,
      );
  }
  // Abstract ones were just checked, waivers or not: they cannot be left out.
  const own = membersOf(real.type).filter((m) => m.kind !== 'ctor' && m.modality !== 'abstract' && visibleToApp(m));
  for (const member of own) {
    const realView = viewFrom(member, stub.lang);
    const stubbed = stub.members.some((m) => {
      const view = viewFrom(m, member.lang);
      return (
        view.kind === realView.kind &&
        view.name === realView.name &&
        paramsMatch(view, realView, stub.lang !== member.lang)
      );
    });
    if (stubbed || waived.has(member.name)) continue;
    ctx.fail(
      `${at(stubFile, stub.line)}: ${stub.name} lacks ${render(member)} of ${realAt(real.file, member.line)}, which ${by} inherits: stub it, or name it in a "// not stubbed: … — reason" line`,
    );
  }
}

/** A `not stubbed` name must be a member the real class declares (a stale one would hide nothing, and mislead). */
export function checkWaivers(ctx, stubFile, waived, real) {
  for (const [name, line] of waived) {
    if (!real.type.members.some((m) => m.name === name && visibleToApp(m)))
      ctx.fail(`${at(stubFile, line)}: "not stubbed: ${name}" names no member of ${realAt(real.file, real.type.line)}`);
  }
}
