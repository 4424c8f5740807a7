import { describe, expect, it } from 'vitest';
import type { DeliverPart } from './sms-pdu';
import { SmsReassembler } from './sms-reassembly';

const part = (sender: string, text: string, sequence: number, total = 3, reference = 1): DeliverPart => ({
  sender,
  text,
  concat: { reference, total, sequence },
  timestampMs: 0,
});

describe('SmsReassembler', () => {
  it('passes a single SMS straight through, with or without a one-part header', () => {
    const joiner = new SmsReassembler();
    expect(joiner.add({ sender: 'BANK', text: 'hi', concat: null, timestampMs: 0 })).toEqual({
      sender: 'BANK',
      text: 'hi',
    });
    expect(joiner.add(part('BANK', 'solo', 1, 1))).toEqual({ sender: 'BANK', text: 'solo' });
  });

  it('gives the SMS once, on its last missing part, in sequence order', () => {
    const joiner = new SmsReassembler();
    expect(joiner.add(part('BANK', 'c', 3))).toBeNull();
    expect(joiner.add(part('BANK', 'a', 1))).toBeNull();
    expect(joiner.add(part('BANK', 'b', 2))).toEqual({ sender: 'BANK', text: 'abc' });
    expect(joiner.heldParts).toBe(0);
  });

  it('ignores a part it already holds, and starts over when a held place gets another text', () => {
    const joiner = new SmsReassembler();
    joiner.add(part('BANK', 'a', 1));
    expect(joiner.add(part('BANK', 'a', 1))).toBeNull();
    joiner.add(part('BANK', 'b', 2));
    // A new SMS reusing the reference after the old one lost its last part.
    expect(joiner.add(part('BANK', 'A', 1))).toBeNull();
    expect(joiner.heldParts).toBe(1);
    joiner.add(part('BANK', 'B', 2));
    expect(joiner.add(part('BANK', 'C', 3))).toEqual({ sender: 'BANK', text: 'ABC' });
  });

  it('keeps apart SMS that differ in sender, reference or part count', () => {
    const joiner = new SmsReassembler();
    joiner.add(part('BANK', 'a', 1));
    joiner.add(part('Shop-24', 'x', 1));
    joiner.add(part('BANK', 'p', 1, 3, 2));
    joiner.add(part('BANK', 'm', 1, 2));
    expect(joiner.heldParts).toBe(4);
    expect(joiner.add(part('BANK', 'n', 2, 2))).toEqual({ sender: 'BANK', text: 'mn' });
  });

  it('holds at most maxPending incomplete SMS, dropping the oldest', () => {
    const joiner = new SmsReassembler(3);
    for (let reference = 0; reference < 10; reference += 1) joiner.add(part('BANK', `r${reference}`, 1, 2, reference));
    expect(joiner.heldParts).toBe(3);
    expect(joiner.add(part('BANK', '!', 2, 2, 0))).toBeNull();
    expect(joiner.add(part('BANK', '!', 2, 2, 9))).toEqual({ sender: 'BANK', text: 'r9!' });
  });
});
