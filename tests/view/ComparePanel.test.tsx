// @vitest-environment jsdom
import { StrictMode } from 'react';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../src/scenario';
import { presetById } from '../../src/scenario/presets';
import { createSimulation } from '../../src/model';
import { recordScenario } from '../../src/scenario';
import { COMPARED_STRATEGIES, compareStrategies } from '../../src/scenario/compare';
import { datacenters } from '../fixtures/datacenters';
import type { LabActions } from '../../src/store/labStore';
import { MultiLeaderLab } from '../../src/view/MultiLeaderLab';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Replaying a history under five strategies takes a few seconds on a loaded machine. */
const WAIT = { timeout: 10_000 };

function preset(id: string): Scenario {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

/** The first click loads the comparer, which opens its region and starts comparing. */
async function openCompare(): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: 'Compare strategies' }));
  await screen.findByRole('region', { name: 'Compare strategies' });
  // The loaded comparer's button took the place of the one clicked, focus with it.
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Compare strategies' }));
}

describe('Compare strategies', () => {
  it('compares under StrictMode too (its trial unmount stops the first comparison, the remount starts it again)', async () => {
    render(
      <StrictMode>
        <MultiLeaderLab scenario={preset('lww-clock-skew')} />
      </StrictMode>,
    );
    await openCompare();
    const region = screen.getByRole('region', { name: 'Compare strategies' });
    await waitFor(() => {
      expect(within(region).getAllByRole('row')).toHaveLength(1 + COMPARED_STRATEGIES.length);
    }, WAIT);
  });

  it('opens a region named "Compare strategies" with a row per strategy, its values and lost writes', async () => {
    render(<MultiLeaderLab scenario={preset('lww-clock-skew')} />);
    expect(screen.queryByRole('region', { name: 'Compare strategies' })).toBeNull();
    await openCompare();
    const region = screen.getByRole('region', { name: 'Compare strategies' });
    expect(within(region).getByRole('status').textContent).toMatch(/Comparing…/);
    await waitFor(() => {
      expect(within(region).getAllByRole('row')).toHaveLength(1 + COMPARED_STRATEGIES.length);
    }, WAIT);
    await waitFor(() => {
      expect(within(region).getByRole('status').textContent).not.toMatch(/Comparing/);
    }, WAIT);
    const table = within(region).getByRole('table', { name: /writes each strategy lost/ });
    const rowOf = (label: string) => within(table).getByRole('rowheader', { name: label }).closest('tr') as HTMLElement;
    const physical = rowOf('Last write wins (physical clock)');
    expect(physical.textContent).toContain('"older"');
    expect(physical.textContent).toContain('Virginia writes title = "newer": clock skew');
    expect(rowOf('Merge values').textContent).toContain('"newer/older"');
    expect(rowOf('Merge values').textContent).toContain('None');
    expect(rowOf('Custom on read (siblings)').textContent).toMatch(/\+1 sibling kept/);
    // The lost-write count column: 1, 1, 0, 0, 0.
    const counts = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('.mll-compare-count')?.textContent);
    expect(counts).toEqual(['1', '1', '0', '0', '0']);
    fireEvent.click(within(region).getByRole('button', { name: 'Close comparison' }));
    expect(screen.queryByRole('region', { name: 'Compare strategies' })).toBeNull();
  });

  it('computes in slices with a progress bar; comparing again stops the comparison under way', async () => {
    // A long history (thousands of events): each strategy's replay takes many slices.
    const sim = createSimulation({
      seed: 3,
      nodes: datacenters(),
      latencyMs: { base: 80, jitter: 40 },
      keys: { title: 'register', cart: 'set' },
    });
    for (let i = 0; i < 300; i++) {
      const node = ['eu', 'us', 'ap'][i % 3] as string;
      if (i % 2 === 0) sim.write(node, 'title', { type: 'set', value: `t${String(i)}` });
      else sim.write(node, 'cart', { type: 'add', item: `i${String(i % 5)}` });
      sim.advance(20);
    }
    sim.runUntilQuiescent();
    const scenario = recordScenario(sim);
    render(<MultiLeaderLab scenario={scenario} controls={{ spacetime: false }} />);
    await openCompare();
    const region = screen.getByRole('region', { name: 'Compare strategies' });
    const bar = () => within(region).queryByRole<HTMLProgressElement>('progressbar', { name: 'Comparing strategies' });
    const rows = () => within(region).queryAllByRole('row').length;
    // Part of the way through: the bar has moved. (How many strategies are done by then depends on
    // the machine's load, so no row count is asserted here.)
    await waitFor(() => {
      expect(bar()?.value).toBeGreaterThan(0);
    }, WAIT);
    fireEvent.click(screen.getByRole('button', { name: 'Compare strategies' }));
    // Comparing again starts from nothing: the rows of the comparison under way are gone.
    expect(bar()?.value).toBe(0);
    expect(rows()).toBe(0);
    // Rows come one strategy at a time; the first comparison adds none (at most 5 rows, no repeats).
    const seen: number[] = [];
    await waitFor(
      () => {
        seen.push(rows());
        expect(within(region).getByRole('status').textContent).toMatch(/replayed under 5 strategies/);
      },
      { timeout: 30_000, interval: 5 },
    );
    expect(rows()).toBe(1 + COMPARED_STRATEGIES.length);
    expect(Math.max(...seen)).toBe(1 + COMPARED_STRATEGIES.length);
    expect(seen.some((n) => n > 0 && n < 1 + COMPARED_STRATEGIES.length)).toBe(true);
    expect(bar()).toBeNull();
    // The table holds what a replay at once gives.
    const whole = compareStrategies(scenario);
    const counts = within(region)
      .getAllByRole('row')
      .slice(1)
      .map((r) => Number(r.querySelector('.mll-compare-count')?.textContent));
    expect(counts).toEqual(whole.map((o) => o.lost.length));
  }, 40_000);

  it('says when the history has moved on since the comparison', async () => {
    let lab: LabActions | undefined;
    render(
      <MultiLeaderLab
        scenario={preset('lww-clock-skew')}
        onReady={(a) => {
          lab = a;
        }}
      />,
    );
    await openCompare();
    const status = within(screen.getByRole('region', { name: 'Compare strategies' })).getByRole('status');
    await waitFor(() => {
      expect(status.textContent).toMatch(/replayed under 5 strategies/);
    }, WAIT);
    act(() => {
      lab?.write('ap', 'title', { type: 'set', value: 'later' });
    });
    expect(status.textContent).toMatch(/history has changed/);
  });

  it('is hidden when the controls say so', () => {
    render(<MultiLeaderLab scenario={preset('lww-clock-skew')} controls={{ compare: false }} />);
    expect(screen.queryByRole('button', { name: 'Compare strategies' })).toBeNull();
  });
});

