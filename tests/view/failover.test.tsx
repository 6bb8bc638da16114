// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulationConfig } from '../../src/model';
import type { LabActions, LabStore } from '../../src/store/labStore';
import { MultiLeaderLab } from '../../src/view/MultiLeaderLab';
import { datacenters } from '../fixtures/datacenters';
import { openClusterSettings } from '../support/cluster';

const multi: SimulationConfig = {
  seed: 1,
  nodes: datacenters(),
  latencyMs: 1000,
  keys: { title: 'register' },
};
const single: SimulationConfig = { ...multi, mode: 'single-leader', leader: 'eu' };

afterEach(cleanup);

function renderLab(config: SimulationConfig): LabStore {
  const ready: { store?: LabStore } = {};
  render(
    <MultiLeaderLab
      config={config}
      controls={{ spacetime: false, compare: false }}
      onReady={(_a: LabActions, s: LabStore) => {
        ready.store = s;
      }}
    />,
  );
  if (!ready.store) throw new Error('the lab did not start');
  return ready.store;
}

const lostLine = () => screen.getByText(/^Lost writes:/).textContent;
const status = (store: LabStore, id: string) => store.getState().snapshot.nodes.find((n) => n.id === id)?.status;

describe('failover in the lab', () => {
  it('turns single-leader failover on in the cluster settings, and counts the writes a failover loses', async () => {
    const store = renderLab(single);
    await openClusterSettings();
    const failover = screen.getByRole('checkbox', { name: 'Fail over when the leader is down' });
    fireEvent.click(failover);
    expect(store.getState().sim.config.failover).toEqual({ afterMs: 3000 });
    const after = screen.getByRole('textbox', { name: 'after (ms)' });
    fireEvent.change(after, { target: { value: '500' } });
    fireEvent.keyDown(after, { key: 'Enter' });
    expect(store.getState().sim.config.failover).toEqual({ afterMs: 500 });
    expect(screen.getByText(/Cluster: 3 leaders, single-leader, failover after 500 ms/)).toBeTruthy();

    // Frankfurt, the leader, acknowledges a write and crashes before shipping it (1 s away).
    act(() => {
      store.getState().actions.write('eu', 'title', { type: 'set', value: 'acked, never shipped' });
    });
    act(() => {
      store.getState().actions.selectLeader('eu');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Crash' }));
    act(() => {
      store.getState().actions.run((sim) => {
        sim.advance(600);
      });
    });
    // Virginia and Tokyo have applied the same (nothing): the lower id, Tokyo, is promoted 500 ms after the crash.
    expect(store.getState().snapshot.leader).toBe('ap');
    expect(screen.getByText(/^Leader now:/).textContent).toBe(
      'Leader now: Tokyo (promoted at t = 500 ms, after Frankfurt failed).',
    );
    const tokyo = document.querySelector('g.node[aria-label^="Tokyo"]');
    expect(tokyo?.getAttribute('aria-label')).toMatch(/^Tokyo \(ap[^)]*\): the leader, taking every write, online/);
    expect(lostLine()).toBe('Lost writes: 1 (1 gone with a leader: failover or a lost datacenter)');
    // Back to multi-leader, failover goes: it has no meaning there.
    fireEvent.change(screen.getByRole('combobox', { name: 'Replication' }), { target: { value: 'multi-leader' } });
    expect(store.getState().sim.config.failover).toBeNull();
  });
});

describe('losing a datacenter for good in the lab', () => {
  /** Tokyo takes a write while cut off from everyone: only it has it. */
  function tokyoAlone(): LabStore {
    const store = renderLab(multi);
    act(() => {
      store.getState().actions.run((sim) => {
        sim.cutLink('eu', 'ap');
        sim.cutLink('us', 'ap');
        sim.write('ap', 'title', { type: 'set', value: 'only in Tokyo' });
        sim.advance(100);
      });
      store.getState().actions.selectLeader('ap');
    });
    return store;
  }

  it('asks first, and Cancel changes nothing', () => {
    const store = tokyoAlone();
    fireEvent.click(screen.getByRole('button', { name: 'Lose datacenter for good…' }));
    const confirm = screen.getByRole('group', { name: /^Lose Tokyo for good\?/ });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(status(store, 'ap')).toBe('online');
    expect(screen.queryByRole('group', { name: /^Lose Tokyo for good\?/ })).toBeNull();
  });

  it('destroys it on confirmation: its only write is lost, it cannot recover, and Undo brings the run back', () => {
    const store = tokyoAlone();
    fireEvent.click(screen.getByRole('button', { name: 'Lose datacenter for good…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Lose Tokyo' }));
    expect(status(store, 'ap')).toBe('destroyed');
    expect(lostLine()).toBe('Lost writes: 1 (1 gone with a leader: failover or a lost datacenter)');
    expect(screen.getByText(/Tokyo is lost for good: it refuses writes and never recovers/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Crash' }).disabled).toBe(true);
    const notice = screen.getByText(/Tokyo was lost for good: it never comes back/).closest('p') as HTMLElement;
    fireEvent.click(within(notice).getByRole('button', { name: 'Undo' }));
    expect(status(store, 'ap')).toBe('online');
    expect(store.getState().sim.read('ap', 'title').value).toBe('only in Tokyo');
    expect(lostLine()).toBe('Lost writes: 0');
  });
});
