// Planted defects: switches that make the virtual device misbehave on purpose, so tests (and
// `smsgw selftest`) can prove that each verdict fails when the gateway does.
import { SmsgwError } from '../../errors';
import {
  formatBytes,
  formatDuration,
  formatPercent,
  safeParseDuration,
  safeParseFraction,
  safeParseSize,
} from '../../units/index';
// The engine's defaults alone: the command line's option parsers read this file, and `--help` should not load the engine.
import { engineDefaults } from '../../../android-app/src/engine/defaults';
import { virtualDeviceDefaults } from './defaults';

/** Defects that strike a fraction of events: SMS (drop, duplicate, hang, refuse), screen reads, webhook POSTs. */
export type RateDefectKind = 'drop' | 'duplicate' | 'mangle' | 'wrong-dashboard' | 'skip-signature' | 'hang' | 'refuse';

export type Defect =
  | {
      readonly kind: RateDefectKind;
      /** Fraction of the events affected, 0..1 (see planted-defects.ts for which events, and how they are spread). */
      readonly rate: number;
    }
  | {
      readonly kind: 'latency';
      /** Added before every webhook POST, ms. */
      readonly delayMs: number;
    }
  | {
      readonly kind: 'leak';
      /** Memory kept forever for every webhook POST, bytes. */
      readonly bytesPerPost: number;
    }
  | {
      readonly kind: 'spike';
      /** Made resident once, early in the load, and freed again at once, bytes. */
      readonly bytes: number;
    }
  | {
      readonly kind: 'retry-budget';
      /** Attempts after which the engine gives up on a message, instead of its default 50. */
      readonly attempts: number;
    }
  | { readonly kind: 'dedupe-content' }
  | { readonly kind: 'no-recovery' }
  | { readonly kind: 'ack-before-commit' }
  | { readonly kind: 'follow-redirects' }
  | { readonly kind: 'ignore-tls' };
export type DefectKind = Defect['kind'];

/** `leak` without a size: 256 KB a POST, so 1,000 SMS hold about 256 MB more than a clean device. */
export const defaultLeakBytesPerPost = 256_000;

/** `retry-budget` without a number: a message the first attempt and one retry could not deliver is given up. */
export const defaultRetryBudget = 2;

/** `spike` without a size: 300 MB, far above any `device_rss` limit a scenario sets, and gone within milliseconds. */
export const defaultSpikeBytes = 300_000_000;

interface KindSpec {
  /** The `--defect` text that shows the syntax, e.g. `drop:0.1%`. */
  readonly example: string;
  /** What the device does wrong, for `smsgw device` and the error hint. */
  readonly what: string;
  /** Reads the part after the colon (undefined when absent), or returns what was expected. */
  readonly read: (argument: string | undefined, name: string) => Defect | string;
}

/** A defect that takes no argument. */
function noArgument(defect: Defect): KindSpec['read'] {
  return (argument, name) =>
    argument === undefined ? defect : `Expected \`${name}\` to take no argument, got "${argument}"`;
}

/** Reads a size above 0, or `whenAbsent` without one. */
function sizeReader(example: string, whenAbsent: number, make: (bytes: number) => Defect): KindSpec['read'] {
  return (argument, name) => {
    if (argument === undefined) return make(whenAbsent);
    const size = safeParseSize(argument, name);
    if (!size.ok) return size.message;
    return size.value > 0
      ? make(size.value)
      : `Expected \`${name}\` to be a size above 0, like ${example}, got "${argument}"`;
  };
}

function rateReader(kind: RateDefectKind, whenAbsent: number | null): KindSpec['read'] {
  return (argument, name) => {
    if (argument === undefined)
      return whenAbsent === null
        ? `Expected \`${name}\` to carry a rate, like ${kind}:0.1% or ${kind}:0.001`
        : { kind, rate: whenAbsent };
    const rate = safeParseFraction(argument, name);
    return rate.ok ? { kind, rate: rate.value } : rate.message;
  };
}

