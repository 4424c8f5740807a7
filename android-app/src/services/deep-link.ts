// `smsgw://configure?url=…&secret=…`: how the harness configures a phone without touching the UI.
// Parsed by hand: React Native's URL/URLSearchParams are partial polyfills.
import { settingsProblems, type SettingsPatch } from './settings-store';

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
