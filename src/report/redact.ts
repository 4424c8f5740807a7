// `--redact`: reports that can be shared. Phone numbers keep their first three and last two
// characters; texts become a short SHA-256 and their length, so two reports of one seed still
// compare, and a lost SMS can still be found in a private run by its hash.
import { createHash } from 'node:crypto';

export interface Redactor {
  readonly enabled: boolean;
  phone(sender: string): string;
  text(text: string): string;
}

function maskPhone(sender: string): string {
  if (sender.length <= 5) return '•'.repeat(sender.length);
  return `${sender.slice(0, 3)}${'•'.repeat(sender.length - 5)}${sender.slice(-2)}`;
}

function hashText(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)} (${text.length} chars)`;
}

export function createRedactor(enabled: boolean): Redactor {
  return enabled
    ? { enabled, phone: maskPhone, text: hashText }
    : { enabled, phone: (sender) => sender, text: (text) => text };
}

/** `--redact` defaults to on under CI (CI set to anything but "false" or "0"), off elsewhere. */
export function redactByDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}
