import { describe, expect, it } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import { eventsOf, sim } from './fixtures';

// All-to-all with uneven latencies: eu→ap is slow, so us's reply to eu's question reaches
// Tokyo before the question does (the DDIA "consistent prefix" anomaly).
const uneven: Partial<SimulationConfig> = {
  latencyMs: { base: 100, links: { 'eu-ap': 500, 'us-ap': 50 } },
  keys: { question: 'register', answer: 'register' },
};

function askAndAnswer(causalDelivery: boolean) {
  const s = sim({ ...uneven, causalDelivery });
  s.write('eu', 'question', { type: 'set', value: 'What is 2+2?' });
  s.advance(100); // us has the question now
  s.write('us', 'answer', { type: 'set', value: '4' });
  s.advance(60); // us→ap takes 50 ms: the answer reaches Tokyo at t=150, the question only at t=500
  return s;
}

describe('causal ordering', () => {
  it('without causal delivery, a write can overtake the write it depends on, and the history shows it', () => {
    const s = askAndAnswer(false);
    expect(s.read('ap', 'answer').value).toBe('4');
    expect(s.read('ap', 'question').value).toBeNull();
    const [anomaly] = eventsOf(s.history(), 'anomaly');
    expect(anomaly).toMatchObject({ node: 'ap', writeId: 'us:1', missing: ['eu:1'], at: 150 });
    expect(anomaly?.explanation).toMatch(/before eu:1, which it depends on/);
    s.runUntilQuiescent();
    expect(s.read('ap', 'question').value).toBe('What is 2+2?');
  });

  it('with causal delivery, the leader buffers the early write until its dependency arrives', () => {
    const s = askAndAnswer(true);
    expect(s.read('ap', 'answer').value).toBeNull();
    expect(eventsOf(s.history(), 'buffer')).toMatchObject([{ node: 'ap', writeId: 'us:1', waitingFor: ['eu:1'] }]);
    expect(s.snapshot().nodes.find((n) => n.id === 'ap')?.buffered).toEqual(['us:1']);
    expect(s.snapshot().converged.answer).toBe(false);
    s.runUntilQuiescent();
    expect(eventsOf(s.history(), 'anomaly')).toHaveLength(0);
    const appliedAtAp = eventsOf(s.history(), 'apply')
      .filter((e) => e.node === 'ap')
      .map((e) => [e.writeId, e.at]);
    expect(appliedAtAp).toEqual([
      ['eu:1', 500],
      ['us:1', 500],
    ]);
    expect(s.snapshot().converged).toEqual({ question: true, answer: true });
  });
});
