// Zod's issues, reworded the way execa words a bad option: "Expected `count` to be at least 1, got 0".
import type { z } from 'zod';
import { describeInput } from '../units';
import { didYouMean } from './did-you-mean';

const typeWords: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map of keys',
  array: 'a list',
  null: 'null',
};

/** `count`, `faults[0]`: the last key of a path and any list indices after it. */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (let index = path.length - 1; index >= 0; index -= 1) {
    const segment = path[index];
    if (typeof segment === 'number') name = `[${segment}]${name}`;
    else return `${String(segment)}${name}`;
  }
  return name === '' ? 'the scenario' : `item ${name}`;
}

function count(value: number | bigint): string {
  return typeof value === 'number' ? value.toLocaleString('en') : value.toString();
}

function bound(issue: { origin: string; inclusive?: boolean }, value: number | bigint, side: 'min' | 'max'): string {
  const edge =
    side === 'min'
      ? issue.inclusive === false
        ? 'more than'
        : 'at least'
      : issue.inclusive === false
        ? 'less than'
        : 'at most';
  if (issue.origin === 'array') return `a list of ${edge} ${count(value)} item${value === 1 ? '' : 's'}`;
  if (issue.origin === 'string')
    return side === 'min' && value === 1 ? 'non-empty text' : `text of ${edge} ${count(value)} characters`;
  return `${edge} ${count(value)}`;
}

/** The message for one raw zod issue, or undefined to keep zod's own. Used as the parse's error map. */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const name = fieldName(issue.path ?? []);
  const field = name === 'the scenario' ? name : `\`${name}\``;
  const say = (what: string, extra = '') =>
    `Expected ${field} to be ${what}, got ${describeInput(issue.input)}${extra}`;
  switch (issue.code) {
    case 'invalid_type':
      return say(typeWords[issue.expected] ?? issue.expected);
    case 'too_small':
      return say(bound(issue, issue.minimum, 'min'));
    case 'too_big':
      return say(bound(issue, issue.maximum, 'max'));
    case 'invalid_value': {
      const words = issue.values.map(String);
      const guess = typeof issue.input === 'string' ? didYouMean(issue.input, words) : '';
      return say(words.length === 1 ? String(words[0]) : `one of ${words.join(', ')}`, guess);
    }
    case 'invalid_format':
      return say(`text in the format ${issue.pattern ?? issue.format}`);
    default:
      return undefined;
  }
}
