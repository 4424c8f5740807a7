import { describe, expect, it } from 'vitest';
import { computeMessageId, type MessageIdInput } from './message-id';

const base: MessageIdInput = {
  deviceId: 'dev-1',
  sender: '+15550001',
  smscTimestamp: 1_718_452_800_000,
  simSlot: 0,
  body: 'Position 59.3,18.0',
  seq: 7,
  seqSource: 'capture',
};

describe('computeMessageId', () => {
  it('gives the same capture the same id, every time', () => {
    expect(computeMessageId({ ...base })).toBe(computeMessageId({ ...base }));
    expect(computeMessageId(base)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives a different id when any one field differs', () => {
    const id = computeMessageId(base);
    const variants: Partial<MessageIdInput>[] = [
      { deviceId: 'dev-2' },
      { sender: '+15550002' },
      { smscTimestamp: base.smscTimestamp + 1 },
      { simSlot: 1 },
      { body: 'Position 59.3,18.1' },
      { seq: 8 },
      { seqSource: 'engine' },
    ];
    for (const variant of variants)
      expect(computeMessageId({ ...base, ...variant }), JSON.stringify(variant)).not.toBe(id);
  });

  it('cannot be confused by fields that run into each other', () => {
    expect(computeMessageId({ ...base, deviceId: 'a', sender: 'bc' })).not.toBe(
      computeMessageId({ ...base, deviceId: 'ab', sender: 'c' }),
    );
  });
});
