import { describe, expect, it } from 'vitest';
import { textKinds, type TextKind } from '../scenario/scenario-schema';
import { createMessageGenerator, type GeneratedMessage } from './message-generator';
import { isGsm7, smsParts } from '../sms/sms-parts';
import { isValidPhoneNumber } from '../sms/phone-number';

function generate(text: TextKind, count: number, seed = 1, senders = 100, repeats?: number): GeneratedMessage[] {
  const generator = createMessageGenerator({ senders, text, seed, ...(repeats === undefined ? {} : { repeats }) });
  return Array.from({ length: count }, () => generator.next());
}

const hasSurrogatePair = (text: string) => /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text);

describe('createMessageGenerator', () => {
  it.each(textKinds)('replays the same %s messages from the same seed, and others from another', (kind) => {
    expect(generate(kind, 50, 7)).toEqual(generate(kind, 50, 7));
    expect(generate(kind, 50, 8)).not.toEqual(generate(kind, 50, 7));
  });

  it.each(textKinds)('never repeats a (sender, text) pair of %s texts, empty hostile texts aside', (kind) => {
    const pairs = generate(kind, 5000, 3, 10)
      .filter((message) => message.text !== '')
      .map((message) => `${message.sender}\u0000${message.text}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('uses exactly `senders` distinct E.164 numbers starting +1555', () => {
    const messages = generate('ascii', 5000, 1, 50);
    const senders = new Set(messages.map((message) => message.sender));
    expect(senders.size).toBe(50);
    for (const sender of senders) expect(sender).toMatch(/^\+1555\d{7}$/);
    expect(new Set(generate('ascii', 20, 1, 1).map((message) => message.sender)).size).toBe(1);
  });

  it('writes ascii texts in GSM-7, one part each', () => {
    for (const { text } of generate('ascii', 2000)) {
      expect(isGsm7(text)).toBe(true);
      expect(text.length).toBeLessThanOrEqual(160);
    }
  });

  it('writes unicode texts outside GSM-7, with emoji made of surrogate pairs', () => {
    const texts = generate('unicode', 500).map((message) => message.text);
    for (const text of texts) expect(isGsm7(text)).toBe(false);
    expect(texts.some(hasSurrogatePair)).toBe(true);
    expect(texts.some((text) => /[\u0400-\u04FF]/.test(text))).toBe(true);
    expect(texts.some((text) => /[\u4E00-\u9FFF]/.test(text))).toBe(true);
  });

  it('writes multipart texts of 200 to 600 GSM-7 characters: 2 to 4 parts', () => {
    for (const { text } of generate('multipart', 1000)) {
      expect(text.length).toBeGreaterThanOrEqual(200);
      expect(text.length).toBeLessThanOrEqual(600);
      expect(smsParts(text)).toMatchObject({ encoding: 'gsm-7' });
      expect(smsParts(text).parts).toBeGreaterThanOrEqual(2);
      expect(smsParts(text).parts).toBeLessThanOrEqual(4);
    }
  });

  it('mixes all three in mixed', () => {
    const texts = generate('mixed', 300).map((message) => message.text);
    expect(texts.some((text) => isGsm7(text) && text.length <= 160)).toBe(true);
    expect(texts.some((text) => !isGsm7(text))).toBe(true);
    expect(texts.some((text) => text.length >= 200)).toBe(true);
  });

  it('covers every hostile case within 13 messages', () => {
    const texts = generate('hostile', 13).map((message) => message.text);
    const cases: [string, (text: string) => boolean][] = [
      ['SQL injection', (text) => text.includes('DROP TABLE')],
      ['quotes', (text) => text.includes('"') && text.includes("'")],
      ['backslashes', (text) => text.includes('\\')],
      ['newlines and tabs', (text) => text.includes('\n') && text.includes('\t')],
      ['control characters', (text) => ['\u0000', '\u0007', '\u001b'].every((char) => text.includes(char))],
      ['right-to-left override', (text) => text.includes('\u202E')],
      ['emoji ZWJ sequence', (text) => text.includes('\u200D') && hasSurrogatePair(text)],
      ['1,600 characters', (text) => text.length === 1600],
      ['empty', (text) => text === ''],
    ];
    for (const [name, matches] of cases) expect(texts.some(matches), name).toBe(true);
  });

  it('gives every eighth hostile SMS an alphanumeric sender of at most 11 GSM 7-bit characters, the rest numbers', () => {
    const senders = generate('hostile', 800).map((message) => message.sender);
    const alphanumeric = senders.filter((sender) => !isValidPhoneNumber(sender));
    expect(alphanumeric).toEqual(senders.filter((_, index) => (index + 1) % 8 === 0));
    expect(new Set(alphanumeric)).toEqual(
      new Set(['BANK', 'Shop-24', 'INFO.SMS', 'DHL Express', '@Home', 'Ärzte-Info', 'Verify_2FA', 'Promo€']),
    );
    for (const sender of alphanumeric) {
      expect(isGsm7(sender)).toBe(true);
      expect(sender.length).toBeLessThanOrEqual(11);
    }
    expect(generate('hostile', 100, 5).map((message) => message.sender)).toEqual(
      generate('hostile', 100, 5).map((message) => message.sender),
    );
  });

  it('repeats about the share of SMS asked for, each the sender and text of one of the last 50 fresh SMS', () => {
    const generator = createMessageGenerator({ senders: 100, text: 'ascii', seed: 11, repeats: 0.2 });
    const seenAt = new Map<string, number>();
    let fresh = 0;
    let repeated = 0;
    for (let index = 0; index < 10_000; index += 1) {
      const { sender, text } = generator.next();
      const pair = `${sender}\u0000${text}`;
      const original = seenAt.get(pair);
      if (original === undefined) {
        fresh += 1;
        seenAt.set(pair, fresh);
      } else {
        repeated += 1;
        expect(fresh - original).toBeLessThan(50);
      }
    }
    // 2,000 expected; the binomial spread is about 40, so 200 either way never fails by chance.
    expect(repeated).toBeGreaterThan(1800);
    expect(repeated).toBeLessThan(2200);
  });

  it.each(textKinds)('repeats the same %s SMS from the same seed', (kind) => {
    const run = () => generate(kind, 500, 4, 100, 0.3);
    expect(run()).toEqual(run());
    expect(generate(kind, 500, 5, 100, 0.3)).not.toEqual(run());
  });

  it('repeats no SMS at 0%, and sends what it sent before repeats existed', () => {
    const messages = generate('ascii', 10_000, 2, 100, 0);
    expect(new Set(messages.map((message) => `${message.sender}\u0000${message.text}`)).size).toBe(10_000);
    expect(messages).toEqual(generate('ascii', 10_000, 2, 100));
  });

  it('makes every SMS after the first a copy of it at 100%', () => {
    const [first, ...rest] = generate('unicode', 100, 3, 100, 1);
    for (const message of rest) expect(message).toEqual(first);
  });

  it('refuses a repeat share outside 0 to 1', () => {
    expect(() => createMessageGenerator({ senders: 1, text: 'ascii', seed: 1, repeats: -0.1 })).toThrow(RangeError);
    expect(() => createMessageGenerator({ senders: 1, text: 'ascii', seed: 1, repeats: 1.5 })).toThrow(RangeError);
    expect(() => createMessageGenerator({ senders: 1, text: 'ascii', seed: 1, repeats: Number.NaN })).toThrow(
      RangeError,
    );
  });

  it('refuses a sender count it cannot make distinct numbers for', () => {
    expect(() => createMessageGenerator({ senders: 0, text: 'ascii', seed: 1 })).toThrow(RangeError);
    expect(() => createMessageGenerator({ senders: 10_000_001, text: 'ascii', seed: 1 })).toThrow(RangeError);
  });
});
