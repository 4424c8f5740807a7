import { describe, expect, it } from 'vitest';
import { createMetricsRecorder } from '../metrics/metrics-recorder';
import { createLoadGate } from '../injection/load-gate';
import { createRunNews } from './run-news';
import { openInjectionStore } from '../injection/injection-store';

const setup = () => {
  const recorder = createMetricsRecorder({ source: 'run', title: 't' });
  const log = openInjectionStore(':memory:');
  const gate = createLoadGate();
  return { recorder, log, gate, news: createRunNews(recorder, log, gate) };
};

describe('createRunNews', () => {
  it('moves each chaos step onto the timeline once, counted from the start of the run', () => {
    const { recorder, news } = setup();
    const chaos = [{ atMs: 500, event: 'device killed (SIGKILL)' }];
    news.forward(chaos, 2_000, 3_000);
    news.forward([...chaos, { atMs: 900, event: 'device restarted on the same database' }], 2_000, 4_000);
    expect(recorder.timeline()).toEqual([
      { atMs: 2_500, kind: 'chaos', text: 'device killed (SIGKILL)' },
      { atMs: 2_900, kind: 'chaos', text: 'device restarted on the same database' },
    ]);
  });

  it('notes a pause and a resume on the timeline', () => {
    const { recorder, gate, news } = setup();
    gate.pause();
    news.forward([], 0, 1_000);
    gate.resume();
    news.forward([], 0, 2_000);
    expect(recorder.timeline().map((entry) => [entry.atMs, entry.text])).toEqual([
      [1_000, 'load paused'],
      [2_000, 'load resumed'],
    ]);
  });

  it('reports new refusals as one error with the latest reason', () => {
    const { recorder, log, news } = setup();
    log.refused({ index: 1, sender: '+1', text: 'a', reason: 'KO: bad number', injectedAt: 1 });
    log.refused({ index: 2, sender: '+1', text: 'b', reason: 'KO: bad number', injectedAt: 2 });
    news.forward([], 0, 1_000);
    news.forward([], 0, 2_000);
    const snapshot = recorder.sample({ atMs: 2_000, phase: 'load', health: null, stub: null, load: null });
    expect(snapshot.errors.map((entry) => entry.text)).toEqual(['2 SMS refused by the device: KO: bad number']);
  });

  it('reports SMS the device never answered apart from refusals, with the latest reason', () => {
    const { recorder, log, news } = setup();
    log.refused({ index: 1, sender: '+1', text: 'a', reason: 'KO: bad number', injectedAt: 1 });
    log.unanswered({ index: 2, sender: '+1', text: 'b', reason: 'no answer within 10000 ms', injectedAt: 2 });
    news.forward([], 0, 1_000);
    const snapshot = recorder.sample({ atMs: 1_000, phase: 'load', health: null, stub: null, load: null });
    expect(snapshot.errors.map((entry) => entry.text)).toEqual([
      '1 SMS refused by the device: KO: bad number',
      '1 SMS unanswered by the device: no answer within 10000 ms',
    ]);
  });
});
