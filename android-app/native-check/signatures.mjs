// Comparing one declared member with another: the notation both sides are rendered in, what
// "the same signature" means across Kotlin and Java, and which differences matter to the app.

const MUTABLE = /\bMutable(List|Set|Map|Collection|Iterable|Iterator|ListIterator|Map\.MutableEntry)\b/g;

/** A type's text on one notation; across languages Kotlin's read-only/mutable split and inner nullability vanish. */
export function typeKey(type, crossLanguage) {
  let text = type.text.replace(/\s+/g, '');
  if (crossLanguage)
    text = text
      .replace(MUTABLE, '$1')
      .replace(/MutableEntry/g, 'Entry')
      .replace(/\?/g, '')
      .replace(/\b(out|in)(?=[A-Z*])/g, '');
  return text;
}

/** `<T extends A>` (Java) and `<T : A>` (Kotlin) on one notation. */
export function typeParamsKey(text) {
  return (text ?? '').replace(/\s+extends\s+/g, ':').replace(/\s+/g, '');
}

const MARK = { nullable: '?', platform: '!', nonnull: '' };

function renderType(type, nullability) {
  return `${type.text}${MARK[nullability] ?? ''}`;
}

/** A member in Kotlin notation; a Java platform type shows as `T!`, as the Kotlin compiler prints it. */
export function render(member) {
  const scope = member.static ? 'static ' : '';
  const visibility = member.visibility === 'public' ? '' : `${member.visibility} `;
  const modality = member.kind === 'ctor' || member.modality === 'final' ? '' : `${member.modality} `;
  const params = member.params
    .map(
      (p) => `${p.vararg ? 'vararg ' : ''}${p.name}: ${renderType(p.type, p.nullability)}${p.hasDefault ? ' = …' : ''}`,
    )
    .join(', ');
  const typeParams = member.typeParams ? `${member.typeParams} ` : '';
  if (member.kind === 'ctor') return `${visibility}constructor(${params})`;
  const returns = renderType(member.returns.type, member.returns.nullability);
  if (member.kind === 'prop')
    return `${scope}${visibility}${modality}${member.mutable ? 'var' : 'val'} ${member.name}: ${returns}`;
  const suspend = member.suspend ? 'suspend ' : '';
  return `${scope}${visibility}${modality}${suspend}fun ${typeParams}${member.name}(${params}): ${returns}`;
}

/** `val foo` seen from Java is `getFoo()` (`isFoo()` for `isFoo`); used when the two sides differ in language. */
export function asGetter(prop) {
  const name = /^is[A-Z]/.test(prop.name) ? prop.name : `get${prop.name[0].toUpperCase()}${prop.name.slice(1)}`;
  return { ...prop, kind: 'fun', name, params: [], property: prop.name };
}

/** How a stub's parameters line up with a real member's: 'exact', 'prefix' (real extras all defaulted) or null. */
export function paramsMatch(stub, real, crossLanguage) {
  const same = (a, b) => typeKey(a.type, crossLanguage) === typeKey(b.type, crossLanguage) && a.vararg === b.vararg;
  const n = stub.params.length;
  if (n > real.params.length || !stub.params.every((p, i) => same(p, real.params[i]))) return null;
  if (n === real.params.length) return 'exact';
  return real.lang === 'kotlin' && real.params.slice(n).every((p) => p.hasDefault) ? 'prefix' : null;
}

/** A definite nullability on the real side must be matched; a Java platform type accepts either. */
function nullabilityDiffers(stub, real) {
  return real !== 'platform' && stub !== real;
}

function parameterDifferences(stub, real) {
  const out = [];
  stub.params.forEach((p, i) => {
    const r = real.params[i];
    if (nullabilityDiffers(p.nullability, r.nullability)) out.push(`nullability of parameter '${p.name}'`);
    if (p.hasDefault && !r.hasDefault) out.push(`'${p.name}' has a default only in the stub`);
    // Kotlin callers may name arguments, so a Kotlin declaration's parameter names are API.
    if (stub.lang === 'kotlin' && real.lang === 'kotlin' && p.name !== r.name)
      out.push(`parameter name '${p.name}' (ReactAndroid: '${r.name}')`);
  });
  return out;
}

function modalityDifferences(stub, real) {
  const out = [];
  if ((stub.modality === 'abstract') !== (real.modality === 'abstract'))
    out.push(stub.modality === 'abstract' ? 'abstract only in the stub' : 'abstract in ReactAndroid');
  else if (stub.modality === 'open' && real.modality === 'final') out.push('overridable only in the stub');
  return out;
}

/** What differs between a stub member and the real one it was matched with (empty when nothing does). */
export function differences(stub, real, crossLanguage) {
  const out = parameterDifferences(stub, real);
  if (stub.kind !== 'ctor') {
    if (typeKey(stub.returns.type, crossLanguage) !== typeKey(real.returns.type, crossLanguage)) out.push('type');
    else if (nullabilityDiffers(stub.returns.nullability, real.returns.nullability)) out.push('nullability');
    if (stub.static !== real.static) out.push(real.static ? 'static in ReactAndroid' : 'static only in the stub');
    if (stub.suspend !== real.suspend) out.push('suspend');
    if ((stub.receiver ?? null) !== (real.receiver ?? null)) out.push('receiver');
    if (stub.kind === 'prop' && stub.mutable !== real.mutable)
      out.push(real.mutable ? 'var in ReactAndroid' : 'var only in the stub');
    if (typeParamsKey(stub.typeParams) !== typeParamsKey(real.typeParams)) out.push('type parameters');
    out.push(...modalityDifferences(stub, real));
  }
  if (stub.visibility !== real.visibility) out.push(`visibility (ReactAndroid: ${real.visibility})`);
  return out;
}

/** Members that the app cannot see (and so neither side needs to declare). */
export function visibleToApp(member) {
  return member.visibility === 'public' || member.visibility === 'protected';
}

/** Key of a member's parameter list, for "same member" across a type hierarchy. */
export function shapeKey(member, crossLanguage = true) {
  return `${member.kind === 'prop' ? 'prop' : 'fun'} ${member.name}(${member.params.map((p) => typeKey(p.type, crossLanguage)).join(',')})`;
}
