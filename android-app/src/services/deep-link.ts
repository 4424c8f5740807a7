// `smsgw://configure?url=…&secret=…`: a link an admin shares (a QR code, a message) to point a phone at
// a webhook. Any web page can open such a link, so a link never writes anything by itself: it only
// proposes a change, which the user sees in full and applies on screen (use-deep-link.ts). The harness
// configures an emulator through the shell-only ConfigureReceiver instead (pending-configuration.ts).
// Parsed by hand: React Native's URL/URLSearchParams are partial polyfills.
import { settingsProblems, type AppSettings, type SettingsPatch } from './settings-store';

export type DeepLink =
  | { readonly kind: 'configure'; readonly patch: SettingsPatch }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  /** Not ours (another scheme or path): left alone. */
  | { readonly kind: 'ignored' };

const CONFIGURE = /^smsgw:\/\/configure\/?(?:\?([^#]*))?(?:#.*)?$/i;

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null; // a malformed %-escape
  }
}

function query(raw: string): Map<string, string | null> {
  const params = new Map<string, string | null>();
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const key = decode(at === -1 ? pair : pair.slice(0, at));
    if (key !== null) params.set(key, decode(at === -1 ? '' : pair.slice(at + 1)));
  }
  return params;
}

export function parseDeepLink(link: string): DeepLink {
  const match = CONFIGURE.exec(link.trim());
  if (!match) return { kind: 'ignored' };
  const params = query(match[1] ?? '');
  const problems: string[] = [];
  const url = params.get('url');
  if (url === undefined || url === '')
    problems.push('Expected a `url` parameter, e.g. smsgw://configure?url=https%3A%2F%2Fhooks.example%2Fsms');
  for (const [key, value] of params) if (value === null) problems.push(`Malformed %-escape in \`${key}\``);
  const patch: { -readonly [K in keyof SettingsPatch]: SettingsPatch[K] } = {};
  if (url) patch.webhookUrl = url;
  const secret = params.get('secret');
  if (typeof secret === 'string') patch.secret = secret;
  problems.push(...settingsProblems(patch));
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'configure', patch };
}

/** The parts of a webhook URL a person must see to know where the SMS would go. */
export interface WebhookAddress {
  /** The host the phone connects to, with its port when the URL names one; lower case. */
  readonly host: string;
  /** True for http://: the SMS would cross the network unencrypted. */
  readonly plain: boolean;
  /** A user name (and password) before the host, `https://name@host/`: a way to make a URL look like another host's. */
  readonly credentials: boolean;
  /** Letters outside ASCII in the host, which can imitate another host's letters. */
  readonly nonAscii: boolean;
}

/**
 * Where a webhook URL really points. The authority ends at the first `/`, `\`, `?` or `#` (the HTTP
 * client treats `\` as `/`), and the host follows the last `@` in it, so
 * `https://bank.example@evil.example/` is evil.example, as the client would connect.
 */
export function webhookAddress(url: string): WebhookAddress | null {
  const match = /^(https?):\/\/([^/\\?#]*)/i.exec(url.trim());
  if (!match) return null;
  const authority = match[2] ?? '';
  const at = authority.lastIndexOf('@');
  const host = authority.slice(at + 1).toLowerCase();
  if (host === '') return null;
  return {
    host,
    plain: match[1]?.toLowerCase() === 'http',
    credentials: at !== -1,
    // eslint-disable-next-line no-control-regex -- the ASCII range itself is the test
    nonAscii: /[^\x00-\x7f]/.test(host),
  };
}

/** What the link does to the secret; the secret itself is never shown. */
export type SecretChange = 'untouched' | 'same' | 'set' | 'replaced' | 'removed';

export interface ConfigurationChange {
  readonly webhookUrl: string;
  readonly address: WebhookAddress;
  /** The host the gateway posts to now; null when no webhook is configured. */
  readonly currentHost: string | null;
  readonly secret: SecretChange;
}

function secretChange(current: string, next: string | undefined): SecretChange {
  if (next === undefined) return 'untouched';
  if (next === current) return 'same';
  if (next === '') return 'removed';
  return current === '' ? 'set' : 'replaced';
}

/** What applying `patch` over `current` would change, for the confirmation; null when the URL has no host. */
export function describeConfigurationChange(current: AppSettings, patch: SettingsPatch): ConfigurationChange | null {
  const webhookUrl = patch.webhookUrl ?? current.webhookUrl;
  const address = webhookAddress(webhookUrl);
  if (address === null) return null;
  return {
    webhookUrl,
    address,
    currentHost: webhookAddress(current.webhookUrl)?.host ?? null,
    secret: secretChange(current.secret, patch.secret),
  };
}
