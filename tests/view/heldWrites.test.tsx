// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import { createLabStore, type LabStore } from '../../src/store/labStore';
import { ConvergencePanel } from '../../src/view/ConvergencePanel';
import { heldWrites } from '../../src/view/held';
import { LabContext } from '../../src/view/LabContext';
import { datacenters } from '../fixtures/datacenters';

/** Frankfurt, Virginia, Tokyo, 100 ms apart, with causal delivery on. */
const causal: SimulationConfig = {
  seed: 1,
  nodes: datacenters(),
  latencyMs: 100,
  keys: { question: 'register', answer: 'register' },
  causalDelivery: true,
};

/**
 * The link Frankfurt–Tokyo is cut; Frankfurt asks (eu:1) at t = 0, Virginia reads it and answers
 * (us:1) at t = 200, which reaches Tokyo at t = 300: Tokyo must hold the answer until the question
 * arrives, and the question waits behind the cut link.
 */
function answerHeldBehindCutLink(config = causal): LabStore {
  const store = createLabStore(config);
  store.getState().actions.run((sim) => {
    sim.cutLink('eu', 'ap');
    sim.write('eu', 'question', { type: 'set', value: 'What is 2+2?' });
    sim.advance(200);
    sim.write('us', 'answer', { type: 'set', value: '4' });
    sim.advance(1300);
  });
  render(
    <LabContext.Provider value={store}>
      <ConvergencePanel />
    </LabContext.Provider>,
  );
  return store;
}

afterEach(cleanup);

describe('causal delivery’s cost in the lab', () => {
  it('counts the held writes, the longest hold, and says what a write held behind a cut link waits for', async () => {
    answerHeldBehindCutLink();
    // Held from t = 300 (arrival) to t = 1500 (now). (The part loads when causal delivery is on.)
    expect((await screen.findByText(/Causal delivery:/)).textContent).toBe(
      'Causal delivery: 1 write held (longest now 1.2 s); longest hold this run 1.2 s.',
    );
    const list = screen.getByRole('list', { name: 'Held writes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['us:1 held at Tokyo for 1.2 s: waits for eu:1 from Frankfurt, stuck on the cut link Frankfurt–Tokyo.']);
  });

  it('keeps the longest hold once the link heals and the write is applied', async () => {
    const store = answerHeldBehindCutLink();
    await screen.findByText(/Causal delivery:/);
    act(() => {
      store.getState().actions.run((sim) => {
        sim.advance(500); // t = 2000: held 1.7 s so far
        sim.healLink('eu', 'ap');
        sim.runUntilQuiescent(); // the question lands at 2100, the answer is applied with it
      });
    });
    expect(screen.getByText(/Causal delivery:/).textContent).toBe(
      'Causal delivery: 0 writes held; longest hold this run 1.8 s.',
    );
    expect(screen.queryByRole('list', { name: 'Held writes' })).toBeNull();
    const summary = heldWrites(store.getState().snapshot, store.getState().history);
    expect(summary.released).toBe(1);
    expect(summary.longestMs).toBe(1800);
  });

  it('says a write in flight is due, not stuck, when nothing is cut', () => {
    const store = createLabStore({ ...causal, latencyMs: { base: 100, links: { 'eu-ap': 1000 } } });
    store.getState().actions.run((sim) => {
      sim.write('eu', 'question', { type: 'set', value: 'What is 2+2?' });
      sim.advance(200);
      sim.write('us', 'answer', { type: 'set', value: '4' });
      sim.advance(150);
    });
    const [held] = heldWrites(store.getState().snapshot, store.getState().history).held;
    expect(held?.waitingFor).toEqual([
      { writeId: 'eu:1', origin: 'eu', reason: { kind: 'in-flight', from: 'eu', deliverAt: 1000 } },
    ]);
  });

  it('shows nothing about holding when causal delivery is off', () => {
    answerHeldBehindCutLink({ ...causal, causalDelivery: false });
    expect(screen.queryByText(/Causal delivery:/)).toBeNull();
  });
});