const KINDS: Record<DefectKind, KindSpec> = {
  drop: {
    example: 'drop:0.1%',
    what: 'answer OK on the console but never store the SMS',
    read: rateReader('drop', null),
  },
  duplicate: {
    example: 'duplicate:0.1%',
    what: 'store the SMS twice, under two different message ids',
    read: rateReader('duplicate', null),
  },
  mangle: {
    example: 'mangle:0.1%',
    what: "store the SMS without its text's last character, an off-by-one in joining its parts",
    read: rateReader('mangle', null),
  },
  latency: {
    example: 'latency:500ms',
    what: 'wait this long before every webhook POST',
    read: (argument, name) => {
      const delay = safeParseDuration(argument, name);
      if (!delay.ok)
        return argument === undefined ? `Expected \`${name}\` to carry a delay, like latency:500ms` : delay.message;
      return delay.value > 0
        ? { kind: 'latency', delayMs: delay.value }
        : `Expected \`${name}\` to be a delay above 0, like latency:500ms, got "${argument}"`;
    },
  },
  leak: {
    example: 'leak or leak:1MB',
    what: `keep memory for every webhook POST and never free it, ${formatBytes(defaultLeakBytesPerPost)} unless sized`,
    read: sizeReader('leak:256KB', defaultLeakBytesPerPost, (bytesPerPost) => ({ kind: 'leak', bytesPerPost })),
  },
  'skip-signature': {
    example: 'skip-signature',
    what: 'send webhooks without X-Signature, every POST unless rated',
    read: rateReader('skip-signature', 1),
  },
  'wrong-dashboard': {
    example: 'wrong-dashboard',
    what: 'show one delivered SMS too many on the web Health screen, while GET /health stays true',
    read: rateReader('wrong-dashboard', 1),
  },
  hang: {
    example: 'hang:1%',
    what: 'store nothing and never answer the console line, so later lines of its connection wait behind it',
    read: rateReader('hang', null),
  },
  refuse: {
    example: 'refuse:1%',
    what: 'answer KO and store nothing; struck by content, so every retry of the same SMS is refused too',
    read: rateReader('refuse', null),
  },
  spike: {
    example: 'spike or spike:300MB',
    what: `once, early in the load, make this much memory resident and free it within milliseconds, ${formatBytes(defaultSpikeBytes)} unless sized`,
    read: sizeReader('spike:300MB', defaultSpikeBytes, (bytes) => ({ kind: 'spike', bytes })),
  },
  'dedupe-content': {
    example: 'dedupe-content',
    what: `answer OK but store nothing for an SMS whose sender and text equal one stored less than ${formatDuration(virtualDeviceDefaults.dedupeContentWindowMs)} before`,
    read: (argument, name) =>
      argument === undefined
        ? { kind: 'dedupe-content' }
        : `Expected \`${name}\` to take no argument, got "${argument}"`,
  },
  'no-recovery': {
    example: 'no-recovery',
    what: 'the app never scans the SMS store when it starts: what arrived while it was dead or force-stopped stays there',
    read: noArgument({ kind: 'no-recovery' }),
  },
  'ack-before-commit': {
    example: 'ack-before-commit',
    what: `the app's receiver acknowledges each broadcast (and moves its checkpoint) ${formatDuration(virtualDeviceDefaults.ackBeforeCommitLagMs)} before it commits the SMS to its inbox`,
    read: noArgument({ kind: 'ack-before-commit' }),
  },
  'follow-redirects': {
    example: 'follow-redirects',
    what: "the app's HTTP client follows the webhook's redirects as a naive fetch does: a 301, 302 or 303 becomes a GET without the SMS, whose 200 the app takes for delivered; a 307 or 308 is POSTed again",
    read: noArgument({ kind: 'follow-redirects' }),
  },
  'ignore-tls': {
    example: 'ignore-tls',
    what: "the app's HTTP client accepts any certificate, so it sends SMS to a server whose certificate nobody trusts",
    read: noArgument({ kind: 'ignore-tls' }),
  },
  'retry-budget': {
    example: 'retry-budget or retry-budget:2',
    what: `give up on a message after this many attempts instead of the engine's ${engineDefaults.maxAttempts}, ${defaultRetryBudget} unless given: a short outage of the server dead-letters SMS`,
    read: (argument, name) => {
      if (argument === undefined) return { kind: 'retry-budget', attempts: defaultRetryBudget };
      const attempts = Number(argument);
      return /^\d+$/.test(argument.trim()) && attempts >= 1 && attempts < engineDefaults.maxAttempts
        ? { kind: 'retry-budget', attempts }
        : `Expected \`${name}\` to be a number of attempts from 1 to ${engineDefaults.maxAttempts - 1}, like retry-budget:2, got "${argument}"`;
    },
  },
};

export const defectKinds = Object.keys(KINDS) as DefectKind[];

const isKind = (name: string): name is DefectKind => Object.hasOwn(KINDS, name);

function badDefect(message: string): SmsgwError {
  return new SmsgwError('bad-option', message, {
    hint: `defects: ${defectKinds.map((kind) => `${KINDS[kind].example} — ${KINDS[kind].what}`).join('; ')}`,
  });
}

/**
 * Parses `drop:0.01`, `duplicate:1%`, `mangle:0.1%`, `latency:500ms`, `leak[:256KB]`, `skip-signature[:rate]`,
 * `wrong-dashboard[:rate]`, `hang:1%`, `refuse:1%`, `spike[:300MB]`, `dedupe-content`, `no-recovery`,
 * `ack-before-commit`, `retry-budget[:2]`, `follow-redirects`, `ignore-tls`.
 */
export function parseDefect(text: string): Defect {
  const trimmedText = text.trim();
  const colon = trimmedText.indexOf(':');
  const name = colon === -1 ? trimmedText : trimmedText.slice(0, colon);
  const argument = colon === -1 ? undefined : trimmedText.slice(colon + 1);
  if (!isKind(name)) {
    throw badDefect(
      `Expected \`--defect\` to be one of ${defectKinds.join(', ')} (like drop:0.01, duplicate:1% or latency:500ms), got "${text}"`,
    );
  }
  const read = KINDS[name].read(argument, `--defect ${name}`);
  if (typeof read === 'string') throw badDefect(read);
  return read;
}

/** How much of a defect is planted, in its own unit; null for one that has no amount. */
function amountOf(defect: Defect): string | null {
  switch (defect.kind) {
    case 'latency':
      return formatDuration(defect.delayMs);
    case 'leak':
      return `${formatBytes(defect.bytesPerPost)} a POST`;
    case 'spike':
      return formatBytes(defect.bytes);
    case 'retry-budget':
      return `${defect.attempts} attempt(s)`;
    case 'dedupe-content':
    case 'no-recovery':
    case 'ack-before-commit':
    case 'follow-redirects':
    case 'ignore-tls':
      return null;
    default:
      return formatPercent(defect.rate);
  }
}

/** One line for `smsgw device` and the selftest: `drop 0.1%: answer OK … but never store the SMS`. */
export function describeDefect(defect: Defect): string {
  const amount = amountOf(defect);
  return `${defect.kind}${amount === null ? '' : ` ${amount}`}: ${KINDS[defect.kind].what}`;
}
