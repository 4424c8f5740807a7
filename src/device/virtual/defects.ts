// Planted defects: switches that make the virtual device misbehave on purpose, so tests can prove
// that each verdict fails when the gateway does.
import { SmsgwError } from '../../errors';

export type DefectKind = 'drop' | 'duplicate' | 'wrong-dashboard';

export interface Defect {
  readonly kind: DefectKind;
  /** Fraction of SMS (of the screen's reads, for `wrong-dashboard`) affected, 0..1. */
  readonly rate: number;
}

const DESCRIPTIONS: Record<DefectKind, string> = {
  drop: 'answer OK on the console but never store the SMS',
  duplicate: 'store the SMS twice, under two different message ids',
  'wrong-dashboard': "show one delivered SMS too many on the web Health screen (GET /health stays true)",
};

/** Kinds that make sense at 100% and may be named without a rate. */
const RATE_OPTIONAL: ReadonlySet<DefectKind> = new Set(['wrong-dashboard']);

/** Parses `drop:0.01` / `duplicate:1%` / `wrong-dashboard` (100%). */
export function parseDefect(text: string): Defect {
  const match = /^([a-z-]+)(?::(\d+(?:\.\d+)?)(%?))?$/.exec(text.trim());
  const kind = match?.[1];
  if (!match || !kind || !(kind in DESCRIPTIONS) || (match[2] === undefined && !RATE_OPTIONAL.has(kind as DefectKind))) {
    throw new SmsgwError('bad-option', `Expected \`--defect\` to look like drop:0.01, duplicate:1% or wrong-dashboard, got "${text}"`, {
      hint: `defects: ${Object.entries(DESCRIPTIONS).map(([name, what]) => `${name} (${what})`).join('; ')}`,
    });
  }
  const rate = match[2] === undefined ? 1 : Number(match[2]) / (match[3] ? 100 : 1);
  if (rate < 0 || rate > 1) throw new SmsgwError('bad-option', `Expected the rate of \`--defect ${kind}\` to be within 0..1 (or 0%..100%), got ${match[2]}${match[3]}`);
  return { kind: kind as DefectKind, rate };
}

export function describeDefect(defect: Defect): string {
  return `${defect.kind} ${(defect.rate * 100).toFixed(2)}%: ${DESCRIPTIONS[defect.kind]}`;
}
