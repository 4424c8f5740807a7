// A small XML well-formedness checker (no dependency) and the manifest's own rules.
// It is strict enough to catch what breaks an Android build: unbalanced or misnested tags,
// unquoted or duplicate attributes, stray `<` or `&`, more than one root.
import { readFileSync } from 'node:fs';

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ATTRIBUTE = /\s*([^\s=/>]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(?:[A-Za-z]+|#\d+|#x[\dA-Fa-f]+);/g;

/**
 * Parses `text`; returns `{ errors, elements }`, elements in document order as
 * `{ name, attributes, parent, line }` (`parent`: index of the enclosing element, or -1).
 */
export function parseXml(text) {
  const errors = [];
  const elements = [];
  const stack = [];
  const open = [];
  let roots = 0;
  let i = 0;
  const lineAt = (index) => text.slice(0, index).split('\n').length;
  const checkText = (chunk, at) => {
    if (chunk.replace(ENTITY, '').includes('&')) errors.push(`line ${lineAt(at)}: bare '&' (write &amp;)`);
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    checkText(chunk, i);
    if (stack.length === 0 && chunk.trim() !== '') errors.push(`line ${lineAt(i)}: text outside the root element`);
    if (lt === -1) break;
    const special = [
      ['<?', '?>'],
      ['<!--', '-->'],
      ['<![CDATA[', ']]>'],
    ].find(([open]) => text.startsWith(open, lt));
    if (special) {
      const end = text.indexOf(special[1], lt + special[0].length);
      if (end === -1) {
        errors.push(`line ${lineAt(lt)}: unterminated ${special[0]}`);
        break;
      }
      if (special[0] === '<!--' && text.slice(lt + 4, end).includes('--')) {
        errors.push(`line ${lineAt(lt)}: '--' inside a comment`);
      }
      i = end + special[1].length;
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt === -1) {
      errors.push(`line ${lineAt(lt)}: unterminated tag`);
      break;
    }
    const raw = text.slice(lt + 1, gt);
    const line = lineAt(lt);
    i = gt + 1;
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim();
      const opened = stack.pop();
      open.pop();
      if (opened !== name) errors.push(`line ${line}: </${name}> closes <${opened ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = raw.endsWith('/');
    const body = selfClosing ? raw.slice(0, -1) : raw;
    const name = /^\S+/.exec(body)?.[0] ?? '';
    if (!NAME.test(name)) {
      errors.push(`line ${line}: bad tag name '${name}' (a stray '<'?)`);
      continue;
    }
    const attributes = {};
    let rest = name.length;
    ATTRIBUTE.lastIndex = rest;
    for (let m; (m = ATTRIBUTE.exec(body)); rest = ATTRIBUTE.lastIndex) {
      if (m[1] in attributes) errors.push(`line ${line}: duplicate attribute ${m[1]} on <${name}>`);
      const value = m[3] ?? m[4];
      checkText(value, lt);
      attributes[m[1]] = value;
    }
    if (body.slice(rest).trim() !== '') errors.push(`line ${line}: malformed attributes on <${name}>`);
    if (stack.length === 0) roots += 1;
    elements.push({ name, attributes, parent: open.at(-1) ?? -1, line });
    if (!selfClosing) {
      stack.push(name);
      open.push(elements.length - 1);
    }
  }
  if (stack.length > 0) errors.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) errors.push(`expected exactly one root element, found ${roots}`);
  return { errors, elements };
}

/** Well-formedness errors of the XML file at `path`. */
export function checkXml(path) {
  return parseXml(readFileSync(path, 'utf8')).errors;
}

const REQUIRED_PERMISSIONS = [
  'RECEIVE_SMS',
  'INTERNET',
  'ACCESS_NETWORK_STATE',
  'RECEIVE_BOOT_COMPLETED',
  'WAKE_LOCK',
  'POST_NOTIFICATIONS',
  'REQUEST_IGNORE_BATTERY_OPTIMIZATIONS',
].map((p) => `android.permission.${p}`);
const COMPONENTS = new Set(['application', 'activity', 'receiver', 'service', 'provider']);

/**
 * The manifest's rules: well-formed, the permissions the app needs, every component naming a
 * class that exists in the sources, and exported set wherever there is an intent filter.
 */
export function checkManifest(path, appPackage, declaredClasses) {
  const { errors, elements } = parseXml(readFileSync(path, 'utf8'));
  const problems = errors.map((e) => `AndroidManifest.xml: ${e}`);
  const fail = (message) => problems.push(`AndroidManifest.xml: ${message}`);
  if (errors.length > 0) return problems;

  const permissions = new Set(
    elements.filter((e) => e.name === 'uses-permission').map((e) => e.attributes['android:name']),
  );
  for (const permission of REQUIRED_PERMISSIONS) {
    if (!permissions.has(permission)) fail(`missing <uses-permission android:name="${permission}"/>`);
  }

  for (const [index, element] of elements.entries()) {
    if (!COMPONENTS.has(element.name)) continue;
    const name = element.attributes['android:name'] ?? '';
    const className = name.startsWith('.') ? appPackage + name : name;
    if (!declaredClasses.has(className))
      fail(`line ${element.line}: <${element.name}> names ${className}, no such class in the sources`);
    const hasFilter = elements.some((e) => e.parent === index && e.name === 'intent-filter');
    if (hasFilter && !('android:exported' in element.attributes)) {
      fail(
        `line ${element.line}: <${element.name} ${name}> has an intent filter but no android:exported (required since Android 12)`,
      );
    }
  }

  const receiver = elements.find((e) => e.name === 'receiver' && e.attributes['android:name'] === '.sms.SmsReceiver');
  if (receiver?.attributes['android:permission'] !== 'android.permission.BROADCAST_SMS') {
    fail('the SMS receiver must be guarded by android:permission="android.permission.BROADCAST_SMS"');
  }
  const actions = new Set(elements.filter((e) => e.name === 'action').map((e) => e.attributes['android:name']));
  for (const action of [
    'android.provider.Telephony.SMS_RECEIVED',
    'android.intent.action.BOOT_COMPLETED',
    'android.intent.action.MY_PACKAGE_REPLACED',
  ]) {
    if (!actions.has(action)) fail(`no receiver for ${action}`);
  }
  const deepLink = elements.some(
    (e) =>
      e.name === 'data' && e.attributes['android:scheme'] === 'smsgw' && e.attributes['android:host'] === 'configure',
  );
  if (!deepLink) fail('no smsgw://configure deep link (<data android:scheme="smsgw" android:host="configure"/>)');
  return problems;
}
