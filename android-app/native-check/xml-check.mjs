// A small XML well-formedness checker (no dependency) and the manifest's own rules.
// It is strict enough to catch what breaks an Android build: unbalanced or misnested tags,
// unquoted or duplicate attributes, stray `<` or `&`, more than one root.
import { readFileSync } from 'node:fs';

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ATTRIBUTE = /\s*([^\s=/>]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(?:[A-Za-z]+|#\d+|#x[\dA-Fa-f]+);/g;

const SPECIALS = [
  ['<?', '?>'],
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
];

const lineAt = (text, index) => text.slice(0, index).split('\n').length;

/** Flags a bare `&` in text or an attribute value (an entity is fine). */
function checkText(parser, chunk, at) {
  if (chunk.replace(ENTITY, '').includes('&'))
    parser.errors.push(`line ${lineAt(parser.text, at)}: bare '&' (write &amp;)`);
}

/** Skips a processing instruction, comment or CDATA section at `lt`; false when there is none there. */
function skipSpecial(parser, lt) {
  const { text, errors } = parser;
  const special = SPECIALS.find(([start]) => text.startsWith(start, lt));
  if (!special) return false;
  const [start, stop] = special;
  const end = text.indexOf(stop, lt + start.length);
  if (end === -1) {
    errors.push(`line ${lineAt(text, lt)}: unterminated ${start}`);
    parser.done = true;
    return true;
  }
  if (start === '<!--' && text.slice(lt + 4, end).includes('--'))
    errors.push(`line ${lineAt(text, lt)}: '--' inside a comment`);
  parser.i = end + stop.length;
  return true;
}

function closeTag(parser, raw, line) {
  const name = raw.slice(1).trim();
  const opened = parser.stack.pop();
  parser.open.pop();
  if (opened !== name) parser.errors.push(`line ${line}: </${name}> closes <${opened ?? 'nothing'}>`);
}

/** The attributes of a start tag's `body` after its `name`; problems go to the parser's errors. */
function readAttributes(parser, body, name, line, lt) {
  const attributes = {};
  let rest = name.length;
  ATTRIBUTE.lastIndex = rest;
  for (let m; (m = ATTRIBUTE.exec(body)); rest = ATTRIBUTE.lastIndex) {
    if (m[1] in attributes) parser.errors.push(`line ${line}: duplicate attribute ${m[1]} on <${name}>`);
    const value = m[3] ?? m[4];
    checkText(parser, value, lt);
    attributes[m[1]] = value;
  }
  if (body.slice(rest).trim() !== '') parser.errors.push(`line ${line}: malformed attributes on <${name}>`);
  return attributes;
}

function openTag(parser, raw, line, lt) {
  const selfClosing = raw.endsWith('/');
  const body = selfClosing ? raw.slice(0, -1) : raw;
  const name = /^\S+/.exec(body)?.[0] ?? '';
  if (!NAME.test(name)) {
    parser.errors.push(`line ${line}: bad tag name '${name}' (a stray '<'?)`);
    return;
  }
  const attributes = readAttributes(parser, body, name, line, lt);
  if (parser.stack.length === 0) parser.roots += 1;
  parser.elements.push({ name, attributes, parent: parser.open.at(-1) ?? -1, line });
  if (!selfClosing) {
    parser.stack.push(name);
    parser.open.push(parser.elements.length - 1);
  }
}

/** Reads the text up to the next `<` and the markup that starts there; sets `done` at the end. */
function step(parser) {
  const { text, errors } = parser;
  const lt = text.indexOf('<', parser.i);
  const chunk = text.slice(parser.i, lt === -1 ? text.length : lt);
  checkText(parser, chunk, parser.i);
  if (parser.stack.length === 0 && chunk.trim() !== '')
    errors.push(`line ${lineAt(text, parser.i)}: text outside the root element`);
  if (lt === -1) {
    parser.done = true;
    return;
  }
  if (skipSpecial(parser, lt)) return;
  const gt = text.indexOf('>', lt);
  if (gt === -1) {
    errors.push(`line ${lineAt(text, lt)}: unterminated tag`);
    parser.done = true;
    return;
  }
  const raw = text.slice(lt + 1, gt);
  parser.i = gt + 1;
  if (raw.startsWith('/')) closeTag(parser, raw, lineAt(text, lt));
  else openTag(parser, raw, lineAt(text, lt), lt);
}

/**
 * Parses `text`; returns `{ errors, elements }`, elements in document order as
 * `{ name, attributes, parent, line }` (`parent`: index of the enclosing element, or -1).
 */
export function parseXml(text) {
  // `stack`: names of the open elements; `open`: their indexes in `elements`.
  const parser = { text, i: 0, done: false, errors: [], elements: [], stack: [], open: [], roots: 0 };
  while (!parser.done && parser.i < text.length) step(parser);
  const { errors, elements, stack, roots } = parser;
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
  'READ_SMS',
  'INTERNET',
  'ACCESS_NETWORK_STATE',
  'RECEIVE_BOOT_COMPLETED',
  'WAKE_LOCK',
  'POST_NOTIFICATIONS',
  'REQUEST_IGNORE_BATTERY_OPTIMIZATIONS',
  'FOREGROUND_SERVICE',
  'FOREGROUND_SERVICE_DATA_SYNC',
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
  // Android 14+ throws when a foreground service starts with a type its manifest entry does not name.
  const forwarding = elements.find(
    (e) => e.name === 'service' && e.attributes['android:name'] === '.background.ForwardingService',
  );
  if (!forwarding) fail('no <service android:name=".background.ForwardingService"> for the foreground notice');
  else if (!(forwarding.attributes['android:foregroundServiceType'] ?? '').split('|').includes('dataSync'))
    fail(
      `line ${forwarding.line}: .background.ForwardingService must declare android:foregroundServiceType="dataSync"`,
    );
  problems.push(...checkConfiguration(elements).map((message) => `AndroidManifest.xml: ${message}`));
  return problems;
}

/**
 * Permissions the adb shell holds and Android grants to no app installed from a store
 * (signature|privileged|development): a receiver guarded by one is reachable from `adb shell` only.
 */
export const SHELL_ONLY_PERMISSIONS = ['android.permission.DUMP'];
const CONFIGURE_RECEIVER = '.config.ConfigureReceiver';

/** The component (activity, receiver, service, provider) an element sits in, or undefined. */
function componentOf(elements, element) {
  for (let at = element.parent; at !== -1; at = elements[at].parent) {
    if (COMPONENTS.has(elements[at].name) && elements[at].name !== 'application') return elements[at];
  }
  return undefined;
}

/**
 * Who may change the webhook and the secret: the `smsgw://configure` link only opens the activity
 * (which asks the user before writing anything), and the unattended ConfigureReceiver answers only a
 * sender holding a shell-only permission, to broadcasts that name it (no intent filter).
 */
export function checkConfiguration(elements) {
  const problems = [];
  const links = elements.filter(
    (e) =>
      e.name === 'data' && e.attributes['android:scheme'] === 'smsgw' && e.attributes['android:host'] === 'configure',
  );
  if (links.length === 0)
    problems.push('no smsgw://configure deep link (<data android:scheme="smsgw" android:host="configure"/>)');
  for (const link of links) {
    const component = componentOf(elements, link);
    if (component?.name !== 'activity')
      problems.push(
        `line ${link.line}: the smsgw://configure link must only open an activity, which asks before it applies; found it on <${component?.name ?? 'nothing'}>`,
      );
  }
  const receiverAt = elements.findIndex(
    (e) => e.name === 'receiver' && e.attributes['android:name'] === CONFIGURE_RECEIVER,
  );
  const receiver = elements[receiverAt];
  if (!receiver)
    return [...problems, `no <receiver android:name="${CONFIGURE_RECEIVER}"> for unattended configuration`];
  const permission = receiver.attributes['android:permission'];
  if (!SHELL_ONLY_PERMISSIONS.includes(permission ?? ''))
    problems.push(
      `line ${receiver.line}: ${CONFIGURE_RECEIVER} must be guarded by a permission only the adb shell holds (android:permission="${SHELL_ONLY_PERMISSIONS.join('" or "')}"), got ${permission ? `"${permission}"` : 'none'}`,
    );
  if (receiver.attributes['android:exported'] !== 'true')
    problems.push(
      `line ${receiver.line}: ${CONFIGURE_RECEIVER} must be android:exported="true", or adb cannot reach it`,
    );
  if (elements.some((e) => e.parent === receiverAt && e.name === 'intent-filter'))
    problems.push(`line ${receiver.line}: ${CONFIGURE_RECEIVER} must have no intent filter: only broadcasts naming it`);
  return problems;
}
