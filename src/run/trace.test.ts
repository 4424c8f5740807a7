import { describe, expect, it } from 'vitest';
import { traceDeliveries, type Acceptance, type Injection } from './trace';

const injection = (index: number, sender: string, text: string, injectedAt = 1000 + index): Injection => ({ index, sender, text, injectedAt });
const acceptance = (messageId: string, from: string, text: string, firstAcceptedAt: number, acceptedCount = 1): Acceptance => ({
  messageId,
  from,
  text,
  firstAcceptedAt,
  acceptedCount,
  requestCount: acceptedCount,
});

describe('traceDeliveries', () => {
  it('links each injected SMS to its acceptance and measures latency from injection', () => {
    const result = traceDeliveries([injection(0, '+1', 'a', 1000), injection(1, '+2', 'b', 1010)], [acceptance('k1', '+1', 'a', 1050), acceptance('k2', '+2', 'b', 1100)]);
    expect(result.lost).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.delivered).toBe(2);
    expect(result.messages.map((message) => message.latencyMs)).toEqual([50, 90]);
    expect(result.messages[1]?.acceptance?.messageId).toBe('k2');
  });

  it('counts an SMS nobody accepted as lost', () => {
    const result = traceDeliveries([injection(0, '+1', 'a'), injection(1, '+1', 'b')], [acceptance('k1', '+1', 'a', 2000)]);
    expect(result.lost).toBe(1);
    expect(result.messages[1]?.acceptance).toBeNull();
  });

  it('counts a second key for one SMS as a duplicate, and a repeated key as a redelivery', () => {
    const result = traceDeliveries([injection(0, '+1', 'a')], [acceptance('k1', '+1', 'a', 2000, 3), acceptance('k2', '+1', 'a', 2100)]);
    expect(result.duplicates).toBe(1);
    expect(result.redeliveries).toBe(2);
    expect(result.lost).toBe(0);
  });

  it('matches identical texts from one sender as a multiset, in time order', () => {
    const injections = [injection(0, '+1', 'same', 1000), injection(1, '+1', 'same', 2000)];
    const result = traceDeliveries(injections, [acceptance('k2', '+1', 'same', 2500), acceptance('k1', '+1', 'same', 1200)]);
    expect(result.lost).toBe(0);
    expect(result.duplicates).toBe(0);
    expect(result.messages.map((message) => message.acceptance?.messageId)).toEqual(['k1', 'k2']);
  });

  it('treats an accepted message that was never injected as a duplicate stray', () => {
    const result = traceDeliveries([injection(0, '+1', 'a')], [acceptance('k1', '+1', 'a', 2000), acceptance('kx', '+9', 'ghost', 2000)]);
    expect(result.duplicates).toBe(1);
    expect(result.strays.map((stray) => stray.messageId)).toEqual(['kx']);
  });

  it('lets an in-doubt SMS be delivered once or never, but not twice', () => {
    const doubt = [injection(5, '+5', 'maybe')];
    expect(traceDeliveries([], [], doubt)).toMatchObject({ lost: 0, duplicates: 0, inDoubtDelivered: 0 });
    expect(traceDeliveries([], [acceptance('k1', '+5', 'maybe', 10)], doubt)).toMatchObject({ lost: 0, duplicates: 0, inDoubtDelivered: 1 });
    expect(traceDeliveries([], [acceptance('k1', '+5', 'maybe', 10), acceptance('k2', '+5', 'maybe', 20)], doubt)).toMatchObject({ duplicates: 1, inDoubtDelivered: 1 });
  });
});