describe('Compare strategies on a long history', () => {
  it('lists ten lost writes per strategy and counts the rest by reason', async () => {
    const scenario = preset('lww-clock-skew');
    // Fifteen rounds, each a concurrent write on Frankfurt and Virginia: one of each pair is
    // lost (a write on one leader after its own earlier one is an overwrite, never a loss).
    const commands = Array.from({ length: 30 }, (_, i) => ({
      at: 3000 + Math.floor(i / 2) * 3000,
      type: 'write' as const,
      node: i % 2 === 0 ? 'eu' : 'us',
      key: 'title',
      op: { type: 'set' as const, value: `v${String(i)}` },
    }));
    render(
      <MultiLeaderLab
        scenario={{ ...scenario, commands: [...scenario.commands, ...commands], at: undefined }}
        controls={{ spacetime: false }}
      />,
    );
    await openCompare();
    const region = screen.getByRole('region', { name: 'Compare strategies' });
    await waitFor(() => {
      expect(within(region).getByRole('status').textContent).toMatch(/replayed under 5 strategies/);
    }, WAIT);
    const physical = within(region).getByRole('rowheader', { name: 'Last write wins (physical clock)' }).closest('tr');
    const lost = Number(physical?.querySelector('.mll-compare-count')?.textContent);
    expect(lost).toBeGreaterThan(10);
    expect(physical?.querySelectorAll('details')).toHaveLength(10);
    expect(physical?.textContent).toContain(`and ${String(lost - 10)} more (`);
  });
});
