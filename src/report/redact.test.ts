import { describe, expect, it } from 'vitest';
import { createRedactor, redactByDefault } from './redact';

describe('createRedactor', () => {
  it('masks all but the first three and last two characters of a number', () => {
    const redactor = createRedactor(true);
    expect(redactor.phone('+15551234567')).toBe('+15•••••••67');
    expect(redactor.phone('55123')).toBe('•••••');
  });

  it('replaces a text by a short hash and its length, the same for the same text', () => {
    const redactor = createRedactor(true);
    expect(redactor.text('hello')).toBe('sha256:2cf24dba5fb0a30e (5 chars)');
    expect(redactor.text('a\u0000b')).not.toBe(redactor.text('ab'));
  });

  it('changes nothing when off', () => {
    const redactor = createRedactor(false);
    expect([redactor.phone('+15551234567'), redactor.text('hi')]).toEqual(['+15551234567', 'hi']);
  });
});

describe('redactByDefault', () => {
  it('is on under CI and off elsewhere', () => {
    expect(redactByDefault({ CI: 'true' })).toBe(true);
    expect(redactByDefault({ CI: '1' })).toBe(true);
    expect(redactByDefault({})).toBe(false);
    expect(redactByDefault({ CI: 'false' })).toBe(false);
    expect(redactByDefault({ CI: '0' })).toBe(false);
  });
});
