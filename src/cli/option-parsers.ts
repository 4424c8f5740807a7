// Checks of command-line values, shared by every command, with messages that say what was expected.
import { SmsgwError } from '../errors';

/** `--name` must be a TCP port (0 picks a free one). */
export function parsePort(name: string, value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new SmsgwError(
      'bad-option',
      `Expected \`${name}\` to be an integer from 0 to 65535, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}

export function parseNonNegativeInteger(name: string, value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new SmsgwError(
      'bad-option',
      `Expected \`${name}\` to be a non-negative integer, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}

/** `--name` must be an absolute http(s) URL. */
export function parseHttpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SmsgwError(
      'bad-option',
      `Expected \`${name}\` to be a URL like http://127.0.0.1:8080/webhook, got ${JSON.stringify(value)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SmsgwError('bad-option', `Expected \`${name}\` to be an http or https URL, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Commander collector for repeatable options. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
